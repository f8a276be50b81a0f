// ~/.ssh/known_hosts as OpenSSH reads it: `[@marker] patterns keytype base64 [comment]`,
// patterns comma-separated with * ? wildcards and ! negation, non-22 ports written
// `[host]:port`, hashed entries `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`,
// @revoked keys refused, @cert-authority lines skipped (no certificates here).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';

export type HostKeyStatus = 'known' | 'changed' | 'unknown' | 'revoked';

export interface HostKeyCheck {
  status: HostKeyStatus;
  /** 1-based line of the deciding entry (changed: the entry with the other key) */
  line?: number;
  /** fingerprint of the key known_hosts holds (changed) */
  knownFingerprint?: string;
  /** key types known_hosts holds for this host (to prefer them in the handshake) */
  knownTypes: string[];
}

const MAX_KNOWN_HOSTS = 16 * 1024 * 1024;

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written inside an SSH public key blob. */
export function blobType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  return n > 0 && n < 64 && 4 + n <= blob.length ? blob.subarray(4, 4 + n).toString('latin1') : '';
}

function wildcard(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

function hashedMatch(field: string, name: string): boolean {
  const parts = field.split('|'); // '', '1', salt, hash
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const want = Buffer.from(parts[3]!, 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && timingSafeEqual(want, got);
}

/** OpenSSH's match_hostname over a pattern list: a negated match wins over everything. */
export function patternsMatch(field: string, name: string): boolean {
  if (field.startsWith('|')) return hashedMatch(field, name);
  let positive = false;
  for (const raw of field.split(',')) {
    const neg = raw.startsWith('!');
    const p = neg ? raw.slice(1) : raw;
    if (p && wildcard(p, name)) {
      if (neg) return false;
      positive = true;
    }
  }
  return positive;
}

/** Read a file with a cap applied while reading (a device reports size 0). */
export function readCapped(path: string, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(65536);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new Error(`${path} is larger than ${max} bytes`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

export function checkHostKey(file: string, host: string, port: number, key: Buffer): HostKeyCheck {
  const data = readCapped(file, MAX_KNOWN_HOSTS);
  const res: HostKeyCheck = { status: 'unknown', knownTypes: [] };
  if (!data) return res;
  const name = hostName(host, port);
  const type = blobType(key);
  let changed: { line: number; blob: Buffer } | undefined;
  const lines = data.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/[ \t]+/);
    let marker: string | undefined;
    if (f[0]!.startsWith('@')) marker = f.shift();
    if (f.length < 3) continue;
    const [patterns, ktype, b64] = f as [string, string, string];
    if (marker === '@revoked') {
      // a revoked key is refused for every host
      if (Buffer.from(b64, 'base64').equals(key)) return { status: 'revoked', line: i + 1, knownTypes: [] };
      continue;
    }
    if (marker || !patternsMatch(patterns, name)) continue;
    if (!res.knownTypes.includes(ktype)) res.knownTypes.push(ktype);
    const blob = Buffer.from(b64, 'base64');
    if (blob.equals(key)) {
      if (res.status !== 'known') Object.assign(res, { status: 'known', line: i + 1 });
    } else if (ktype === type && !changed) changed = { line: i + 1, blob };
  }
  if (res.status !== 'known' && changed) Object.assign(res, { status: 'changed', line: changed.line, knownFingerprint: fingerprint(changed.blob) });
  return res;
}

/** Append `name type base64` (plain, as `ssh -o StrictHostKeyChecking=accept-new`). */
export function appendHostKey(file: string, host: string, port: number, key: Buffer): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const existing = readCapped(file, MAX_KNOWN_HOSTS);
  const sep = existing && existing.length && existing[existing.length - 1] !== 0x0a ? '\n' : '';
  appendFileSync(file, `${sep}${hostName(host, port)} ${blobType(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
  if (!existing) chmodSync(file, 0o600);
}

/** ssh2 algorithm names for a known key type, so the server offers that key. */
export function hostKeyAlgorithmsFor(types: string[]): string[] {
  const out: string[] = [];
  for (const t of types) {
    if (t === 'ssh-rsa') out.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else if (t === 'ssh-ed25519' || t.startsWith('ecdsa-sha2-') || t === 'ssh-dss') out.push(t);
  }
  return out;
}
