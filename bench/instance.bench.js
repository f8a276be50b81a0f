// `ecs instance` on a store of 10,000 instances (issue 2 part 9), from the CLI's side:
//   list -o json (target < 400 ms) and create (target < 150 ms beyond `ecs --version`),
//   plus variants that show where the time goes (rendering, default lookups, describe).
// The store is filled in-process through the simulator (dist/cli.js main(), RunInstances
// with Amount 100 × 100), then every figure is the median of RUNS spawned `ecs` processes.
// Usage: npm run build && node bench/instance.bench.js      (N=10000 RUNS=10)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'ecs.js');
const N = Number(process.env.N || 10_000);
const RUNS = Number(process.env.RUNS || 10);
const deadline = Date.now() + 110_000;

const home = mkdtempSync(join(tmpdir(), 'ecs-bench-instance-'));
const env = {
  PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'), ECS_SIMULATOR_DIR: join(home, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
};

// ---- fill the store in-process --------------------------------------------------------
const { main } = await import(join(ROOT, 'dist', 'cli.js'));
const sink = () => new Writable({ write(_c, _e, cb) { cb(); } });
let errText = '';
const io = {
  stdin: process.stdin, stdout: sink(), stderr: new Writable({ write(c, _e, cb) { errText += c; cb(); } }),
  stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 0, color: false,
};
const inProcess = async (args) => {
  errText = '';
  const code = await main(args, { io, env });
  if (code !== 0) throw new Error(`ecs ${args.join(' ')} failed (${code}): ${errText}`);
};
await inProcess(['simulator', 'set', 'quota.instances', String(N + 1000)]);
await inProcess(['simulator', 'set', 'quota.instances-per-security-group', String(N + 1000)]);
// A default vSwitch (/20) holds 4,092 addresses: spread the instances over the zones.
const ZONES = ['cn-hangzhou-f', 'cn-hangzhou-g', 'cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k'];
const t0 = Date.now();
let made = 0;
for (; made < N; made += 100) {
  await inProcess(['instance', 'create', '--name', `bench-${made}`, '--type', 'ecs.e-c1m2.large', '--zone', ZONES[(made / 100) % ZONES.length], '--amount', String(Math.min(100, N - made)), '-q', '-o', 'ids']);
  if (Date.now() > deadline - 60_000) {
    made += 100;
    console.log(`(filling stopped at ${made} instances to stay within the time bound)`);
    break;
  }
}
const count = Math.min(made, N);
const size = statSync(join(env.ECS_SIMULATOR_DIR, 'state.json')).size;
console.log(`store: ${count} instances, ${(size / 1e6).toFixed(1)} MB, filled in-process in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// ---- spawned measurements ---------------------------------------------------------------
function ecs(args, input) {
  const s = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - s) / 1e6;
  if (r.status !== 0) throw new Error(`ecs ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}
/**
 * CPU time (user + sys) of one run, from bash's `times` (children's usage): less
 * sensitive than wall time when the machine is shared. undefined without bash.
 */
const hasBash = spawnSync('bash', ['-c', 'times'], { encoding: 'utf8' }).status === 0;
function cpu(args, input) {
  if (!hasBash) return undefined;
  const r = spawnSync('bash', ['-c', '"$@" >/dev/null 2>&1; times', 'bash', process.execPath, BIN, ...args], { env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const line = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs.length === 2 ? (secs[0] + secs[1]) * 1000 : undefined;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rows = [];
function row(name, args, input) {
  ecs(args, input); // warm the page cache
  const xs = [];
  const cs = [];
  for (let i = 0; i < RUNS && (i < 3 || Date.now() < deadline); i++) {
    xs.push(ecs(args, input));
    const c = cpu(args, input);
    if (c !== undefined) cs.push(c);
  }
  rows.push([name, median(xs), xs.length, cs.length ? median(cs) : undefined]);
}
row('ecs --version (start-up)', ['--version']);
row('ecs region list (CLI + simulator load)', ['region', 'list']);
row(`instance list -o json`, ['instance', 'list', '-o', 'json']);
row(`instance list -o ids`, ['instance', 'list', '-o', 'ids']);
row(`instance list --name bench-0 -o json (1 hit)`, ['instance', 'list', '--name', 'bench-0', '-o', 'json']);
row(`instance create (defaults)`, ['instance', 'create', '--password-stdin'], 'Str0ng#Passw0rd\n');
row(`instance create -o ids (defaults)`, ['instance', 'create', '-o', 'ids']);
row(`instance create -o ids --image --type --zone`, ['instance', 'create', '-o', 'ids', '--image', 'aliyun_3_x64_20G_alibase_20240819.vhd', '--type', 'ecs.e-c1m2.large', '--zone', 'cn-hangzhou-k']);

const base = rows[0][1];
const cpuBase = rows[0][3];
const load = (await import('node:os')).loadavg()[0];
console.log(`\n${`command (store of ${count} instances)`.padEnd(50)} median ms   beyond start-up   cpu ms (user+sys)   runs`);
for (const [name, ms, n, c] of rows) {
  const first = name.startsWith('ecs --version');
  const cpuText = c === undefined ? '' : `${c.toFixed(0)}${first || cpuBase === undefined ? '' : ` (+${(c - cpuBase).toFixed(0)})`}`;
  console.log(`${name.padEnd(50)} ${ms.toFixed(1).padStart(9)}   ${first ? ''.padStart(15) : `${(ms - base).toFixed(0)} ms`.padStart(15)}   ${cpuText.padStart(17)}   ${n}`);
}
console.log(`(load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs while measuring: wall times grow with it)`);
const get = (p) => rows.find(([n]) => n.startsWith(p))[1];
console.log(
  `\ntargets: list -o json < 400 ms: ${get('instance list -o json') < 400 ? 'met' : 'NOT met'} (${get('instance list -o json').toFixed(0)} ms); ` +
    `create < 150 ms beyond start-up: ${get('instance create (defaults)') - base < 150 ? 'met' : 'NOT met'} (${(get('instance create (defaults)') - base).toFixed(0)} ms)`,
);
rmSync(home, { recursive: true, force: true });
