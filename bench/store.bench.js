// The simulator store at 10,000 instances (issue 2 part 9):
//   `ecs instance list -o json` (target < 400 ms) and `ecs instance create` (target < 150 ms
//   beyond start-up) on a store of 10,000 instances, against the same verbs on an empty
//   store, plus the raw costs of the store's steps on that state file (read, JSON.parse,
//   JSON.stringify, write + fsync + rename, directory fsync).
// Usage: npm run build && node bench/store.bench.js     (N=10000 RUNS=10 by default)
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');
const N = Number(process.env.N || 10_000);
const RUNS = Number(process.env.RUNS || 10);
const PASSWORD = 'Str0ng#Passw0rd';
const deadline = Date.now() + 115_000;

function home() {
  const h = mkdtempSync(join(tmpdir(), 'ecs-bench-store-'));
  return {
    dir: h,
    sim: join(h, 'sim'),
    env: {
      PATH: process.env.PATH, HOME: h, XDG_CONFIG_HOME: join(h, '.config'), XDG_DATA_HOME: join(h, '.local', 'share'),
      XDG_CACHE_HOME: join(h, '.cache'), ECS_SIMULATOR_DIR: join(h, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
    },
  };
}

function ecs(h, args, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { env: h.env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`ecs ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
function timeIt(f, runs = RUNS) {
  const xs = [];
  for (let i = 0; i < runs && (i === 0 || Date.now() < deadline); i++) xs.push(f());
  return median(xs);
}

const small = home();
const big = home();
for (const h of [small, big]) {
  ecs(h, ['simulator', 'set', 'quota.instances', String(N + 1000)]);
  ecs(h, ['simulator', 'set', 'quota.instances-per-security-group', String(N + 1000)]);
}

// Fill the big store through the CLI, 100 instances per call (the API's maximum Amount).
const t0 = Date.now();
// Spread over the zones: a default vSwitch (/20) holds 4,092 addresses.
const ZONES = ['cn-hangzhou-f', 'cn-hangzhou-g', 'cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k'];
for (let made = 0; made < N; made += 100) {
  const zone = ZONES[(made / 100) % ZONES.length];
  ecs(big, ['instance', 'create', '--zone', zone, '--amount', String(Math.min(100, N - made)), '--password-stdin', '-q', '-o', 'ids'], `${PASSWORD}\n`);
  if (Date.now() > deadline - 40_000) {
    console.log(`(filling stopped at ${made + 100} instances to stay within the time bound)`);
    break;
  }
}
const stateFile = join(big.sim, 'state.json');
const text = readFileSync(stateFile, 'utf8');
const count = Object.keys(JSON.parse(text).instances).length;
console.log(`store: ${count} instances, ${(statSync(stateFile).size / 1e6).toFixed(1)} MB (${Math.round(statSync(stateFile).size / count)} bytes/instance), filled in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

ecs(small, ['instance', 'create', '--password-stdin', '-q', '-o', 'ids'], `${PASSWORD}\n`);
const rows = [];
const row = (name, f) => rows.push([name, timeIt(f)]);
row('ecs region list (empty store)', () => ecs(small, ['region', 'list']).ms);
row('ecs instance list -o json (1)', () => ecs(small, ['instance', 'list', '-o', 'json']).ms);
row(`ecs instance list -o json (${count})`, () => ecs(big, ['instance', 'list', '-o', 'json']).ms);
row('ecs instance create (1 → …)', () => ecs(small, ['instance', 'create', '--password-stdin', '-q', '-o', 'ids'], `${PASSWORD}\n`).ms);
row(`ecs instance create (${count} → …)`, () => ecs(big, ['instance', 'create', '--password-stdin', '-q', '-o', 'ids'], `${PASSWORD}\n`).ms);

// Raw store steps on the big state file.
const hr = (f) => () => {
  const s = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - s) / 1e6;
};
let parsed;
let out;
const tmp = join(big.sim, '.bench.tmp');
row('  read state.json', hr(() => readFileSync(stateFile, 'utf8')));
row('  JSON.parse', hr(() => (parsed = JSON.parse(text))));
row('  JSON.stringify', hr(() => (out = JSON.stringify(parsed))));
row('  write + fsync + rename', hr(() => {
  const fd = openSync(tmp, 'w', 0o600);
  writeFileSync(fd, out);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, join(big.sim, '.bench.json'));
}));
row('  fsync of the directory', hr(() => {
  const fd = openSync(big.sim, 'r');
  fsyncSync(fd);
  closeSync(fd);
}));

const base = rows[0][1];
console.log('step                                   median ms   beyond start-up');
for (const [name, ms] of rows) {
  const beyond = name.startsWith('ecs ') && name !== rows[0][0] ? `${(ms - base).toFixed(0)} ms` : '';
  console.log(`${name.padEnd(38)} ${ms.toFixed(1).padStart(9)}   ${beyond}`);
}
const get = (prefix) => rows.find(([n]) => n.startsWith(prefix))[1];
console.log(`\ntargets at ${count} instances: list -o json < 400 ms: ${get(`ecs instance list -o json (${count})`) < 400 ? 'met' : 'NOT met'}; ` +
  `create < 150 ms beyond start-up (region list on an empty store): ${get(`ecs instance create (${count}`) - base < 150 ? 'met' : 'NOT met'}`);
for (const h of [small, big]) rmSync(h.dir, { recursive: true, force: true });
