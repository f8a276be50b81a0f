// Every authorized_keys rule: a line that triggers it and one that does not, with the exact
// findings (rule, severity, line) the audit gives.
import { describe, expect, it } from 'vitest';
import { auditAuthorizedKeys, type AuthorizedKeysOptions } from '../../../src/audit/authorized-keys.js';
import { sha256Fingerprint } from '../../../src/keys/scan.js';
import type { Finding } from '../../../src/audit/types.js';
import { keys, memSource, type MemFile } from './helpers.js';

const P = '/home/alice/.ssh/authorized_keys';
const ok = `${keys.ed25519()} alice@laptop`;

function fpOf(line: string): string {
  const b64 = line.split(' ').find((w) => w.startsWith('AAAA'))!;
  return sha256Fingerprint(Buffer.from(b64, 'base64'));
}

const brief = (l: Finding[]) => l.map((f) => `${f.rule} ${f.severity} ${f.line ?? '-'}`).sort();

async function audit(text: string | Buffer, opts: AuthorizedKeysOptions = {}, files: Record<string, MemFile> = {}, path = P): Promise<Finding[]> {
  const src = memSource({
    '/home/alice': { type: 'dir', uid: 1000, mode: 0o750 },
    '/home/alice/.ssh': { type: 'dir', uid: 1000, mode: 0o700 },
    '/root': { type: 'dir', uid: 0, mode: 0o700 },
    '/root/.ssh': { type: 'dir', uid: 0, mode: 0o700 },
    [path]: { data: text, uid: path.startsWith('/root') ? 0 : 1000, mode: 0o600 },
    ...files,
  });
  return auditAuthorizedKeys(src, path, { now: new Date('2026-01-01T00:00:00Z'), ...opts });
}

const dup = keys.ed25519();
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const p256 = keys.p256(); // 104-byte blob: one "=" of padding
const p256b64 = p256.split(' ')[1]!;
const at = (str: string, i: number, c: string) => str.slice(0, i) + c + str.slice(i + 1);
const stray = at(p256b64, p256b64.length - 2, ALPHA[ALPHA.indexOf(p256b64[p256b64.length - 2]!) | 1]!);
const rsa1024 = keys.rsa(1024);
const sk = keys.skEd25519();

