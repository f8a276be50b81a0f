// The SSH verbs on a real terminal (script(1) pty): hidden prompts for the new password
// (asked twice) and the progress of audit host; text from the host reaches the terminal
// without its control characters.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasScript, runInPty } from '../helpers/pty.js';
import { sshdSkip, startSshd, type TestSshd } from '../helpers/sshd.js';
import { homeFor, shadowHash, tryLogin } from './common.js';

const skip = sshdSkip || (!hasScript && process.env.CI !== 'true');

describe.skipIf(skip)('ecs host / audit host on a terminal', () => {
  let s: TestSshd;
  let h: ReturnType<typeof homeFor>;
  beforeAll(async () => {
    s = await startSshd();
    h = homeFor(s);
  });
  afterAll(async () => {
    await s?.stop();
    h?.cleanup();
  });

  it('set-password prompts twice without echo and sets the password', async () => {
    const u = s.addUser();
    const before = shadowHash(u.name);
    const r = await runInPty(['host', 'set-password', `root@127.0.0.1:${s.port}`, '--user', u.name, '-i', s.clientKey], [
      [/New password:/i, 'Tty-Pass-77\r'],
      [/(again|confirm|repeat)/i, 'Tty-Pass-77\r'],
    ], { env: h.env });
    expect(r.answered).toBe(2);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain('Tty-Pass-77');
    expect(r.out).toContain(`root@127.0.0.1:${s.port}: set the password of ${u.name}`);
    expect(shadowHash(u.name)).not.toBe(before);
    expect(await tryLogin(s, u.name, { password: 'Tty-Pass-77' })).toBe('ok');
  });

  it('audit host shows progress and a summary per host on the terminal', async () => {
    const dest = `root@127.0.0.1:${s.port}`;
    const r = await runInPty(['audit', 'host', dest, 'root@127.0.0.1:1', '-i', s.clientKey, '--sshd-config', s.config, '--passwd', '/dev/null'], [], { env: h.env });
    expect(r.code).toBe(1);
    const plain = r.out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/Audit(ing|ed) /);
    expect(plain).toContain(`error: root@127.0.0.1:1: connection refused`);
    expect(plain).toMatch(new RegExp(`${dest.replace(/\./g, '\\.')}: \\d+ findings?`));
    expect(plain).toContain('2 hosts: 1 audited, 1 failed');
    // the findings table (grouped by host:file) went to the terminal
    expect(plain).toContain(`${dest}:${s.config}`);
  });
});
