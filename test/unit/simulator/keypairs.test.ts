// Key pair rules (security spec §2 and §8 #21–#27, user guide §14, §23 #21–#23, C1, C4, C7)
// with the documentation's numbers and the real error codes.

import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { publicBlob } from '../../../src/keys/model.js';
import { publicLine } from '../../../src/keys/pubkey.js';
import { Writer } from '../../../src/keys/wire.js';
import { haveTool, randomKey, scratch, tool } from '../keys/oracle.js';
import { fixture, REGION, type Fixture } from './instances-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

const md5Colon = (blob: Buffer) => createHash('md5').update(blob).digest('hex').replace(/(..)(?!$)/g, '$1:');

async function rsaLine(comment = 'me@host'): Promise<{ line: string; blob: Buffer }> {
  const k = await randomKey('rsa2048');
  return { line: publicLine(k, comment), blob: publicBlob(k) };
}

async function names(params: Record<string, string> = {}): Promise<string[]> {
  const r = await f.call('DescribeKeyPairs', { PageSize: '50', ...params });
  return r.KeyPairs.KeyPair.map((k: any) => k.KeyPairName);
}

describe('CreateKeyPair', () => {
  test('RSA-2048, e = 65537, private key returned once; only name, fingerprint and public key are kept', async () => {
    const r = await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    expect(r.KeyPairName).toBe('kp1');
    expect(r.KeyPairId).toMatch(/^kp-bp[a-z0-9]{18}$/);
    expect(r.PrivateKeyBody).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const priv = createPrivateKey(r.PrivateKeyBody);
    expect(priv.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
    const jwk = createPublicKey(priv).export({ format: 'jwk' }) as { n: string; e: string };
    const blob = new Writer().string('ssh-rsa').mpint(Buffer.from(jwk.e, 'base64url')).mpint(Buffer.from(jwk.n, 'base64url')).done();
    expect(r.KeyPairFingerPrint).toBe(md5Colon(blob));
    expect(r.KeyPairFingerPrint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);

    const d = await f.call('DescribeKeyPairs', { IncludePublicKey: 'true' });
    expect(d.TotalCount).toBe(1);
    expect(d.KeyPairs.KeyPair[0]).toMatchObject({ KeyPairName: 'kp1', KeyPairFingerPrint: r.KeyPairFingerPrint, PublicKey: `ssh-rsa ${blob.toString('base64')}` });
    expect(f.raw()).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(d)).not.toContain('PRIVATE');
    expect((await f.call('DescribeKeyPairs')).KeyPairs.KeyPair[0].PublicKey).toBeUndefined();
  });

  test.skipIf(!haveTool('ssh-keygen') && process.env.CI !== 'true')('the public half equals ssh-keygen -y of the returned private key', async () => {
    const r = await f.call('CreateKeyPair', { KeyPairName: 'kp-oracle' });
    const s = scratch();
    try {
      writeFileSync(s.path('k.pem'), r.PrivateKeyBody, { mode: 0o600 });
      const line = tool(s, 'ssh-keygen', ['-y', '-f', s.path('k.pem')]).trim();
      const d = await f.call('DescribeKeyPairs', { IncludePublicKey: 'true' });
      expect(line.split(' ').slice(0, 2).join(' ')).toBe(d.KeyPairs.KeyPair[0].PublicKey);
      const fp = tool(s, 'ssh-keygen', ['-l', '-E', 'md5', '-f', s.path('k.pem')]);
      expect(fp).toContain(`MD5:${r.KeyPairFingerPrint}`);
    } finally {
      s.cleanup();
    }
  });

  test('names: 2–128 characters, first a letter (kanji/kana too), no http(s)://; duplicates per region', async () => {
    const { line } = await rsaLine();
    const imp = (KeyPairName: string) => f.call('ImportKeyPair', { KeyPairName, PublicKeyBody: line });
    await f.refused('ImportKeyPair', { KeyPairName: 'a', PublicKeyBody: line }, 'InvalidKeyPairName.Malformed', 400);
    await imp('ab');
    await imp('k'.repeat(128));
    await f.refused('ImportKeyPair', { KeyPairName: 'k'.repeat(129), PublicKeyBody: line }, 'InvalidKeyPairName.Malformed', 400);
    await f.refused('ImportKeyPair', { KeyPairName: '1abc', PublicKeyBody: line }, 'InvalidKeyPairName.Malformed', 400);
    await f.refused('ImportKeyPair', { KeyPairName: 'http://x', PublicKeyBody: line }, 'InvalidKeyPairName.Malformed', 400);
    await f.refused('CreateKeyPair', { KeyPairName: 'https://x' }, 'InvalidKeyPairName.Malformed', 400);
    await imp('テストキーペア');
    await imp('web.key_1:a-b');
    await f.refused('ImportKeyPair', { KeyPairName: 'ab', PublicKeyBody: line }, 'KeyPair.AlreadyExist', 400);
    await f.refused('CreateKeyPair', { KeyPairName: 'ab' }, 'KeyPair.AlreadyExist', 400);
    await f.call('ImportKeyPair', { RegionId: 'cn-shanghai', KeyPairName: 'ab', PublicKeyBody: line });
    expect(await names()).toHaveLength(4);
    expect(await names({ RegionId: 'cn-shanghai' })).toEqual(['ab']);
  });

  test('500 key pairs per region (setting quota.key-pairs); the 501st is refused, another region is unaffected', async () => {
    const { line } = await rsaLine();
    for (let i = 0; i < 500; i++) await f.call('ImportKeyPair', { KeyPairName: `k${i}`, PublicKeyBody: line });
    await f.refused('ImportKeyPair', { KeyPairName: 'k500', PublicKeyBody: line }, 'QuotaExceed.KeyPair', 403);
    await f.refused('CreateKeyPair', { KeyPairName: 'k500' }, 'QuotaExceed.KeyPair', 403);
    await f.call('ImportKeyPair', { RegionId: 'cn-shanghai', KeyPairName: 'k500', PublicKeyBody: line });
    await f.setting('quota.key-pairs', '501');
    await f.call('ImportKeyPair', { KeyPairName: 'k500', PublicKeyBody: line });
    expect((await f.call('DescribeKeyPairs')).TotalCount).toBe(501);
  }, 60_000);
});

