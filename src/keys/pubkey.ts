// OpenSSH public keys: the authorized_keys line grammar (sshd(8): [options] type base64
// [comment]), blob inspection (type, bits, ssh-keygen's type label) and fingerprints.

import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { publicBlob, type KeyMaterial } from './model.js';
import { KeyFormatError, Reader, Writer, bitLength } from './wire.js';

export function publicLine(k: KeyMaterial, comment?: string): string {
  const b = publicBlob(k).toString('base64');
  return comment ? `${k.type} ${b} ${comment}` : `${k.type} ${b}`;
}

export interface BlobInfo {
  /** key type from the blob (e.g. ssh-rsa, ssh-ed25519-cert-v01@openssh.com) */
  type: string;
  bits: number;
  /** ssh-keygen's label: RSA, ED25519, ECDSA, DSA, ED25519-SK, ECDSA-SK, …-CERT */
  label: string;
  /** the plain key blob (for certificates: the certified key), what fingerprints hash */
  plain: Buffer;
}

const CERT_SUFFIX = '-cert-v01@openssh.com';
const ECDSA_BITS: Record<string, number> = { nistp256: 256, nistp384: 384, nistp521: 521 };

/**
 * Parse a public key blob far enough for ssh-keygen -l: bits, label, plain blob. Works on
 * offsets (no copies) because fingerprinting large authorized_keys files runs it per line.
 */
export function inspectBlob(blob: Buffer): BlobInfo {
  const n = blob.length;
  let pos = 0;
  const str = (): [number, number] => {
    if (pos + 4 > n) throw new KeyFormatError('public key is truncated');
    const len = blob.readUInt32BE(pos);
    const s = pos + 4;
    if (len > n - s) throw new KeyFormatError('public key is truncated');
    pos = s + len;
    return [s, s + len];
  };
  const [ts, te] = str();
  const type = blob.toString('latin1', ts, te);
  const cert = type.endsWith(CERT_SUFFIX);
  const base = cert ? type.slice(0, -CERT_SUFFIX.length) : type;
  if (cert) str(); // nonce
  const fieldsStart = pos;
  let bits: number;
  let label: string;
  switch (base) {
    case 'ssh-rsa': {
      str();
      const [s, e] = str();
      bits = bitLength(blob.subarray(s, e));
      label = 'RSA';
      break;
    }
    case 'ssh-dss': {
      const [s, e] = str();
      str();
      str();
      str();
      bits = bitLength(blob.subarray(s, e));
      label = 'DSA';
      break;
    }
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      const [s, e] = str();
      if (e - s !== 32) throw new KeyFormatError('Ed25519 public key has the wrong length');
      if (base.startsWith('sk-')) str();
      bits = 256;
      label = base.startsWith('sk-') ? 'ED25519-SK' : 'ED25519';
      break;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const [s, e] = str();
      const c = blob.toString('latin1', s, e);
      const expect = base.startsWith('sk-') ? 'nistp256' : base.slice('ecdsa-sha2-'.length);
      if (c !== expect) throw new KeyFormatError(`ECDSA curve ${c} does not match key type ${base}`);
      str();
      if (base.startsWith('sk-')) str();
      bits = ECDSA_BITS[c]!;
      label = base.startsWith('sk-') ? 'ECDSA-SK' : 'ECDSA';
      break;
    }
    default:
      throw new KeyFormatError(`unknown key type ${type}`);
  }
  if (!cert) {
    if (pos !== n) throw new KeyFormatError(`public key has ${n - pos} unexpected trailing bytes`);
    return { type, bits, label, plain: blob };
  }
  const plain = new Writer().string(base).raw(blob.subarray(fieldsStart, pos)).done();
  return { type, bits, label: `${label}-CERT`, plain };
}

type OneShot = (alg: string, data: Buffer, enc: 'buffer') => Buffer;
/** crypto.hash (Node ≥ 20.12), looked up on first use: reading it at load would load node:crypto. */
let oneShot: OneShot | null | undefined;

