// OpenSSH private key format ("openssh-key-v1", `BEGIN OPENSSH PRIVATE KEY`). Unencrypted
// keys are read and written here; bcrypt-pbkdf encrypted ones go through sshpk, imported
// only on that path.

import { randomBytes } from 'node:crypto';
import { checkConsistent, CURVES, isEcdsa, publicBlob, readPublicFields, type KeyMaterial, type PrivateKey } from './model.js';
import { KeyFormatError, Reader, Writer } from './wire.js';

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
export const OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const OPENSSH_END = '-----END OPENSSH PRIVATE KEY-----';

/**
 * bcrypt-pbkdf rounds accepted on read. ssh-keygen writes 16 (-a 16) by default and -a 100 is
 * a common recommendation; a file asking for 2^32 - 1 would run for days. 1,024 rounds take
 * about 20 s here (sshpk's JavaScript bcrypt).
 */
export const MAX_BCRYPT_ROUNDS = 1024;

export class PassphraseError extends Error {
  constructor(message = 'wrong passphrase') {
    super(message);
    this.name = 'PassphraseError';
  }
}

function body(text: string): Buffer {
  const start = text.indexOf(OPENSSH_BEGIN);
  const end = text.indexOf(OPENSSH_END);
  if (start < 0 || end < 0 || end < start) throw new KeyFormatError('OpenSSH private key is truncated (no END line)');
  const b64 = text.slice(start + OPENSSH_BEGIN.length, end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new KeyFormatError('OpenSSH private key has invalid base64');
  return Buffer.from(b64, 'base64');
}

export interface OpensshInfo {
  cipher: string;
  kdf: string;
  publicBlob: Buffer;
  encrypted: boolean;
}

export function opensshInfo(text: string): OpensshInfo {
  const buf = body(text);
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new KeyFormatError('not an OpenSSH private key (bad magic)');
  const r = new Reader(buf, 'OpenSSH private key');
  r.raw(MAGIC.length);
  const cipher = r.text();
  const kdf = r.text();
  const kdfOptions = Buffer.from(r.string());
  if (kdf === 'bcrypt') {
    // The file chooses the cost (rounds): refused on read above the limit, before any passphrase.
    const o = new Reader(kdfOptions, 'OpenSSH private key KDF options');
    o.string(); // salt
    const rounds = o.uint32();
    if (rounds < 1 || rounds > MAX_BCRYPT_ROUNDS) {
      throw new KeyFormatError(`OpenSSH key derivation refused: bcrypt rounds ${rounds} is outside 1–${MAX_BCRYPT_ROUNDS}`);
    }
  }
  const nkeys = r.uint32();
  if (nkeys !== 1) throw new KeyFormatError(`OpenSSH private key file holds ${nkeys} keys (expected 1)`);
  const pub = Buffer.from(r.string());
  return { cipher, kdf, publicBlob: pub, encrypted: cipher !== 'none' };
}

export async function parseOpenssh(text: string, passphrase?: string): Promise<PrivateKey> {
  const info = opensshInfo(text);
  if (info.encrypted) return parseEncrypted(text, info, passphrase);
  const buf = body(text);
  const r = new Reader(buf, 'OpenSSH private key');
  r.raw(MAGIC.length);
  r.string();
  r.string();
  r.string();
  r.uint32();
  r.string();
  const priv = new Reader(Buffer.from(r.string()), 'OpenSSH private key');
  const c1 = priv.uint32();
  const c2 = priv.uint32();
  if (c1 !== c2) throw new KeyFormatError('OpenSSH private key is corrupted (check bytes differ)');
  const type = priv.text();
  let k: KeyMaterial;
  if (type === 'ssh-rsa') {
    const n = priv.mpint();
    const e = priv.mpint();
    const d = priv.mpint();
    const iqmp = priv.mpint();
    const p = priv.mpint();
    const q = priv.mpint();
    k = { type, n, e, d, p, q, iqmp };
  } else if (type === 'ssh-ed25519') {
    const pub = priv.string();
    const sk = priv.string();
    if (pub.length !== 32 || sk.length !== 64) throw new KeyFormatError('Ed25519 key has the wrong length');
    k = { type, pub: Buffer.from(pub), seed: Buffer.from(sk.subarray(0, 32)) };
  } else if (isEcdsa(type)) {
    const pubPart = readPublicFields(type, priv) as { Q: Buffer };
    k = { type, Q: pubPart.Q, d: priv.mpint() };
  } else {
    throw new KeyFormatError(`unsupported key type ${type} (supported: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521)`);
  }
  const comment = priv.text();
  const pad = priv.raw(priv.remaining);
  for (let i = 0; i < pad.length; i++) if (pad[i] !== i + 1) throw new KeyFormatError('OpenSSH private key is corrupted (bad padding)');
  if (!publicBlob(k).equals(info.publicBlob)) throw new KeyFormatError('OpenSSH private key is corrupted (public and private parts differ)');
  checkConsistent(k);
  return { ...k, comment };
}

async function parseEncrypted(text: string, info: OpensshInfo, passphrase?: string): Promise<PrivateKey> {
  if (passphrase === undefined) throw new PassphraseError('passphrase required');
  const { default: sshpk } = await import('sshpk');
  let key: any;
  try {
    key = sshpk.parsePrivateKey(Buffer.from(text), 'openssh', { passphrase });
  } catch (e) {
    const msg = (e as Error).message;
    if (/passphrase/i.test(msg)) throw new PassphraseError();
    throw new KeyFormatError(`OpenSSH private key is corrupted (${msg})`);
  }
  const part = (n: string) => Buffer.from(key.part[n].data as Buffer);
  const strip = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    return b.subarray(i);
  };
  let k: KeyMaterial;
  if (key.type === 'rsa') k = { type: 'ssh-rsa', n: strip(part('n')), e: strip(part('e')), d: strip(part('d')), p: strip(part('p')), q: strip(part('q')), iqmp: strip(part('iqmp')) };
  else if (key.type === 'ed25519') k = { type: 'ssh-ed25519', pub: part('A'), seed: part('k').subarray(0, 32) };
  else if (key.type === 'ecdsa') {
    const type = `ecdsa-sha2-${key.curve}`;
    if (!isEcdsa(type)) throw new KeyFormatError(`unsupported curve ${key.curve}`);
    k = { type, Q: part('Q'), d: strip(part('d')) };
  } else throw new KeyFormatError(`unsupported key type ${key.type}`);
  if (!publicBlob(k).equals(info.publicBlob)) throw new KeyFormatError('OpenSSH private key is corrupted (public and private parts differ)');
  checkConsistent(k);
  return { ...k, comment: key.comment ?? '' };
}