describe('ImportKeyPair', () => {
  test('an ssh-rsa line or the bare Base64 blob; fingerprint = MD5 of the blob', async () => {
    const { line, blob } = await rsaLine('comment with spaces');
    const r = await f.call('ImportKeyPair', { KeyPairName: 'imp1', PublicKeyBody: `${line}\n` });
    expect(r).toMatchObject({ KeyPairName: 'imp1', KeyPairFingerPrint: md5Colon(blob) });
    expect(r.PrivateKeyBody).toBeUndefined();
    const bare = await f.call('ImportKeyPair', { KeyPairName: 'imp2', PublicKeyBody: blob.toString('base64') });
    expect(bare.KeyPairFingerPrint).toBe(md5Colon(blob));
    const d = await f.call('DescribeKeyPairs', { KeyPairName: 'imp1', IncludePublicKey: 'true' });
    expect(d.KeyPairs.KeyPair[0].PublicKey).toBe(`ssh-rsa ${blob.toString('base64')}`);
  });

  test('ECDSA P-256/384/521 accepted; Ed25519 refused unless keypair.accept-ed25519 is true', async () => {
    for (const kind of ['P-256', 'P-384', 'P-521'] as const) {
      const k = await randomKey(kind);
      const r = await f.call('ImportKeyPair', { KeyPairName: `ec-${kind}`, PublicKeyBody: publicLine(k) });
      expect(r.KeyPairFingerPrint).toBe(md5Colon(publicBlob(k)));
    }
    const ed = publicLine(await randomKey('ed25519'));
    const e = await f.refused('ImportKeyPair', { KeyPairName: 'ed', PublicKeyBody: ed }, 'InvalidPublicKeyBody.Malformed', 400);
    expect(e.message).toContain('ssh-ed25519 is not accepted');
    await f.setting('keypair.accept-ed25519', 'true');
    await f.call('ImportKeyPair', { KeyPairName: 'ed', PublicKeyBody: ed });
  });

  test('private keys, mislabelled blobs, truncated blobs, non-Base64 and oversized bodies are refused', async () => {
    const created = await f.call('CreateKeyPair', { KeyPairName: 'c1' });
    await f.refused('ImportKeyPair', { KeyPairName: 'p1', PublicKeyBody: created.PrivateKeyBody }, 'InvalidPublicKeyBody.Malformed', 400);
    const dss = new Writer().string('ssh-dss').mpint(Buffer.from([1, 2])).mpint(Buffer.from([3])).mpint(Buffer.from([4])).mpint(Buffer.from([5])).done();
    await f.refused('ImportKeyPair', { KeyPairName: 'p2', PublicKeyBody: `ssh-rsa ${dss.toString('base64')}` }, 'InvalidPublicKeyBody.Malformed', 400);
    const { blob } = await rsaLine();
    await f.refused('ImportKeyPair', { KeyPairName: 'p3', PublicKeyBody: `ssh-rsa ${blob.subarray(0, 40).toString('base64')}` }, 'InvalidPublicKeyBody.Malformed', 400);
    await f.refused('ImportKeyPair', { KeyPairName: 'p4', PublicKeyBody: 'ssh-rsa not*base64' }, 'InvalidPublicKeyBody.Malformed', 400);
    await f.refused('ImportKeyPair', { KeyPairName: 'p5', PublicKeyBody: `ssh-rsa ${'A'.repeat(20_000)}` }, 'InvalidPublicKeyBody.Malformed', 400);
    await f.refused('ImportKeyPair', { KeyPairName: 'p6' }, 'MissingParameter', 400);
  });
});

