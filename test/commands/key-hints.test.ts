// `ecs key` messages, in-process: the hint for an input passphrase names only the flags that
// give the input passphrase (issue 7 §1.9: to-ppk's --passphrase-stdin is the new PPK's).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/run.js';

let h: ReturnType<typeof tempHome>;
let dir: string;
let enc: string;
beforeAll(async () => {
  h = tempHome('ecs-keyhint-');
  dir = mkdtempSync(join(tmpdir(), 'ecs-keyhint-files-'));
  const pass = join(dir, 'pass.txt');
  writeFileSync(pass, 'correct horse\n', { mode: 0o600 });
  enc = join(dir, 'enc');
  const r = await runCli(['key', 'generate', '--out', enc, '--passphrase-file', pass], { env: h.env });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => {
  h.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('input passphrase hints without a terminal', () => {
  it('to-ppk names --in-passphrase-file only', async () => {
    const r = await runCli(['key', 'to-ppk', enc, '--out', join(dir, 'x.ppk')], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: no terminal to prompt for passphrase for ${enc}: use --in-passphrase-file FILE\n`);
  });

  it('public and fingerprint (which read it from stdin too) name both', async () => {
    // fingerprint takes many files and reports each: a file it cannot read makes it exit 1.
    for (const [args, code] of [[['key', 'public', enc], 2], [['key', 'fingerprint', enc], 1]] as [string[], number][]) {
      const r = await runCli(args, { env: h.env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toBe(`error: no terminal to prompt for passphrase for ${enc}: use --passphrase-file FILE or --passphrase-stdin\n`);
    }
  });
});
