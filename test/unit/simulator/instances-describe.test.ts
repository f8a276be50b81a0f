// DescribeInstances filters and both paging styles; DescribeInstanceStatus; DescribeDisks.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CENTOS7, fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
let web: string[];
let db: string;
let other: string;
let stopped: string;

beforeAll(async () => {
  f = fixture();
  await f.setting('quota.instances', '50');
  web = await f.run({ Amount: '3', InstanceName: 'web-[1,2]', 'Tag.1.Key': 'role', 'Tag.1.Value': 'web', ZoneId: 'cn-hangzhou-h' });
  [db] = (await f.run({ InstanceName: 'db-main', ImageId: CENTOS7, InstanceType: 'ecs.r7.large', 'Tag.1.Key': 'role', 'Tag.1.Value': 'db' })) as [string];
  [stopped] = (await f.run({ InstanceName: 'batch-1' })) as [string];
  await f.call('StopInstance', { InstanceId: stopped });
  [other] = (await f.run({ RegionId: 'cn-shanghai', InstanceName: 'sh-1' })) as [string];
});
afterAll(() => f.cleanup());

const ids = (r: Record<string, any>) => r.Instances.Instance.map((i: any) => i.InstanceId).sort();

describe('DescribeInstances filters', () => {
  test('region scoping, newest first', async () => {
    const all = await f.call('DescribeInstances', { PageSize: '100' });
    expect(all.TotalCount).toBe(5);
    expect(all.Instances.Instance[0].InstanceId).toBe(stopped);
    expect(ids(all)).not.toContain(other);
    const sh = await f.call('DescribeInstances', { RegionId: 'cn-shanghai' });
    expect(ids(sh)).toEqual([other]);
  });

  test('InstanceIds, Status, InstanceName with *, ZoneId, InstanceType, ImageId, Tag, VpcId', async () => {
    expect(ids(await f.call('DescribeInstances', { InstanceIds: JSON.stringify([web[0], db, other]) }))).toEqual([web[0], db].sort());
    expect(ids(await f.call('DescribeInstances', { Status: 'Stopped' }))).toEqual([stopped]);
    expect(ids(await f.call('DescribeInstances', { InstanceName: 'web-*' }))).toEqual([...web].sort());
    expect(ids(await f.call('DescribeInstances', { InstanceName: '*-main' }))).toEqual([db]);
    expect(ids(await f.call('DescribeInstances', { InstanceName: 'web' }))).toEqual([]);
    expect(ids(await f.call('DescribeInstances', { ZoneId: 'cn-hangzhou-h' }))).toEqual([...web].sort());
    expect(ids(await f.call('DescribeInstances', { InstanceType: 'ecs.r7.large' }))).toEqual([db]);
    expect(ids(await f.call('DescribeInstances', { ImageId: CENTOS7 }))).toEqual([db]);
    expect(ids(await f.call('DescribeInstances', { 'Tag.1.Key': 'role', 'Tag.1.Value': 'db' }))).toEqual([db]);
    expect((await f.call('DescribeInstances', { 'Tag.1.Key': 'role' })).TotalCount).toBe(4);
    const vpc = (await f.describe(db)).VpcAttributes.VpcId;
    expect((await f.call('DescribeInstances', { VpcId: vpc })).TotalCount).toBe(5);
    expect((await f.call('DescribeInstances', { VpcId: 'vpc-none' })).TotalCount).toBe(0);
    expect((await f.call('DescribeInstances', { KeyPairName: 'k' })).TotalCount).toBe(0);
  });

  test('bad filters are refused', async () => {
    await f.refused('DescribeInstances', { Status: 'Sleeping' }, 'InvalidStatus.NotFound', 404);
    await f.refused('DescribeInstances', { InstanceIds: 'i-1,i-2' }, 'InvalidInstanceIds.Malformed', 400);
    await f.refused('DescribeInstances', { InstanceIds: JSON.stringify(Array.from({ length: 101 }, (_, i) => `i-${i}`)) }, 'InvalidInstanceIds.Malformed', 400);
    await f.refused('DescribeInstances', { RegionId: 'moon-1' }, 'InvalidRegionId.NotFound', 404);
    await f.refused('DescribeInstances', { PageSize: '101' }, 'InvalidParameter', 400);
    await f.refused('DescribeInstances', { NextToken: 'garbage!' }, 'InvalidNextToken.Malformed', 400);
  });
});

describe('paging', () => {
  test('PageNumber / PageSize', async () => {
    const p1 = await f.call('DescribeInstances', { PageSize: '2' });
    const p2 = await f.call('DescribeInstances', { PageSize: '2', PageNumber: '2' });
    const p3 = await f.call('DescribeInstances', { PageSize: '2', PageNumber: '3' });
    expect([p1, p2, p3].map((p) => p.Instances.Instance.length)).toEqual([2, 2, 1]);
    expect(p2).toMatchObject({ PageNumber: 2, PageSize: 2, TotalCount: 5 });
    const seen = [p1, p2, p3].flatMap((p) => p.Instances.Instance.map((i: any) => i.InstanceId));
    expect(new Set(seen).size).toBe(5);
  });

  test('MaxResults / NextToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const r = await f.call('DescribeInstances', { MaxResults: '10', ...(token ? { NextToken: token } : {}) });
      seen.push(...r.Instances.Instance.map((i: any) => i.InstanceId));
      token = r.NextToken || undefined;
      calls++;
    } while (token);
    expect(calls).toBe(1); // 5 instances fit in the smallest page (MaxResults 10 to 100)
    expect(new Set(seen).size).toBe(5);
  });
});

describe('DescribeInstanceStatus and DescribeDisks', () => {
  test('statuses by ID and zone', async () => {
    const r = await f.call('DescribeInstanceStatus', { 'InstanceId.1': stopped, 'InstanceId.2': db });
    expect(r.InstanceStatuses.InstanceStatus).toEqual(
      expect.arrayContaining([
        { InstanceId: stopped, Status: 'Stopped' },
        { InstanceId: db, Status: 'Running' },
      ]),
    );
    expect((await f.call('DescribeInstanceStatus', { ZoneId: 'cn-hangzhou-h' })).TotalCount).toBe(3);
    await f.refused('DescribeInstanceStatus', { ZoneId: 'cn-hangzhou-zz' }, 'InvalidZoneId.NotFound', 404);
    await f.refused('DescribeInstanceStatus', { PageSize: '51' }, 'InvalidParameter', 400);
  });

  test('system disks by instance, type and status', async () => {
    const all = await f.call('DescribeDisks', { PageSize: '100' });
    expect(all.TotalCount).toBe(5);
    expect((await f.call('DescribeDisks', { DiskType: 'data' })).TotalCount).toBe(0);
    expect((await f.call('DescribeDisks', { Status: 'Available' })).TotalCount).toBe(0);
    const d = (await f.call('DescribeDisks', { InstanceId: db })).Disks.Disk;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ InstanceId: db, Type: 'system', Portable: false });
    await f.refused('DescribeDisks', { DiskType: 'floppy' }, 'InvalidDiskType.ValueNotSupported', 400);
  });
});
