// `ecs key fingerprint` text output for key lists (authorized_keys, .pub, known_hosts-like
// files) on a fast path: the same reading as listKeys() in pubkey.ts (ssh-keygen -l's
// do_fingerprint with its reused getline() buffer and stale comment pointer), but bytes in,
// bytes out: key types matched as bytes, base64 decoded into a scratch buffer, the blob
// inspected on offsets, the output line written straight into a growing buffer. No regular
// expressions and no per-line objects. Certificate lines and lines with control characters
// in the base64 take the general path (rare).

import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { fingerprintOf, listKeys, optionsEnd } from './pubkey.js';
import { matchType, PLAIN_TYPES, T_DSS, T_ED25519, T_P256, T_P384, T_P521, T_RSA, T_SK_ED25519, T_SK_P256 } from './scan.js';

const SP = 0x20;
const TAB = 0x09;
const LABELS = ['RSA', 'DSA', 'ED25519', 'ECDSA', 'ECDSA', 'ECDSA', 'ED25519-SK', 'ECDSA-SK'].map((l) => Buffer.from(` (${l})\n`, 'latin1'));
const SHA256_PREFIX = Buffer.from('SHA256:', 'latin1');
const NO_COMMENT = Buffer.from('no comment', 'latin1');
const BITS = new Map<number, Buffer>();
const CURVES = PLAIN_TYPES.map((t, i) => (i === T_P256 || i === T_SK_P256 ? 'nistp256' : i === T_P384 ? 'nistp384' : i === T_P521 ? 'nistp521' : '')).map((c) => Buffer.from(c, 'latin1'));

let scratch = Buffer.allocUnsafe(8192);

/** Decode b[s..e) as listKeys() accepts it; the byte count in `scratch`, or -1. */
function decode(b: Buffer, s: number, e: number): number {
  const L = e - s;
  if (L === 0 || L % 4 === 1) return -1;
  let pad = 0;
  if (b[e - 1] === 0x3d) pad = L >= 2 && b[e - 2] === 0x3d ? 2 : 1;
  const expect = Math.floor((L * 3) / 4) - pad;
  if (expect <= 0) return -1;
  if (scratch.length < expect + 4) scratch = Buffer.allocUnsafe(Math.max(expect + 4, scratch.length * 2));
  // Node's decoder (as Buffer.from(s, 'base64') in listKeys): it skips characters outside
  // the alphabet, so a length other than the expected one means the text was not base64
  const n = scratch.write(b.toString('latin1', s, e), 0, 'base64');
  return n === expect ? n : -1;
}

function u32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) >>> 0) + (b[p + 1]! << 16) + (b[p + 2]! << 8) + b[p + 3]!;
}

/** SSH string at p within n: returns its end (start = p + 4), or -1. */
function strEnd(b: Uint8Array, p: number, n: number): number {
  if (p + 4 > n) return -1;
  const len = u32(b, p);
  return len > n - p - 4 ? -1 : p + 4 + len;
}

function bitsOf(b: Uint8Array, s: number, e: number): number {
  while (s < e && b[s] === 0) s++;
  return s === e ? 0 : (e - s - 1) * 8 + (32 - Math.clz32(b[s]!));
}

