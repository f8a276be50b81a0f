// Start-up cost of the built CLI against bare Node (issue 2 part 9: --version and --help
// within 15 ms of `node -e 0`). Every command is spawned round-robin in the same run
// (warm-up first), and the median of RUNS runs is reported with p90 and the difference to
// `node -e 0`.
// Usage: npm run build && node bench/startup.bench.js        (RUNS=30 by default)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');
const RUNS = Number(process.env.RUNS || 30);
const WARMUP = 3;

const home = mkdtempSync(join(tmpdir(), 'ecs-bench-startup-'));
const env = {
  PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'), ECS_SIMULATOR_DIR: join(home, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
};

const cases = [
  ['node -e 0', ['-e', '0']],
  ['ecs --version', [BIN, '--version']],
  ['ecs --help', [BIN, '--help']],
  ['ecs instance --help', [BIN, 'instance', '--help']],
  ['ecs region list', [BIN, 'region', 'list']],
];

const times = new Map(cases.map(([name]) => [name, []]));
const deadline = Date.now() + 110_000;
for (let round = 0; round < WARMUP + RUNS && Date.now() < deadline; round++) {
  for (const [name, args] of cases) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`${name} failed (exit ${r.status}): ${r.stderr}`);
      process.exit(1);
    }
    if (round >= WARMUP) times.get(name).push(ms);
  }
}
rmSync(home, { recursive: true, force: true });

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const base = q(times.get('node -e 0'), 0.5);
console.log(`node ${process.version}, ${times.get('node -e 0').length} runs each (after ${WARMUP} warm-up rounds), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`);
console.log('command                  median ms   p90 ms   vs node -e 0');
for (const [name] of cases) {
  const xs = times.get(name);
  const med = q(xs, 0.5);
  const delta = name === 'node -e 0' ? '' : `${med - base >= 0 ? '+' : ''}${(med - base).toFixed(1)} ms`;
  console.log(`${name.padEnd(24)} ${med.toFixed(1).padStart(9)} ${q(xs, 0.9).toFixed(1).padStart(8)}   ${delta}`);
}
const target = ['ecs --version', 'ecs --help'].every((n) => q(times.get(n), 0.5) - base <= 15);
console.log(`\ntarget (--version and --help within 15 ms of node -e 0): ${target ? 'met' : 'NOT met'}`);
