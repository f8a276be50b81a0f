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

export function parsePem(text: string, passphrase?: string): PrivateKey {
  const label = pemLabel(text);
  if (!label) throw new KeyFormatError('not a PEM private key');
  if (!text.includes(`-----END ${label}-----`)) throw new KeyFormatError(`PEM key is truncated (no "END ${label}" line)`);
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