function privateFields(k: KeyMaterial, w: Writer): void {
  w.string(k.type);
  if (k.type === 'ssh-rsa') w.mpint(k.n).mpint(k.e).mpint(k.d).mpint(k.iqmp).mpint(k.p).mpint(k.q);
  else if (k.type === 'ssh-ed25519') w.string(k.pub).string(Buffer.concat([k.seed, k.pub]));
  else w.string(CURVES[k.type].name).string(k.Q).mpint(k.d);
}

function armor(buf: Buffer): string {
  const b64 = buf.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 70) lines.push(b64.slice(i, i + 70));
  return `${OPENSSH_BEGIN}\n${lines.join('\n')}\n${OPENSSH_END}\n`;
}

/** Write `BEGIN OPENSSH PRIVATE KEY` (as ssh-keygen does; with a passphrase: bcrypt-pbkdf 16 rounds + aes256-ctr). */
export async function writeOpenssh(k: PrivateKey, passphrase?: string): Promise<string> {
  const check = randomBytes(4);
  const pw = new Writer().raw(check).raw(check);
  privateFields(k, pw);
  pw.string(k.comment);
  let priv = pw.done();
  const padLen = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1))]);
  const out = new Writer().raw(MAGIC).string('none').string('none').string('').uint32(1).string(publicBlob(k)).string(priv).done();
  const text = armor(out);
  if (!passphrase) return text;
  const { default: sshpk } = await import('sshpk');
  const key = sshpk.parsePrivateKey(Buffer.from(text), 'openssh');
  key.comment = k.comment;
  return key.toString('openssh', { passphrase, cipher: 'aes256-ctr' } as any);
}