// [rule, triggering text, expected findings, a text that must not trigger the rule]
const table: [string, string, string[], string][] = [
  ['AK001 bad base64', `ssh-ed25519 AAAA@@@@ x\n${ok}`, ['AK001 high 1'], ok],
  ['AK001 URL-safe base64 alphabet', `ecdsa-sha2-nistp256 ${at(p256b64, 40, '-')} x`, ['AK001 high 1'], p256],
  ['AK001 stray bits before the padding', `ecdsa-sha2-nistp256 ${stray} x`, ['AK001 high 1'], p256],
  ['AK001 "=" inside the base64', `ecdsa-sha2-nistp256 ${at(p256b64, 8, '=')} x`, ['AK001 high 1'], p256],
  ['AK001 truncated blob', `ssh-ed25519 ${Buffer.from([0, 0, 0, 11, 0x73]).toString('base64')} x`, ['AK001 high 1'], ok],
  ['AK001 unterminated quote', `command="ls ${keys.ed25519()}`, ['AK001 high 1'], `command="ls" ${keys.ed25519()}`],
  ['AK001 no key', 'just some text', ['AK001 high 1'], '# just a comment'],
  ['AK002 unknown type', `ssh-ed448 ${Buffer.from('x').toString('base64')} x`, ['AK002 high 1'], ok],
  ['AK002 unknown type after options', `no-pty rsa-sha2-256 AAAAB3Nz x`, ['AK002 high 1'], `no-pty ${keys.ed25519()} x`],
  ['AK003 blob type mismatch', `${keys.mismatched()} x`, ['AK003 high 1'], ok],
  ['AK004 unknown option', `foo=bar ${keys.ed25519()} x`, ['AK004 high 1'], `no-agent-forwarding,no-X11-forwarding ${keys.ed25519()} x`],
  ['AK004 case-insensitive keywords are fine', `NO-PTY,Restrict ${keys.ed25519()} x`, [], `no-pty ${keys.ed25519()}`],
  ['AK005 bad expiry-time', `expiry-time="2024" ${keys.ed25519()} x`, ['AK005 medium 1'], `expiry-time="20991231" ${keys.ed25519()} x`],
  ['AK005 bad environment', `environment="1A" ${keys.ed25519()} x`, ['AK005 medium 1'], `${keys.ed25519()} x`],
  ['AK005 empty from', `from="" ${keys.ed25519()} x`, ['AK005 medium 1'], `from="10.0.0.0/8" ${keys.ed25519()} x`],
  ['AK006 line over 8 KB', `${keys.ed25519()} ${'c'.repeat(9000)}`, ['AK006 low 1'], `${keys.ed25519()} ${'c'.repeat(100)}`],
  ['AK007 CRLF', `${keys.ed25519()} a\r\n${keys.ed25519()} b\r\n`, ['AK007 low 1'], `${keys.ed25519()} a\n`],
  ['AK007 BOM', `\ufeff${keys.ed25519()} a\n`, ['AK007 low 1'], `${keys.ed25519()} a\n`],
  ['AK008 private key', `${ok}\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n`, ['AK008 critical 2'], ok],
  ['AK008 PuTTY key', 'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n', ['AK008 critical 1', 'AK001 high 2'], ok],
  ['AK010 DSA', `${keys.dsa()} old`, ['AK010 high 1'], ok],
  ['AK011 RSA < 1024', `${keys.rsa(768)} tiny`, ['AK011 high 1'], `${keys.rsa(4096)} big`],
  ['AK012 RSA < 2048', `${keys.rsa(1024)} small`, ['AK012 high 1'], `${keys.rsa(3072)} ok`],
  ['AK013 RSA < 3072', `${keys.rsa(2048)} medium`, ['AK013 info 1'], `${keys.rsa(3072)} ok`],
  ['AK014 weak exponent', `${keys.rsa(3072, 3)} e3`, ['AK014 medium 1'], `${keys.rsa(3072, 65537)} e65537`],
  ['AK015 certificate line', `${keys.edCert()} cert`, ['AK015 medium 1'], `cert-authority,principals="ops" ${keys.ed25519()} ca`],
  ['AK016 sk key', `${sk} fido`, ['AK016 info 1'], ok],
  ['AK020 duplicate', `${dup} a\n${dup} b`, ['AK020 medium 2'], `${dup} a\n${keys.ed25519()} b`],
  ['AK020 command= first, then unrestricted: the copy is dead', `restrict,command="backup" ${dup} a\n${dup} b`, ['AK020 medium 2'], `restrict,command="backup" ${dup}`],
  ['AK021 from= voided by a later copy', `from="10.1.1.1" ${dup} a\n${dup} b`, ['AK021 high 2'], `from="10.1.1.1" ${dup} a\nfrom="10.1.1.1",no-pty ${dup} b`],
  ['AK021 unrestricted first voids a later command=', `${dup} a\nrestrict,command="x" ${dup} b`, ['AK021 high 2'], `${dup} a`],
  ['AK021 expiry-time voided', `expiry-time="20991231" ${dup}\n${dup}`, ['AK021 high 2'], `expiry-time="20991231" ${dup}`],
  ['AK032 command without restrict', `command="uptime" ${keys.ed25519()}`, ['AK032 medium 1'], `restrict,command="uptime" ${keys.ed25519()}`],
  ['AK032 all four no-* flags count as restrict', `command="uptime",no-port-forwarding,no-agent-forwarding,no-x11-forwarding,no-pty ${keys.ed25519()}`, [], `command="uptime",no-pty ${keys.ed25519()}`],
  ['AK033 from any address', `from="10.0.0.1,*" ${keys.ed25519()}`, ['AK033 medium 1'], `from="10.0.0.0/8,!10.0.0.1" ${keys.ed25519()}`],
  ['AK034 environment', `environment="LD_PRELOAD=/tmp/x.so" ${keys.ed25519()}`, ['AK034 medium 1'], `no-pty ${keys.ed25519()}`],
  ['AK035 expiry passed', `expiry-time="20250101" ${keys.ed25519()}`, ['AK035 low 1'], `expiry-time="20270101Z" ${keys.ed25519()}`],
  ['AK036 cert-authority without principals', `cert-authority ${keys.ed25519()} ca`, ['AK036 medium 1'], `cert-authority,principals="alice" ${keys.ed25519()} ca`],
  ['AK037 principals without cert-authority', `principals="alice" ${keys.ed25519()}`, ['AK037 low 1'], `cert-authority,principals="alice" ${keys.ed25519()}`],
  ['AK038 permitopen any', `permitopen="*:*" ${keys.ed25519()}`, ['AK038 low 1'], `permitopen="db.internal:5432" ${keys.ed25519()}`],
  ['AK039 no-touch-required on an sk key', `no-touch-required ${sk}`, ['AK039 low 1'], `no-touch-required ${keys.ed25519()}`],
  ['AK040 repeated command=', `command="a",command="b" ${keys.ed25519()}`, ['AK040 high 1'], `command="a",restrict ${keys.ed25519()}`],
  ['AK040 repeated from=', `from="a",from="b" ${keys.ed25519()}`, ['AK040 high 1'], `from="a" ${keys.ed25519()}`],
  ['AK041 contradictory flags', `no-pty,pty ${keys.ed25519()}`, ['AK041 low 1'], `restrict,pty ${keys.ed25519()}`],
];

