// PuTTY private key files, PPK v2 and v3 (PuTTY 0.78 sshpubk.c, doc/pubkeyfmt.but):
// byte-identical to puttygen for the same key, comment and parameters.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { argon2, argon2Calibrated, argon2ParamsProblem, type Argon2Flavour } from './argon2.js';
import { canonicalRsa, checkConsistent, CURVES, isEcdsa, publicBlob, readPublicFields, type KeyMaterial, type PrivateKey } from './model.js';
import { PassphraseError } from './openssh.js';
import { KeyFormatError, Reader, Writer } from './wire.js';

export interface PpkWriteOptions {
  version?: 2 | 3;
  /** empty or undefined: unencrypted */
  passphrase?: string;
  kdf?: Argon2Flavour;
  /** KiB (puttygen default 8192) */
  memory?: number;
  /** undefined: calibrate like puttygen (Fibonacci passes until one run takes ≥ 100 ms) */
  passes?: number;
  parallelism?: number;
  /** 16 random bytes unless given (tests) */
  salt?: Buffer;
}

export const PPK_DEFAULTS = { version: 3 as const, kdf: 'Argon2id' as Argon2Flavour, memory: 8192, parallelism: 1, calibrateMs: 100 };

const MAC_KEY_PREFIX = 'putty-private-key-file-mac-key';

export function ppkPrivateBlob(k: KeyMaterial): Buffer {
  const w = new Writer();
  if (k.type === 'ssh-rsa') return w.mpint(k.d).mpint(k.p).mpint(k.q).mpint(k.iqmp).done();
  if (k.type === 'ssh-ed25519') return w.string(k.seed).done();
  return w.mpint(k.d).done();
}

function readPrivate(type: string, pub: Buffer, priv: Buffer): KeyMaterial {
  const pr = new Reader(pub, 'public key blob');
  if (pr.text() !== type) throw new KeyFormatError('PPK public key type does not match its header');
  const pubFields = readPublicFields(type, pr);
  pr.end();
  const r = new Reader(priv, 'private key blob');
  let k: KeyMaterial;
  if (pubFields.type === 'ssh-rsa') {
    const p = pubFields as { e: Buffer; n: Buffer };
    const d = r.mpint();
    const pp = r.mpint();
    const q = r.mpint();
    const iqmp = r.mpint();
    // Like PuTTY's rsa_verify: p > q and iqmp recomputed (a stored iqmp is not trusted).
    k = canonicalRsa({ type: 'ssh-rsa', n: p.n, e: p.e, d, p: pp, q, iqmp });
  } else if (pubFields.type === 'ssh-ed25519') {
    const seed = r.string();
    if (seed.length !== 32) throw new KeyFormatError('Ed25519 private key has the wrong length');
    k = { type: 'ssh-ed25519', pub: (pubFields as { pub: Buffer }).pub, seed: Buffer.from(seed) };
  } else {
    k = { type: pubFields.type as any, Q: (pubFields as { Q: Buffer }).Q, d: r.mpint() };
  }
  // Trailing bytes are cipher padding (encrypted files only); the caller checked the length.
  checkConsistent(k);
  return k;
}

function sha1(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

function macInput(alg: string, enc: string, comment: Buffer, pub: Buffer, priv: Buffer): Buffer {
  return new Writer().string(alg).string(enc).string(comment).string(pub).string(priv).done();
}

function b64lines(b: Buffer): string[] {
  const s = b.toString('base64');
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 64) out.push(s.slice(i, i + 64));
  return out;
}

function v2Keys(pass: string): { aesKey: Buffer; iv: Buffer; macKey: Buffer } {
  const p = Buffer.from(pass, 'utf8');
  const aesKey = Buffer.concat([sha1(Buffer.from([0, 0, 0, 0]), p), sha1(Buffer.from([0, 0, 0, 1]), p)]).subarray(0, 32);
  return { aesKey, iv: Buffer.alloc(16), macKey: sha1(MAC_KEY_PREFIX, p) };
}

