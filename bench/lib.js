// Shared by the start-up benches: a temp HOME for the CLI, round-robin timing of spawned
// commands (warm-up rounds first, bounded in time), quantiles and the "vs node -e 0" table.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');

/** A temp HOME with XDG dirs and a simulator dir (time scale 0). */
export function benchHome(prefix) {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'), ECS_SIMULATOR_DIR: join(home, 'sim'), ECS_SIMULATOR_TIME_SCALE: '0', LANG: 'C.UTF-8',
  };
  return { home, env };
}

/**
 * Spawn `node ...args` for every case in turn, WARMUP + RUNS rounds (fewer if budgetMs runs
 * out). cases: [name, args, env][]; before(case) runs untimed before each spawn, check(case, r)
 * returns an error text for a failed run. Returns name → times in ms (warm-up dropped).
 */
export function timeRoundRobin(cases, { runs, warmup = 3, budgetMs = 100_000, before, check }) {
  const times = new Map(cases.map(([name]) => [name, []]));
  const deadline = Date.now() + budgetMs;
  for (let round = 0; round < warmup + runs && Date.now() < deadline; round++) {
    for (const c of cases) {
      const [name, args, env] = c;
      before?.(c);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const bad = r.status !== 0 ? `exit ${r.status}` : check?.(c, r);
      if (bad) {
        console.error(`${name} failed (${bad}): ${r.stdout}${r.stderr}`);
        process.exit(1);
      }
      if (round >= warmup) times.get(name).push(ms);
    }
  }
  return times;
}

export const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};

/** Median, p90 and the difference to the `node -e 0` case, one line per case. */
export function printVsNode(cases, times, width) {
  const base = quantile(times.get('node -e 0'), 0.5);
  console.log(`${'command'.padEnd(width)} median ms   p90 ms   vs node -e 0`);
  for (const [name] of cases) {
    const xs = times.get(name);
    const med = quantile(xs, 0.5);
    const delta = name === 'node -e 0' ? '' : `${med - base >= 0 ? '+' : ''}${(med - base).toFixed(1)} ms`;
    console.log(`${name.padEnd(width)} ${med.toFixed(1).padStart(9)} ${quantile(xs, 0.9).toFixed(1).padStart(8)}   ${delta}`);
  }
  return base;
}

/**
 * One figure for BENCHMARKS.md (bench/run.js collects them from every script of one run).
 * name: what was measured; value + unit; anchor: { name, value } measured in the same run
 * (ratio = value / anchor.value unless given); target: the target as text, and met:
 * whether this run meets it (undefined = no target); cause: why a target is not met.
 * Without ECS_BENCH_RESULTS (a script run by hand) nothing is written.
 */
export function record(entry) {
  const file = process.env.ECS_BENCH_RESULTS;
  if (!file) return;
  const bench = process.env.ECS_BENCH_NAME ?? '';
  const e = { bench, node: process.version, ...entry };
  if (e.ratio === undefined && e.anchor && e.anchor.value > 0) e.ratio = e.value / e.anchor.value;
  appendFileSync(file, JSON.stringify(e) + '\n');
}

/** record() for each case of a printVsNode table: the value is the median, the anchor `node -e 0`. */
export function recordVsNode(cases, times, targets = {}) {
  const base = quantile(times.get('node -e 0'), 0.5);
  for (const [name] of cases) {
    if (name === 'node -e 0') continue;
    const med = quantile(times.get(name), 0.5);
    const t = targets[name];
    record({
      name: `${name} (beyond start-up)`,
      value: med - base,
      unit: 'ms',
      anchor: { name: 'node -e 0', value: base },
      ratio: med / base,
      ...(t ? { target: t.text, met: t.check(med - base, med, base) } : {}),
    });
  }
}
