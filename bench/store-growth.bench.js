// Store access as the store grows (issue 12 part 1): by-ID reads and single-record changes
// must not grow with the store; list may, linearly. For each size (1k, 10k, 100k instances
// by default; SIZES=1000,10000 to choose) a store is built: a few instances made by the CLI
// (real records, system disks), then cloned to the size with unique IDs, names and private
// IPs on their own vSwitches (so the default vSwitches keep free addresses for create), each
// with its system disk and one snapshot of it, written with `ecs simulator import`. Then, spawned, in one run:
//   ecs --version (start-up), instance describe ID, instance create -o ids, instance stop
//   ID --yes (a different Running instance each run), instance list -o json.
// Figures: medians, "beyond start-up" = median − median(ecs --version).
// Targets: 10k: describe/create/stop ≤ 40 ms beyond start-up, list -o json ≤ 250 ms;
//          100k: ≤ 60 ms beyond start-up, list -o json ≤ 2.5 s.
// Usage: npm run build && node bench/store-growth.bench.js      (SIZES=1000,10000,100000 RUNS=7)
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BIN, benchHome, quantile, record } from './lib.js';

const SIZES = (process.env.SIZES || '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.RUNS || 7);

function ecs(env, args, input) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`ecs ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.toString();
}

function build(n) {
  const { home, env } = benchHome('ecs-bench-growth-');
  ecs(env, ['simulator', 'set', 'quota.instances', String(n + 1000)]);
  ecs(env, ['simulator', 'set', 'quota.instances-per-security-group', String(n + 1000)]);
  ecs(env, ['instance', 'create', '--amount', '3', '-q', '-o', 'ids']);
  const state = JSON.parse(ecs(env, ['simulator', 'export', '-']));
  const [tpl] = Object.values(state.instances);
  const tplDisk = Object.values(state.disks).find((d) => d.inst === tpl.id);
  const t0 = Date.now();
  for (let i = 0; i < n - 3; i++) {
    const id = `i-bench${String(i).padStart(13, '0')}`;
    const vsw = `vsw-bench${Math.floor(i / 4000)}`;
    state.instances[id] = { ...tpl, id, name: `bench-${i}`, vsw, ip: `10.${100 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`, ct: tpl.ct + i };
    if (tplDisk) {
      const did = `d-bench${String(i).padStart(13, '0')}`;
      // The storage issue's records too: each instance's system disk has one snapshot.
      const sid = `s-bench${String(i).padStart(13, '0')}`;
      state.disks[did] = { ...tplDisk, id: did, inst: id, snaps: [sid], hadSnap: 1 };
      state.snapshots[sid] = {
        id: sid, region: 'cn-hangzhou', disk: did, dtype: tplDisk.type, dsize: tplDisk.size, inst: id, kind: 'user',
        ct: tpl.ct + i, done: tpl.ct + i, status: 'accomplished',
      };
    }
  }
  const file = join(home, 'state-export.json');
  writeFileSync(file, JSON.stringify(state));
  ecs(env, ['simulator', 'import', '--yes', file]);
  rmSync(file);
  const sim = env.ECS_SIMULATOR_DIR;
  const bytes = readdirSync(sim).reduce((a, f) => a + statSync(join(sim, f)).size, 0);
  return { home, env, ids: Object.keys(state.instances).filter((x) => x.startsWith('i-bench')), bytes, buildS: (Date.now() - t0) / 1000 };
}

/**
 * One spawned run: wall ms and CPU ms (user + sys of the child, from bash's `times`; less
 * sensitive than wall time when the machine is shared; undefined without bash).
 */
const hasBash = spawnSync('bash', ['-c', 'times'], { encoding: 'utf8' }).status === 0;
function time(env, args) {
  if (!hasBash) {
    const t0 = process.hrtime.bigint();
    ecs(env, args);
    return { wall: Number(process.hrtime.bigint() - t0) / 1e6 };
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$@" >/dev/null 2>\"$HOME/.growth-err\" || { cat \"$HOME/.growth-err\" >&2; exit 1; }; times', 'bash', process.execPath, BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`ecs ${args.join(' ')} failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall, cpu: secs.length === 2 ? (secs[0] + secs[1]) * 1000 : undefined };
}

