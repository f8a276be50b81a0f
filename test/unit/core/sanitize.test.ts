// sanitize(): text from servers and files made safe for a terminal (issue 7 §3.4).
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../../src/core/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['\x1b[2J\x1b]0;pwned\x07hello', 'hello'],
    ['a\x1b[38;5;196mred\x1b[0m', 'ared'],
    ['osc with ST \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', 'osc with ST link'],
    ['8-bit CSI \x9b2Jx and C1 \x85\x9d0;t\x9cy', '8-bit CSI x and C1 y'],
    ['DCS \x1bPq#0;2;0;0;0\x1b\\ after', 'DCS  after'],
    ['reset \x1bc and charset \x1b(0', 'reset  and charset '],
    ['nul\x00 bel\x07 bs\x08 del\x7f', 'nul bel bs del'],
    ['bidi \u202eevil\u202c \u2066x\u2069', 'bidi evil x'],
    ['tab\tkept', 'tab\tkept'],
    ['lines\r\nbecome\nspaces', 'lines become spaces'],
    ['中文 and emoji 🙂 stay', '中文 and emoji 🙂 stay'],
  ])('%j → %j', (input, out) => {
    expect(sanitize(input)).toBe(out);
  });

  it('keeps newlines when asked, still dropping CR and controls', () => {
    expect(sanitize('one\r\ntwo\x1b[2K\nthree', { newlines: true })).toBe('one\ntwo\nthree');
  });

  it('cuts to max characters with an ellipsis, cheaply for huge input', () => {
    expect(sanitize('x'.repeat(1024 * 1024))).toBe(`${'x'.repeat(499)}…`);
    expect(sanitize('abcdef', { max: 4 })).toBe('abc…');
    expect(sanitize('abcd', { max: 4 })).toBe('abcd');
    expect(sanitize('ab🙂cd', { max: 4 })).toBe('ab…');
    expect(sanitize('\x1b[1m'.repeat(100_000) + 'tail')).toBe('…');
    expect(sanitize('y'.repeat(10_000), { max: Infinity })).toHaveLength(10_000);
  });

  it('non-strings are stringified', () => {
    expect(sanitize(undefined)).toBe('');
    expect(sanitize(42)).toBe('42');
  });
});

describe('key comments from a file', () => {
  it('reach a terminal without control characters; a pipe gets them as ssh-keygen prints them', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { runInProcess, tempHome } = await import('../../helpers/run.js');
    const h = tempHome();
    try {
      const key = join(h.home, 'k');
      expect((await runInProcess(['key', 'generate', '--out', key, '--no-passphrase'], { env: h.env })).code).toBe(0);
      const [type, blob] = readFileSync(`${key}.pub`, 'utf8').split(' ');
      const pub = join(h.home, 'evil.pub');
      writeFileSync(pub, `${type} ${blob} me\x1b]0;pwned\x07@\x1b[2Jhost\n`);
      for (const verb of [['fingerprint', pub], ['public', pub]]) {
        const tty = await runInProcess(['key', ...verb], { env: h.env, tty: { stdout: true } });
        expect(tty.code).toBe(0);
        expect(tty.stdout).toContain('me@host');
        expect(tty.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
        const piped = await runInProcess(['key', ...verb], { env: h.env });
        expect(piped.stdout).toContain('me\x1b]0;pwned\x07@\x1b[2Jhost');
      }
    } finally {
      h.cleanup();
    }
  });
});
