// Shared by the real-sshd tests: a temp HOME whose known_hosts trusts the test sshd, and
// ssh2 logins to check what a command did (a key or password login really works or not).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { tempHome } from '../helpers/run.js';
import type { TestSshd } from '../helpers/sshd.js';

export function homeFor(s: TestSshd | undefined, trust = true) {
  const h = tempHome('ecs-ssh-');
  mkdirSync(join(h.home, '.ssh'), { mode: 0o700 });
  if (s && trust) writeFileSync(join(h.home, '.ssh', 'known_hosts'), `${s.knownHostsLine}\n`, { mode: 0o600 });
  // no agent of the machine leaks in
  delete h.env.SSH_AUTH_SOCK;
  return h;
}

/** Try a login; resolves 'ok' or the error message. */
export function tryLogin(s: TestSshd, user: string, auth: { password?: string; key?: string }): Promise<string> {
  return new Promise((resolve) => {
    const c = new ssh2.Client();
    c.on('ready', () => {
      c.end();
      resolve('ok');
    });
    c.on('error', (e) => resolve(e.message));
    c.connect({
      host: '127.0.0.1',
      port: s.port,
      username: user,
      readyTimeout: 20000,
      hostVerifier: (k: Buffer) => k.toString('base64') === s.hostKey.split(' ')[1],
      ...(auth.password !== undefined ? { password: auth.password } : {}),
      ...(auth.key ? { privateKey: readFileSync(auth.key) } : {}),
    } as ssh2.ConnectConfig);
  });
}

export function shadowHash(user: string): string {
  const l = readFileSync('/etc/shadow', 'utf8').split('\n').find((x) => x.startsWith(`${user}:`));
  return l ? l.split(':')[1]! : '';
}