const results = [];
for (const n of SIZES) {
  const b = build(n);
  const rows = { version: [], cli: [], describe: [], create: [], stop: [], list: [] };
  let k = 0;
  // round-robin: every command once per round, so load changes hit all of them alike
  for (let round = 0; round < RUNS + 1; round++) {
    const warm = round === 0;
    const push = (name, ms) => !warm && rows[name].push(ms);
    push('version', time(b.env, ['--version']));
    // The CLI and the simulator loaded, the store not read (DescribeRegions answers from the
    // catalogue): what every simulator command costs before it touches the store.
    push('cli', time(b.env, ['region', 'list', '-o', 'json']));
    push('describe', time(b.env, ['instance', 'describe', b.ids[(k * 7919) % b.ids.length], '-o', 'json']));
    push('create', time(b.env, ['instance', 'create', '-o', 'ids']));
    push('stop', time(b.env, ['instance', 'stop', b.ids[k++], '--yes']));
    if (n <= 10_000 || round < 3) push('list', time(b.env, ['instance', 'list', '-o', 'json']));
  }
  const med = Object.fromEntries(Object.entries(rows).map(([k2, xs]) => [k2, quantile(xs.map((x) => x.wall), 0.5)]));
  const cpu = Object.fromEntries(Object.entries(rows).map(([k2, xs]) => [k2, xs[0]?.cpu === undefined ? NaN : quantile(xs.map((x) => x.cpu), 0.5)]));
  results.push({ n, bytes: b.bytes, med, cpu });
  rmSync(b.home, { recursive: true, force: true });
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs; medians of ${RUNS} runs (list at 100k: 3)\n`);
console.log('instances   store MB   --version   region list   describe ID   create -o ids   stop ID --yes   list -o json   (ms; in brackets: beyond --version / beyond region list)');
for (const { n, bytes, med } of results) {
  const b = (x) => `${x.toFixed(0)} (+${(x - med.version).toFixed(0)}/+${(x - med.cli).toFixed(0)})`;
  console.log(`${String(n).padStart(9)}   ${(bytes / 1e6).toFixed(1).padStart(8)}   ${med.version.toFixed(0).padStart(9)}   ${med.cli.toFixed(0).padStart(11)}   ${b(med.describe).padStart(11)}   ${b(med.create).padStart(13)}   ${b(med.stop).padStart(13)}   ${med.list.toFixed(0).padStart(12)}`);
}
console.log('\nCPU time (user + sys), medians, ms:');
console.log('instances   --version   describe ID   create -o ids   stop ID --yes   list -o json');
for (const { n, cpu } of results) {
  const b = (x) => `${x.toFixed(0)} (+${(x - cpu.version).toFixed(0)})`;
  console.log(`${String(n).padStart(9)}   ${cpu.version.toFixed(0).padStart(9)}   ${b(cpu.describe).padStart(11)}   ${b(cpu.create).padStart(13)}   ${b(cpu.stop).padStart(13)}   ${cpu.list.toFixed(0).padStart(12)}`);
}
console.log('\ntargets (wall):');
for (const { n, med } of results) {
  if (n !== 10_000 && n !== 100_000) continue;
  const lim = n === 10_000 ? 40 : 60;
  const listLim = n === 10_000 ? 250 : 2500;
  for (const c of ['describe', 'create', 'stop']) console.log(`  ${n} ${c}: ${(med[c] - med.version).toFixed(0)} ms beyond start-up (≤ ${lim}): ${med[c] - med.version <= lim ? 'met' : 'NOT met'}`);
  console.log(`  ${n} list -o json: ${med.list.toFixed(0)} ms (≤ ${listLim}): ${med.list <= listLim ? 'met' : 'NOT met'}`);
}

// For BENCHMARKS.md (issue 12 part 1): the growth table and the targets, same run as ecs --version.
for (const { n, bytes, med, cpu } of results) {
  const lim = n === 100_000 ? 60 : 40;
  const listLim = n === 100_000 ? 2500 : 250;
  const hasTarget = n === 10_000 || n === 100_000;
  const cliOver = med.cli - med.version;
  const cause = (v) =>
    `loading the CLI and the simulator costs ${cliOver.toFixed(0)} ms beyond --version on Node ${process.versions.node} (ecs region list, which reads no store, same run); the command's own part beyond that is ${v.toFixed(0)} ms`;
  for (const c of ['describe', 'create', 'stop']) {
    const v = med[c] - med.version;
    const own = med[c] - med.cli;
    record({
      name: `${n.toLocaleString('en')} instances (${(bytes / 1e6).toFixed(1)} MB): ${c === 'describe' ? 'instance describe ID' : c === 'create' ? 'instance create -o ids' : 'instance stop ID --yes'} beyond start-up`,
      value: v, unit: 'ms', anchor: { name: 'ecs --version', value: med.version },
      note: `${own.toFixed(0)} ms beyond ecs region list (${med.cli.toFixed(0)} ms); CPU ${cpu[c].toFixed(0)} ms (--version ${cpu.version.toFixed(0)} ms)`,
      ...(hasTarget ? { target: `≤ ${lim} ms beyond start-up`, met: v <= lim, ...(v > lim ? { cause: cause(own) } : {}) } : {}),
    });
  }
  record({
    name: `${n.toLocaleString('en')} instances: instance list -o json`, value: med.list, unit: 'ms', anchor: { name: 'ecs --version', value: med.version },
    note: `CPU ${cpu.list.toFixed(0)} ms`,
    ...(hasTarget ? { target: `≤ ${listLim} ms`, met: med.list <= listLim, ...(med.list > listLim ? { cause: cause(med.list - med.cli) } : {}) } : {}),
  });
}
