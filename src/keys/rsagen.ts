// RSA key generation from two primes searched for in parallel. Each prime comes from
// OpenSSL (crypto.generatePrime: BN_generate_prime_ex2, random candidates with the top two
// bits set, Miller-Rabin); the two searches run at once on the libuv pool, so the wait is
// the slower of two prime searches instead of their sum. The key is then assembled and
// checked as FIPS 186-4 B.3.1 asks: e = 65537, gcd(e, p-1) = gcd(e, q-1) = 1,
// |p - q| > 2^(nlen/2 - 100), d = e^-1 mod lcm(p-1, q-1) with d > 2^(nlen/2), n of exactly
// nlen bits (the top-two-bits primes guarantee it), p > q, iqmp = q^-1 mod p.

import { generatePrime } from 'node:crypto';
import { checkConsistent, type RsaKey } from './model.js';
import { fromBig, modInverse } from './wire.js';

const E = 65537n;

function prime(bits: number): Promise<bigint> {
  return new Promise((resolve, reject) => generatePrime(bits, { bigint: true }, (err, p) => (err ? reject(err) : resolve(p as bigint))));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function bitLen(n: bigint): number {
  return n.toString(2).length;
}

/** Check the FIPS 186-4 conditions on a candidate pair; the key, or undefined to retry. */
export function assembleRsa(bits: number, a: bigint, b: bigint): RsaKey | undefined {
  const [p, q] = a > b ? [a, b] : [b, a];
  if (p === q) return undefined;
  if ((p - 1n) % E === 0n || (q - 1n) % E === 0n) return undefined; // e is prime: gcd(e, p-1) = 1 unless e | p-1
  if (p - q <= 1n << BigInt(Math.floor(bits / 2) - 100)) return undefined;
  const n = p * q;
  if (bitLen(n) !== bits) return undefined;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  if (d <= 1n << BigInt(Math.floor(bits / 2))) return undefined;
  const key: RsaKey = { type: 'ssh-rsa', n: fromBig(n), e: fromBig(E), d: fromBig(d), p: fromBig(p), q: fromBig(q), iqmp: fromBig(modInverse(q, p)) };
  checkConsistent(key);
  return key;
}

export async function generateRsa(bits: number): Promise<RsaKey> {
  const pBits = Math.ceil(bits / 2);
  const qBits = bits - pBits;
  for (let attempt = 0; attempt < 64; attempt++) {
    const [a, b] = await Promise.all([prime(pBits), prime(qBits)]);
    const key = assembleRsa(bits, a, b);
    if (key) return key;
  }
  throw new Error('could not find a suitable RSA prime pair');
}