export async function writePpk(key: PrivateKey, o: PpkWriteOptions = {}): Promise<string> {
  const version = o.version ?? PPK_DEFAULTS.version;
  const k: KeyMaterial = key.type === 'ssh-rsa' ? canonicalRsa(key) : key;
  const comment = Buffer.from(key.comment, 'utf8');
  if (comment.includes(10) || comment.includes(13)) throw new KeyFormatError('a PPK comment cannot contain a line break');
  const alg = k.type;
  const pub = publicBlob(k);
  let priv = ppkPrivateBlob(k);
  const encrypted = Boolean(o.passphrase);
  const enc = encrypted ? 'aes256-cbc' : 'none';
  let kdfLines = '';
  let macKey: Buffer;
  let cipherKey: Buffer | undefined;
  let iv: Buffer | undefined;
  if (encrypted) {
    const padLen = (16 - (priv.length % 16)) % 16;
    priv = Buffer.concat([priv, sha1(priv).subarray(0, padLen)]);
  }
  if (version === 2) {
    const ks = v2Keys(encrypted ? o.passphrase! : '');
    macKey = ks.macKey;
    cipherKey = ks.aesKey;
    iv = ks.iv;
  } else if (encrypted) {
    const flavour = o.kdf ?? PPK_DEFAULTS.kdf;
    const memory = o.memory ?? PPK_DEFAULTS.memory;
    const parallelism = o.parallelism ?? PPK_DEFAULTS.parallelism;
    const salt = o.salt ?? randomBytes(16);
    const password = Buffer.from(o.passphrase!, 'utf8');
    let passes = o.passes;
    let out: Buffer;
    if (passes === undefined) ({ passes, out } = await argon2Calibrated({ flavour, memory, parallelism, salt }, password, 80, PPK_DEFAULTS.calibrateMs));
    else out = await argon2({ flavour, memory, passes, parallelism, salt }, password, 80);
    cipherKey = out.subarray(0, 32);
    iv = out.subarray(32, 48);
    macKey = out.subarray(48, 80);
    kdfLines = `Key-Derivation: ${flavour}\nArgon2-Memory: ${memory}\nArgon2-Passes: ${passes}\nArgon2-Parallelism: ${parallelism}\nArgon2-Salt: ${salt.toString('hex')}\n`;
  } else {
    macKey = Buffer.alloc(0);
  }
  const mac = createHmac(version === 2 ? 'sha1' : 'sha256', macKey).update(macInput(alg, enc, comment, pub, priv)).digest('hex');
  let stored = priv;
  if (encrypted) {
    const c = createCipheriv('aes-256-cbc', cipherKey!, iv!);
    c.setAutoPadding(false);
    stored = Buffer.concat([c.update(priv), c.final()]);
  }
  const pubL = b64lines(pub);
  const privL = b64lines(stored);
  return (
    `PuTTY-User-Key-File-${version}: ${alg}\nEncryption: ${enc}\nComment: ${key.comment}\n` +
    `Public-Lines: ${pubL.length}\n${pubL.join('\n')}\n` +
    kdfLines +
    `Private-Lines: ${privL.length}\n${privL.join('\n')}\nPrivate-MAC: ${mac}\n`
  );
}

// ---- reading ----------------------------------------------------------------

export interface PpkFile {
  version: 2 | 3;
  alg: string;
  encryption: 'none' | 'aes256-cbc';
  comment: string;
  commentBytes: Buffer;
  publicBlob: Buffer;
  kdf?: { flavour: Argon2Flavour; memory: number; passes: number; parallelism: number; salt: Buffer };
  privateStored: Buffer;
  mac: Buffer;
}

export function isPpk(buf: Buffer): boolean {
  return /^PuTTY-User-Key-File-\d+: /.test(buf.subarray(0, 40).toString('latin1'));
}

const corrupt = (why: string) => new KeyFormatError(`PPK file is corrupted: ${why}`);

