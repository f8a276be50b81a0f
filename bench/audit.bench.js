// ecs key fingerprint and ecs audit authorized-keys on 100,000-line authorized_keys files
// (Ed25519 only, RSA-3072 only, mixed) against ssh-keygen -l -f on the same file, in the
// same run: interleaved runs, medians, ratios. The key fingerprint output is checked to be
// byte-identical to ssh-keygen's.
// Needs the build (npm run build) and ssh-keygen. Usage: node bench/audit.bench.js [--quick] [--lines N]
import { record } from './lib.js';
import { spawnSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecs.js');
const quick = process.argv.includes('--quick');
const li = process.argv.indexOf('--lines');
const LINES = li > 0 ? Number(process.argv[li + 1]) : 100_000;
const dir = mkdtempSync(join(tmpdir(), 'ecs-audit-bench-'));
const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', NO_COLOR: '1' };
const p = (n) => join(dir, n);

if (spawnSync('sh', ['-c', 'command -v ssh-keygen']).status !== 0) {
  console.log('skipped: ssh-keygen not installed');
  process.exit(0);
}

function run(cmd, args, okCodes = [0]) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function sshString(b) {
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
}
const mpint = (b) => sshString(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
// RSA moduli are random odd numbers of the right size (ssh-keygen -l parses, it does not
// factor); Ed25519 points random 32-byte strings (only the length is checked); ECDSA real.
const rsa = (bits) => {
  const n = randomBytes(bits / 8);
  n[0] |= 0x80;
  n[n.length - 1] |= 1;
  return ['ssh-rsa', Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(Buffer.from([1, 0, 1])), mpint(n)])];
};
const ed = () => ['ssh-ed25519', Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(randomBytes(32))])];
const ecdsa = () => ['ecdsa-sha2-nistp256', Buffer.concat([sshString(Buffer.from('ecdsa-sha2-nistp256')), sshString(Buffer.from('nistp256')), sshString(createECDH('prime256v1').generateKeys())])];

function file(name, make) {
  const lines = [];
  for (let i = 0; i < LINES; i++) {
    const [type, blob] = make(i);
    const opts = i % 8 === 0 ? 'from="10.0.0.0/8",no-agent-forwarding ' : '';
    lines.push(`${opts}${type} ${blob.toString('base64')} user${i}@host-${i % 97}`);
  }
  writeFileSync(p(name), lines.join('\n') + '\n');
  return name;
}
const files = [
  file('ed25519', () => ed()),
  file('rsa3072', () => rsa(3072)),
  // mixed: 7 in 10 RSA (2048/3072/4096), 2 Ed25519, 1 ECDSA P-256; 1 in 8 with options
  file('mixed', (i) => (i % 10 < 7 ? rsa([2048, 3072, 4096][i % 3]) : i % 10 < 9 ? ed() : ecdsa())),
];

const N = quick ? 3 : 9;
const rows = [];
const t0 = Date.now();
for (const f of files) {
  const a = { kg: [], fp: [], au: [] };
  for (let i = -1; i < N; i++) {
    const kg = run('ssh-keygen', ['-l', '-f', p(f)]);
    const fp = run(process.execPath, [BIN, 'key', 'fingerprint', p(f)]);
    const au = run(process.execPath, [BIN, 'audit', 'authorized-keys', p(f), '--no-stat', '-o', 'json'], [0, 3]);
    if (i === -1) {
      if (!fp.stdout.equals(kg.stdout)) {
        console.error(`${f}: ecs key fingerprint output differs from ssh-keygen -l`);
        process.exitCode = 1;
      }
      continue;
    }
    a.kg.push(kg.ms);
    a.fp.push(fp.ms);
    a.au.push(au.ms);
  }
  rows.push({ f, kg: median(a.kg), fp: median(a.fp), au: median(a.au) });
}
console.log(`file (${LINES} lines)   ssh-keygen -l ms   key fingerprint ms   ratio   audit authorized-keys ms   ratio`);
for (const r of rows) {
  console.log(`${r.f.padEnd(19)}   ${r.kg.toFixed(1).padStart(16)}   ${r.fp.toFixed(1).padStart(18)}   ${(r.fp / r.kg).toFixed(2)}x   ${r.au.toFixed(1).padStart(24)}   ${(r.au / r.kg).toFixed(2)}x`);
}
console.log(`\nmedians of ${N} interleaved runs; ratio = ecs / ssh-keygen -l (targets: fingerprint <= 1.00x, audit <= 1.50x)`);
console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const r of rows) {
  record({ name: `ecs key fingerprint, ${LINES.toLocaleString('en')}-line ${r.f}`, value: r.fp, unit: 'ms', anchor: { name: 'ssh-keygen -l -f', value: r.kg }, target: '≤ 1.0× ssh-keygen -l, same output', met: r.fp / r.kg <= 1.0 });
  record({ name: `ecs audit authorized-keys -o json, ${LINES.toLocaleString('en')}-line ${r.f}`, value: r.au, unit: 'ms', anchor: { name: 'ssh-keygen -l -f', value: r.kg }, target: '≤ 1.5× ssh-keygen -l (issue 12 part 3)', met: r.au / r.kg <= 1.5 });
}
rmSync(dir, { recursive: true, force: true });
