// RunInstances rules: image/type/zone, names, passwords, key pairs, login-as-non-root,
// amount, tags, charge type, auto-release, client tokens, DryRun, quotas, system disk.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { verifySecret } from '../../../src/simulator/password.js';
import { ARM, CENTOS7, fixture, I386, LINUX, PASSWORD, REGION, TYPE, type Fixture } from './instances-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('RunInstances creates', () => {
  test('a running instance with real-looking fields, a system disk and defaults', async () => {
    const [id] = await f.run({ InstanceName: 'web-1' });
    expect(id).toMatch(/^i-bp[a-z0-9]{18}$/);
    const i = await f.describe(id!);
    expect(i).toMatchObject({
      InstanceId: id,
      InstanceName: 'web-1',
      Status: 'Running',
      RegionId: REGION,
      InstanceType: TYPE,
      Cpu: 2,
      Memory: 8192,
      ImageId: LINUX,
      OSType: 'linux',
      InstanceChargeType: 'PostPaid',
      ExpiredTime: '2099-12-31T15:59Z',
      StoppedMode: 'Not-applicable',
      ImageOptions: { LoginAsNonRoot: false },
      SimulatorExtensions: { LoginUser: 'root', PendingChanges: [] },
    });
    expect(i.HostName).toBe(`iZ${id!.slice(2)}Z`);
    expect(i.CreationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(i.StartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(i.VpcAttributes.VpcId).toMatch(/^vpc-/);
    expect(i.VpcAttributes.VSwitchId).toMatch(/^vsw-/);
    expect(i.VpcAttributes.PrivateIpAddress.IpAddress[0]).toMatch(/^172\.\d+\.\d+\.\d+$/);
    expect(i.SecurityGroupIds.SecurityGroupId).toHaveLength(1);
    expect(i.PublicIpAddress.IpAddress).toEqual([]);
    // the default security group and vSwitch are the region's defaults
    const s = f.state();
    expect(s.securityGroups[i.SecurityGroupIds.SecurityGroupId[0]].IsDefault).toBe(true);
    expect(s.vswitches[i.VpcAttributes.VSwitchId].ZoneId).toBe(i.ZoneId);

    const disks = await f.call('DescribeDisks', { InstanceId: id! });
    expect(disks.Disks.Disk).toHaveLength(1);
    expect(disks.Disks.Disk[0]).toMatchObject({ Type: 'system', Status: 'In_use', DeleteWithInstance: true, Device: '/dev/xvda', Category: 'cloud_essd', Size: 40, InstanceId: id, ImageId: LINUX });
  });

  test('the password is stored only as a salted hash', async () => {
    const [id] = await f.run();
    const text = f.raw();
    expect(text).not.toContain(PASSWORD);
    const rec = f.state().instances[id!];
    expect(rec.pw.root).toMatch(/^s1\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{43}$/);
    expect(verifySecret(PASSWORD, rec.pw.root)).toBe(true);
    expect(verifySecret('Other#Passw0rd', rec.pw.root)).toBe(false);
  });

  test('a compact record (under 1 KB per instance)', async () => {
    const [id] = await f.run({ InstanceName: 'web-1', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', InternetMaxBandwidthOut: '5' });
    expect(JSON.stringify(f.state().instances[id!]).length).toBeLessThan(1024);
  });

  test('Amount with [begin,bits] name sequences and UniqueSuffix', async () => {
    const ids = await f.run({ Amount: '3', InstanceName: 'app-[8,3]-x', HostName: 'node[1,2]' });
    expect(ids).toHaveLength(3);
    const all = await f.call('DescribeInstances', { InstanceIds: JSON.stringify(ids) });
    const names = all.Instances.Instance.map((i: any) => [i.InstanceName, i.HostName]).sort();
    expect(names).toEqual([['app-008-x', 'node01'], ['app-009-x', 'node02'], ['app-010-x', 'node03']]);
    const ids2 = await f.run({ Amount: '2', InstanceName: 'db', UniqueSuffix: 'true' });
    const names2 = (await f.call('DescribeInstances', { InstanceIds: JSON.stringify(ids2) })).Instances.Instance.map((i: any) => i.InstanceName).sort();
    expect(names2).toEqual(['db001', 'db002']);
  });

  test('tags, description, public IP, explicit zone, subscription', async () => {
    const [id] = await f.run({
      ZoneId: 'cn-hangzhou-h', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', 'Tag.2.Key': 'team', Description: 'front end',
      InternetMaxBandwidthOut: '10', InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Month',
    });
    const i = await f.describe(id!);
    expect(i.ZoneId).toBe('cn-hangzhou-h');
    expect(i.Tags.Tag).toEqual([{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: '' }]);
    expect(i.Description).toBe('front end');
    expect(i.PublicIpAddress.IpAddress[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(i.InternetMaxBandwidthOut).toBe(10);
    expect(i.InstanceChargeType).toBe('PrePaid');
    // expiry at 00:00 UTC+8 = 16:00 UTC, about one month ahead
    expect(i.ExpiredTime).toMatch(/T16:00Z$/);
    const days = (Date.parse(i.ExpiredTime) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(27);
    expect(days).toBeLessThan(33);
  });

  test('login as ecs-user on a supporting image; key pair from state.keyPairs', async () => {
    const [id] = await f.run({ 'ImageOptions.LoginAsNonRoot': 'true' });
    const i = await f.describe(id!);
    expect(i.ImageOptions.LoginAsNonRoot).toBe(true);
    expect(i.SimulatorExtensions.LoginUser).toBe('ecs-user');
    expect(Object.keys(f.state().instances[id!].pw)).toEqual(['ecs-user']);

    await f.sim.store.mutate((s) => {
      s.keyPairs['k1'] = { KeyPairName: 'k1', RegionId: REGION };
    });
    const [id2] = await f.run({ KeyPairName: 'k1', Password: '' });
    expect((await f.describe(id2!)).KeyPairName).toBe('k1');
  });

  test('Windows: Administrator, 15-character host names', async () => {
    const [id] = await f.run({ ImageId: f.windowsImage(), HostName: 'WIN-SERVER-01' });
    const i = await f.describe(id!);
    expect(i.OSType).toBe('windows');
    expect(i.SimulatorExtensions.LoginUser).toBe('Administrator');
    expect(i.HostName).toBe('WIN-SERVER-01');
  });

  test('a GPU type: GPUAmount/GPUSpec in the view; not offered in a region outside its list', async () => {
    const [id] = await f.run({ InstanceType: 'ecs.gn5-c4g1.xlarge' });
    expect(await f.describe(id!)).toMatchObject({ InstanceType: 'ecs.gn5-c4g1.xlarge', InstanceTypeFamily: 'ecs.gn5', Cpu: 4, Memory: 30720, GPUAmount: 1, GPUSpec: 'NVIDIA P100' });
    expect((await f.describe(id!)).ZoneId).toMatch(/^cn-hangzhou-[efgh]$/);
    await f.refused('RunInstances', { RegionId: 'ap-northeast-1', ImageId: LINUX, InstanceType: 'ecs.gn5-c4g1.xlarge' }, 'InvalidInstanceType.ValueNotSupported', 403);
  });

  test('a 32-bit image on a type with less than 4 GiB', async () => {
    const [id] = await f.run({ ImageId: I386, InstanceType: 'ecs.t5-lc1m2.small' });
    expect((await f.describe(id!)).Memory).toBe(2048);
  });
});

describe('RunInstances refuses, changing nothing', () => {
  test('unknown region, image, type; type not offered in the zone; unknown zone', async () => {
    await f.refused('RunInstances', { RegionId: 'xx-nowhere-1', ImageId: LINUX, InstanceType: TYPE }, 'InvalidRegionId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: 'no_such_image.vhd', InstanceType: TYPE }, 'InvalidImageId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: 'ecs.nope.large' }, 'InvalidInstanceType.ValueNotSupported', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: 'ecs.t1.small', ZoneId: 'cn-hangzhou-k' }, 'InvalidInstanceType.ValueNotSupported', 403);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ZoneId: 'cn-hangzhou-z' }, 'InvalidZoneId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ZoneId: 'cn-shanghai-l' }, 'InvalidZoneId.NotFound', 404);
    await f.refused('RunInstances', { InstanceType: TYPE }, 'MissingParameter', 400);
  });

  test('32-bit image with 4 GiB or more; ARM image on an x86 type', async () => {
    const e = await f.refused('RunInstances', { ImageId: I386, InstanceType: 'ecs.t5-c1m2.large' }, 'InvalidParameter.Conflict', 400);
    expect(e.message).toMatch(/32-bit/);
    await f.refused('RunInstances', { ImageId: ARM, InstanceType: TYPE }, 'InvalidParameter.Conflict', 400);
  });

  test('bad names, host names, descriptions', async () => {
    for (const name of ['a', '1abc', 'http://x', 'has space', 'x'.repeat(129)]) {
      await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceName: name }, 'InvalidInstanceName.Malformed', 400);
    }
    for (const host of ['-abc', 'abc.', 'a..b', 'a_b', 'x'.repeat(65)]) {
      await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, HostName: host }, 'InvalidHostName.Malformed', 400);
    }
    for (const host of ['a.b', '12345', 'x'.repeat(16)]) {
      await f.refused('RunInstances', { ImageId: f.windowsImage(), InstanceType: TYPE, HostName: host }, 'InvalidHostName.Malformed', 400);
    }
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceName: 'web-[1,7]', Amount: '2' }, 'InvalidInstanceName.Malformed', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Description: 'https://example.com' }, 'InvalidDescription.Malformed', 400);
  });

  test('weak or malformed passwords', async () => {
    for (const pw of ['Sh0rt#', 'x'.repeat(31) + 'A1', 'alllowercase1', 'NoDigitsHere', 'Bad\u00e9Char1', 'Space Pass1', 'tab\tPass12']) {
      await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: pw }, 'InvalidPassword.Malformed', 400);
    }
    await f.refused('RunInstances', { ImageId: f.windowsImage(), InstanceType: TYPE, Password: '/Str0ngPass' }, 'InvalidPassword.Malformed', 400);
    // accepted: 3 of 4 classes, every documented special character
    await f.run({ Password: 'abcDEF123' });
    const specials = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
    await f.run({ Password: ('aA1' + specials).slice(0, 30) });
    await f.run({ Password: 'aA1bcdef' + specials.slice(27) });
  });

  test('PasswordInherit, key pairs, login as non-root', async () => {
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, PasswordInherit: 'true' }, 'InvalidPasswordParam.Mismatch', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, PasswordInherit: 'true' }, 'InvalidParameter', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, KeyPairName: 'missing' }, 'InvalidKeyPairName.NotFound', 400);
    await f.refused('RunInstances', { ImageId: f.windowsImage(), InstanceType: TYPE, KeyPairName: 'missing' }, 'DependencyViolation.WindowsInstance', 403);
    await f.refused('RunInstances', { ImageId: CENTOS7, InstanceType: TYPE, 'ImageOptions.LoginAsNonRoot': 'true' }, 'InvalidParameter.Conflict', 400);
    await f.refused('RunInstances', { ImageId: f.windowsImage(), InstanceType: TYPE, 'ImageOptions.LoginAsNonRoot': 'true' }, 'InvalidParameter.Conflict', 400);
  });

  test('Amount, security groups, vSwitch, tags', async () => {
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Amount: '0' }, 'InvalidParameter', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Amount: '101' }, 'InvalidParameter', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, SecurityGroupId: 'sg-nope' }, 'InvalidSecurityGroupId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'SecurityGroupIds.1': 'sg-nope' }, 'InvalidSecurityGroupId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, VSwitchId: 'vsw-nope' }, 'InvalidVSwitchId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'Tag.1.Key': 'aliyun:x' }, 'InvalidTagKey.Malformed', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'Tag.1.Key': 'a', 'Tag.2.Key': 'a' }, 'Duplicate.TagKey', 400);
    const many: Record<string, string> = { ImageId: LINUX, InstanceType: TYPE };
    for (let i = 1; i <= 21; i++) many[`Tag.${i}.Key`] = `k${i}`;
    await f.refused('RunInstances', many, 'InvalidTagCount', 400);
  });

  test('a vSwitch in another zone than ZoneId', async () => {
    const [id] = await f.run({ ZoneId: 'cn-hangzhou-h' });
    const vsw = (await f.describe(id!)).VpcAttributes.VSwitchId;
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, VSwitchId: vsw, ZoneId: 'cn-hangzhou-k' }, 'InvalidParameter.Mismatch', 400);
    const [id2] = await f.run({ VSwitchId: vsw });
    expect((await f.describe(id2!)).ZoneId).toBe('cn-hangzhou-h');
  });

  test('charge type, period, auto-release time', async () => {
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceChargeType: 'Monthly' }, 'InvalidInstanceChargeType.NotFound', 404);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceChargeType: 'PrePaid' }, 'MissingParamter', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceChargeType: 'PrePaid', Period: '10' }, 'InvalidPeriod', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Day' }, 'InvalidPeriodUnit.ValueNotSupported', 400);
    const soon = new Date(Date.now() + 10 * 60_000).toISOString().slice(0, 19) + 'Z';
    const later = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 19) + 'Z';
    const far = new Date(Date.now() + 4 * 365 * 86_400_000).toISOString().slice(0, 19) + 'Z';
    for (const t of [soon, far, 'tomorrow', '2030-02-30T10:00:00Z', later.replace('Z', '+08:00')]) {
      await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, AutoReleaseTime: t }, 'InvalidAutoReleaseTime.Malformed', 400);
    }
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, InstanceChargeType: 'PrePaid', Period: '1', AutoReleaseTime: later }, 'InvalidParameter.Conflict', 400);
    const [id] = await f.run({ AutoReleaseTime: later });
    expect((await f.describe(id!)).AutoReleaseTime).toBe(later.slice(0, 16) + 'Z');
  });

  test('system disk category and size', async () => {
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'SystemDisk.Category': 'floppy' }, 'InvalidSystemDiskCategory.ValueNotSupported', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'SystemDisk.Size': '10' }, 'InvalidSystemDiskSize.ValueNotSupported', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'SystemDisk.Size': '4096' }, 'InvalidSystemDiskSize.ValueNotSupported', 400);
    await f.refused('RunInstances', { ImageId: f.windowsImage(), InstanceType: TYPE, 'SystemDisk.Size': '30' }, 'InvalidSystemDiskSize.ValueNotSupported', 400);
    const [id] = await f.run({ 'SystemDisk.Category': 'cloud_efficiency', 'SystemDisk.Size': '100', 'SystemDisk.DiskName': 'root-disk' });
    const d = (await f.call('DescribeDisks', { InstanceId: id!, DiskType: 'system' })).Disks.Disk[0];
    expect(d).toMatchObject({ Category: 'cloud_efficiency', Size: 100, DiskName: 'root-disk' });
  });

  test('DryRun answers DryRunOperation when the request is valid', async () => {
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, DryRun: 'true' }, 'DryRunOperation', 400);
    await f.refused('RunInstances', { ImageId: 'nope', InstanceType: TYPE, DryRun: 'true' }, 'InvalidImageId.NotFound', 404);
  });
});

