// The private keys this library handles (RSA, Ed25519, ECDSA P-256/384/521), their SSH
// public blobs, and conversions to and from node:crypto KeyObjects (through JWK, which
// exposes every RSA CRT value).

import { createECDH, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { KeyFormatError, Reader, Writer, b64url, bitLength, fromBig, modInverse, toBig } from './wire.js';

export type EcdsaType = 'ecdsa-sha2-nistp256' | 'ecdsa-sha2-nistp384' | 'ecdsa-sha2-nistp521';
export type PrivateKeyType = 'ssh-rsa' | 'ssh-ed25519' | EcdsaType;

export interface RsaKey {
  type: 'ssh-rsa';
  n: Buffer;
  e: Buffer;
  d: Buffer;
  p: Buffer;
  q: Buffer;
  /** q⁻¹ mod p */
  iqmp: Buffer;
}
export interface Ed25519Key {
  type: 'ssh-ed25519';
  /** 32-byte public point */
  pub: Buffer;
  /** 32-byte private seed */
  seed: Buffer;
}
export interface EcdsaKey {
  type: EcdsaType;
  /** uncompressed point 04‖X‖Y */
  Q: Buffer;
  /** private scalar (magnitude) */
  d: Buffer;
}
export type KeyMaterial = RsaKey | Ed25519Key | EcdsaKey;
export type PrivateKey = KeyMaterial & { comment: string };

export interface CurveInfo {
  name: 'nistp256' | 'nistp384' | 'nistp521';
  jwk: 'P-256' | 'P-384' | 'P-521';
  openssl: string;
  bits: number;
  bytes: number;
}
export const CURVES: Record<EcdsaType, CurveInfo> = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', jwk: 'P-256', openssl: 'prime256v1', bits: 256, bytes: 32 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', jwk: 'P-384', openssl: 'secp384r1', bits: 384, bytes: 48 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', jwk: 'P-521', openssl: 'secp521r1', bits: 521, bytes: 66 },
};

export function isEcdsa(t: string): t is EcdsaType {
  return t in CURVES;
}

export function publicBlob(k: KeyMaterial): Buffer {
  const w = new Writer().string(k.type);
  if (k.type === 'ssh-rsa') return w.mpint(k.e).mpint(k.n).done();
  if (k.type === 'ssh-ed25519') return w.string(k.pub).done();
  return w.string(CURVES[k.type].name).string(k.Q).done();
}

export function keyBits(k: KeyMaterial): number {
  if (k.type === 'ssh-rsa') return bitLength(k.n);
  if (k.type === 'ssh-ed25519') return 256;
  return CURVES[k.type].bits;
}

/** RSA sizes OpenSSH accepts (sshkey.c: SSH_RSA_MINIMUM_MODULUS_SIZE 1024, SSHBUF_MAX_BIGNUM 16384 bits). */
export const RSA_MIN_BITS = 1024;
export const RSA_MAX_BITS = 16384;

export function checkSupportedSize(k: KeyMaterial): void {
  if (k.type !== 'ssh-rsa') return;
  const bits = bitLength(k.n);
  if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) throw new KeyFormatError(`unsupported RSA key size ${bits} bits (${RSA_MIN_BITS} to ${RSA_MAX_BITS} are supported, as in OpenSSH)`);
}

/** PuTTY's canonical RSA form: p > q and iqmp = q⁻¹ mod p (what rsa_verify makes of any key). */
export function canonicalRsa<T extends RsaKey>(k: T): T {
  let p = toBig(k.p);
  let q = toBig(k.q);
  if (p < q) [p, q] = [q, p];
  // PEM and OpenSSH files already hold q⁻¹ mod p when p > q. The inverse is unique in 1..p-1,
  // so checking the file's value (one multiplication) gives the same bytes as computing it,
  // which with BigInt's extended Euclid takes ~1.5 ms for RSA-2048 (a tenth of the start-up
  // budget of `ecs key to-ppk`). Any other value is recomputed, as before.
  const given = k.iqmp.length ? toBig(k.iqmp) : 0n;
  const iqmp = given > 0n && given < p && (given * q) % p === 1n ? given : modInverse(q, p);
  return { ...k, p: fromBig(p), q: fromBig(q), iqmp: fromBig(iqmp) };
}

