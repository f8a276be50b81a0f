// The authorized_keys hot path: key type tokens matched as bytes, base64 decoded by hand into
// a reused scratch buffer, blobs inspected on offsets. No regular expressions, and no
// allocation per line beyond the blob (and its fingerprint string).

import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';

export const CERT_SUFFIX = '-cert-v01@openssh.com';
export const PLAIN_TYPES = [
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;
export const T_RSA = 0;
export const T_DSS = 1;
export const T_ED25519 = 2;
export const T_P256 = 3;
export const T_P384 = 4;
export const T_P521 = 5;
export const T_SK_ED25519 = 6;
export const T_SK_P256 = 7;
/** index i < 8: plain type i; i >= 8: certificate of plain type i - 8 */
export const KEY_TYPES: readonly string[] = [...PLAIN_TYPES, ...PLAIN_TYPES.map((t) => t.replace(/@openssh\.com$/, '') + CERT_SUFFIX)];
const TYPE_BYTES = KEY_TYPES.map((t) => Buffer.from(t, 'latin1'));
const MAX_TYPE_LEN = Math.max(...TYPE_BYTES.map((b) => b.length));

/** Index of the key type token b[s..e) in KEY_TYPES, or -1 (case-sensitive, as sshd). */
export function matchType(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len < 7 || len > MAX_TYPE_LEN) return -1;
  const c0 = b[s];
  if (c0 !== 0x73 /* s */ && c0 !== 0x65 /* e */) return -1;
  outer: for (let i = 0; i < TYPE_BYTES.length; i++) {
    const t = TYPE_BYTES[i]!;
    if (t.length !== len) continue;
    for (let j = len - 1; j >= 0; j--) if (t[j] !== b[s + j]) continue outer;
    return i;
  }
  return -1;
}

// ---- base64 (OpenSSH b64_pton: padding required, no stray bits) ----------------------------
const B64 = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

let scratch = Buffer.allocUnsafe(4096);

/**
 * Decode b[s..e) into the shared scratch buffer; returns the byte count, or -1 when the text
 * is not base64 b64_pton would accept (padding required, no stray bits, standard alphabet).
 * The bytes stay valid until the next call. Node's native decoder does the work: it skips
 * characters outside the alphabet, so a short result means the text was not base64; it
 * also takes the URL-safe alphabet, which sshd does not.
 */
export function decodeB64(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len === 0 || (len & 3) !== 0) return -1;
  let pad = 0;
  if (b[e - 1] === 0x3d) pad = b[e - 2] === 0x3d ? 2 : 1;
  const outLen = (len >> 2) * 3 - pad;
  // stray bits in the last character before the padding
  if (pad === 1 && (B64[b[e - 2]!]! & 0x03) !== 0) return -1;
  if (pad === 2 && (B64[b[e - 3]!]! & 0x0f) !== 0) return -1;
  if (scratch.length < outLen + 3) scratch = Buffer.allocUnsafe(Math.max(outLen + 3, scratch.length * 2));
  const text = Buffer.prototype.toString.call(b, 'latin1', s, e);
  if (text.includes('-') || text.includes('_')) return -1;
  const n = scratch.write(text, 0, 'base64');
  if (n !== outLen) return -1;
  // "=" only at the end
  const eq = text.indexOf('=');
  return eq >= 0 && eq < len - pad ? -1 : n;
}

export function scratchBytes(): Buffer {
  return scratch;
}

// ---- blob inspection ---------------------------------------------------------------------
/** What inspect() found; one shared object (no allocation per line). */
export const blobInfo = {
  /** '' when the blob is well-formed; else the reason */
  error: '',
  /** KEY_TYPES index of the type string inside the blob, -1 if unknown */
  inner: -1,
  bits: 0,
  /** RSA public exponent when it fits in 32 bits (else 0x10001 is assumed fine: -1) */
  rsaE: 0,
  rsaEven: false,
  /** certificate: where the certified key's fields start and end (for the plain blob) */
  certStart: 0,
  certEnd: 0,
  /** certificate validity (seconds since the epoch; valid before 2^64-1 = forever) */
  validAfter: 0,
  validBefore: 0,
};

function u32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) >>> 0) + (b[p + 1]! << 16) + (b[p + 2]! << 8) + b[p + 3]!;
}

function bits(b: Uint8Array, s: number, e: number): number {
  while (s < e && b[s] === 0) s++;
  if (s === e) return 0;
  return (e - s - 1) * 8 + (32 - Math.clz32(b[s]!));
}

function u64(b: Uint8Array, p: number): number {
  return u32(b, p) * 4294967296 + u32(b, p + 4);
}

// the SSH string reader's state (module-level: no closure per line)
let sb: Uint8Array = new Uint8Array(0);
let sn = 0;
let pos = 0;
let end = 0;

/** One SSH string at pos: returns its start and leaves its end in `end`, or -1. */
function str(): number {
  if (pos + 4 > sn) return -1;
  const len = u32(sb, pos);
  const s = pos + 4;
  if (len > sn - s) return -1;
  pos = s + len;
  end = pos;
  return s;
}

