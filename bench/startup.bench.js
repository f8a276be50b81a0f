// Start-up cost of the built CLI against bare Node (issue 2 part 9: --version and --help
// within 15 ms of `node -e 0`). Every command is spawned round-robin in the same run
// (warm-up first), and the median of RUNS runs is reported with p90 and the difference to
// `node -e 0`.
// Usage: npm run build && node bench/startup.bench.js        (RUNS=30 by default)
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { BIN, benchHome, printVsNode, quantile, record, recordVsNode, timeRoundRobin } from './lib.js';

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
// module.enableCompileCache() (bin/ecs.js) exists from Node 22.1: measure what it saves by
// running the same commands with it disabled. Node 20 has no compile cache (same figures).
const noCache = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
cases.push(['ecs instance --help (no compile cache)', [BIN, 'instance', '--help'], noCache]);
cases.push(['ecs region list (no compile cache)', [BIN, 'region', 'list'], noCache]);

const times = timeRoundRobin(cases, { runs: RUNS, warmup: WARMUP, budgetMs: 110_000 });
rmSync(home, { recursive: true, force: true });

console.log(`node ${process.version}, ${times.get('node -e 0').length} runs each (after ${WARMUP} warm-up rounds), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`);
const base = printVsNode(cases, times, 40);
const within15 = { text: 'within 15 ms of node -e 0', check: (d) => d <= 15 };
recordVsNode(cases, times, { 'ecs --version': within15, 'ecs --help': within15 });
const target = ['ecs --version', 'ecs --help'].every((n) => quantile(times.get(n), 0.5) - base <= 15);
for (const n of ['ecs instance --help', 'ecs region list']) {
  const saved = quantile(times.get(`${n} (no compile cache)`), 0.5) - quantile(times.get(n), 0.5);
  console.log(`compile cache saves ${saved.toFixed(1)} ms on ${n} (${process.version})`);
  record({ name: `compile cache saving on ${n}`, value: saved, unit: 'ms', note: 'median without the cache minus median with it' });
}
console.log(`\ntarget (--version and --help within 15 ms of node -e 0): ${target ? 'met' : 'NOT met'}`);
