// Property tests over many random keys: every writer/reader pair round-trips, and the
// unencrypted PPK of any key equals puttygen's for that key (oracle, fewer runs).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivate } from '../../../src/keys/load.js';
import { canonicalRsa, publicBlob, type KeyMaterial, type PrivateKey } from '../../../src/keys/model.js';
import { parseOpenssh, writeOpenssh } from '../../../src/keys/openssh.js';
import { parsePem, writePem } from '../../../src/keys/pem.js';
import { readPpk, writePpk } from '../../../src/keys/ppk.js';
import { fingerprintOf, inspectBlob, listKeys, publicLine } from '../../../src/keys/pubkey.js';
import { randomKey, type RandomKind, requireTools, scratch, tool, type Scratch } from './oracle.js';

type Kind = RandomKind;
const kinds: Kind[] = ['rsa1024', 'rsa2048', 'ed25519', 'P-256', 'P-384', 'P-521'];

const gen = (kind: Kind) => randomKey(kind);

const kindArb = fc.constantFrom<Kind>(...kinds, 'rsa1024', 'ed25519');
const commentArb = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((c) => !/[\r\n]/.test(c));
const passArb = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));

const canon = (k: KeyMaterial) => (k.type === 'ssh-rsa' ? canonicalRsa(k) : k);

describe('round trips over random keys', () => {
  it('PPK v2/v3 (plain and encrypted), PEM, OpenSSH and public lines', async () => {
    await fc.assert(
      fc.asyncProperty(kindArb, commentArb, passArb, fc.constantFrom(2 as const, 3 as const), fc.constantFrom('Argon2id', 'Argon2i', 'Argon2d') as fc.Arbitrary<'Argon2id'>, async (kind, comment, pass, version, kdf) => {
        const k: PrivateKey = { ...(await gen(kind)), comment };
        const ppk = await writePpk(k, { version, passphrase: pass, kdf, passes: 1, memory: 64 });
        const back = await readPpk(Buffer.from(ppk), pass || undefined);
        const { ppk: _meta, ...bk } = back;
        expect(bk).toEqual({ ...canon(k), comment });
        // wrong passphrase is always detected
        if (pass) await expect(readPpk(Buffer.from(ppk), pass + 'x')).rejects.toThrow('wrong passphrase');

        if (k.type !== 'ssh-ed25519') {
          const pem = writePem(k);
          expect(parsePem(pem)).toEqual({ ...k, comment: '' });
          expect(writePem(parsePem(pem))).toBe(pem);
        }
        const os = await writeOpenssh(k);
        expect(await parseOpenssh(os)).toEqual(k);

        const line = publicLine(k, comment.trim() ? comment : undefined);
        const listed = listKeys(Buffer.from(line + '\n')).keys;
        expect(listed).toHaveLength(1);
        expect(listed[0]!.blob.equals(publicBlob(k))).toBe(true);
        expect(inspectBlob(publicBlob(k)).plain.equals(publicBlob(k))).toBe(true);
        expect(fingerprintOf(publicBlob(k), 'sha256')).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      }),
      { numRuns: 40 },
    );
  });

  it('encrypted PEM and OpenSSH keys round-trip through the loader', async () => {
    for (const kind of ['rsa1024', 'P-384', 'ed25519'] as Kind[]) {
      const k: PrivateKey = { ...(await gen(kind)), comment: 'enc test' };
      if (kind === 'ed25519') {
        // bcrypt-pbkdf in pure JS is slow: one type is enough here (e2e covers ssh-keygen reading it)
        const os = await writeOpenssh(k, 'pässword');
        const lo = await loadPrivate(Buffer.from(os), async () => 'pässword');
        expect(lo).toMatchObject({ kind: 'openssh', encrypted: true, key: k });
        await expect(loadPrivate(Buffer.from(os), async () => 'wrong')).rejects.toThrow('wrong passphrase');
      } else {
        const pem = writePem(k, 'pässword');
        expect(pem).toMatch(/Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
        expect((await loadPrivate(Buffer.from(pem), async () => 'pässword')).key).toEqual({ ...k, comment: '' });
        await expect(loadPrivate(Buffer.from(pem), async () => 'wrong')).rejects.toThrow('wrong passphrase');
      }
    }
  });
});

const ok = requireTools('puttygen');
describe.runIf(ok)('random keys against puttygen', () => {
  let s: Scratch;
  beforeAll(() => {
    s = scratch();
  });
  afterAll(() => s?.cleanup());

  it('unencrypted v2 and v3 PPK byte-identical to puttygen for random keys and comments', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(kindArb, fc.stringMatching(/^[ -~]{0,24}$/), async (kind, comment) => {
        const k: PrivateKey = { ...(await gen(kind)), comment };
        // puttygen imports the OpenSSH form with its comment (PEM carries none)
        const src = s.write(`k${n++}`, await writeOpenssh(k));
        for (const v of [2, 3] as const) {
          const ref = s.path(`ref${n}.v${v}.ppk`);
          tool(s, 'puttygen', [src, '-O', 'private', '--ppk-param', `version=${v}`, '-o', ref]);
          expect(await writePpk(k, { version: v })).toBe(readFileSync(ref, 'utf8'));
        }
      }),
      { numRuns: 15 },
    );
  });
});