/** Inspect blob[0..n) of a key whose type token is KEY_TYPES[tok]. Results in blobInfo. */
export function inspect(b: Uint8Array, n: number, tok: number): void {
  const r = blobInfo;
  r.error = '';
  r.inner = -1;
  r.bits = 0;
  r.rsaE = -1;
  r.rsaEven = false;
  sb = b;
  sn = n;
  pos = 0;
  const ts = str();
  if (ts < 0) {
    r.error = 'the key blob is truncated';
    return;
  }
  r.inner = matchType(b, ts, end);
  if (r.inner !== tok) {
    r.error = r.inner < 0 ? 'the key blob holds an unknown key type' : `the key blob holds a ${KEY_TYPES[r.inner]} key`;
    return;
  }
  const cert = tok >= 8;
  const base = cert ? tok - 8 : tok;
  if (cert && str() < 0) {
    r.error = 'the certificate is truncated';
    return;
  }
  r.certStart = pos;
  let s: number;
  switch (base) {
    case T_RSA: {
      const es = str();
      const ee = end;
      const ns = str();
      if (es < 0 || ns < 0) break;
      r.bits = bits(b, ns, end);
      const eb = bits(b, es, ee);
      r.rsaE = eb <= 31 ? (ee - es === 0 ? 0 : Number(readSmall(b, es, ee))) : -1;
      r.rsaEven = end > ns && (b[end - 1]! & 1) === 0;
      s = ns;
      break;
    }
    case T_DSS: {
      s = str();
      const pe = end;
      if (s < 0 || str() < 0 || str() < 0 || str() < 0) {
        s = -1;
        break;
      }
      r.bits = bits(b, s, pe);
      break;
    }
    case T_ED25519:
    case T_SK_ED25519:
      s = str();
      if (s >= 0 && end - s !== 32) {
        r.error = 'the Ed25519 key has the wrong length';
        return;
      }
      if (s >= 0 && base === T_SK_ED25519 && str() < 0) s = -1;
      r.bits = 256;
      break;
    default: {
      // ECDSA: curve name must match the type
      s = str();
      if (s < 0) break;
      const want = base === T_P256 || base === T_SK_P256 ? 'nistp256' : base === T_P384 ? 'nistp384' : 'nistp521';
      if (end - s !== 8 || Buffer.from(b.buffer, b.byteOffset + s, 8).toString('latin1') !== want) {
        r.error = `the ECDSA curve does not match ${PLAIN_TYPES[base]}`;
        return;
      }
      const ps = str();
      if (ps < 0 || (base === T_SK_P256 && str() < 0)) {
        s = -1;
        break;
      }
      if (b[ps] !== 4) {
        r.error = 'the ECDSA point is not an uncompressed point';
        return;
      }
      r.bits = base === T_P384 ? 384 : base === T_P521 ? 521 : 256;
    }
  }
  if (s! < 0) {
    r.error = 'the key blob is truncated';
    return;
  }
  r.certEnd = pos;
  if (!cert) {
    if (pos !== n) r.error = `the key blob has ${n - pos} unexpected trailing bytes`;
    return;
  }
  // certificate: serial, type, key id, principals, valid after, valid before, ...
  if (pos + 12 > n) {
    r.error = 'the certificate is truncated';
    return;
  }
  pos += 12; // serial u64 + type u32
  if (str() < 0 || str() < 0 || pos + 16 > n) {
    r.error = 'the certificate is truncated';
    return;
  }
  r.validAfter = u64(b, pos);
  r.validBefore = u64(b, pos + 8);
}

function readSmall(b: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 256 + b[i]!;
  return v;
}

/** The blob a fingerprint hashes: the blob itself, or for a certificate its plain key. */
export function plainBlob(blob: Buffer, tok: number): Buffer {
  if (tok < 8) return blob;
  const name = Buffer.from(PLAIN_TYPES[tok - 8]!, 'latin1');
  const fields = blob.subarray(blobInfo.certStart, blobInfo.certEnd);
  const out = Buffer.allocUnsafe(4 + name.length + fields.length);
  out.writeUInt32BE(name.length, 0);
  name.copy(out, 4);
  fields.copy(out, 4 + name.length);
  return out;
}

const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: string) => string }).hash;

/** "SHA256:…" of a plain blob, as ssh-keygen -l prints it. */
export function sha256Fingerprint(plain: Uint8Array): string {
  const d = oneShot ? oneShot('sha256', plain, 'base64') : createHash('sha256').update(plain).digest('base64');
  return 'SHA256:' + d.slice(0, 43);
}

const oneShotBuf = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

/** The SHA-256 digest of a plain blob (32 bytes). */
export function sha256Digest(plain: Uint8Array): Buffer {
  return oneShotBuf ? oneShotBuf('sha256', plain, 'buffer') : createHash('sha256').update(plain).digest();
}

/** "SHA256:…" of a digest. */
export function digestFingerprint(d: Uint8Array): string {
  return 'SHA256:' + Buffer.from(d.buffer, d.byteOffset, 32).toString('base64', 0, 32).slice(0, 43);
}

/** "MD5:aa:bb:…" (ssh-keygen -E md5) */
export function md5Fingerprint(plain: Uint8Array): string {
  const h = oneShot ? oneShot('md5', plain, 'hex') : createHash('md5').update(plain).digest('hex');
  let s = 'MD5:';
  for (let i = 0; i < 32; i += 2) s += (i ? ':' : '') + h[i] + h[i + 1];
  return s;
}