export function fingerprintOf(plain: Buffer, hash: 'sha256' | 'md5'): string {
  if (oneShot === undefined) oneShot = (nodeCrypto as { hash?: OneShot }).hash ?? null;
  const d = oneShot ? oneShot(hash, plain, 'buffer') : createHash(hash).update(plain).digest();
  if (hash === 'md5') return 'MD5:' + d.toString('hex').replace(/(..)(?!$)/g, '$1:');
  return 'SHA256:' + d.toString('base64').replace(/=+$/, '');
}

export interface ParsedLine {
  type: string;
  blob: Buffer;
  comment: string;
  options?: string;
}

const TYPE_RE = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;

function b64blob(s: string): Buffer | undefined {
  if (!s || s.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, 'base64');
}

/** RFC 4716 ("---- BEGIN SSH2 PUBLIC KEY ----") → blob + comment. */
export function parseRfc4716(text: string): ParsedLine | undefined {
  const m = /---- BEGIN SSH2 PUBLIC KEY ----\r?\n([\s\S]*?)---- END SSH2 PUBLIC KEY ----/.exec(text);
  if (!m) return undefined;
  const lines = m[1]!.split(/\r?\n/);
  let comment = '';
  const body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (/^[A-Za-z0-9-]+: /.test(l)) {
      while (l.endsWith('\\') && i + 1 < lines.length) l = l.slice(0, -1) + lines[++i];
      const [k, ...v] = l.split(': ');
      if (k!.toLowerCase() === 'comment') comment = v.join(': ').replace(/^"(.*)"$/, '$1');
    } else body.push(l.trim());
  }
  const blob = b64blob(body.join(''));
  if (!blob) return undefined;
  const type = new Reader(blob).text();
  return { type, blob, comment };
}

// ---- ssh-keygen -l compatible reading of key lists --------------------------------------

export interface ListedKey {
  type: string;
  blob: Buffer;
  info: BlobInfo;
  /** the key's own trailing comment ('' when none; a trailing CR removed) */
  comment: string;
  /** leading options / host patterns, if any */
  options?: string;
  /** what ssh-keygen -l prints in the comment position for this line */
  shown: string;
  line: number;
}

const SP = 0x20;
const TAB = 0x09;

/**
 * The end of an authorized_keys options field starting at `from`: the first space or tab
 * outside double quotes (\" escapes a quote), or `len`. Bytes, no allocation: it runs on
 * every line of a 100,000-line file (here and in fplist.ts).
 */
export function optionsEnd(lb: Uint8Array, from: number, len: number): number {
  let cp = from;
  let quoted = false;
  for (; cp < len && (quoted || (lb[cp] !== SP && lb[cp] !== TAB)); cp++) {
    if (lb[cp] === 0x5c && lb[cp + 1] === 0x22) cp++;
    else if (lb[cp] === 0x22) quoted = !quoted;
  }
  return cp;
}

function cstr(b: Buffer, off: number): string {
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end < 0 ? b.length : end);
}

/**
 * Read an authorized_keys / .pub / known_hosts text the way ssh-keygen 9.2 `-l` does
 * (do_fingerprint): a bare key is tried first, then options / host patterns are skipped
 * (quotes honoured) and the key is tried again; unparsable lines are skipped. ssh-keygen
 * keeps `comment` as a pointer into its getline() buffer across lines and never resets it:
 * a key line without a comment shows whatever the last comment pointer now points at (the
 * options of that line, "" or stale bytes of an earlier, longer line), and "no comment"
 * only until some line set it. That buffer is emulated here so the text is identical.
 */
