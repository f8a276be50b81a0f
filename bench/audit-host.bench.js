// `ecs audit host` of 20 host entries against a real OpenSSH sshd on 127.0.0.1 (started
// here with its own host key and config in a private directory under /run, root logins by
// key only through a Match User root AuthorizedKeysFile: the machine's /etc/ssh is not
// touched), at --concurrency 10 and at 1: interleaved runs, medians.
// Needs root, the build (npm run build), ssh-keygen and sshd (/usr/sbin/sshd or ECS_TEST_SSHD).
// Usage: node bench/audit-host.bench.js [--runs N] [--hosts N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, quantile, record } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 5);
const HOSTS = arg('--hosts', 20);
const SSHD = process.env.ECS_TEST_SSHD ?? '/usr/sbin/sshd';
if (!existsSync(SSHD) || process.getuid?.() !== 0) {
  console.log(`skipped: needs root and ${SSHD} (set ECS_TEST_SSHD)`);
  process.exit(0);
}
if (!/^sshd:/m.test(readFileSync('/etc/passwd', 'utf8'))) {
  console.log('skipped: no sshd privilege separation user (install openssh-server)');
  process.exit(0);
}
if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });

const dir = mkdtempSync('/run/ecs-bench-sshd-');
chmodSync(dir, 0o755);
const home = mkdtempSync(join(tmpdir(), 'ecs-bench-home-'));
const kg = (...a) => execFileSync('ssh-keygen', ['-q', ...a], { stdio: 'ignore' });
kg('-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key'));
kg('-t', 'ed25519', '-N', '', '-C', 'bench', '-f', join(dir, 'client'));
writeFileSync(join(dir, 'root_keys'), readFileSync(join(dir, 'client.pub')), { mode: 0o600 });

// planted files: a passwd with root and two accounts, each with a 20-line authorized_keys
const etc = join(dir, 'etc');
mkdirSync(etc);
let passwd = `root:x:0:0:root:${join(dir, 'h', 'root')}:/bin/bash\n`;
for (const [i, name] of ['alice', 'bob'].entries()) passwd += `${name}:x:${2000 + i}:${2000 + i}::${join(dir, 'h', name)}:/bin/sh\n`;
writeFileSync(join(etc, 'passwd'), passwd);
writeFileSync(join(etc, 'shadow'), 'root:*:19000::::::\nalice:*:19000::::::\nbob::19000::::::\n', { mode: 0o640 });
const pub = readFileSync(join(dir, 'client.pub'), 'utf8').trim();
for (const name of ['root', 'alice', 'bob']) {
  mkdirSync(join(dir, 'h', name, '.ssh'), { recursive: true, mode: 0o700 });
  const lines = [];
  for (let i = 0; i < 20; i++) lines.push(i % 10 === 0 ? `from="*" ${pub}` : `${pub.split(' ').slice(0, 2).join(' ')} k${i}`);
  writeFileSync(join(dir, 'h', name, '.ssh', 'authorized_keys'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const config = join(dir, 'sshd_config');
writeFileSync(
  config,
  [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    'UsePAM no', 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'Subsystem sftp internal-sftp',
    'MaxStartups 100:30:200', 'LogLevel ERROR', 'Match User root', `\tAuthorizedKeysFile ${join(dir, 'root_keys')}`, '',
  ].join('\n'),
  { mode: 0o600 },
);
const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
// LogLevel ERROR logs nothing on start: wait until the port accepts a connection
await new Promise((resolve, reject) => {
  sshd.stderr.on('data', (d) => (log += d));
  sshd.once('exit', (c) => reject(new Error(`sshd exited ${c}: ${log}`)));
  const tryConnect = () => {
    const c = netConnect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve();
    });
    c.once('error', () => setTimeout(tryConnect, 20));
  };
  tryConnect();
});

const env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1' };
mkdirSync(join(home, '.ssh'), { mode: 0o700 });
writeFileSync(join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
const hosts = Array.from({ length: HOSTS }, () => `root@127.0.0.1:${port}`);
const common = ['audit', 'host', ...hosts, '-i', join(dir, 'client'), '--sshd-config', config, '--passwd', join(etc, 'passwd'), '--shadow', join(etc, 'shadow'), '-o', 'json'];
const cases = [
  ['concurrency 10', [BIN, ...common, '--concurrency', '10']],
  ['concurrency 1', [BIN, ...common, '--concurrency', '1']],
];

const times = new Map(cases.map(([n]) => [n, []]));
let findings = 0;
try {
  for (let round = 0; round < RUNS + 1; round++) {
    for (const [name, args] of cases) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
      const list = JSON.parse(r.stdout);
      const perHost = list.length / HOSTS;
      if (!Number.isInteger(perHost) || new Set(list.map((f) => f.host)).size !== 1) throw new Error(`${name}: unexpected findings`);
      findings = perHost;
      if (!String(r.stderr).includes(`${HOSTS} hosts: ${HOSTS} audited, 0 failed`)) throw new Error(`${name}: ${r.stderr}`);
      if (round > 0) times.get(name).push(ms); // round 0 warms up
    }
  }
} finally {
  sshd.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}

console.log(`audit host: ${HOSTS} host entries (one real sshd on 127.0.0.1), ${findings} findings per host, ${RUNS} runs each, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}`);
console.log('case              median ms   min ms   max ms   ms/host');
for (const [name, xs] of times) {
  const med = quantile(xs, 0.5);
  console.log(`${name.padEnd(16)} ${med.toFixed(0).padStart(10)} ${Math.min(...xs).toFixed(0).padStart(8)} ${Math.max(...xs).toFixed(0).padStart(8)} ${(med / HOSTS).toFixed(1).padStart(9)}`);
}
const [a, b] = [...times.values()].map((xs) => quantile(xs, 0.5));
console.log(`speed-up at concurrency 10: ${(b / a).toFixed(2)}x`);
for (const [name, xs] of times) record({ name: `audit host of ${HOSTS} host entries, ${name}`, value: quantile(xs, 0.5), unit: 'ms', note: `${(quantile(xs, 0.5) / HOSTS).toFixed(1)} ms per host` });
record({ name: 'audit host speed-up at concurrency 10 over 1', value: b / a, unit: '×' });