describe('DescribeKeyPairs', () => {
  test('name with * wildcards (exact otherwise), fingerprint filter, paging, tag filter', async () => {
    const a = await rsaLine();
    const b = await rsaLine();
    await f.call('ImportKeyPair', { KeyPairName: 'web-1', PublicKeyBody: a.line, 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' });
    await f.call('ImportKeyPair', { KeyPairName: 'web-2', PublicKeyBody: b.line });
    await f.call('ImportKeyPair', { KeyPairName: 'db-1', PublicKeyBody: b.line });
    expect((await names({ KeyPairName: 'web-*' })).sort()).toEqual(['web-1', 'web-2']);
    expect((await names({ KeyPairName: '*-1' })).sort()).toEqual(['db-1', 'web-1']);
    expect(await names({ KeyPairName: 'web' })).toEqual([]);
    expect(await names({ KeyPairName: 'db-1' })).toEqual(['db-1']);
    expect(await names({ KeyPairFingerPrint: md5Colon(a.blob) })).toEqual(['web-1']);
    expect(await names({ 'Tag.1.Key': 'ENV' })).toEqual(['web-1']);
    expect(await names({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'dev' })).toEqual([]);
    const p1 = await f.call('DescribeKeyPairs', { PageSize: '2', PageNumber: '1' });
    const p2 = await f.call('DescribeKeyPairs', { PageSize: '2', PageNumber: '2' });
    expect(p1).toMatchObject({ TotalCount: 3, PageNumber: 1, PageSize: 2 });
    expect(p1.KeyPairs.KeyPair).toHaveLength(2);
    expect(p2.KeyPairs.KeyPair).toHaveLength(1);
    await f.refused('DescribeKeyPairs', { PageSize: '51' }, 'InvalidParameter', 400);
  });
});

describe('AttachKeyPair / DetachKeyPair', () => {
  test('Running Linux instance: attach replaces the pair, pending until an API reboot; then password login is disabled', async () => {
    await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    await f.call('CreateKeyPair', { KeyPairName: 'kp2' });
    const [id] = await f.run({ KeyPairName: 'kp1' });
    let i = await f.describe(id!);
    expect(i.KeyPairName).toBe('kp1');
    expect(i.SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp1', PasswordLogin: false, PendingChanges: [] });

    const r = await f.call('AttachKeyPair', { KeyPairName: 'kp2', InstanceIds: JSON.stringify([id]) });
    expect(r).toMatchObject({ KeyPairName: 'kp2', TotalCount: '1', FailCount: '0', Results: { Result: [{ InstanceId: id, Success: 'true', Code: '200' }] } });
    i = await f.describe(id!);
    expect(i.KeyPairName).toBe('kp2');
    expect(i.SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp1', PendingChanges: ['KeyPair'] });
    await f.call('RebootInstance', { InstanceId: id! });
    i = await f.describe(id!);
    expect(i.SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp2', PasswordLogin: false, PendingChanges: [] });
  });

  test('a password instance: attaching disables password login once effective; detach needs a reboot and leaves no password', async () => {
    await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    const [id] = await f.run();
    expect((await f.describe(id!)).SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: '', PasswordLogin: true });
    await f.call('AttachKeyPair', { KeyPairName: 'kp1', InstanceIds: JSON.stringify([id]) });
    expect((await f.describe(id!)).SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: '', PasswordLogin: true, PendingChanges: ['KeyPair'] });
    await f.call('RebootInstance', { InstanceId: id! });
    expect((await f.describe(id!)).SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp1', PasswordLogin: false, PendingChanges: [] });
    const d = await f.call('DetachKeyPair', { KeyPairName: 'kp1', InstanceIds: JSON.stringify([id]) });
    expect(d.FailCount).toBe('0');
    const i = await f.describe(id!);
    expect(i.KeyPairName).toBe('');
    expect(i.SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp1', PendingChanges: ['KeyPair'] });
    await f.call('RebootInstance', { InstanceId: id! });
    // S003: after unbinding, reset the password to log in.
    expect((await f.describe(id!)).SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: '', PasswordLogin: false, PendingChanges: [] });
  });

  test('a Stopped instance takes the pair at once; Windows and unknown instances fail per instance', async () => {
    await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    const [lin] = await f.run();
    await f.call('StopInstance', { InstanceId: lin! });
    const [win] = await f.run({ ImageId: f.windowsImage() });
    const r = await f.call('AttachKeyPair', { KeyPairName: 'kp1', InstanceIds: JSON.stringify([lin, win, 'i-nothere']) });
    expect(r.TotalCount).toBe('3');
    expect(r.FailCount).toBe('2');
    expect(r.Results.Result.map((x: any) => [x.InstanceId, x.Code])).toEqual([
      [lin, '200'],
      [win, 'DependencyViolation.WindowsInstance'],
      ['i-nothere', 'InvalidInstanceId.NotFound'],
    ]);
    expect((await f.describe(lin!)).SimulatorExtensions).toMatchObject({ EffectiveKeyPairName: 'kp1', PendingChanges: [] });
    expect((await f.describe(win!)).KeyPairName).toBe('');
  });

  test('Generation I non-I/O-optimized instances take no key pair (guide §14.5)', async () => {
    await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    const zones = (await f.call('DescribeAvailableResource', { DestinationResource: 'InstanceType', InstanceType: 'ecs.s2.large' })).AvailableZones.AvailableZone;
    expect(zones.length, 'a zone of the region offers ecs.s2.large').toBeGreaterThan(0);
    const [old] = await f.run({ InstanceType: 'ecs.s2.large', ZoneId: zones[0].ZoneId, 'SystemDisk.Category': 'cloud' });
    const r = await f.call('AttachKeyPair', { KeyPairName: 'kp1', InstanceIds: JSON.stringify([old]) });
    expect(r.Results.Result[0]).toMatchObject({ Success: 'false', Code: 'DependencyViolation.IoOptimize' });
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.s2.large', ZoneId: zones[0].ZoneId, 'SystemDisk.Category': 'cloud', KeyPairName: 'kp1' }, 'DependencyViolation.IoOptimize', 400);
  });

  test('key pairs of another region, unknown names and prototype keys are not found', async () => {
    const { line } = await rsaLine();
    await f.call('ImportKeyPair', { RegionId: 'cn-shanghai', KeyPairName: 'sh', PublicKeyBody: line });
    const [id] = await f.run();
    await f.refused('AttachKeyPair', { KeyPairName: 'sh', InstanceIds: JSON.stringify([id]) }, 'InvalidKeyPairName.NotFound', 400);
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      await f.refused('AttachKeyPair', { KeyPairName: name, InstanceIds: JSON.stringify([id]) }, 'InvalidKeyPairName.NotFound', 400);
      await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', KeyPairName: name }, 'InvalidKeyPairName.NotFound', 400);
      expect(await names({ KeyPairName: name })).toEqual([]);
    }
    await f.call('ImportKeyPair', { KeyPairName: 'constructor', PublicKeyBody: line });
    expect(await names({ KeyPairName: 'constructor' })).toEqual(['constructor']);
    await f.refused('AttachKeyPair', { KeyPairName: 'constructor', InstanceIds: 'not json' }, 'InvalidInstanceIds.Malformed', 400);
    await f.refused('AttachKeyPair', { KeyPairName: 'constructor', InstanceIds: JSON.stringify(Array.from({ length: 51 }, (_, i) => `i-${i}`)) }, 'InvalidInstanceIds.Malformed', 400);
  });
});

describe('DeleteKeyPairs', () => {
  test('refused while bound (S000); after detach + reboot the delete succeeds and the name is reusable', async () => {
    await f.call('CreateKeyPair', { KeyPairName: 'kp2' });
    const [id] = await f.run({ KeyPairName: 'kp2' });
    const e = await f.refused('DeleteKeyPairs', { KeyPairNames: JSON.stringify(['kp2']) }, 'DependencyViolation', 403);
    expect(e.message).toContain(id!);
    await f.call('DetachKeyPair', { KeyPairName: 'kp2', InstanceIds: JSON.stringify([id]) });
    // still in effect until the reboot
    await f.refused('DeleteKeyPairs', { KeyPairNames: JSON.stringify(['kp2']) }, 'DependencyViolation', 403);
    await f.call('RebootInstance', { InstanceId: id! });
    await f.call('DeleteKeyPairs', { KeyPairNames: JSON.stringify(['kp2', 'never-existed']) });
    expect(await names()).toEqual([]);
    await f.call('CreateKeyPair', { KeyPairName: 'kp2' });
    await f.refused('DeleteKeyPairs', {}, 'MissingParameter', 400);
  });

  test('keypair.delete-bound burn (S003): deleted while bound, the instance keeps the name, the name is burned forever', async () => {
    await f.setting('keypair.delete-bound', 'burn');
    await f.call('CreateKeyPair', { KeyPairName: 'kb' });
    await f.call('CreateKeyPair', { KeyPairName: 'free' });
    const [id] = await f.run({ KeyPairName: 'kb' });
    await f.call('DeleteKeyPairs', { KeyPairNames: JSON.stringify(['kb', 'free']) });
    expect(await names()).toEqual([]);
    expect((await f.describe(id!)).KeyPairName).toBe('kb');
    await f.refused('CreateKeyPair', { KeyPairName: 'kb' }, 'KeyPair.AlreadyExist', 400);
    await f.call('CreateKeyPair', { KeyPairName: 'free' });
    expect(Object.values(f.state().keyPairs).filter((k: any) => k.Burned)).toHaveLength(1);
    expect(REGION).toBe('cn-hangzhou');
  });
});