describe('authorized_keys rules: exact findings', () => {
  for (const [name, bad, expected, good] of table) {
    it(name, async () => {
      expect(brief(await audit(bad))).toEqual([...expected].sort());
      const rule = expected[0]?.split(' ')[0];
      const g = await audit(good);
      if (rule) expect(g.map((f) => f.rule)).not.toContain(rule);
    });
  }

  it('findings carry file, 1-based line, message and fix', async () => {
    const [f] = await audit(`${ok}\n\n# c\n${rsa1024} weak@host`);
    expect(f).toEqual({
      rule: 'AK012',
      severity: 'high',
      file: P,
      line: 4,
      message: `line 4: RSA key of 1024 bits (ssh-rsa 1024 bits ${fpOf(rsa1024)}, comment "weak@host")`,
      fix: 'Replace it with an Ed25519 or RSA-3072 key',
    });
  });

  it('AK023 --allow and AK024 --keypairs by fingerprint', async () => {
    const a = keys.ed25519();
    const b = keys.p256();
    const text = `${a} a\n${b} b\n`;
    expect(brief(await audit(text, { allow: new Set([fpOf(a)]) }))).toEqual(['AK023 high 2']);
    expect(brief(await audit(text, { allow: new Set([fpOf(a), fpOf(b)]) }))).toEqual([]);
    expect(brief(await audit(text, { keypairs: new Set([fpOf(b)]) }))).toEqual(['AK024 high 1']);
    // MD5 colon-hex as DescribeKeyPairs gives it
    const { createHash } = await import('node:crypto');
    const md5 = 'MD5:' + createHash('md5').update(Buffer.from(a.split(' ')[1]!, 'base64')).digest('hex').replace(/(..)(?!$)/g, '$1:');
    expect(brief(await audit(text, { keypairs: new Set([md5, fpOf(b)]) }))).toEqual([]);
  });

  it("AK031 root's keys; AK042 when PermitRootLogin is no; forced-commands-only with command= is fine", async () => {
    const R = '/root/.ssh/authorized_keys';
    const text = `${keys.ed25519()} a\nrestrict,command="backup" ${keys.ed25519()} b\ncert-authority,principals="x" ${keys.ed25519()} ca\n`;
    expect(brief(await audit(text, {}, {}, R))).toEqual(['AK031 high 1', 'AK031 high 2']);
    expect(brief(await audit(text, { permitRootLogin: 'no' }, {}, R))).toEqual(['AK042 info 1', 'AK042 info 2']);
    expect(brief(await audit(text, { permitRootLogin: 'forced-commands-only' }, {}, R))).toEqual(['AK031 high 1']);
    expect(brief(await audit(text))).toEqual([]);
  });

  it('IMG01 image profile: any key', async () => {
    expect(brief(await audit(`${ok}\n${keys.ed25519()}`, { profile: 'image' }))).toEqual(['IMG01 high -']);
    expect(brief(await audit('# empty\n', { profile: 'image' }))).toEqual([]);
  });
});

