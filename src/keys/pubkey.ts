// OpenSSH public keys: the authorized_keys line grammar (sshd(8): [options] type base64
// [comment]), blob inspection (type, bits, ssh-keygen's type label) and fingerprints.

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

/** Parse a public key blob far enough for ssh-keygen -l: bits, label, plain blob. */
export function inspectBlob(blob: Buffer): BlobInfo {
  const r = new Reader(blob, 'public key');
  const type = r.text();
  const cert = type.endsWith(CERT_SUFFIX);
  const base = cert ? type.slice(0, -CERT_SUFFIX.length) : type;
  if (cert) r.string(); // nonce
  const w = new Writer().string(base);
  let bits: number;
  let label: string;
  const copy = (b: Buffer) => w.string(b);
  switch (base) {
    case 'ssh-rsa': {
      const e = r.string();
      const n = r.string();
      copy(e);
      copy(n);
      bits = bitLength(n);
      label = 'RSA';
      break;
    }
    case 'ssh-dss': {
      const p = r.string();
      for (const x of [p, r.string(), r.string(), r.string()]) copy(x);
      bits = bitLength(p);
      label = 'DSA';
      break;
    }
    case 'ssh-ed25519': {
      const pk = r.string();
      if (pk.length !== 32) throw new KeyFormatError('Ed25519 public key has the wrong length');
      copy(pk);
      bits = 256;
      label = 'ED25519';
      break;
    }
    case 'sk-ssh-ed25519@openssh.com': {
      const pk = r.string();
      if (pk.length !== 32) throw new KeyFormatError('Ed25519 public key has the wrong length');
      copy(pk);
      copy(r.string());
      bits = 256;
      label = 'ED25519-SK';
      break;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const curve = r.string();
      const c = curve.toString('latin1');
      const expect = base.startsWith('sk-') ? 'nistp256' : base.slice('ecdsa-sha2-'.length);
      if (c !== expect) throw new KeyFormatError(`ECDSA curve ${c} does not match key type ${base}`);
      copy(curve);
      copy(r.string());
      if (base.startsWith('sk-')) copy(r.string());
      bits = ECDSA_BITS[c]!;
      label = base.startsWith('sk-') ? 'ECDSA-SK' : 'ECDSA';
      break;
    }
    default:
      throw new KeyFormatError(`unknown key type ${type}`);
  }
  if (!cert) r.end();
  return { type, bits, label: cert ? `${label}-CERT` : label, plain: cert ? w.done() : blob };
}

export function fingerprintOf(plain: Buffer, hash: 'sha256' | 'md5'): string {
  const d = createHash(hash).update(plain).digest();
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

/** sshkey_advance_past_options: skip to the first space/tab outside double quotes. */
function skipOptions(line: string): number {
  let quoted = false;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (!quoted && (c === ' ' || c === '\t')) break;
    if (c === '\\' && line[i + 1] === '"') i++;
    else if (c === '"') quoted = !quoted;
  }
  return quoted ? -1 : i;
}

function parseKeyPart(s: string): ParsedLine | undefined {
  const m = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(s);
  if (!m || !TYPE_RE.test(m[1]!)) return undefined;
  const blob = b64blob(m[2]!);
  if (!blob) return undefined;
  return { type: m[1]!, blob, comment: (m[3] ?? '').replace(/[ \t]+$/, '') };
}

/**
 * One authorized_keys / .pub line → key, or undefined for blank and comment lines.
 * Throws KeyFormatError for a line that is neither.
 */
export function parsePublicLine(raw: string): ParsedLine | undefined {
  const line = raw.replace(/^[ \t]+/, '').replace(/\r$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  const direct = parseKeyPart(line);
  if (direct) return direct;
  const end = skipOptions(line);
  if (end > 0) {
    const rest = line.slice(end).replace(/^[ \t]+/, '');
    const k = parseKeyPart(rest);
    if (k) return { ...k, options: line.slice(0, end) };
  }
  throw new KeyFormatError('not a public key line');
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
