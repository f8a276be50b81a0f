// Issue 7 §3.3 and §3.6: a PPK chooses its own Argon2 cost. Passes, memory and parallelism
// are capped on read (before any passphrase is asked) with the limits to-ppk writes with, and
// an Argon2 memory the WASM build cannot allocate is a one-line error, not a raw RangeError.
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_LIMITS, argon2, argon2ParamsProblem, Argon2LimitError } from '../../src/keys/argon2.js';
import { runEcs, tempHome } from '../helpers/run.js';

let h: ReturnType<typeof tempHome>;
let ppk: string;
const p = (f: string) => join(h.home, f);

beforeAll(async () => {
  h = tempHome();
  writeFileSync(p('pw'), 'secret-pass\n');
  chmodSync(p('pw'), 0o600);
  expect((await runEcs(['key', 'generate', '--out', p('k'), '--no-passphrase'], { env: h.env })).code).toBe(0);
  const r = await runEcs(['key', 'to-ppk', p('k'), '--out', p('k.ppk'), '--passphrase-file', p('pw'), '--argon2-passes', '2'], { env: h.env });
  expect(r.code).toBe(0);
  ppk = readFileSync(p('k.ppk'), 'utf8');
  expect(ppk).toContain('Argon2-Passes: 2\n');
});
afterAll(() => h.cleanup());

function withHeader(name: string, value: string): string {
  const file = p(`${name}-${value}.ppk`);
  writeFileSync(file, ppk.replace(new RegExp(`^${name}: .*$`, 'm'), `${name}: ${value}`));
  return file;
}

describe('a PPK asking for too much Argon2 work', () => {
  it.each([
    ['Argon2-Passes', '100000000', 'Argon2 passes 100000000 is outside 1–1000000'],
    ['Argon2-Passes', '3000', 'Argon2 work of 3000 passes × 8192 KiB is above the limit of 16 GiB in all (at 8192 KiB: at most 2048 passes)'],
    ['Argon2-Memory', '4194304', 'Argon2 memory 4194304 KiB is above the 1048576 KiB (1 GiB) limit'],
    ['Argon2-Parallelism', '100000', 'Argon2 parallelism 100000 is outside 1–255'],
  ])('%s: %s is refused at once, one line, exit 1, nothing written', async (name, value, why) => {
    const file = withHeader(name, value);
    for (const verb of [['from-ppk', file, '--passphrase-file', p('pw'), '--out', p('out')], ['public', file], ['fingerprint', file]]) {
      const t0 = Date.now();
      const r = await runEcs(['key', ...verb], { env: h.env, timeoutMs: 20_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: ${file}: PPK key derivation refused: ${why}\n`);
      expect(r.stdout).toBe('');
      expect(Date.now() - t0).toBeLessThan(15_000);
    }
  });

  it('the untouched file still decrypts (the caps are above what puttygen writes)', async () => {
    const r = await runEcs(['key', 'from-ppk', p('k.ppk'), '--passphrase-file', p('pw'), '--out', p('back')], { env: h.env });
    expect(r.code).toBe(0);
  });
});

describe('to-ppk writes only what can be read back', () => {
  it('4 GiB of Argon2 memory: a usage error, no raw "Invalid typed array length"', async () => {
    const r = await runEcs(['key', 'to-ppk', p('k'), '--out', p('m.ppk'), '--passphrase-file', p('pw'), '--argon2-memory', '4194304'], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: option '--argon2-memory <KiB>' argument '4194304' is invalid. --argon2-memory must be a whole number from 8 to 1048576, got "4194304"\n`);
  });
  it('passes × memory above the work limit: a usage error naming the most passes allowed', async () => {
    const r = await runEcs(['key', 'to-ppk', p('k'), '--out', p('w.ppk'), '--passphrase-file', p('pw'), '--argon2-passes', '100000'], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --argon2-passes/--argon2-memory: Argon2 work of 100000 passes × 8192 KiB is above the limit of 16 GiB in all (at 8192 KiB: at most 2048 passes)\n');
  });
});

describe('argon2() itself', () => {
  it('refuses parameters outside the limits before allocating anything', async () => {
    await expect(argon2({ flavour: 'Argon2id', memory: 4194304, passes: 1, parallelism: 1, salt: Buffer.alloc(16) }, Buffer.from('x'), 80)).rejects.toThrow(Argon2LimitError);
    expect(argon2ParamsProblem({ memory: 8192, passes: 2048, parallelism: 1 })).toBeUndefined();
    expect(argon2ParamsProblem({ memory: 8192, passes: 2049, parallelism: 1 })).toMatch(/^Argon2 work of 2049 passes/);
    expect(argon2ParamsProblem({ memory: ARGON2_LIMITS.maxMemoryKiB, passes: 16, parallelism: 1 })).toBeUndefined();
    expect(argon2ParamsProblem({ memory: 16, passes: 1, parallelism: 4 })).toBe('Argon2 memory 16 KiB is below 8 KiB per lane');
  });
});

describe('an OpenSSH key asking for too many bcrypt rounds', () => {
  /** The key file with its bcrypt rounds (in the KDF options) replaced. */
  function withRounds(file: string, rounds: number): string {
    const text = readFileSync(file, 'utf8');
    const lines = text.trim().split('\n');
    const buf = Buffer.from(lines.slice(1, -1).join(''), 'base64');
    let pos = 15; // "openssh-key-v1\0"
    const skip = () => {
      const n = buf.readUInt32BE(pos);
      pos += 4 + n;
    };
    skip(); // cipher
    skip(); // kdf name
    const saltLen = buf.readUInt32BE(pos + 4);
    buf.writeUInt32BE(rounds, pos + 8 + saltLen);
    const out = p(`rounds-${rounds}`);
    writeFileSync(out, `${lines[0]}\n${buf.toString('base64').match(/.{1,70}/g)!.join('\n')}\n${lines.at(-1)}\n`);
    return out;
  }

  it.each([4294967295, 1025])('rounds %i: refused at once, one line, exit 1', async (rounds) => {
    const g = await runEcs(['key', 'generate', '--out', p('ok'), '--format', 'openssh', '--passphrase-file', p('pw'), '--force'], { env: h.env });
    expect(g.code).toBe(0);
    const file = withRounds(p('ok'), rounds);
    for (const verb of [['to-ppk', file, '--in-passphrase-file', p('pw'), '--out', p('r.ppk'), '--force'], ['public', file]]) {
      const r = await runEcs(['key', ...verb], { env: h.env, timeoutMs: 20_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: ${file}: OpenSSH key derivation refused: bcrypt rounds ${rounds} is outside 1–1024\n`);
    }
    // the untouched key (16 rounds, as ssh-keygen writes) still converts
    expect((await runEcs(['key', 'to-ppk', p('ok'), '--in-passphrase-file', p('pw'), '--out', p('ok.ppk'), '--force'], { env: h.env })).code).toBe(0);
  });
});
