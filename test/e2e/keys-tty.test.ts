// `ecs key` on a terminal: hidden passphrase prompts (asked twice for a new key), through a
// pseudo-terminal from `script` (util-linux/bsdutils), as a user at a shell sees them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import { tempHome } from '../helpers/run.js';
import { requireTools } from '../unit/keys/oracle.js';

const ok = requireTools('script', 'ssh-keygen', 'puttygen');

describe.runIf(ok)('ecs key on a terminal', () => {
  let h: ReturnType<typeof tempHome>;
  let dir: string;
  const p = (n: string) => join(dir, n);
  beforeAll(() => {
    h = tempHome('ecs-keys-tty-');
    dir = join(h.home, 'w');
    mkdirSync(dir);
  });
  afterAll(() => h?.cleanup());

  /** Run `ecs key ...` in a pty; whenever the output shows steps[i][0], type steps[i][1]. */
  const inPty = (args: string[], steps: [RegExp, string][]) => runInPty(['key', ...args], steps, { env: { ...h.env, TERM: 'dumb' }, cwd: dir });

  it('generate asks for the passphrase twice, hidden, and encrypts with it', async () => {
    const r = await inPty(['generate', '--out', 'k', '--ppk'], [[/Passphrase \(empty for none\):/, 'tty secret\r'], [/Repeat to confirm:/, 'tty secret\r']]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('tty secret');
    expect(readFileSync(p('k'), 'utf8')).toMatch(/Proc-Type: 4,ENCRYPTED/);
    const y = execFileSync('ssh-keygen', ['-y', '-P', 'tty secret', '-f', p('k')], { encoding: 'utf8' });
    expect(y.trim()).toBe(readFileSync(p('k.pub'), 'utf8').split(' ').slice(0, 2).join(' '));
    // the PPK carries the same passphrase: from-ppk prompts for it
    const back = await inPty(['from-ppk', 'k.ppk', '--out', 'k-back.pem'], [[/Passphrase for k\.ppk:/, 'tty secret\r']]);
    expect(back.code).toBe(0);
    expect(execFileSync('ssh-keygen', ['-y', '-f', p('k-back.pem')], { encoding: 'utf8' })).toBe(y);
  });

  it('different answers: nothing is written, exit 2', async () => {
    const r = await inPty(['generate', '--out', 'mismatch'], [[/Passphrase \(empty for none\):/, 'one\r'], [/Repeat to confirm:/, 'two\r']]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/do not match/);
    expect(existsSync(p('mismatch'))).toBe(false);
    expect(existsSync(p('mismatch.pub'))).toBe(false);
  });

  it('Ctrl-C at the passphrase prompt: exit 130, nothing written, on the fast path as on the full CLI', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'a passphrase', '-f', p('enc.pem')]);
    for (const fast of ['1', '0']) {
      const r = await runInPty(['key', 'to-ppk', 'enc.pem', '--out', `int-${fast}.ppk`], [[/Passphrase for enc\.pem:/, '\x03']], {
        env: { ...h.env, TERM: 'dumb', ECS_KEY_FAST: fast }, cwd: dir,
      });
      expect({ fast, code: r.code, interrupted: /interrupted: nothing was changed/.test(r.out) }).toEqual({ fast, code: 130, interrupted: true });
      expect(existsSync(p(`int-${fast}.ppk`))).toBe(false);
    }
  });

  it('a wrong passphrase at the prompt is reported as such', async () => {
    writeFileSync(p('pw'), 'right\n', { mode: 0o600 });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', p('ed')]);
    const made = spawnSync('puttygen', [p('ed'), '--new-passphrase', p('pw'), '--ppk-param', 'passes=1', '-o', p('ed.ppk')], { env: h.env, encoding: 'utf8' });
    expect([made.status, made.stderr]).toEqual([0, '']);
    expect(readFileSync(p('ed.ppk'), 'utf8')).toMatch(/^PuTTY-User-Key-File-3: ssh-ed25519\r?\nEncryption: aes256-cbc\r?\n/);
    const r = await inPty(['from-ppk', 'ed.ppk', '--out', 'ed-out'], [[/Passphrase for ed\.ppk:/, 'wrong\r']]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error: ed\.ppk: wrong passphrase/);
    expect(existsSync(p('ed-out'))).toBe(false);
  });
});