/** Check that the private half belongs to the public half (used to tell corruption from a wrong passphrase). */
export function checkConsistent(k: KeyMaterial): void {
  if (k.type === 'ssh-rsa') {
    const [n, e, d, p, q] = [k.n, k.e, k.d, k.p, k.q].map(toBig) as [bigint, bigint, bigint, bigint, bigint];
    if (p <= 1n || q <= 1n || p * q !== n) throw new KeyFormatError('RSA key is inconsistent (n ≠ p·q)');
    if ((e * d) % (p - 1n) !== 1n || (e * d) % (q - 1n) !== 1n) throw new KeyFormatError('RSA key is inconsistent (e·d ≢ 1)');
    return;
  }
  if (k.type === 'ssh-ed25519') {
    if (k.seed.length !== 32 || k.pub.length !== 32) throw new KeyFormatError('Ed25519 key has the wrong length');
    const jwk = createPublicKey(toKeyObject(k)).export({ format: 'jwk' });
    if (!b64url.dec(jwk.x!).equals(k.pub)) throw new KeyFormatError('Ed25519 private key does not match its public key');
    return;
  }
  const c = CURVES[k.type];
  let pub: Buffer;
  try {
    const ecdh = createECDH(c.openssl);
    ecdh.setPrivateKey(fromBig(toBig(k.d), c.bytes));
    pub = ecdh.getPublicKey();
  } catch {
    throw new KeyFormatError('ECDSA private key is out of range');
  }
  if (!pub.equals(k.Q)) throw new KeyFormatError('ECDSA private key does not match its public key');
}

export function toJwk(k: KeyMaterial): Record<string, string> {
  if (k.type === 'ssh-rsa') {
    const [d, p, q] = [toBig(k.d), toBig(k.p), toBig(k.q)];
    return {
      kty: 'RSA',
      n: b64url.enc(k.n),
      e: b64url.enc(k.e),
      d: b64url.enc(k.d),
      p: b64url.enc(k.p),
      q: b64url.enc(k.q),
      dp: b64url.enc(fromBig(d % (p - 1n))),
      dq: b64url.enc(fromBig(d % (q - 1n))),
      qi: b64url.enc(k.iqmp),
    };
  }
  if (k.type === 'ssh-ed25519') return { kty: 'OKP', crv: 'Ed25519', d: b64url.enc(k.seed), x: b64url.enc(k.pub) };
  const c = CURVES[k.type];
  return {
    kty: 'EC',
    crv: c.jwk,
    x: b64url.enc(k.Q.subarray(1, 1 + c.bytes)),
    y: b64url.enc(k.Q.subarray(1 + c.bytes)),
    d: b64url.enc(fromBig(toBig(k.d), c.bytes)),
  };
}

export function toKeyObject(k: KeyMaterial): KeyObject {
  try {
    return createPrivateKey({ key: toJwk(k) as any, format: 'jwk' });
  } catch (e) {
    throw new KeyFormatError(`invalid key parameters: ${(e as Error).message}`);
  }
}

/** KeyObject (private) → key material. Throws KeyFormatError for key types we don't handle. */
export function fromKeyObject(ko: KeyObject): KeyMaterial {
  const t = ko.asymmetricKeyType;
  if (t === 'rsa') {
    const j = ko.export({ format: 'jwk' });
    return { type: 'ssh-rsa', n: b64url.dec(j.n!), e: b64url.dec(j.e!), d: b64url.dec(j.d!), p: b64url.dec(j.p!), q: b64url.dec(j.q!), iqmp: b64url.dec(j.qi!) };
  }
  if (t === 'ed25519') {
    const j = ko.export({ format: 'jwk' });
    return { type: 'ssh-ed25519', pub: b64url.dec(j.x!), seed: b64url.dec(j.d!) };
  }
  if (t === 'ec') {
    const j = ko.export({ format: 'jwk' });
    const type = (Object.keys(CURVES) as EcdsaType[]).find((k) => CURVES[k].jwk === j.crv);
    if (!type) throw new KeyFormatError(`unsupported elliptic curve ${j.crv}`);
    const Q = Buffer.concat([Buffer.from([4]), b64url.dec(j.x!), b64url.dec(j.y!)]);
    return { type, Q, d: stripZeros(b64url.dec(j.d!)) };
  }
  throw new KeyFormatError(`unsupported key type ${t?.toUpperCase() ?? 'unknown'} (supported: RSA, Ed25519, ECDSA)`);
}

function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** Read the key-specific public fields after the type string (shared by PPK and OpenSSH readers). */
export function readPublicFields(type: string, r: Reader): Partial<KeyMaterial> & { type: PrivateKeyType } {
  if (type === 'ssh-rsa') {
    const e = r.mpint();
    const n = r.mpint();
    return { type, e, n };
  }
  if (type === 'ssh-ed25519') {
    const pub = r.string();
    if (pub.length !== 32) throw new KeyFormatError('Ed25519 public key has the wrong length');
    return { type, pub: Buffer.from(pub) };
  }
  if (isEcdsa(type)) {
    const curve = r.text();
    if (curve !== CURVES[type].name) throw new KeyFormatError(`ECDSA curve ${curve} does not match key type ${type}`);
    const Q = Buffer.from(r.string());
    if (Q.length !== 1 + 2 * CURVES[type].bytes || Q[0] !== 4) throw new KeyFormatError('ECDSA public point is malformed');
    return { type, Q };
  }
  throw new KeyFormatError(`unsupported key type ${type} (supported: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521)`);
}
