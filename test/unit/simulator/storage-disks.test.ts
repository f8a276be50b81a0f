// Disk rules (guide §10, §2.1/§2.2 limits, §18.2, §19 rows 5–11, §23 quotes 6–11) with the
// guide's numbers and the real error codes; a refused request changes nothing.

import { afterEach, describe, expect, test } from 'vitest';
import { fixture, PASSWORD, REGION, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const ZONE = 'cn-hangzhou-h';
const OTHER_ZONE = 'cn-hangzhou-i';

async function zones(): Promise<string[]> {
  const z = await f.call('DescribeZones');
  return z.Zones.Zone.map((x: any) => x.ZoneId);
}

async function createDisk(params: Record<string, string> = {}): Promise<string> {
  const r = await f.call('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '40', ...params });
  return r.DiskId as string;
}

async function disk(id: string): Promise<Record<string, any>> {
  const r = await f.call('DescribeDisks', { DiskIds: JSON.stringify([id]) });
  expect(r.Disks.Disk).toHaveLength(1);
  return r.Disks.Disk[0];
}

async function stopped(params: Record<string, string> = {}): Promise<string> {
  const [id] = await f.run({ ZoneId: ZONE, ...params });
  await f.call('StopInstance', { InstanceId: id! });
  return id!;
}

describe('CreateDisk', () => {
  test('zones used here exist', async () => {
    f = fixture();
    const z = await zones();
    expect(z).toContain(ZONE);
    expect(z).toContain(OTHER_ZONE);
  });

  test('a new disk is Available, data, not attached; name, description and tags kept', async () => {
    f = fixture();
    const id = await createDisk({ DiskName: 'logs', Description: 'app logs', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' });
    expect(id).toMatch(/^d-bp[a-z0-9]{18}$/);
    const d = await disk(id);
    expect(d).toMatchObject({ Status: 'Available', Type: 'data', Category: 'cloud_essd', Size: 40, ZoneId: ZONE, DiskName: 'logs', Description: 'app logs', InstanceId: '', DeleteWithInstance: false });
    expect(d.Tags.Tag).toEqual([{ TagKey: 'env', TagValue: 'prod' }]);
  });

  test('size bounds by category (guide §2.1 rows 11, 33, 34): basic 5–2,000, ultra/SSD 20–2,048', async () => {
    f = fixture();
    for (const [cat, min, max] of [['cloud_efficiency', 20, 2048], ['cloud_ssd', 20, 2048]] as const) {
      await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: cat, Size: String(min - 1) }, 'InvalidSize.ValueNotSupported', 400);
      await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: cat, Size: String(max + 1) }, 'InvalidSize.ValueNotSupported', 400);
      expect((await disk(await createDisk({ DiskCategory: cat, Size: String(min) }))).Size).toBe(min);
      expect((await disk(await createDisk({ DiskCategory: cat, Size: String(max) }))).Size).toBe(max);
    }
  });

  test('basic cloud disks 5–2,000 GiB where the zone offers them (cn-hangzhou-e); refused where it does not', async () => {
    f = fixture();
    const z = (await f.call('DescribeZones')).Zones.Zone as any[];
    expect(z.find((x) => x.ZoneId === 'cn-hangzhou-e').AvailableDiskCategories.DiskCategories).toContain('cloud');
    await f.refused('CreateDisk', { ZoneId: 'cn-hangzhou-e', DiskCategory: 'cloud', Size: '4' }, 'InvalidSize.ValueNotSupported', 400);
    await f.refused('CreateDisk', { ZoneId: 'cn-hangzhou-e', DiskCategory: 'cloud', Size: '2001' }, 'InvalidSize.ValueNotSupported', 400);
    expect((await disk((await f.call('CreateDisk', { ZoneId: 'cn-hangzhou-e', DiskCategory: 'cloud', Size: '5' })).DiskId)).Size).toBe(5);
    expect((await disk((await f.call('CreateDisk', { ZoneId: 'cn-hangzhou-e', DiskCategory: 'cloud', Size: '2000' })).DiskId)).Size).toBe(2000);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud', Size: '5' }, 'InvalidDataDiskCategory.NotSupported', 403);
  });

  test('neither Size nor SnapshotId; unknown zone; bad category; bad name', async () => {
    f = fixture();
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd' }, 'MissingParameter', 400);
    await f.refused('CreateDisk', { ZoneId: 'cn-hangzhou-zz', DiskCategory: 'cloud_essd', Size: '20' }, 'InvalidZoneId.NotFound', 404);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'ephemeral_ssd', Size: '20' }, 'InvalidDiskCategory.ValueNotSupported', 400);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20', DiskName: '1abc' }, 'InvalidDiskName.Malformed', 400);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20', DiskName: 'http://x' }, 'InvalidDiskName.Malformed', 400);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20', DryRun: 'true' }, 'DryRunOperation', 400);
  });

  test('from a snapshot: default size = the snapshot, never smaller (§10.2)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '50', 'DataDisk.1.Category': 'cloud_essd' });
    const data = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'data' })).Disks.Disk[0];
    const snap = (await f.call('CreateSnapshot', { DiskId: data.DiskId })).SnapshotId;
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: snap, Size: '49' }, 'InvalidDiskSize.TooSmall', 403);
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: 's-bpnosuchsnapshot0000' }, 'InvalidSnapshotId.NotFound', 404);
    const id = (await f.call('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: snap })).DiskId;
    expect(await disk(id)).toMatchObject({ Size: 50, SourceSnapshotId: snap });
  });

  test('quotas: 250 cloud disks per account, 5 × instance quota pay-as-you-go disks (guide §2.2, §20 row 3)', async () => {
    f = fixture();
    await f.setting('quota.instances', '1'); // 5 × 1 = 5 pay-as-you-go disks
    for (let i = 0; i < 5; i++) await createDisk();
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20' }, 'QuotaExceed.PostPaidDisk', 403);
    await f.setting('quota.instances', '100');
    await f.setting('quota.disks', '6');
    await createDisk();
    await f.refused('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20' }, 'QuotaExceed.PortableCloudDisk', 403);
  });

  test('Creating → Available on the clock (time scale 1)', async () => {
    f = fixture({ timeScale: '1' });
    const id = await createDisk();
    expect((await disk(id)).Status).toBe('Creating');
    await f.advance(10_000);
    expect((await disk(id)).Status).toBe('Available');
  });
});