/** Parse the outer structure (no passphrase needed: the public part is in the clear). */
export function parsePpkFile(buf: Buffer): PpkFile {
  const text = buf.toString('latin1');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let i = 0;
  const header = (name: string): string => {
    const l = lines[i];
    if (l === undefined) throw corrupt(`truncated before "${name}"`);
    const prefix = `${name}: `;
    if (!l.startsWith(prefix)) throw corrupt(`expected "${name}" on line ${i + 1}`);
    i++;
    return l.slice(prefix.length);
  };
  const count = (name: string): number => {
    const v = header(name);
    if (!/^\d{1,6}$/.test(v)) throw corrupt(`bad ${name} value "${v}"`);
    return Number(v);
  };
  const blob = (n: number, what: string): Buffer => {
    if (n > 262144 / 48) throw corrupt(`${what} too long`);
    let s = '';
    for (let j = 0; j < n; j++, i++) {
      const l = lines[i];
      if (l === undefined) throw corrupt(`truncated in the ${what}`);
      if (l.length > 64 || l.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(l)) throw corrupt(`bad base64 in the ${what} (line ${i + 1})`);
      s += l;
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw corrupt(`bad base64 in the ${what}`);
    return Buffer.from(s, 'base64');
  };
  const first = lines[0] ?? '';
  const m = /^PuTTY-User-Key-File-(\d+): (.*)$/.exec(first);
  if (!m) throw new KeyFormatError('not a PPK file');
  const version = Number(m[1]);
  if (version !== 2 && version !== 3) throw new KeyFormatError(`unsupported PPK version ${m[1]} (supported: 2 and 3)`);
  const alg = m[2]!;
  i = 1;
  const encryption = header('Encryption');
  if (encryption !== 'none' && encryption !== 'aes256-cbc') throw new KeyFormatError(`unsupported PPK encryption "${encryption}"`);
  const commentLatin = header('Comment');
  const commentBytes = Buffer.from(commentLatin, 'latin1');
  const publicBlob = blob(count('Public-Lines'), 'public key');
  let kdf: PpkFile['kdf'];
  if (version === 3 && encryption !== 'none') {
    const flavour = header('Key-Derivation');
    if (flavour !== 'Argon2id' && flavour !== 'Argon2i' && flavour !== 'Argon2d') throw new KeyFormatError(`unsupported PPK key derivation "${flavour}"`);
    const num = (name: string) => {
      const v = header(name);
      if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > 0xffffffff) throw corrupt(`bad ${name} value "${v}"`);
      return Number(v);
    };
    const memory = num('Argon2-Memory');
    const passes = num('Argon2-Passes');
    const parallelism = num('Argon2-Parallelism');
    // Refused on read, before any passphrase is asked: the file chooses the cost.
    const problem = argon2ParamsProblem({ memory, passes, parallelism });
    if (problem) throw new KeyFormatError(`PPK key derivation refused: ${problem}`);
    const saltHex = header('Argon2-Salt');
    if (!/^([0-9a-fA-F]{2})+$/.test(saltHex)) throw corrupt('bad Argon2-Salt');
    kdf = { flavour, memory, passes, parallelism, salt: Buffer.from(saltHex, 'hex') };
  }
  const privateStored = blob(count('Private-Lines'), 'private key');
  const macHex = header('Private-MAC');
  const macLen = version === 2 ? 40 : 64;
  if (!new RegExp(`^[0-9a-fA-F]{${macLen}}$`).test(macHex)) throw corrupt('bad Private-MAC');
  if (i !== lines.length && lines.slice(i).some((l) => l.trim() !== '')) throw corrupt(`unexpected text after Private-MAC (line ${i + 1})`);
  if (encryption !== 'none' && privateStored.length % 16 !== 0) throw corrupt('encrypted private part is not a whole number of cipher blocks');
  return {
    version,
    alg,
    encryption,
    comment: commentBytes.toString('utf8'),
    commentBytes,
    publicBlob,
    kdf,
    privateStored,
    mac: Buffer.from(macHex, 'hex'),
  };
}

/** The public key type + blob + comment of a PPK without decrypting it. */
export function ppkPublic(buf: Buffer): { alg: string; publicBlob: Buffer; comment: string; encrypted: boolean } {
  const f = parsePpkFile(buf);
  return { alg: f.alg, publicBlob: f.publicBlob, comment: f.comment, encrypted: f.encryption !== 'none' };
}

export async function readPpk(buf: Buffer, passphrase?: string): Promise<PrivateKey & { ppk: PpkFile }> {
  const f = parsePpkFile(buf);
  if (f.alg !== 'ssh-rsa' && f.alg !== 'ssh-ed25519' && !isEcdsa(f.alg)) {
    throw new KeyFormatError(`unsupported key type ${f.alg} (supported: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521)`);
  }
  const encrypted = f.encryption !== 'none';
  if (encrypted && !passphrase) throw new PassphraseError('passphrase required');
  const pass = encrypted ? passphrase! : '';
  let macKey: Buffer;
  let priv = f.privateStored;
  if (f.version === 2) {
    const ks = v2Keys(pass);
    macKey = ks.macKey;
    if (encrypted) priv = decrypt(priv, ks.aesKey, ks.iv);
  } else if (encrypted) {
    const out = await argon2(f.kdf!, Buffer.from(pass, 'utf8'), 80);
    macKey = out.subarray(48, 80);
    priv = decrypt(priv, out.subarray(0, 32), out.subarray(32, 48));
  } else {
    macKey = Buffer.alloc(0);
  }
  const mac = createHmac(f.version === 2 ? 'sha1' : 'sha256', macKey).update(macInput(f.alg, f.encryption, f.commentBytes, f.publicBlob, priv)).digest();
  let key: KeyMaterial | undefined;
  let why = '';
  try {
    key = readPrivate(f.alg, f.publicBlob, priv);
  } catch (e) {
    why = (e as Error).message;
  }
  if (!mac.equals(f.mac)) {
    // A wrong passphrase decrypts to garbage; a right one with an altered header or comment
    // decrypts to a key that matches the public half.
    if (encrypted && !key) throw new PassphraseError('wrong passphrase');
    throw corrupt('MAC check failed (the file was altered)');
  }
  if (!key) throw corrupt(why);
  return { ...key, comment: f.comment, ppk: f };
}

function decrypt(b: Buffer, key: Buffer, iv: Buffer): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(b), d.final()]);
}

export { CURVES };