/** inspectBlob() for a plain key of type `tok` in scratch[0..n): its bits, or -1 when listKeys would skip it. */
function plainBits(b: Uint8Array, n: number, tok: number): number {
  let p = strEnd(b, 0, n);
  if (p < 0 || matchType(b, 4, p) !== tok) return -1;
  let bits: number;
  switch (tok) {
    case T_RSA: {
      const e1 = strEnd(b, p, n);
      if (e1 < 0) return -1;
      const e2 = strEnd(b, e1, n);
      if (e2 < 0) return -1;
      bits = bitsOf(b, e1 + 4, e2);
      if (bits < 1024 || bits > 16384) return -1;
      p = e2;
      break;
    }
    case T_DSS: {
      const e1 = strEnd(b, p, n);
      if (e1 < 0) return -1;
      bits = bitsOf(b, p + 4, e1);
      p = e1;
      for (let k = 0; k < 3 && p >= 0; k++) p = strEnd(b, p, n);
      if (p < 0) return -1;
      break;
    }
    case T_ED25519:
    case T_SK_ED25519: {
      const e1 = strEnd(b, p, n);
      if (e1 < 0 || e1 - p - 4 !== 32) return -1;
      p = e1;
      if (tok === T_SK_ED25519 && (p = strEnd(b, p, n)) < 0) return -1;
      bits = 256;
      break;
    }
    default: {
      const e1 = strEnd(b, p, n);
      if (e1 < 0) return -1;
      const want = CURVES[tok]!;
      if (e1 - p - 4 !== want.length) return -1;
      for (let k = 0; k < want.length; k++) if (b[p + 4 + k] !== want[k]) return -1;
      p = strEnd(b, e1, n);
      if (p < 0) return -1;
      if (tok === T_SK_P256 && (p = strEnd(b, p, n)) < 0) return -1;
      bits = tok === T_P384 ? 384 : tok === T_P521 ? 521 : 256;
    }
  }
  return p === n ? bits : -1;
}

const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: string) => string }).hash;

export interface FingerprintListResult {
  /** the text ssh-keygen -l prints */
  out: Buffer;
  count: number;
  /** 1-based numbers of the lines that are neither keys, comments nor blank */
  skipped: number[];
}

/** The lines `ssh-keygen -l -f FILE [-E md5]` prints for a key list, byte for byte. */
export function fingerprintList(text: Buffer, hash: 'sha256' | 'md5'): FingerprintListResult {
  let out = Buffer.allocUnsafe(Math.max(4096, Math.min(text.length, 1 << 26)));
  let op = 0;
  const ensure = (more: number) => {
    if (op + more > out.length) {
      const nb = Buffer.allocUnsafe(Math.max(out.length * 2, op + more));
      out.copy(nb, 0, 0, op);
      out = nb;
    }
  };
  const skipped: number[] = [];
  let count = 0;
  let lb = Buffer.alloc(120);
  let commentOff = -1;
  let commentBuf = lb;
  let pos = 0;
  let lnum = 0;
  const n = text.length;
  while (pos < n) {
    const nl = text.indexOf(10, pos);
    const next = nl < 0 ? n : nl + 1;
    const rawLen = next - pos;
    if (rawLen + 1 > lb.length) {
      let size = lb.length;
      while (size < rawLen + 1) size *= 2;
      const nb = Buffer.alloc(size);
      nb.set(lb);
      lb = nb;
    }
    text.copy(lb, 0, pos, next);
    pos = next;
    lnum++;
    lb[rawLen] = 0;
    const len = nl < 0 ? rawLen : rawLen - 1;
    lb[len] = 0;
    let cp = 0;
    while (cp < len && (lb[cp] === SP || lb[cp] === TAB)) cp++;
    if (cp === len || lb[cp] === 0x23) continue;
    // the key at cp, or after the options
    let k = keyAt(lb, cp, len);
    if (k === FALLBACK) return general(text, hash);
    if (k < 0) {
      let d = cp;
      if (lb[d] === 0x2b || lb[d] === 0x2d) d++;
      let digits = d;
      let nonzero = false;
      while (digits < len && lb[digits]! >= 0x30 && lb[digits]! <= 0x39) {
        if (lb[digits] !== 0x30) nonzero = true;
        digits++;
      }
      if (!(digits > d && nonzero && (lb[digits] === SP || lb[digits] === TAB))) {
        commentOff = cp;
        commentBuf = lb;
        cp = optionsEnd(lb, cp, len);
        if (cp >= len) {
          skipped.push(lnum);
          continue;
        }
        lb[cp++] = 0;
      }
      k = keyAt(lb, cp, len);
      if (k === FALLBACK) return general(text, hash);
      if (k < 0) {
        skipped.push(lnum);
        continue;
      }
    }
    cp = kEnd;
    while (cp < len && (lb[cp] === SP || lb[cp] === TAB)) cp++;
    if (cp < len && lb[cp] !== 0x23) {
      commentOff = cp;
      commentBuf = lb;
    }
    // "<bits> <fingerprint> <comment> (<label>)\n"
    const fp = hash === 'sha256' ? (oneShot ? oneShot('sha256', scratch.subarray(0, kLen), 'base64') : createHash('sha256').update(scratch.subarray(0, kLen)).digest('base64')) : oneShot ? oneShot('md5', scratch.subarray(0, kLen), 'hex') : createHash('md5').update(scratch.subarray(0, kLen)).digest('hex');
    let cs = commentOff;
    let ce = -1;
    if (cs >= 0) {
      ce = commentBuf.indexOf(0, cs);
      if (ce < 0) ce = commentBuf.length;
    }
    ensure(80 + (ce - cs) + (hash === 'md5' ? 60 : 0));
    let bt = BITS.get(kBits);
    if (!bt) BITS.set(kBits, (bt = Buffer.from(`${kBits} `, 'latin1')));
    for (let i = 0; i < bt.length; i++) out[op++] = bt[i]!;
    if (hash === 'sha256') {
      for (let i = 0; i < 7; i++) out[op++] = SHA256_PREFIX[i]!;
      op += out.write(fp, op, 43, 'latin1');
    } else {
      op += out.write('MD5:', op, 'latin1');
      for (let i = 0; i < 32; i += 2) {
        if (i) out[op++] = 0x3a;
        out[op++] = fp.charCodeAt(i);
        out[op++] = fp.charCodeAt(i + 1);
      }
    }
    out[op++] = SP;
    if (cs < 0) op += NO_COMMENT.copy(out, op);
    else if (ce - cs < 64) for (let i = cs; i < ce; i++) out[op++] = commentBuf[i]!;
    else op += commentBuf.copy(out, op, cs, ce);
    const lab = LABELS[kTok]!;
    for (let i = 0; i < lab.length; i++) out[op++] = lab[i]!;
    count++;
  }
  return { out: out.subarray(0, op), count, skipped };
}

