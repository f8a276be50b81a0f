// Issue 7 §3.3 for PEM keys: an ENCRYPTED PRIVATE KEY (PKCS#8) names its own key derivation
// cost. Iterations and scrypt parameters above the limits are refused before the passphrase
// is asked; keys as OpenSSL and Node write them still load.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPrivate } from '../../../src/keys/load.js';
import { KeyFormatError } from '../../../src/keys/wire.js';

/** A tiny DER encoder: enough for an EncryptedPrivateKeyInfo. */
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 128 ? Buffer.from([n]) : n < 256 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...xs: Buffer[]) => tlv(0x30, Buffer.concat(xs));
const int = (v: number) => {
  const bytes: number[] = [];
  for (let x = v; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
  if (!bytes.length || bytes[0]! >= 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
};
const oid = (hex: string) => Buffer.from(hex, 'hex');
const PBES2 = oid('06092a864886f70d01050d');
const PBKDF2 = oid('06092a864886f70d01050c');
const SCRYPT = oid('06092b06010401da47040b');
const AES256CBC = oid('060960864801650304012a');
const HMAC_SHA256 = oid('06082a864886f70d0209');

function pem(kdf: Buffer): Buffer {
  const der = seq(seq(PBES2, seq(kdf, seq(AES256CBC, tlv(0x04, Buffer.alloc(16, 1))))), tlv(0x04, Buffer.alloc(64, 2)));
  const b64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return Buffer.from(`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${b64}\n-----END ENCRYPTED PRIVATE KEY-----\n`);
}
const pbkdf2 = (iterations: number) => pem(seq(PBKDF2, seq(tlv(0x04, Buffer.alloc(8, 3)), int(iterations), seq(HMAC_SHA256, Buffer.from([5, 0])))));
const scrypt = (n: number, r: number, p: number) => pem(seq(SCRYPT, seq(tlv(0x04, Buffer.alloc(8, 3)), int(n), int(r), int(p))));

async function refusal(buf: Buffer): Promise<{ message: string; asked: boolean }> {
  let asked = false;
  try {
    await loadPrivate(buf, async () => {
      asked = true;
      return 'pw';
    });
  } catch (e) {
    expect(e).toBeInstanceOf(KeyFormatError);
    return { message: (e as Error).message, asked };
  }
  throw new Error('expected a refusal');
}

describe('PKCS#8 key derivation limits', () => {
  it.each([
    [pbkdf2(100_000_000), 'PKCS#8 key derivation refused: 100000000 iterations is above the limit of 10000000'],
    [pbkdf2(2 ** 40), 'PKCS#8 key derivation refused: 1099511627776 iterations is above the limit of 10000000'],
    [scrypt(1 << 22, 8, 1), 'PKCS#8 key derivation refused: scrypt N=4194304, r=8, p=1 is above the limits (N ≤ 1048576, r ≤ 32, p ≤ 16, 1 GiB of memory)'],
    [scrypt(1 << 20, 16, 1), 'PKCS#8 key derivation refused: scrypt N=1048576, r=16, p=1 is above the limits (N ≤ 1048576, r ≤ 32, p ≤ 16, 1 GiB of memory)'],
    [scrypt(16384, 8, 1000), 'PKCS#8 key derivation refused: scrypt N=16384, r=8, p=1000 is above the limits (N ≤ 1048576, r ≤ 32, p ≤ 16, 1 GiB of memory)'],
  ])('refused before the passphrase: %#', async (buf, message) => {
    expect(await refusal(buf)).toEqual({ message, asked: false });
  });

  it('within the limits the key is decrypted as usual (here: a wrong passphrase, since the data is made up)', async () => {
    let asked = false;
    await expect(loadPrivate(pbkdf2(2048), async () => ((asked = true), 'pw'))).rejects.toThrow('wrong passphrase');
    expect(asked).toBe(true);
  });

  it('a key as Node (OpenSSL) writes it loads', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
    });
    const r = await loadPrivate(Buffer.from(privateKey), async () => 'pw');
    expect(r.key.type).toBe('ssh-rsa');
    expect(r.encrypted).toBe(true);
  });
});
