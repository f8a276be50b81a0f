// A real OpenSSH sshd for tests: `sshd -D -e -f <dir>/sshd_config` on 127.0.0.1 on a free
// port, with its own host key, config and key files in a private directory, and test
// users created with useradd (`ecstest-<hex>`, homes inside that directory) removed by
// stop(). The machine's /etc/ssh is never read or written (only /run/sshd, sshd's
// privilege separation directory, and its `sshd` user are created when missing).
//
// Needs root (sshd and useradd). The binary is /usr/sbin/sshd, or ECS_TEST_SSHD (e.g. an
// sshd unpacked from the openssh-server .deb without installing it). Outside CI, a machine
// without it skips the tests that need it (sshdSkip); in CI (CI=true) they must run.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const SSHD = process.env.ECS_TEST_SSHD ?? '/usr/sbin/sshd';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const haveSshd = existsSync(SSHD);

/** Why the sshd tests cannot run here ('' when they can). */
export const sshdMissing = !haveSshd ? `${SSHD} not found (install openssh-server or set ECS_TEST_SSHD)` : !isRoot ? 'the sshd tests need root (sshd, useradd)' : '';
/** For it.skipIf / describe.skipIf: never skip in CI. */
export const sshdSkip = sshdMissing !== '' && process.env.CI !== 'true';
/** The sudo tests also need sudo (CI installs it). */
export const sudoMissing = existsSync('/usr/bin/sudo') && existsSync('/etc/sudoers.d') ? '' : 'sudo is not installed';
export const sudoSkip = sshdSkip || (sudoMissing !== '' && process.env.CI !== 'true');
if (sshdSkip) console.warn(`skipping the real-sshd tests: ${sshdMissing}`);

export interface TestUser {
  name: string;
  home: string;
  uid: number;
  gid: number;
}

export interface TestSshd {
  port: number;
  host: '127.0.0.1';
  dir: string;
  /** sshd_config in use (tests may edit it, then reload()) */
  config: string;
  pidFile: string;
  /** "ssh-ed25519 AAAA…" */
  hostKey: string;
  /** a known_hosts line for this server */
  knownHostsLine: string;
  /** client key pair (OpenSSH private key, unencrypted) that root's key file trusts */
  clientKey: string;
  clientPub: string;
  /** root's authorized keys for this sshd only (Match User root) */
  rootKeys: string;
  /** sshd's own stderr so far */
  log(): string;
  /** sudo: a NOPASSWD rule in /etc/sudoers.d/<name> (removed by stop()) */
  addUser(opts?: { shell?: string; sudo?: boolean }): TestUser;
  /** SIGHUP (sshd re-executes itself) and wait for it to listen again */
  reload(): Promise<void>;
  /** wait until the n-th "Server listening" line has been logged */
  listening(n: number): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** useradd/userdel take a lock on /etc/passwd: another test file may hold it for a moment. */
function withPasswdLock(args: string[], cmd: string): void {
  for (let i = 0; ; i++) {
    try {
      execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      return;
    } catch (e) {
      const msg = String((e as { stderr?: Buffer }).stderr ?? '');
      if (i < 50 && /lock|try again/i.test(msg)) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        continue;
      }
      throw new Error(`${cmd} ${args.join(' ')}: ${msg.trim()}`);
    }
  }
}

export function baseConfig(o: { port: number; dir: string }): string {
  return [
    `Port ${o.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(o.dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(o.dir, 'sshd.pid')}`,
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication yes',
    'PubkeyAuthentication yes',
    'KbdInteractiveAuthentication no',
    'StrictModes yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'AllowUsers root ecstest-*',
    // root's keys live here, not in /root/.ssh
    'Match User root',
    `\tAuthorizedKeysFile ${join(o.dir, 'root_authorized_keys')}`,
    '',
  ].join('\n');
}