export function listKeys(text: Buffer): { keys: ListedKey[]; skipped: number[] } {
  const keys: ListedKey[] = [];
  const skipped: number[] = [];
  // glibc getline() starts with 120 bytes and at least doubles; realloc() moves the buffer,
  // so a stale comment pointer keeps pointing into the old block with its old bytes.
  let lb = Buffer.alloc(120);
  let commentOff = -1;
  let commentBuf = lb;
  let pos = 0;
  let lnum = 0;
  while (pos < text.length) {
    const nl = text.indexOf(10, pos);
    const next = nl < 0 ? text.length : nl + 1;
    const rawLen = next - pos;
    if (rawLen + 1 > lb.length) {
      let size = lb.length;
      while (size < rawLen + 1) size *= 2;
      const nb = Buffer.alloc(size);
      nb.set(lb);
      lb = nb;
    }
    lb.set(text.subarray(pos, next));
    pos = next;
    lnum++;
    lb[rawLen] = 0;
    const len = nl < 0 ? rawLen : rawLen - 1;
    lb[len] = 0;
    let cp = 0;
    while (cp < len && (lb[cp] === SP || lb[cp] === TAB)) cp++;
    if (cp === len || lb[cp] === 0x23 /* # */) continue;
    let k = readKeyAt(lb, cp, len);
    let options: string | undefined;
    if (!k) {
      let d = cp;
      if (lb[d] === 0x2b || lb[d] === 0x2d) d++;
      let digits = d;
      while (digits < len && lb[digits]! >= 0x30 && lb[digits]! <= 0x39) digits++;
      const num = digits > d && /[1-9]/.test(lb.toString('latin1', d, digits));
      if (!(num && (lb[digits] === SP || lb[digits] === TAB))) {
        commentOff = cp;
        commentBuf = lb;
        const start = cp;
        cp = optionsEnd(lb, cp, len);
        if (cp >= len) {
          skipped.push(lnum);
          continue;
        }
        options = lb.toString('utf8', start, cp);
        lb[cp++] = 0;
      }
      k = readKeyAt(lb, cp, len);
      if (!k) {
        skipped.push(lnum);
        continue;
      }
    }
    cp = k.end;
    while (cp < len && (lb[cp] === SP || lb[cp] === TAB)) cp++;
    let comment = '';
    if (cp < len && lb[cp] !== 0x23) {
      commentOff = cp;
      commentBuf = lb;
      comment = lb.toString('utf8', cp, len).replace(/\r$/, '');
    }
    keys.push({ type: k.type, blob: k.blob, info: k.info, comment, options, shown: commentOff < 0 ? 'no comment' : cstr(commentBuf, commentOff), line: lnum });
  }
  return { keys, skipped };
}

/** sshkey_read at `cp`: type name, whitespace, base64 blob (up to space/tab); blob type must match. */
/** First space or tab at or after `from` (native scans: key lines are long). */
function tokenEnd(lb: Buffer, from: number, len: number): number {
  let sp = lb.indexOf(SP, from);
  if (sp < 0 || sp > len) sp = len;
  const tab = lb.lastIndexOf(TAB, sp);
  if (tab >= from) return lb.indexOf(TAB, from);
  return sp;
}

function readKeyAt(lb: Buffer, cp: number, len: number): { type: string; blob: Buffer; info: BlobInfo; end: number } | undefined {
  let e = tokenEnd(lb, cp, len);
  const type = lb.toString('latin1', cp, e);
  if (!TYPE_RE.test(type)) return undefined;
  while (e < len && (lb[e] === SP || lb[e] === TAB)) e++;
  const bs = e;
  e = tokenEnd(lb, e, len);
  if (e === bs) return undefined;
  let b64 = lb.toString('latin1', bs, e);
  if (b64.charCodeAt(b64.length - 1) < 0x20) b64 = b64.replace(/[\r\v\f]/g, '');
  const blob = Buffer.from(b64, 'base64');
  // Node's decoder skips bad characters: a length check finds them without a regex
  let pad = 0;
  if (b64.endsWith('==')) pad = 2;
  else if (b64.endsWith('=')) pad = 1;
  if (b64.length % 4 === 1 || blob.length !== Math.floor((b64.length * 3) / 4) - pad || blob.length === 0) return undefined;
  let info: BlobInfo;
  try {
    info = inspectBlob(blob);
  } catch {
    return undefined;
  }
  if (info.type !== type) return undefined;
  // sshkey_from_blob refuses RSA moduli under 1024 or over 16384 bits: ssh-keygen skips the line
  if (info.label.startsWith('RSA') && (info.bits < 1024 || info.bits > 16384)) return undefined;
  return { type, blob, info, end: e };
}