const FALLBACK = -2;
// results of keyAt (module state: no object per line)
let kEnd = 0;
let kLen = 0;
let kBits = 0;
let kTok = 0;

/** readKeyAt() of pubkey.ts on bytes: 0 and k* set when a plain key is there, -1 if not, FALLBACK for certificates / odd base64. */
function keyAt(lb: Buffer, cp: number, len: number): number {
  let e = tokenEnd(lb, cp, len);
  const tok = matchType(lb, cp, e);
  if (tok < 0) {
    // certificate and unusual type names: the general path decides
    if (e - cp > 12) {
      const c = lb.indexOf('-cert-v01@openssh.com', cp, 'latin1');
      if (c >= 0 && c < e) return FALLBACK;
    }
    return -1;
  }
  if (tok >= 8) return FALLBACK;
  while (e < len && (lb[e] === SP || lb[e] === TAB)) e++;
  const bs = e;
  e = tokenEnd(lb, e, len);
  if (e === bs) return -1;
  if (lb[e - 1]! < 0x20) return FALLBACK;
  const nb = decode(lb, bs, e);
  if (nb < 0) return -1;
  const bits = plainBits(scratch, nb, tok);
  if (bits < 0) return -1;
  kEnd = e;
  kLen = nb;
  kBits = bits;
  kTok = tok;
  return 0;
}

/** First space or tab in lb[from..len), else len (native scans: the line buffer is short). */
function tokenEnd(lb: Buffer, from: number, len: number): number {
  let sp = lb.indexOf(SP, from);
  if (sp < 0 || sp > len) sp = len;
  const tab = lb.indexOf(TAB, from);
  return tab >= 0 && tab < sp ? tab : sp;
}

/** The general path (certificates, control characters in base64): listKeys() + fingerprintOf(). */
function general(text: Buffer, hash: 'sha256' | 'md5'): FingerprintListResult {
  const { keys, skipped } = listKeys(text);
  let s = '';
  for (const k of keys) s += `${k.info.bits} ${fingerprintOf(k.info.plain, hash)} ${k.shown} (${k.info.label})\n`;
  return { out: Buffer.from(s, 'utf8'), count: keys.length, skipped };
}

