// PEM private keys through node:crypto (OpenSSL): PKCS#1 `RSA PRIVATE KEY`, SEC1
// `EC PRIVATE KEY`, PKCS#8 `PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`, legacy Proc-Type
// encryption. Written as ssh-keygen -m PEM writes them.

import { createPrivateKey } from 'node:crypto';
import { fromKeyObject, toKeyObject, type KeyMaterial, type PrivateKey } from './model.js';
import { PassphraseError } from './openssh.js';
import { KeyFormatError } from './wire.js';

const PEM_RE = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----/;

export function pemLabel(text: string): string | undefined {
  return PEM_RE.exec(text)?.[1];
}

export function pemEncrypted(text: string): boolean {
  return /Proc-Type:\s*4,ENCRYPTED/.test(text) || text.includes('BEGIN ENCRYPTED PRIVATE KEY');
}

/** PKCS#8 key derivation accepted on read (OpenSSL writes PBKDF2 with 2,048 iterations, scrypt N=16384). */
export const PKCS8_KDF_LIMITS = { maxIterations: 10_000_000, maxScryptN: 1 << 20, maxScryptR: 32, maxScryptP: 16, maxScryptMemory: 1024 * 1024 * 1024 } as const;

const SCRYPT_OID = Buffer.from('06092b06010401da47040b', 'hex');

/** INTEGERs (as numbers, capped at 2^53) in a DER element's subtree, in order. */
function derIntegers(der: Buffer, start: number, end: number, out: number[]): void {
  let pos = start;
  while (pos < end && out.length < 16) {
    const tag = der[pos]!;
    let len = der[pos + 1]!;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || pos + 2 + n > end) throw new KeyFormatError('PKCS#8 key is corrupted (bad DER length)');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + der[pos + 2 + i]!;
      hdr = 2 + n;
    }
    const body = pos + hdr;
    if (body + len > end) throw new KeyFormatError('PKCS#8 key is corrupted (bad DER length)');
    if (tag === 0x02) {
      let v = 0;
      for (let i = body; i < body + len; i++) v = Math.min(Number.MAX_SAFE_INTEGER, v * 256 + der[i]!);
      out.push(v);
    } else if (tag & 0x20) {
      derIntegers(der, body, body + len, out); // constructed: look inside
    }
    pos = body + len;
  }
}

/**
 * Refuse an ENCRYPTED PRIVATE KEY whose key derivation would run for ages or take all the
 * memory (the file chooses: PBKDF2 iterations, scrypt N/r/p), before any passphrase is asked.
 */
export function checkPemKdf(text: string): void {
  if (pemLabel(text) !== 'ENCRYPTED PRIVATE KEY') return;
  const m = /-----BEGIN ENCRYPTED PRIVATE KEY-----([\s\S]*?)-----END ENCRYPTED PRIVATE KEY-----/.exec(text);
  if (!m) return; // parsePem reports the truncation
  const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  const ints: number[] = [];
  derIntegers(der, 0, der.length, ints);
  const L = PKCS8_KDF_LIMITS;
  if (der.includes(SCRYPT_OID)) {
    const [n = 0, r = 0, p = 0] = ints;
    if (n > L.maxScryptN || r > L.maxScryptR || p > L.maxScryptP || 128 * n * r > L.maxScryptMemory) {
      throw new KeyFormatError(`PKCS#8 key derivation refused: scrypt N=${n}, r=${r}, p=${p} is above the limits (N ≤ ${L.maxScryptN}, r ≤ ${L.maxScryptR}, p ≤ ${L.maxScryptP}, 1 GiB of memory)`);
    }
  } else if ((ints[0] ?? 0) > L.maxIterations) {
    throw new KeyFormatError(`PKCS#8 key derivation refused: ${ints[0]} iterations is above the limit of ${L.maxIterations}`);
  }
}

export function parsePem(text: string, passphrase?: string): PrivateKey {
  const label = pemLabel(text);
  if (!label) throw new KeyFormatError('not a PEM private key');
  if (!text.includes(`-----END ${label}-----`)) throw new KeyFormatError(`PEM key is truncated (no "END ${label}" line)`);
  checkPemKdf(text);
  const encrypted = pemEncrypted(text);
  if (encrypted && !passphrase) throw new PassphraseError('passphrase required');
  let ko;
  try {
    ko = createPrivateKey({ key: text, format: 'pem', passphrase: encrypted ? passphrase : undefined });
  } catch (e) {
    if (encrypted) throw new PassphraseError('wrong passphrase');
    throw new KeyFormatError(`PEM key is corrupted (${opensslReason(e)})`);
  }
  return { ...fromKeyObject(ko), comment: '' };
}

function opensslReason(e: unknown): string {
  const m = (e as Error).message ?? String(e);
  return m.replace(/^error:[0-9A-F]+:/, '').replace(/^.*routines::/, '').trim() || 'unreadable';
}

export function pemSupports(k: KeyMaterial): boolean {
  return k.type !== 'ssh-ed25519';
}

/**
 * PKCS#1 for RSA, SEC1 for ECDSA (the `ssh-keygen -m PEM` forms; with a passphrase the
 * legacy Proc-Type/DEK-Info AES-128-CBC encryption ssh-keygen uses). Ed25519 has no such
 * form (ssh-keygen writes OpenSSH format for it): callers check pemSupports first.
 */
export function writePem(k: KeyMaterial, passphrase?: string): string {
  if (!pemSupports(k)) throw new KeyFormatError('Ed25519 keys have no traditional PEM form; use --format openssh');
  const ko = toKeyObject(k);
  const type = k.type === 'ssh-rsa' ? 'pkcs1' : 'sec1';
  const enc = passphrase ? { cipher: 'aes-128-cbc', passphrase } : {};
  return ko.export({ type, format: 'pem', ...enc } as any) as string;
}
