// The SSH verbs logged in as a user that is not root: what needs root goes through
// `sudo -n` (a NOPASSWD rule in /etc/sudoers.d for the test user), never a password; a user
// without sudo rights gets one clear line.

import { chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/index.js';
import { runEcs } from '../helpers/run.js';
import { SSHD, startSshd, sudoSkip, type TestSshd, type TestUser } from '../helpers/sshd.js';
import { homeFor, tryLogin } from './common.js';

describe.skipIf(sudoSkip)('SSH verbs through sudo -n (real sshd, real sudo)', () => {
  let s: TestSshd;
  let h: ReturnType<typeof homeFor>;
  let admin: TestUser;
  let plain: TestUser;
  const at = (u: TestUser) => `${u.name}@127.0.0.1:${s.port}`;
  const giveKey = (u: TestUser) => {
    mkdirSync(join(u.home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(u.home, '.ssh', 'authorized_keys'), `${s.clientPub}\n`, { mode: 0o600 });
    chownSync(join(u.home, '.ssh'), u.uid, u.gid);
    chownSync(join(u.home, '.ssh', 'authorized_keys'), u.uid, u.gid);
  };
  beforeAll(async () => {
    s = await startSshd();
    h = homeFor(s);
    admin = s.addUser({ sudo: true });
    plain = s.addUser();
    giveKey(admin);
    giveKey(plain);
  });
  afterAll(async () => {
    await s?.stop();
    h?.cleanup();
  });

  it('audit host --sudo reads root-only files (shadow, root\'s home) and finds what root finds', async () => {
    const etc = join(s.dir, 'etc');
    mkdirSync(etc);
    const root = join(s.dir, 'roothome');
    mkdirSync(join(root, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(root, '.ssh', 'authorized_keys'), `${s.clientPub}\n`, { mode: 0o600 });
    writeFileSync(join(etc, 'passwd'), `root:x:0:0:root:${root}:/bin/bash\n${admin.name}:x:${admin.uid}:${admin.gid}::${admin.home}:/bin/sh\n`, { mode: 0o644 });
    writeFileSync(join(etc, 'shadow'), `root:*:19000::::::\n${admin.name}::19000::::::\n`, { mode: 0o600 });
    const o = ['-i', s.clientKey, '--sshd-config', s.config, '--passwd', join(etc, 'passwd'), '--shadow', join(etc, 'shadow'), '-o', 'json'];
    const asRoot = await runEcs(['audit', 'host', `root@127.0.0.1:${s.port}`, ...o], { env: h.env });
    const viaSudo = await runEcs(['audit', 'host', at(admin), '--sudo', ...o], { env: h.env });
    const noSudo = await runEcs(['audit', 'host', at(admin), ...o], { env: h.env });
    expect([asRoot.code, viaSudo.code, noSudo.code]).toEqual([0, 0, 0]);
    const strip = (out: string) => (JSON.parse(out) as Finding[]).map(({ host: _h, ...f }) => JSON.stringify(f)).sort();
    expect(strip(viaSudo.stdout)).toEqual(strip(asRoot.stdout));
    const rules = (out: string) => (JSON.parse(out) as Finding[]).map((f) => `${f.rule} ${f.file}`);
    expect(rules(viaSudo.stdout)).toContain(`SH01 ${join(etc, 'shadow')}`);
    // without --sudo the root-only files are not read: a FILE01 finding says so, the rest is audited
    const plainRules = rules(noSudo.stdout);
    expect(plainRules).not.toContain(`SH01 ${join(etc, 'shadow')}`);
    expect(plainRules.some((r) => r.startsWith('FILE01 '))).toBe(true);
  });

  it('push-key, set-password and harden work through sudo -n; without sudo rights one clear line', async () => {
    const target = s.addUser();
    const push = await runEcs(['host', 'push-key', at(admin), '--key', `${s.clientKey}.pub`, '--user', target.name, '-i', s.clientKey], { env: h.env });
    expect(push.code, push.stderr).toBe(0);
    const st = statSync(join(target.home, '.ssh', 'authorized_keys'));
    expect([st.mode & 0o777, st.uid, st.gid]).toEqual([0o600, target.uid, target.gid]);

    const pw = await runEcs(['host', 'set-password', at(admin), '--user', target.name, '--password-stdin', '-i', s.clientKey], { env: h.env, input: 'Via-sudo-9\n' });
    expect(pw.code, pw.stderr).toBe(0);
    expect(await tryLogin(s, target.name, { password: 'Via-sudo-9' })).toBe('ok');

    const denied = await runEcs(['host', 'set-password', at(plain), '--user', target.name, '--password-stdin', '-i', s.clientKey], { env: h.env, input: 'Other-pw-1\n' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(new RegExp(`^error: ${at(plain).replace(/\./g, '\\.')}: chpasswd failed for ${target.name}: .*; ${plain.name} cannot use sudo without a password on this host \\(sudo -n\\): log in as root or allow NOPASSWD for it \\(Host\\.ChpasswdFailed\\)\\n$`));
    expect(denied.stderr).not.toContain('Other-pw-1');
    expect(await tryLogin(s, target.name, { password: 'Via-sudo-9' })).toBe('ok');

    // harden a root-owned copy of the config (the live one stays): read, sshd -t, backup, install via sudo
    const copy = join(s.dir, 'sshd_config.copy');
    copyFileSync(s.config, copy);
    const hd = await runEcs(['host', 'harden', at(admin), '-i', s.clientKey, '--disable-password-auth', '--sshd-config', copy, '--sshd-binary', SSHD, '--reload-command', 'true', '-o', 'json'], { env: h.env });
    expect(hd.code, hd.stderr).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(s.config, 'utf8').replace('PasswordAuthentication yes', 'PasswordAuthentication no'));
    const cs = statSync(copy);
    expect([cs.mode & 0o777, cs.uid]).toEqual([0o600, 0]);
    expect(readdirSync(s.dir).filter((f) => f.startsWith('sshd_config.copy.bak_'))).toHaveLength(1);
    const hp = await runEcs(['host', 'harden', at(plain), '-i', s.clientKey, '--disable-root-login', '--sshd-config', copy, '--sshd-binary', SSHD, '--reload-command', 'true'], { env: h.env });
    expect(hp.code).toBe(1);
    expect(hp.stderr).toContain(`${plain.name} cannot use sudo without a password on this host (sudo -n)`);
  });
});
