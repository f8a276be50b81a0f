// PPK v2/v3 against puttygen 0.78: byte-identical output, puttygen reads ours, we read its.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivate } from '../../../src/keys/load.js';
import { PassphraseError } from '../../../src/keys/openssh.js';
import { writePem } from '../../../src/keys/pem.js';
import { parsePpkFile, readPpk, writePpk } from '../../../src/keys/ppk.js';
import { b64url, fromBig, KeyFormatError, modInverse, toBig } from '../../../src/keys/wire.js';
import { requireTools, scratch, sshKeygen, tool, toolResult, type Scratch } from './oracle.js';

const ok = requireTools('puttygen', 'ssh-keygen');
const PASS = 'correct horse – ü';

interface Fixture {
  name: string;
  file: string;
  /** the comment puttygen gives on import */
  comment: string;
  pem: boolean;
}

describe.runIf(ok)('PPK against puttygen', () => {
  let s: Scratch;
  const fx: Fixture[] = [];
  beforeAll(() => {
    s = scratch();
    s.write('pass', PASS + '\n');
    s.write('empty', '');
    fx.push({ name: 'rsa2048-pem', file: sshKeygen(s, 'rsa2048', 'rsa', { bits: 2048, pem: true }), comment: 'imported-openssh-key', pem: true });
    fx.push({ name: 'rsa3072-openssh', file: sshKeygen(s, 'rsa3072', 'rsa', { bits: 3072, comment: 'ops@bastion' }), comment: 'ops@bastion', pem: false });
    fx.push({ name: 'ed25519', file: sshKeygen(s, 'ed', 'ed25519', { comment: 'ed key' }), comment: 'ed key', pem: false });
    fx.push({ name: 'ecdsa256-pem', file: sshKeygen(s, 'ec256', 'ecdsa', { bits: 256, pem: true }), comment: 'imported-openssh-key', pem: true });
    fx.push({ name: 'ecdsa384-openssh', file: sshKeygen(s, 'ec384', 'ecdsa', { bits: 384, comment: 'c384' }), comment: 'c384', pem: false });
    fx.push({ name: 'ecdsa521-pem', file: sshKeygen(s, 'ec521', 'ecdsa', { bits: 521, pem: true }), comment: 'imported-openssh-key', pem: true });
  });
  afterAll(() => s?.cleanup());

  const load = async (f: Fixture) => (await loadPrivate(readFileSync(f.file), async () => undefined)).key;

  it('unencrypted v3 and v2 are byte-identical to puttygen (default and custom comments)', async () => {
    for (const f of fx) {
      const key = await load(f);
      for (const v of [3, 2] as const) {
        const ref = s.path(`${f.name}.v${v}.ppk`);
        tool(s, 'puttygen', [f.file, '-O', 'private', '--ppk-param', `version=${v}`, '-o', ref]);
        expect(await writePpk({ ...key, comment: key.comment || 'imported-openssh-key' }, { version: v }), `${f.name} v${v}`).toBe(readFileSync(ref, 'utf8'));
        const refC = s.path(`${f.name}.v${v}.c.ppk`);
        tool(s, 'puttygen', [f.file, '-C', 'Ünïcode comment  with spaces', '-O', 'private', '--ppk-param', `version=${v}`, '-o', refC]);
        expect(await writePpk({ ...key, comment: 'Ünïcode comment  with spaces' }, { version: v })).toBe(readFileSync(refC, 'utf8'));
      }
    }
  });

  it('encrypted v2 is byte-identical; encrypted v3 too with puttygen\'s salt and passes', async () => {
    for (const f of fx) {
      const key = { ...(await load(f)), comment: f.comment };
      const ref2 = s.path(`${f.name}.e2.ppk`);
      tool(s, 'puttygen', [f.file, '--new-passphrase', s.path('pass'), '--ppk-param', 'version=2', '-o', ref2]);
      expect(await writePpk(key, { version: 2, passphrase: PASS })).toBe(readFileSync(ref2, 'utf8'));
      const ref3 = s.path(`${f.name}.e3.ppk`);
      tool(s, 'puttygen', [f.file, '--new-passphrase', s.path('pass'), '--ppk-param', 'passes=2,kdf=argon2i,memory=1024,parallelism=2', '-o', ref3]);
      const info = parsePpkFile(readFileSync(ref3));
      expect(info.kdf).toMatchObject({ flavour: 'Argon2i', passes: 2, memory: 1024, parallelism: 2 });
      const ours = await writePpk(key, { passphrase: PASS, kdf: 'Argon2i', passes: 2, memory: 1024, parallelism: 2, salt: info.kdf!.salt });
      expect(ours).toBe(readFileSync(ref3, 'utf8'));
    }
  });

  it('puttygen opens our encrypted files (v2, v3 Argon2id/i/d) and exports the original key', async () => {
    const cases = [
      { version: 2 as const },
      { version: 3 as const, kdf: 'Argon2id' as const, passes: 3 },
      { version: 3 as const, kdf: 'Argon2i' as const, passes: 2, memory: 16384 },
      { version: 3 as const, kdf: 'Argon2d' as const, passes: 1, parallelism: 2 },
    ];
    for (const f of fx) {
      const key = { ...(await load(f)), comment: f.comment };
      // puttygen's dump of every field of the unencrypted file = its dump of our encrypted one.
      const plainDump = tool(s, 'puttygen', [s.write(`${f.name}.plain.ppk`, await writePpk(key)), '-O', 'text']);
      expect(plainDump).toMatch(/^key_type=/);
      for (const c of cases) {
        const enc = s.write(`${f.name}.ours.${c.version}${'kdf' in c ? c.kdf : ''}.ppk`, await writePpk(key, { ...c, passphrase: PASS }));
        expect(tool(s, 'puttygen', [enc, '--old-passphrase', s.path('pass'), '-O', 'text'])).toBe(plainDump);
        // RSA: byte for byte. (puttygen's own SEC1 encoding of an ECDSA scalar with a leading
        // zero byte can differ from OpenSSL's, so ECDSA is compared through the dump above.)
        if (f.pem && key.type === 'ssh-rsa') {
          const pem = s.path(`${f.name}.back.pem`);
          tool(s, 'puttygen', [enc, '--old-passphrase', s.path('pass'), '--new-passphrase', s.path('empty'), '-O', 'private-openssh', '-o', pem]);
          expect(readFileSync(pem, 'utf8')).toBe(readFileSync(f.file, 'utf8'));
        }
      }
    }
  });

  it('reads puttygen\'s encrypted v2 and v3 files and gives back the original PEM byte for byte', async () => {
    for (const f of fx.filter((x) => x.pem)) {
      for (const param of ['version=2', 'version=3,passes=3', 'version=3,kdf=argon2d,passes=1']) {
        const ref = s.path(`${f.name}.pg.ppk`);
        tool(s, 'puttygen', [f.file, '--new-passphrase', s.path('pass'), '--ppk-param', param, '-o', ref]);
        const k = await readPpk(readFileSync(ref), PASS);
        expect(k.comment).toBe('imported-openssh-key');
        expect(writePem(k), `${f.name} ${param}`).toBe(readFileSync(f.file, 'utf8'));
      }
    }
  });

  it('puttygen reads a default-parameter (calibrated) v3 file of ours', async () => {
    const f = fx[0]!;
    const key = { ...(await load(f)), comment: f.comment };
    const text = await writePpk(key, { passphrase: PASS });
    const info = parsePpkFile(Buffer.from(text));
    expect(info.kdf).toMatchObject({ flavour: 'Argon2id', memory: 8192, parallelism: 1 });
    expect([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]).toContain(info.kdf!.passes);
    expect(info.kdf!.salt.length).toBe(16);
    const p = s.write('cal.ppk', text);
    expect(tool(s, 'puttygen', [p, '--old-passphrase', s.path('pass'), '-O', 'fingerprint']).trim()).toBe(tool(s, 'ssh-keygen', ['-l', '-E', 'sha256', '-f', f.file]).trim().replace(/^(\d+) (\S+) .*$/, 'ssh-rsa $1 $2'));
  });

  it('an RSA key stored with p < q gives puttygen\'s canonical p > q file', async () => {
    const key = await load(fx[0]!);
    if (key.type !== 'ssh-rsa') throw new Error('fixture');
    const [P, Q] = [toBig(key.q), toBig(key.p)]; // swapped: p < q
    const d = toBig(key.d);
    const jwk = { kty: 'RSA', n: b64url.enc(key.n), e: b64url.enc(key.e), d: b64url.enc(key.d), p: b64url.enc(fromBig(P)), q: b64url.enc(fromBig(Q)), dp: b64url.enc(fromBig(d % (P - 1n))), dq: b64url.enc(fromBig(d % (Q - 1n))), qi: b64url.enc(fromBig(modInverse(Q, P))) };
    const swapped = s.write('swapped.pem', createPrivateKey({ key: jwk as any, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }) as string);
    const k2 = (await loadPrivate(readFileSync(swapped), async () => undefined)).key;
    expect(toBig((k2 as typeof key).p) < toBig((k2 as typeof key).q)).toBe(true);
    tool(s, 'puttygen', [swapped, '-O', 'private', '-o', s.path('swapped.ppk')]);
    expect(await writePpk({ ...k2, comment: 'imported-openssh-key' })).toBe(readFileSync(s.path('swapped.ppk'), 'utf8'));
  });

  it('wrong passphrase vs corrupted file', async () => {
    const f = fx[0]!;
    const key = { ...(await load(f)), comment: f.comment };
    for (const version of [2, 3] as const) {
      const text = await writePpk(key, { version, passphrase: PASS, passes: 1 });
      await expect(readPpk(Buffer.from(text), 'nope')).rejects.toThrow(PassphraseError);
      await expect(readPpk(Buffer.from(text), 'nope')).rejects.toThrow('wrong passphrase');
      const tampered = text.replace('Comment: imported-openssh-key', 'Comment: imported-openssh-kez');
      await expect(readPpk(Buffer.from(tampered), PASS)).rejects.toThrow(/corrupted: MAC check failed/);
      const r = toolResult(s, 'puttygen', [s.write('w.ppk', text), '--old-passphrase', s.write('bad', 'nope\n'), '-O', 'private-openssh', '-o', s.path('w.pem')]);
      expect(r.stderr).toMatch(/wrong passphrase/);
    }
    const plain = await writePpk(key);
    await expect(readPpk(Buffer.from(plain.replace(/Private-MAC: (.)/, (_m, c) => `Private-MAC: ${c === '0' ? '1' : '0'}`)))).rejects.toThrow(/MAC check failed/);
    await expect(readPpk(Buffer.from(plain.slice(0, plain.length - 120)))).rejects.toThrow(KeyFormatError);
    await expect(readPpk(Buffer.from(plain.replace('Public-Lines: 6', 'Public-Lines: 5')))).rejects.toThrow(KeyFormatError);
    await expect(readPpk(Buffer.from(plain.replace('PuTTY-User-Key-File-3', 'PuTTY-User-Key-File-4')))).rejects.toThrow(/unsupported PPK version 4/);
    await expect(readPpk(Buffer.from(plain.replace(/\n/g, '\r\n')))).resolves.toMatchObject({ type: 'ssh-rsa' });
  });
});
