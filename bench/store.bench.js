// The simulator store itself at 10,000 instances (issue 2 part 9; bench/instance.bench.js
// measures the instance verbs). Figures:
//   - `ecs simulator set` (one mutation: lock, parse, stringify, write, fsync, rename — no
//     resource logic) and `ecs simulator status` (one read) on an empty store and on the
//     10k store: the difference is what the store costs a command at that size;
//   - the raw steps on that state file: read, JSON.parse, JSON.stringify, write + fsync +
//     rename, fsync of the directory.
// The store is filled in-process (dist/cli.js main(), `instance create --amount 100`).
// Usage: npm run build && node bench/store.bench.js     (N=10000 RUNS=15)
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'ecs.js');
const N = Number(process.env.N || 10_000);
const RUNS = Number(process.env.RUNS || 15);
const deadline = Date.now() + 110_000;

function home() {
  const h = mkdtempSync(join(tmpdir(), 'ecs-bench-store-'));
  const env = {
    PATH: process.env.PATH, HOME: h, XDG_CONFIG_HOME: join(h, '.config'), XDG_DATA_HOME: join(h, '.local', 'share'),
    XDG_CACHE_HOME: join(h, '.cache'), ECS_SIMULATOR_DIR: join(h, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
  };
  return { dir: h, sim: env.ECS_SIMULATOR_DIR, env };
}
const empty = home();
const big = home();

// ---- fill in-process ----------------------------------------------------------------------
const { main } = await import(join(ROOT, 'dist', 'cli.js'));
let errText = '';
const io = {
  stdin: process.stdin, stdout: new Writable({ write(_c, _e, cb) { cb(); } }), stderr: new Writable({ write(c, _e, cb) { errText += c; cb(); } }),
  stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 0, color: false,
};
async function inProcess(h, args) {
  errText = '';
  const code = await main(args, { io, env: h.env });
  if (code !== 0) throw new Error(`ecs ${args.join(' ')} failed (${code}): ${errText}`);
}
for (const h of [empty, big]) {
  await inProcess(h, ['simulator', 'set', 'quota.instances', String(N + 1000)]);
  await inProcess(h, ['simulator', 'set', 'quota.instances-per-security-group', String(N + 1000)]);
}
await inProcess(empty, ['instance', 'create', '-q', '-o', 'ids']);
const ZONES = ['cn-hangzhou-f', 'cn-hangzhou-g', 'cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k'];
const t0 = Date.now();
let made = 0;
for (; made < N && Date.now() < deadline - 70_000; made += 100) {
  await inProcess(big, ['instance', 'create', '--zone', ZONES[(made / 100) % ZONES.length], '--amount', String(Math.min(100, N - made)), '-q', '-o', 'ids']);
}
// The whole state as one document, whatever the store's file layout (snapshot + journal).
const exported = spawnSync(process.execPath, [BIN, 'simulator', 'export', '-'], { env: big.env, maxBuffer: 1 << 30 });
if (exported.status !== 0) throw new Error(`export failed: ${exported.stderr}`);
const text = exported.stdout.toString();
const file = join(big.sim, '.bench-state.json');
writeFileSync(file, text);
const count = Object.keys(JSON.parse(text).instances).length;
console.log(`store: ${count} instances, ${(text.length / 1e6).toFixed(1)} MB as one document (${Math.round(text.length / count)} bytes/instance), filled in-process in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

// ---- measurements -------------------------------------------------------------------------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
function spawned(h, args) {
  return () => {
    const s = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`ecs ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
}
function timed(f) {
  return () => {
    const s = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
}
const rows = [];
function row(name, f) {
  f(); // warm-up
  const xs = [];
  for (let i = 0; i < RUNS && (i < 3 || Date.now() < deadline); i++) xs.push(f());
  rows.push([name, median(xs)]);
}
let flip = 0;
row('ecs simulator set (empty store)', spawned(empty, ['simulator', 'set', 'latency', String(flip++ % 2)]));
row(`ecs simulator set (${count} instances)`, () => spawned(big, ['simulator', 'set', 'latency', String(flip++ % 2)])());
row('ecs simulator status (empty store)', spawned(empty, ['simulator', 'status']));
row(`ecs simulator status (${count} instances)`, spawned(big, ['simulator', 'status']));

let parsed;
let out;
const tmp = join(big.sim, '.bench.tmp');
row('  read the state (one file)', timed(() => readFileSync(file, 'utf8')));
row('  JSON.parse', timed(() => (parsed = JSON.parse(text))));
row('  JSON.stringify', timed(() => (out = JSON.stringify(parsed))));
row('  write + fsync + rename', timed(() => {
  const fd = openSync(tmp, 'w', 0o600);
  writeFileSync(fd, out);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, join(big.sim, '.bench.json'));
}));
row('  fsync of the directory', timed(() => {
  const fd = openSync(big.sim, 'r');
  fsyncSync(fd);
  closeSync(fd);
}));

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs (figures on a busy machine are inflated)\n`);
console.log('step                                          median ms');
for (const [name, ms] of rows) console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(9)}`);
const get = (n) => rows.find(([x]) => x === n)[1];
console.log(`\nstore cost of one mutation at ${count} instances: ${(get(`ecs simulator set (${count} instances)`) - get('ecs simulator set (empty store)')).toFixed(0)} ms; ` +
  `of one read: ${(get(`ecs simulator status (${count} instances)`) - get('ecs simulator status (empty store)')).toFixed(0)} ms`);
for (const h of [empty, big]) rmSync(h.dir, { recursive: true, force: true });
