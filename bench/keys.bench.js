// ecs key ... vs ssh-keygen / puttygen, same machine, same run, interleaved runs, medians.
//   generate           vs ssh-keygen -t rsa -b 2048 -m PEM -N ''          (median of 30)
//   to-ppk plain       vs puttygen K -o K.ppk (v3, unencrypted; a new file each run, and with --force)
//   to-ppk plain and public: also beyond `node -e 0`, run in the same rounds
//   to-ppk encrypted   vs puttygen --new-passphrase at equal Argon2 parameters (Argon2id, 8192 KiB, 1 lane, 13 passes)
//   to-ppk encrypted, both with automatic passes (informational: each calibrates to >= 100 ms)
//   fingerprint        of a 10,000-key authorized_keys vs ssh-keygen -l -f (output checked identical)
// Needs the build (npm run build), ssh-keygen and puttygen.
// Usage: node bench/keys.bench.js [--quick] [--runs=N (to-ppk and public rounds, default 20)]
import { spawnSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { record } from './lib.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'ecs-keys-bench-'));
const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' };
const p = (n) => join(dir, n);

for (const t of ['ssh-keygen', 'puttygen']) {
  if (spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0) {
    console.log(`skipped: ${t} not installed`);
    process.exit(0);
  }
}

function run(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: dir, env, stdio: ['ignore', opts.stdout ?? 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const ecs = (args, opts) => run(process.execPath, [BIN, ...args], opts);
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Time bound: each comparison gets a share of BUDGET_S; on a busy machine it stops early
// (at least 5 runs each) and the table shows how many runs it made.
const BUDGET_S = 100;
const SHARES = { generate: 0.35, ppk: 0.12, fp: 0.12 };

/**
 * n interleaved runs of each (so machine noise hits both alike); first run of each discarded.
 * withFloor: a third arm, `node -e 0`, in the same rounds, for the "beyond node -e 0" figures
 * (a floor measured at another moment moves with the machine's load, not with ecs).
 */
function compare(name, n, ours, theirs, share = 0.1, withFloor = false) {
  const stop = Date.now() + BUDGET_S * 1000 * share;
  const floorRun = () => run(process.execPath, ['-e', '0']).ms;
  ours(-1);
  theirs(-1);
  if (withFloor) floorRun();
  const a = [];
  const b = [];
  const f = [];
  for (let i = 0; i < n && (i < 5 || Date.now() < stop); i++) {
    a.push(ours(i));
    b.push(theirs(i));
    if (withFloor) f.push(floorRun());
  }
  return { name, n: a.length, ours: median(a), theirs: median(b), ...(withFloor ? { floor: median(f) } : {}) };
}

const rows = [];
const N = quick ? 8 : 30;
const t0 = Date.now();

// 1. generate
rows.push(
  compare('generate RSA-2048 PEM  vs ssh-keygen -m PEM', N,
    (i) => ecs(['key', 'generate', '--out', p(`g${i}`), '--no-passphrase', '-q', '--force']).ms,
    (i) => (rmSync(p(`s${i}`), { force: true }), rmSync(p(`s${i}.pub`), { force: true }), run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', p(`s${i}`)]).ms),
    SHARES.generate,
  ),
);
rows[rows.length - 1].theirsName = 'ssh-keygen';

// 2. to-ppk
run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', p('k.pem')]);
writeFileSync(p('pass'), 'bench passphrase\n', { mode: 0o600 });
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const M = runsArg ? Number(runsArg.slice(7)) : quick ? 6 : 20;
// Unencrypted: a new output file each run (removed before the timer starts), as a user
// converts a key; puttygen likewise writes without --force. Replacing a file with --force
// also fsyncs it (a crash must not lose the old key): its own row, for information.
const fresh = (f) => (rmSync(p(f), { force: true }), f);
rows.push(compare('to-ppk v3 unencrypted   vs puttygen', M,
  () => ecs(['key', 'to-ppk', p('k.pem'), '--out', p(fresh('o.ppk')), '-q']).ms,
  () => run('puttygen', [p('k.pem'), '-o', p('r.ppk')]).ms, SHARES.ppk, true));
const same = readFileSync(p('o.ppk'), 'utf8') === readFileSync(p('r.ppk'), 'utf8');
rows.push(compare('to-ppk v3 unenc. --force vs puttygen', M,
  () => ecs(['key', 'to-ppk', p('k.pem'), '--out', p('o.ppk'), '--force', '-q']).ms,
  () => run('puttygen', [p('k.pem'), '-o', p('r.ppk')]).ms, SHARES.ppk, true));
rows.push(compare('to-ppk v2 unencrypted   vs puttygen', M,
  () => ecs(['key', 'to-ppk', p('k.pem'), '--out', p(fresh('o2.ppk')), '--ppk-version', '2', '-q']).ms,
  () => run('puttygen', [p('k.pem'), '-o', p('r2.ppk'), '--ppk-param', 'version=2']).ms, SHARES.ppk));
rows.push(compare('to-ppk v3 enc, 13 passes vs puttygen', M,
  () => ecs(['key', 'to-ppk', p('k.pem'), '--out', p('e.ppk'), '--force', '--passphrase-file', p('pass'), '--argon2-passes', '13', '-q']).ms,
  () => run('puttygen', [p('k.pem'), '-o', p('re.ppk'), '--new-passphrase', p('pass'), '--ppk-param', 'passes=13']).ms, SHARES.ppk));
const K = quick ? 4 : 6;
rows.push(compare('to-ppk v3 enc, auto passes vs puttygen', K,
  () => ecs(['key', 'to-ppk', p('k.pem'), '--out', p('a.ppk'), '--force', '--passphrase-file', p('pass'), '-q']).ms,
  () => run('puttygen', [p('k.pem'), '-o', p('ra.ppk'), '--new-passphrase', p('pass')]).ms, SHARES.ppk));
rows.push(compare('public (PEM → OpenSSH) vs ssh-keygen -y', M,
  () => ecs(['key', 'public', p('k.pem')], { stdout: 'pipe' }).ms,
  () => run('ssh-keygen', ['-y', '-f', p('k.pem')], { stdout: 'pipe' }).ms, SHARES.ppk, true));
const passes = (f) => /Argon2-Passes: (\d+)/.exec(readFileSync(p(f), 'utf8'))[1];

// 3. fingerprint of 10,000 keys: 7,000 RSA (1024/2048/4096), 2,000 Ed25519, 1,000 ECDSA P-256,
// 1 in 8 with options. RSA moduli are random odd numbers of the right size (ssh-keygen -l
// parses public keys, it does not factor them); Ed25519 points are random 32-byte strings
// (only their length is checked); ECDSA points are real.
function sshString(b) {
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
}
function mpint(b) {
  return sshString(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}
const lines = [];
for (let i = 0; i < 10000; i++) {
  let blob;
  let type;
  if (i % 10 < 7) {
    const bits = [1024, 2048, 4096][i % 3];
    const n = randomBytes(bits / 8);
    n[0] |= 0x80;
    n[n.length - 1] |= 1;
    type = 'ssh-rsa';
    blob = Buffer.concat([sshString(Buffer.from(type)), mpint(Buffer.from([1, 0, 1])), mpint(n)]);
  } else if (i % 10 < 9) {
    type = 'ssh-ed25519';
    const x = randomBytes(32); // ssh-keygen -l checks an Ed25519 point's length only
    blob = Buffer.concat([sshString(Buffer.from(type)), sshString(x)]);
  } else {
    type = 'ecdsa-sha2-nistp256';
    // createECDH, not generateKeyPairSync + export: Node 20.20 can deadlock on the latter in a loop
    const q = createECDH('prime256v1').generateKeys();
    blob = Buffer.concat([sshString(Buffer.from(type)), sshString(Buffer.from('nistp256')), sshString(q)]);
  }
  const opts = i % 8 === 0 ? 'from="10.0.0.0/8",no-agent-forwarding ' : '';
  lines.push(`${opts}${type} ${blob.toString('base64')} user${i}@host-${i % 97}`);
}
writeFileSync(p('ak10k'), lines.join('\n') + '\n');
const F = quick ? 5 : 11;
rows.push(compare('fingerprint 10k keys    vs ssh-keygen -l', F,
  () => ecs(['key', 'fingerprint', p('ak10k')], { stdout: 'pipe' }).ms,
  () => run('ssh-keygen', ['-l', '-f', p('ak10k')], { stdout: 'pipe' }).ms, SHARES.fp));
const fpSame = ecs(['key', 'fingerprint', p('ak10k')], { stdout: 'pipe' }).stdout === run('ssh-keygen', ['-l', '-f', p('ak10k')], { stdout: 'pipe' }).stdout;
rows.push(compare('fingerprint 10k --md5   vs ssh-keygen -l -E md5', F,
  () => ecs(['key', 'fingerprint', '--md5', p('ak10k')], { stdout: 'pipe' }).ms,
  () => run('ssh-keygen', ['-l', '-E', 'md5', '-f', p('ak10k')], { stdout: 'pipe' }).ms, SHARES.fp));

// start-up floor for context
const floor = compare('node -e 0 (process start floor)', quick ? 5 : 15, () => run(process.execPath, ['-e', '0']).ms, () => run('true', []).ms, 0.03);

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(w)}   runs   ecs ms   tool ms   ratio`);
for (const r of rows) console.log(`${r.name.padEnd(w)}   ${String(r.n).padStart(4)}   ${r.ours.toFixed(1).padStart(6)}   ${r.theirs.toFixed(1).padStart(7)}   ${(r.ours / r.theirs).toFixed(2)}x`);
console.log(`\nmedians of interleaved runs; ratio = ecs / tool (lower is better)`);
console.log(`to-ppk v3 output byte-identical to puttygen: ${same ? 'yes' : 'NO'}; fingerprint output identical to ssh-keygen -l: ${fpSame ? 'yes' : 'NO'}`);
console.log(`auto passes chosen: ecs ${passes('a.ppk')}, puttygen ${passes('ra.ppk')} (each calibrates its own Argon2 to >= 100 ms)`);
for (const r of rows.filter((x) => x.floor !== undefined)) console.log(`${r.name.replace(/\s+vs\s+.*$/, '')}: ${(r.ours - r.floor).toFixed(1)} ms beyond node -e 0 (${r.floor.toFixed(1)} ms, same rounds)`);
console.log(`node start-up floor: ${floor.ours.toFixed(1)} ms; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);

// For BENCHMARKS.md (issue 12 part 2 targets).
const byName = (prefix) => rows.find((r) => r.name.startsWith(prefix));
for (const r of rows) {
  const entry = { name: `ecs ${r.name.replace(/\s+vs\s+.*$/, '').trim()}`, value: r.ours, unit: 'ms', anchor: { name: r.theirsName ?? r.name.replace(/^.*\svs\s+/, ''), value: r.theirs } };
  if (r === byName('generate')) Object.assign(entry, { target: '≤ 0.8× ssh-keygen -t rsa -b 2048 -m PEM', met: r.ours / r.theirs <= 0.8 });
  if (r === byName('to-ppk v3 enc, 13')) Object.assign(entry, { target: '≤ 1.5× puttygen at equal Argon2 parameters', met: r.ours / r.theirs <= 1.5 });
  if (r.name.startsWith('fingerprint')) Object.assign(entry, { note: '10,000-line file (the 100,000-line figures are in the audit bench)' });
  record(entry);
}
for (const prefix of ['to-ppk v3 unencrypted', 'to-ppk v3 unenc. --force', 'public']) {
  const r = byName(prefix);
  const over = r.ours - r.floor;
  const target = !prefix.includes('--force');
  record({
    name: `ecs ${prefix} beyond node -e 0`, value: over, unit: 'ms', anchor: { name: 'node -e 0 (same rounds)', value: r.floor }, ratio: r.ours / r.floor,
    ...(target ? { target: '≤ 15 ms over node -e 0', met: over <= 15 } : { note: 'replaces an existing file: fsync before the rename' }),
    // Where the time goes (Node 20 / Node 24, measured in-process): require('node:crypto')
    // ~2.8 / ~4.7 ms, compiling dist/key-VERB.cjs ~2.4 / ~1.3 ms (Node 24: compile cache),
    // evaluating it ~1.5 ms, the conversion and file I/O ~5 ms.
    ...(target && over > 15 ? { cause: 'loading node:crypto (~3 ms on Node 20, ~4.7 ms on Node 24), compiling and evaluating the one-file verb bundle (~4 ms on Node 20) and the conversion (~5 ms) leave little margin on a loaded machine' } : {}),
  });
}
rmSync(dir, { recursive: true, force: true });