export async function startSshd(o: { config?: (base: string) => string } = {}): Promise<TestSshd> {
  if (sshdMissing) throw new Error(`cannot start sshd: ${sshdMissing}`);
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755, recursive: true });
  // sshd's privilege separation user (the openssh-server package creates it; an sshd
  // unpacked from the .deb finds none)
  if (!/^sshd:/m.test(readFileSync('/etc/passwd', 'utf8'))) {
    withPasswdLock(['--system', '--no-create-home', '--home-dir', '/run/sshd', '--shell', '/usr/sbin/nologin', 'sshd'], 'useradd');
  }
  // Not under /tmp: StrictModes checks every directory up to / for root's key file, and
  // /tmp is world-writable. /run is root's, 0755.
  const dir = mkdtempSync('/run/ecs-test-sshd-');
  chmodSync(dir, 0o755); // test users must reach their homes inside
  const users: TestUser[] = [];
  const kg = (args: string[]) => execFileSync('ssh-keygen', ['-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  kg(['-t', 'ed25519', '-N', '', '-C', 'test-host', '-f', join(dir, 'ssh_host_ed25519_key')]);
  kg(['-t', 'ed25519', '-N', '', '-C', 'ecs-test-client', '-f', join(dir, 'client_ed25519')]);
  const clientPub = readFileSync(join(dir, 'client_ed25519.pub'), 'utf8').trim();
  const rootKeys = join(dir, 'root_authorized_keys');
  writeFileSync(rootKeys, `${clientPub}\n`, { mode: 0o600 });
  const hostKey = readFileSync(join(dir, 'ssh_host_ed25519_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const config = join(dir, 'sshd_config');
  const pidFile = join(dir, 'sshd.pid');

  let child: ChildProcess | undefined;
  let port = 0;
  let log = '';
  const waiters: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const count = () => (log.match(/Server listening on/g) ?? []).length;
  const check = () => {
    for (const w of waiters.splice(0)) {
      if (count() >= w.n) w.resolve();
      else waiters.push(w);
    }
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    port = await freePort();
    const base = baseConfig({ port, dir });
    writeFileSync(config, o.config ? o.config(base) : base, { mode: 0o600 });
    log = '';
    const c = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<string>((resolve) => c.once('exit', (code) => resolve(`sshd exited (${code})`)));
    c.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      check();
    });
    const ok = await Promise.race([
      new Promise<boolean>((resolve) => waiters.push({ n: 1, resolve: () => resolve(true), reject: () => resolve(false) })),
      exited.then(() => false),
    ]);
    if (ok) {
      child = c;
      c.once('exit', () => {
        for (const w of waiters.splice(0)) w.reject(new Error(`sshd exited: ${log.slice(-500)}`));
      });
      break;
    }
    if (!/Bind to port|Address already in use|Cannot bind/i.test(log)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start: ${log.trim().slice(-1000)}`);
    }
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sshd did not start (no free port): ${log.slice(-500)}`);
  }
  const proc = child;
  const listening = (n: number) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ n, resolve, reject });
      check();
    });

  const cleanupUsers = () => {
    for (const u of users.splice(0)) {
      rmSync(join('/etc/sudoers.d', u.name), { force: true });
      try {
        withPasswdLock([u.name], 'userdel');
      } catch {
        /* already gone */
      }
    }
  };
  // a worker that dies without stop(): no orphan sshd, users, sudo rules or directory left
  const onExit = () => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    cleanupUsers();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  return {
    port,
    host: '127.0.0.1',
    dir,
    config,
    pidFile,
    hostKey,
    knownHostsLine: `[127.0.0.1]:${port} ${hostKey}`,
    clientKey: join(dir, 'client_ed25519'),
    clientPub,
    rootKeys,
    log: () => log,
    addUser(uo = {}) {
      const name = `ecstest-${randomBytes(4).toString('hex')}`;
      mkdirSync(join(dir, 'home'), { recursive: true, mode: 0o755 });
      const home = join(dir, 'home', name);
      // -p '*': no password, but not "locked" ('!'), which sshd without PAM refuses outright
      withPasswdLock(['-m', '-d', home, '-s', uo.shell ?? '/bin/sh', '-K', 'UMASK=022', '-p', '*', name], 'useradd');
      const u: TestUser = { name, home, uid: 0, gid: 0 };
      const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`))!;
      const f = line.split(':');
      u.uid = Number(f[2]);
      u.gid = Number(f[3]);
      chownSync(home, u.uid, u.gid);
      chmodSync(home, 0o755);
      users.push(u);
      if (uo.sudo) writeFileSync(join('/etc/sudoers.d', name), `${name} ALL=(root) NOPASSWD: ALL\n`, { mode: 0o440 });
      return u;
    },
    async reload() {
      const n = count() + 1;
      proc.kill('SIGHUP');
      await listening(n);
    },
    listening,
    async stop() {
      if (proc.exitCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await done;
      }
      cleanupUsers();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