describe('AttachDisk / DetachDisk (guide §10.3, §10.4)', () => {
  test('attach: In_use at the first free /dev/xvd[b-z]; Attaching first on the clock', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE });
    await f.advance(60_000);
    const id = await createDisk();
    await f.advance(10_000);
    await f.call('AttachDisk', { DiskId: id, InstanceId: inst! });
    expect(await disk(id)).toMatchObject({ Status: 'Attaching', InstanceId: inst, Device: '/dev/xvdb' });
    await f.advance(5_000);
    expect(await disk(id)).toMatchObject({ Status: 'In_use', InstanceId: inst, Device: '/dev/xvdb' });
    await f.call('DetachDisk', { DiskId: id, InstanceId: inst! });
    expect((await disk(id)).Status).toBe('Detaching');
    await f.advance(5_000);
    expect(await disk(id)).toMatchObject({ Status: 'Available', InstanceId: '', Device: '' });
  });

  test('16 data disks yield /dev/xvdb … /dev/xvdq; the 17th is refused (§23 quote 6)', async () => {
    f = fixture();
    await f.setting('quota.instances', '100');
    const [inst] = await f.run({ ZoneId: ZONE });
    const devices: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = await createDisk({ Size: '20' });
      await f.call('AttachDisk', { DiskId: id, InstanceId: inst! });
      devices.push((await disk(id)).Device);
    }
    expect(devices).toEqual('bcdefghijklmnopq'.split('').map((c) => `/dev/xvd${c}`));
    const extra = await createDisk({ Size: '20' });
    await f.refused('AttachDisk', { DiskId: extra, InstanceId: inst! }, 'InstanceDiskLimitExceeded', 403);
  });

  test('an In_use disk cannot be attached; cross-zone refused; one instance per disk (§23 quote 7)', async () => {
    f = fixture();
    const [a] = await f.run({ ZoneId: ZONE });
    const [b] = await f.run({ ZoneId: ZONE });
    const [c] = await f.run({ ZoneId: OTHER_ZONE });
    const id = await createDisk();
    await f.refused('AttachDisk', { DiskId: id, InstanceId: c! }, 'InvalidInstanceId.MismatchZone', 403);
    await f.call('AttachDisk', { DiskId: id, InstanceId: a! });
    await f.refused('AttachDisk', { DiskId: id, InstanceId: b! }, 'IncorrectDiskStatus', 403);
    await f.refused('AttachDisk', { DiskId: id, InstanceId: a! }, 'IncorrectDiskStatus', 403);
  });

  test('device names: malformed, occupied, chosen', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const a = await createDisk();
    const b = await createDisk();
    await f.refused('AttachDisk', { DiskId: a, InstanceId: inst!, Device: '/dev/sdb' }, 'InvalidDevice.Malformed', 400);
    await f.refused('AttachDisk', { DiskId: a, InstanceId: inst!, Device: '/dev/xvda' }, 'InvalidDevice.Malformed', 400);
    await f.call('AttachDisk', { DiskId: a, InstanceId: inst!, Device: '/dev/xvdk' });
    await f.refused('AttachDisk', { DiskId: b, InstanceId: inst!, Device: '/dev/xvdk' }, 'InvalidDevice.InUse', 403);
    await f.call('AttachDisk', { DiskId: b, InstanceId: inst! });
    expect((await disk(b)).Device).toBe('/dev/xvdb');
  });

  test('the instance must be Running or Stopped (§20 row 8), and DeleteWithInstance is set on attach', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE });
    const id = await createDisk();
    await f.advance(10_000);
    await f.refused('AttachDisk', { DiskId: id, InstanceId: inst! }, 'IncorrectInstanceStatus', 400); // Pending
    await f.advance(60_000);
    await f.call('AttachDisk', { DiskId: id, InstanceId: inst!, DeleteWithInstance: 'true' });
    expect((await disk(id)).DeleteWithInstance).toBe(true);
  });

  test('the system disk can never be detached; an Available disk cannot be detached (§23 quote 8)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const sys = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'system' })).Disks.Disk[0];
    await f.refused('DetachDisk', { DiskId: sys.DiskId, InstanceId: inst! }, 'OperationDenied', 403);
    const id = await createDisk();
    await f.refused('DetachDisk', { DiskId: id, InstanceId: inst! }, 'IncorrectDiskStatus', 403);
  });

  test('unknown IDs and hostile IDs give NotFound and change nothing', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const id = await createDisk();
    for (const bad of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      await f.refused('AttachDisk', { DiskId: bad, InstanceId: inst! }, 'InvalidDiskId.NotFound', 404);
      await f.refused('AttachDisk', { DiskId: id, InstanceId: bad }, 'InvalidInstanceId.NotFound', 404);
      await f.refused('DeleteDisk', { DiskId: bad }, 'InvalidDiskId.NotFound', 404);
      await f.refused('CreateDisk', { InstanceId: bad, DiskCategory: 'cloud_essd', Size: '20' }, 'InvalidInstanceId.NotFound', 404);
      await f.refused('CreateSnapshot', { DiskId: bad }, 'InvalidDiskId.NotFound', 404);
      await f.refused('ModifyDiskAttribute', { DiskId: bad, DiskName: 'xx' }, 'InvalidDiskId.NotFound', 404);
      await f.refused('ResetDisk', { DiskId: id, SnapshotId: bad }, 'InvalidSnapshotId.NotFound', 404);
      expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([bad]) })).TotalCount).toBe(0);
    }
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('ResizeDisk, ResetDisk, ReInitDisk, ModifyDiskAttribute, DeleteDisk', () => {
  test('resize grows only, within the category maximum', async () => {
    f = fixture();
    const id = await createDisk({ DiskCategory: 'cloud_ssd', Size: '100' });
    await f.refused('ResizeDisk', { DiskId: id, NewSize: '100' }, 'InvalidDiskSize.TooSmall', 403);
    await f.refused('ResizeDisk', { DiskId: id, NewSize: '50' }, 'InvalidDiskSize.TooSmall', 403);
    await f.refused('ResizeDisk', { DiskId: id, NewSize: '2049' }, 'InvalidDiskSize.TooLarge', 403);
    await f.refused('ResizeDisk', { DiskId: id, NewSize: '200', Type: 'online' }, 'InvalidInstanceStatus.NotRunning', 403);
    await f.call('ResizeDisk', { DiskId: id, NewSize: '2048' });
    expect((await disk(id)).Size).toBe(2048);
  });

  test('reset: instance Stopped, a snapshot of that same disk (§23 quote 11)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const [other] = await f.run({ ZoneId: ZONE });
    const sys = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'system' })).Disks.Disk[0].DiskId;
    const otherSys = (await f.call('DescribeDisks', { InstanceId: other!, DiskType: 'system' })).Disks.Disk[0].DiskId;
    const snap = (await f.call('CreateSnapshot', { DiskId: sys })).SnapshotId;
    const foreign = (await f.call('CreateSnapshot', { DiskId: otherSys })).SnapshotId;
    await f.refused('ResetDisk', { DiskId: sys, SnapshotId: snap }, 'IncorrectInstanceStatus', 403);
    await f.call('StopInstance', { InstanceId: inst! });
    await f.refused('ResetDisk', { DiskId: sys, SnapshotId: foreign }, 'InvalidParameter.Mismatch', 403);
    await f.refused('ResetDisk', { DiskId: sys, SnapshotId: snap, DryRun: 'true' }, 'DryRunOperation', 400);
    await f.call('ResetDisk', { DiskId: sys, SnapshotId: snap });
  });

  test('re-initialise: instance Stopped; a disk from a deleted snapshot cannot be re-initialised', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '20' });
    await f.advance(60_000);
    const data = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'data' })).Disks.Disk[0].DiskId;
    const snap = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    await f.advance(20 * 60_000); // full snapshot of 20 GiB ≈ 20 minutes
    const fromSnap = (await f.call('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: snap })).DiskId;
    await f.advance(10_000);
    await f.call('AttachDisk', { DiskId: fromSnap, InstanceId: inst! });
    await f.advance(5_000);
    await f.refused('ReInitDisk', { DiskId: fromSnap }, 'IncorrectInstanceStatus', 403);
    await f.call('StopInstance', { InstanceId: inst! });
    await f.advance(15_000);
    await f.refused('DeleteSnapshot', { SnapshotId: snap }, 'SnapshotCreatedDisk', 403);
    await f.call('DeleteSnapshot', { SnapshotId: snap, Force: 'true' });
    await f.refused('ReInitDisk', { DiskId: fromSnap }, 'InvalidSourceSnapshot', 403);
    const sys = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'system' })).Disks.Disk[0].DiskId;
    await f.call('ReInitDisk', { DiskId: sys, Password: PASSWORD });
    expect((await disk(sys)).Status).toBe('ReIniting');
    await f.advance(30_000);
    expect((await disk(sys)).Status).toBe('In_use');
  });

  test('modify: flags and name; nothing to modify is refused', async () => {
    f = fixture();
    const id = await createDisk();
    await f.refused('ModifyDiskAttribute', { DiskId: id }, 'NoAttributeToModify', 400);
    await f.call('ModifyDiskAttribute', { DiskId: id, DeleteWithInstance: 'true', DeleteAutoSnapshot: 'true', DiskName: 'data-1', EnableAutoSnapshot: 'false' });
    expect(await disk(id)).toMatchObject({ DeleteWithInstance: true, DeleteAutoSnapshot: true, DiskName: 'data-1', EnableAutoSnapshot: false });
  });

  test('delete: refused while In_use; after detach it goes, auto snapshots only with DeleteAutoSnapshot (§23 quote 9)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const id = await createDisk();
    await f.call('AttachDisk', { DiskId: id, InstanceId: inst! });
    await f.refused('DeleteDisk', { DiskId: id }, 'DiskStillAttached', 403);
    const manual = (await f.call('CreateSnapshot', { DiskId: id })).SnapshotId;
    await f.call('DetachDisk', { DiskId: id, InstanceId: inst! });
    await f.call('DeleteDisk', { DiskId: id });
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([id]) })).TotalCount).toBe(0);
    expect((await f.call('DescribeSnapshots', { SnapshotIds: JSON.stringify([manual]) })).TotalCount).toBe(1);
  });
});