describe('StrictModes: file and directory modes and owners', () => {
  const base = { '/home/alice': { type: 'dir', uid: 1000, mode: 0o750 }, '/home/alice/.ssh': { type: 'dir', uid: 1000, mode: 0o700 } } as const;
  const run = (files: Record<string, MemFile>, opts: AuthorizedKeysOptions = {}) =>
    auditAuthorizedKeys(memSource({ ...base, ...files }), P, opts).then(brief);
  it('AK050 writable file (critical with StrictModes no)', async () => {
    expect(await run({ [P]: { data: ok, uid: 1000, mode: 0o664 } })).toEqual(['AK050 high -']);
    expect(await run({ [P]: { data: ok, uid: 1000, mode: 0o666 } }, { strictModes: false })).toEqual(['AK050 critical -']);
    expect(await run({ [P]: { data: ok, uid: 1000, mode: 0o600 } })).toEqual([]);
  });
  it('AK052 0644 file, 0755 ~/.ssh', async () => {
    expect(await run({ [P]: { data: ok, uid: 1000, mode: 0o644 } })).toEqual(['AK052 medium -']);
    expect(await run({ [P]: { data: ok, uid: 1000 }, '/home/alice/.ssh': { type: 'dir', uid: 1000, mode: 0o755 } })).toEqual(['AK052 medium -']);
  });
  it('AK051 group-writable home or a directory of another user; AK053 file of another user', async () => {
    const r = await auditAuthorizedKeys(memSource({ ...base, '/home/alice': { type: 'dir', uid: 1000, mode: 0o775 }, [P]: { data: ok, uid: 1000 } }), P);
    expect(brief(r)).toEqual(['AK051 high -']);
    expect(r[0]!.file).toBe('/home/alice');
    expect(await run({ '/home/alice/.ssh': { type: 'dir', uid: 1001, mode: 0o700 }, [P]: { data: ok, uid: 1000 } })).toEqual(['AK051 high -']);
    expect(await run({ [P]: { data: ok, uid: 1001 } })).toEqual(['AK053 high -']);
    expect(await run({ [P]: { data: ok, uid: 0 } })).toEqual([]);
  });
  it('AK054 symlink / FIFO', async () => {
    expect(await run({ [P]: { data: ok, type: 'link', mode: 0o777 } })).toEqual(['AK054 medium -']);
    expect(await run({ [P]: { data: ok, type: 'fifo' } })).toEqual(['AK054 medium -']);
  });
  it('FILE01 unreadable / missing, FILE02 binary: one finding each', async () => {
    expect(await run({ [P]: { data: ok, error: 'EACCES', uid: 1000 } })).toEqual(['FILE01 medium -']);
    expect(await auditAuthorizedKeys(memSource({}), '/nope').then(brief)).toEqual(['FILE01 medium -']);
    expect(await run({ [P]: { data: Buffer.from([0x73, 0, 1, 2]), uid: 1000 } })).toEqual(['FILE02 medium -']);
    const big = await auditAuthorizedKeys(memSource({ [P]: { data: 'x'.repeat(100) } }), P, { maxBytes: 10, noStat: true });
    expect(big.map((f) => f.message)).toEqual([`${P}: larger than 10 bytes (not read)`]);
  });
});
