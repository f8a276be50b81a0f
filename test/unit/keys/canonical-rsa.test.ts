// canonicalRsa (src/keys/model.ts): PuTTY's form of an RSA key, p > q and iqmp = q⁻¹ mod p.
// The file's own iqmp is kept when it is that number (checked, not recomputed: ~1.5 ms saved
// for RSA-2048); anything else is recomputed. Byte-identical PPK output against puttygen:
// test/unit/keys/ppk-oracle.test.ts.
import { describe, expect, it } from 'vitest';
import { canonicalRsa, type RsaKey } from '../../../src/keys/model.js';
import { fromBig, modInverse } from '../../../src/keys/wire.js';

// p = 2^127 - 1 and q = 2^61 - 1 (Mersenne primes): small enough to check by hand with BigInt.
const P = (1n << 127n) - 1n;
const Q = (1n << 61n) - 1n;
const key = (p: bigint, q: bigint, iqmp: Buffer): RsaKey => ({
  type: 'ssh-rsa', n: fromBig(p * q), e: fromBig(65537n), d: fromBig(12345n), p: fromBig(p), q: fromBig(q), iqmp,
});
const want = fromBig(modInverse(Q, P));

describe('canonicalRsa', () => {
  it('keeps a correct iqmp (p > q)', () => {
    const k = canonicalRsa(key(P, Q, want));
    expect([k.p, k.q, k.iqmp]).toEqual([fromBig(P), fromBig(Q), want]);
  });
  it('recomputes a wrong, zero, missing or out-of-range iqmp', () => {
    for (const bad of [fromBig(modInverse(Q, P) + 1n), Buffer.alloc(0), Buffer.from([0]), fromBig(modInverse(Q, P) + P), fromBig(P)]) {
      expect(canonicalRsa(key(P, Q, bad)).iqmp).toEqual(want);
    }
  });
  it('p < q: swaps them and recomputes iqmp (the file held p⁻¹ mod q)', () => {
    const k = canonicalRsa(key(Q, P, fromBig(modInverse(P, Q))));
    expect([k.p, k.q, k.iqmp]).toEqual([fromBig(P), fromBig(Q), want]);
  });
  it('writes the minimal bytes even when the file padded iqmp with a zero', () => {
    expect(canonicalRsa(key(P, Q, Buffer.concat([Buffer.from([0]), want]))).iqmp).toEqual(want);
  });
});