describe('RunInstances DataDisk.N (issue 7 §4.6)', () => {
  test('creates the data disks with the instance, shown in DescribeDisks', async () => {
    f = fixture();
    const [inst] = await f.run({
      ZoneId: ZONE,
      'DataDisk.1.Size': '100', 'DataDisk.1.Category': 'cloud_essd', 'DataDisk.1.DiskName': 'db',
      'DataDisk.2.Size': '20', 'DataDisk.2.Device': '/dev/xvdf', 'DataDisk.2.DeleteWithInstance': 'false',
    });
    const list = (await f.call('DescribeDisks', { InstanceId: inst!, DiskType: 'data' })).Disks.Disk as any[];
    const byDev = Object.fromEntries(list.map((d) => [d.Device, d]));
    expect(Object.keys(byDev).sort()).toEqual(['/dev/xvdb', '/dev/xvdf']);
    expect(byDev['/dev/xvdb']).toMatchObject({ Size: 100, Category: 'cloud_essd', DiskName: 'db', Status: 'In_use', DeleteWithInstance: true });
    expect(byDev['/dev/xvdf']).toMatchObject({ Size: 20, DeleteWithInstance: false });
    await f.call('DeleteInstance', { InstanceId: inst!, Force: 'true' });
    const left = (await f.call('DescribeDisks', { DiskIds: JSON.stringify(list.map((d) => d.DiskId)) })).Disks.Disk as any[];
    expect(left.map((d) => [d.Device, d.Status])).toEqual([['', 'Available']]);
  });

  test('bad data disks are refused before anything is created', async () => {
    f = fixture();
    const base = { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', Password: PASSWORD, ZoneId: ZONE };
    await f.refused('RunInstances', { ...base, 'DataDisk.1.SnapshotId': 's-bpnosuchsnapshot0000' }, 'InvalidDataDiskSnapshotId.NotFound', 404);
    await f.refused('RunInstances', { ...base, 'DataDisk.1.Size': '19', 'DataDisk.1.Category': 'cloud_ssd' }, 'InvalidDataDiskSize.ValueNotSupported', 400);
    await f.refused('RunInstances', { ...base, 'DataDisk.1.Size': '20', 'DataDisk.1.Category': 'nosuch' }, 'InvalidDataDiskCategory.ValueNotSupported', 400);
    await f.refused('RunInstances', { ...base, 'DataDisk.1.Size': '20', 'DataDisk.1.Device': '/dev/sdb' }, 'InvalidDataDevice.Malformed', 400);
    const many: Record<string, string> = { ...base };
    for (let i = 1; i <= 17; i++) many[`DataDisk.${i}.Size`] = '20';
    await f.refused('RunInstances', many, 'InvalidDataDiskSize.ValueNotSupported', 400);
    expect(REGION).toBe('cn-hangzhou');
  });

  test('from a snapshot: at least the snapshot size', async () => {
    f = fixture();
    const [a] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '60' });
    const data = (await f.call('DescribeDisks', { InstanceId: a!, DiskType: 'data' })).Disks.Disk[0].DiskId;
    const snap = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', Password: PASSWORD, ZoneId: ZONE, 'DataDisk.1.SnapshotId': snap, 'DataDisk.1.Size': '59' }, 'InvalidDataDiskSize.ValueNotSupported', 400);
    const [b] = await f.run({ ZoneId: ZONE, 'DataDisk.1.SnapshotId': snap });
    const d = (await f.call('DescribeDisks', { InstanceId: b!, DiskType: 'data' })).Disks.Disk[0];
    expect(d).toMatchObject({ Size: 60, SourceSnapshotId: snap });
  });
});

