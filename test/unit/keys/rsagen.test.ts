// RSA generation from parallel prime searches: every FIPS 186-4 condition, and OpenSSH /
// OpenSSL / PuTTY load the keys.
import { generatePrimeSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistent } from '../../../src/keys/model.js';
import { writePem } from '../../../src/keys/pem.js';
import { publicLine } from '../../../src/keys/pubkey.js';
import { assembleRsa, generateRsa } from '../../../src/keys/rsagen.js';
import { bitLength, toBig } from '../../../src/keys/wire.js';
import { requireTools, scratch, tool, type Scratch } from './oracle.js';

describe('generateRsa', () => {
  it('meets the FIPS 186-4 B.3.1 conditions for several sizes', async () => {
    for (const bits of [2048, 2048, 2048, 2048, 2049, 3072]) {
      const k = await generateRsa(bits);
      const [n, e, d, p, q, iqmp] = [k.n, k.e, k.d, k.p, k.q, k.iqmp].map(toBig) as bigint[];
      expect(bitLength(k.n)).toBe(bits);
      expect(e).toBe(65537n);
      expect(p! > q!).toBe(true);
      expect(p! * q!).toBe(n);
      expect(p! - q! > 1n << BigInt(Math.floor(bits / 2) - 100)).toBe(true);
      expect(d! > 1n << BigInt(Math.floor(bits / 2))).toBe(true);
      expect((q! * iqmp!) % p!).toBe(1n);
      const g = (a: bigint, b: bigint): bigint => (b ? g(b, a % b) : a);
      const lambda = ((p! - 1n) * (q! - 1n)) / g(p! - 1n, q! - 1n);
      expect((e! * d!) % lambda).toBe(1n);
      checkConsistent(k);
    }
  });

  it('rejects pairs that break a condition', () => {
    const p = generatePrimeSync(1024, { bigint: true }) as bigint;
    expect(assembleRsa(2048, p, p)).toBeUndefined();
    const pe = generatePrimeSync(1024, { bigint: true, add: 65537n, rem: 1n }) as bigint; // e | p-1
    expect(assembleRsa(2048, pe, p)).toBeUndefined();
    const small = generatePrimeSync(512, { bigint: true }) as bigint;
    expect(assembleRsa(2048, p, small)).toBeUndefined(); // n too short
  });
});

const ok = requireTools('ssh-keygen', 'puttygen');
describe.runIf(ok)('generated keys in the reference tools', () => {
  let s: Scratch;
  beforeAll(() => {
    s = scratch();
  });
  afterAll(() => s?.cleanup());
  it('ssh-keygen -y and puttygen read them and agree with our public line', async () => {
    for (let i = 0; i < 5; i++) {
      const k = await generateRsa(2048);
      const f = s.write(`k${i}`, writePem(k));
      expect(tool(s, 'ssh-keygen', ['-y', '-f', f])).toBe(publicLine(k) + '\n');
      expect(tool(s, 'puttygen', [f, '-L'])).toBe(publicLine(k, 'imported-openssh-key') + '\n');
    }
  });
});
