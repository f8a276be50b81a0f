// Read any key file the commands accept and tell what it is: PPK v2/v3, OpenSSH private
// key, PEM (PKCS#1, SEC1, PKCS#8, encrypted), OpenSSH public lines / authorized_keys,
// RFC 4716 public keys.

import { checkSupportedSize, publicBlob, type PrivateKey } from './model.js';
import { opensshInfo, OPENSSH_BEGIN, parseOpenssh, PassphraseError } from './openssh.js';
import { checkPemKdf, parsePem, pemEncrypted, pemLabel } from './pem.js';
import { isPpk, ppkPublic, readPpk } from './ppk.js';
import { listKeys, parseRfc4716, type BlobInfo } from './pubkey.js';
import { KeyFormatError } from './wire.js';

export type KeyFileKind = 'ppk' | 'openssh' | 'pem' | 'public';

export function detectKind(buf: Buffer): KeyFileKind | undefined {
  if (isPpk(buf)) return 'ppk';
  const head = buf.subarray(0, 4096).toString('latin1');
  if (head.includes(OPENSSH_BEGIN)) return 'openssh';
  if (pemLabel(head)) return 'pem';
  if (head.includes('---- BEGIN SSH2 PUBLIC KEY ----')) return 'public';
  if (/^\s*(\S+\s+)?(ssh-|ecdsa-|sk-)/m.test(head)) return 'public';
  return undefined;
}

export interface LoadedPrivate {
  key: PrivateKey;
  kind: Exclude<KeyFileKind, 'public'>;
  encrypted: boolean;
  /** PPK details when read from a PPK file */
  ppkVersion?: 2 | 3;
}

export function isEncrypted(buf: Buffer, kind: KeyFileKind): boolean {
  if (kind === 'ppk') return ppkPublic(buf).encrypted;
  if (kind === 'openssh') return opensshInfo(buf.toString('latin1')).encrypted;
  if (kind === 'pem') return pemEncrypted(buf.toString('latin1'));
  return false;
}

/**
 * Load a private key. `passphrase` is asked for only when the file is encrypted; a
 * PassphraseError ("wrong passphrase") or KeyFormatError is thrown otherwise.
 */
export async function loadPrivate(buf: Buffer, passphrase: () => Promise<string | undefined>): Promise<LoadedPrivate> {
  const kind = detectKind(buf);
  if (!kind) throw new KeyFormatError('not a key file (expected a PEM, OpenSSH or PuTTY private key)');
  if (kind === 'public') throw new KeyFormatError('this is a public key; a private key is needed');
  const encrypted = isEncrypted(buf, kind);
  if (encrypted && kind === 'pem') checkPemKdf(buf.toString('utf8')); // before asking for the passphrase
  const pass = encrypted ? await passphrase() : undefined;
  if (encrypted && !pass) throw new PassphraseError('the key is encrypted and no passphrase was given');
  let res: LoadedPrivate;
  if (kind === 'ppk') {
    const { ppk, ...key } = await readPpk(buf, pass);
    res = { key, kind, encrypted, ppkVersion: ppk.version };
  } else {
    const text = buf.toString('utf8');
    res = { key: kind === 'openssh' ? await parseOpenssh(text, pass) : parsePem(text, pass), kind, encrypted };
  }
  checkSupportedSize(res.key);
  return res;
}

export interface PublicEntry {
  blob: Buffer;
  comment: string;
  /** 1-based line number for authorized_keys files */
  line?: number;
  /** what ssh-keygen -l shows as the comment of this line (see listKeys) */
  shown?: string;
  /** already inspected (key lists) */
  info?: BlobInfo;
}

export interface PublicResult {
  keys: PublicEntry[];
  /** lines that were neither keys nor comments (ssh-keygen -l skips them silently) */
  skipped: number[];
}

/**
 * Public keys in a file. Private key files give their one public key (PEM and encrypted
 * OpenSSH keys carry no readable comment: `comment` is '' then).
 */
export async function loadPublic(buf: Buffer, passphrase: () => Promise<string | undefined>): Promise<PublicResult & { kind: KeyFileKind }> {
  // Anything unrecognised is read as a key list, as ssh-keygen -l does (it may hold none).
  const kind = detectKind(buf) ?? 'public';
  if (kind === 'ppk') {
    const p = ppkPublic(buf);
    return { kind, keys: [{ blob: p.publicBlob, comment: p.comment }], skipped: [] };
  }
  if (kind === 'openssh') {
    const text = buf.toString('utf8');
    const info = opensshInfo(text);
    if (info.encrypted) return { kind, keys: [{ blob: info.publicBlob, comment: '' }], skipped: [] };
    const k = await parseOpenssh(text);
    return { kind, keys: [{ blob: publicBlob(k), comment: k.comment }], skipped: [] };
  }
  if (kind === 'pem') {
    const { key } = await loadPrivate(buf, passphrase);
    return { kind, keys: [{ blob: publicBlob(key), comment: '' }], skipped: [] };
  }
  if (buf.includes('---- BEGIN SSH2 PUBLIC KEY ----')) {
    const text = buf.toString('utf8');
    const k = parseRfc4716(text);
    if (!k) throw new KeyFormatError('RFC 4716 public key is malformed');
    return { kind, keys: [{ blob: k.blob, comment: k.comment }], skipped: [] };
  }
  return { kind, ...parseAuthorizedKeys(buf) };
}

export function parseAuthorizedKeys(text: string | Buffer): PublicResult {
  // ListedKey has every PublicEntry field: no per-key copy (10,000-line files are common)
  return listKeys(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}
