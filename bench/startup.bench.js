// Start-up cost of the built CLI against bare Node (issue 2 part 9: --version and --help
// within 15 ms of `node -e 0`). Every command is spawned round-robin in the same run
// (warm-up first), and the median of RUNS runs is reported with p90 and the difference to
// `node -e 0`.
// Usage: npm run build && node bench/startup.bench.js        (RUNS=30 by default)
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { BIN, benchHome, printVsNode, quantile, timeRoundRobin } from './lib.js';

const RUNS = Number(process.env.RUNS || 30);
const WARMUP = 3;
const { home, env } = benchHome('ecs-bench-startup-');

const cases = [
  ['node -e 0', ['-e', '0'], env],
  ['ecs --version', [BIN, '--version'], env],
  ['ecs --help', [BIN, '--help'], env],
  ['ecs instance --help', [BIN, 'instance', '--help'], env],
  ['ecs region list', [BIN, 'region', 'list'], env],
];

const times = timeRoundRobin(cases, { runs: RUNS, warmup: WARMUP, budgetMs: 110_000 });
rmSync(home, { recursive: true, force: true });

console.log(`node ${process.version}, ${times.get('node -e 0').length} runs each (after ${WARMUP} warm-up rounds), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`);
const base = printVsNode(cases, times, 24);
const target = ['ecs --version', 'ecs --help'].every((n) => quantile(times.get(n), 0.5) - base <= 15);
console.log(`\ntarget (--version and --help within 15 ms of node -e 0): ${target ? 'met' : 'NOT met'}`);