describe('subscription data disks and images in progress', () => {
  test('a subscription data disk created for a PrePaid instance is attached and cannot be detached', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE, InstanceChargeType: 'PrePaid', Period: '1' });
    const id = (await f.call('CreateDisk', { InstanceId: inst!, DiskCategory: 'cloud_essd', Size: '40' })).DiskId;
    expect(await disk(id)).toMatchObject({ DiskChargeType: 'PrePaid', InstanceId: inst, Device: '/dev/xvdb', Status: 'In_use' });
    await f.refused('DetachDisk', { DiskId: id, InstanceId: inst! }, 'ChargeTypeViolation', 403);
  });

  test('releasing the instance while an image of it is being created keeps the image\'s snapshots', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE });
    await f.advance(60_000);
    const img = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'in-flight' })).ImageId;
    await f.call('DeleteInstance', { InstanceId: inst!, Force: 'true' });
    await f.advance(2 * 3600_000);
    const r = await f.call('DescribeImages', { ImageId: img, Status: 'ALL' });
    expect(r.Images.Image[0].Status).toBe('Available');
    const snapId = r.Images.Image[0].DiskDeviceMappings.DiskDeviceMapping[0].SnapshotId;
    expect((await f.call('DescribeSnapshots', { SnapshotIds: JSON.stringify([snapId]) })).Snapshots.Snapshot[0].Status).toBe('accomplished');
  });
});
