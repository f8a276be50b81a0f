// Cost of TAB completion: `ecs __complete …` (the hidden command the shell scripts call)
// against bare Node, for command names, a verb's options, cached resource IDs and a cache
// miss (one bounded fetch from the embedded simulator), plus `ecs completion bash`.
// Round-robin in one run after warm-up; medians and p90.
// Usage: npm run build && node bench/completion.bench.js      (RUNS=20 by default)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');
const RUNS = Number(process.env.RUNS || 20);
const WARMUP = 3;

const home = mkdtempSync(join(tmpdir(), 'ecs-bench-compl-'));
const env = {
  PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'), ECS_SIMULATOR_DIR: join(home, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
};
const run = (args, input) => spawnSync(process.execPath, [BIN, ...args], { env, input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });

// 10 instances to complete (the default PostPaid quota).
const made = run(['instance', 'create', '--amount', '10', '--name', 'bench', '--password-stdin'], 'Str0ng#Passw0rd\n');
if (made.status !== 0) {
  console.error(`setup failed: ${made.stderr}`);
  process.exit(1);
}
const missEnv = { ...env, XDG_CACHE_HOME: join(home, 'no-cache') }; // cache dir never written: see below

const cases = [
  ['node -e 0', ['-e', '0'], env],
  ['ecs --version (reference)', [BIN, '--version'], env],
  ['ecs __complete inst', [BIN, '__complete', '--', 'inst'], env],
  ['ecs __complete instance list --', [BIN, '__complete', '--', 'instance', 'list', '--'], env],
  ['ecs __complete instance stop (cached)', [BIN, '__complete', '--', 'instance', 'stop', ''], env],
  ['ecs __complete instance stop (miss)', [BIN, '__complete', '--', 'instance', 'stop', ''], missEnv],
  ['ecs completion bash', [BIN, 'completion', 'bash'], env],
];

const times = new Map(cases.map(([name]) => [name, []]));
const deadline = Date.now() + 100_000;
for (let round = 0; round < WARMUP + RUNS && Date.now() < deadline; round++) {
  for (const [name, args, e] of cases) {
    if (e === missEnv) rmSync(missEnv.XDG_CACHE_HOME, { recursive: true, force: true });
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 || (name.includes('instance stop') && r.stdout.toString().split('\n').length < 12)) {
      console.error(`${name} failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
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
console.log(`node ${process.version}, ${times.get('node -e 0').length} runs each (after ${WARMUP} warm-up rounds), 10 instances\n`);
console.log('command                                  median ms   p90 ms   vs node -e 0');
for (const [name] of cases) {
  const xs = times.get(name);
  const med = q(xs, 0.5);
  const delta = name === 'node -e 0' ? '' : `${med - base >= 0 ? '+' : ''}${(med - base).toFixed(1)} ms`;
  console.log(`${name.padEnd(40)} ${med.toFixed(1).padStart(9)} ${q(xs, 0.9).toFixed(1).padStart(8)}   ${delta}`);
}