describe('ClientToken', () => {
  test('same token and parameters → same answer, no new instances', async () => {
    const a = await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, ClientToken: 'tok-1', Amount: '2' });
    const b = await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, ClientToken: 'tok-1', Amount: '2' });
    expect(b.InstanceIdSets).toEqual(a.InstanceIdSets);
    expect(b.RequestId).not.toBe(a.RequestId);
    expect(Object.keys(f.state().instances)).toHaveLength(2);
    expect(f.raw()).not.toContain(PASSWORD);
  });

  test('same token with other parameters → IdempotentParameterMismatch', async () => {
    await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, ClientToken: 'tok-2' });
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, ClientToken: 'tok-2', InstanceName: 'other' }, 'IdempotentParameterMismatch', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: 'Diff3rent#Pass', ClientToken: 'tok-2' }, 'IdempotentParameterMismatch', 400);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'x'.repeat(65) }, 'InvalidClientToken.ValueNotSupported', 400);
  });

  test('a token answers the same even after the quota is used up', async () => {
    await f.setting('quota.instances', '1');
    const a = await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'tok-3' });
    const b = await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'tok-3' });
    expect(b.InstanceIdSets).toEqual(a.InstanceIdSets);
  });
});

describe('private addresses', () => {
  test('a full vSwitch refuses more instances; without a zone the next zone with room is used', async () => {
    await f.setting('quota.instances', '20');
    const [first] = await f.run({ ZoneId: 'cn-hangzhou-k' });
    const vsw = (await f.describe(first!)).VpcAttributes.VSwitchId;
    await f.sim.store.mutate((s) => {
      s.vswitches[vsw].CidrBlock = '172.16.96.0/29'; // 8 addresses, 4 usable
    });
    const more = await f.run({ ZoneId: 'cn-hangzhou-k', Amount: '3' });
    const ips = (await f.call('DescribeInstances', { VSwitchId: vsw })).Instances.Instance.map((i: any) => i.VpcAttributes.PrivateIpAddress.IpAddress[0]).sort();
    expect(ips).toEqual(['172.16.96.1', '172.16.96.2', '172.16.96.3', '172.16.96.4']);
    const e = await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ZoneId: 'cn-hangzhou-k' }, 'QuotaExceeded.PrivateIpAddress', 400);
    expect(e.message).toMatch(/enough private IPs/);
    const [auto] = await f.run();
    expect((await f.describe(auto!)).ZoneId).not.toBe('cn-hangzhou-k');
    // a released instance frees its address
    await f.call('DeleteInstance', { InstanceId: more[0]!, Force: 'true' });
    expect(await f.run({ ZoneId: 'cn-hangzhou-k' })).toHaveLength(1);
  });
});

describe('quotas', () => {
  test('quota.instances counts living pay-as-you-go instances', async () => {
    await f.setting('quota.instances', '3');
    await f.run({ Amount: '2' });
    const e = await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Amount: '2' }, 'QuotaExceed.AfterpayInstance', 400);
    expect(e.message).toMatch(/quota 3/);
    // MinAmount: as many as fit, at least MinAmount
    const ids = await f.run({ Amount: '5', MinAmount: '1' });
    expect(ids).toHaveLength(1);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE }, 'QuotaExceed.AfterpayInstance', 400);
    // subscription instances do not count
    await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    // releasing frees quota
    await f.call('DeleteInstance', { InstanceId: ids[0]!, Force: 'true' });
    expect(await f.run()).toHaveLength(1);
  });

  test('quota.vcpus per region', async () => {
    await f.setting('quota.vcpus', '4');
    await f.run({ Amount: '2' }); // 2 × 2 vCPUs
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE }, 'QuotaExceed.ElasticQuota', 403);
  });
});
