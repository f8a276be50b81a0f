// Cost of TAB completion: `ecs __complete …` (the hidden command the shell scripts call)
// against bare Node, for command names, a verb's options, cached resource IDs and a cache
// miss (one bounded fetch from the embedded simulator), plus `ecs completion bash`.
// Round-robin in one run after warm-up; medians and p90.
// Usage: npm run build && node bench/completion.bench.js      (RUNS=20 by default)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, benchHome, printVsNode, recordVsNode, timeRoundRobin } from './lib.js';

const RUNS = Number(process.env.RUNS || 20);
const WARMUP = 3;
const { home, env } = benchHome('ecs-bench-compl-');
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

const times = timeRoundRobin(cases, {
  runs: RUNS,
  warmup: WARMUP,
  before: ([, , e]) => e === missEnv && rmSync(missEnv.XDG_CACHE_HOME, { recursive: true, force: true }),
  check: ([name], r) => (name.includes('instance stop') && r.stdout.toString().split('\n').length < 12 ? 'too few candidates' : undefined),
});
rmSync(home, { recursive: true, force: true });

console.log(`node ${process.version}, ${times.get('node -e 0').length} runs each (after ${WARMUP} warm-up rounds), 10 instances\n`);
printVsNode(cases, times, 40);
recordVsNode(cases, times);
