// Custom image rules (guide §12, §18.5–§18.6, §19 rows 18–25, §23 quotes 12–14, 24, 32–35)
// and ReplaceSystemDisk (§10.5), with the guide's numbers and the real error codes.

import { afterEach, describe, expect, test } from 'vitest';
import { fixture, HOUR, PASSWORD, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const ZONE = 'cn-hangzhou-h';
const MIN = 60_000;
const WINDOWS = 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd';
const UBUNTU = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd';

async function image(id: string, region = 'cn-hangzhou'): Promise<Record<string, any> | undefined> {
  const r = await f.call('DescribeImages', { RegionId: region, ImageId: id, Status: 'ALL' });
  return r.Images.Image[0];
}

async function systemDisk(inst: string): Promise<Record<string, any>> {
  return (await f.call('DescribeDisks', { InstanceId: inst, DiskType: 'system' })).Disks.Disk[0];
}

describe('CreateImage', () => {
  test('from an instance: snapshots every disk, Creating until all are done, start/stop/reboot blocked meanwhile', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE, 'SystemDisk.Size': '40', 'DataDisk.1.Size': '60' });
    await f.advance(MIN);
    const id = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'web-v1' })).ImageId;
    expect(id).toMatch(/^m-bp[a-z0-9]{18}$/);
    let img = await image(id);
    expect(img).toMatchObject({ Status: 'Creating', ImageOwnerAlias: 'self', OSType: 'linux' });
    const maps = img!.DiskDeviceMappings.DiskDeviceMapping as any[];
    expect(maps.map((m) => [m.Device, m.Type, m.Size])).toEqual([['/dev/xvda', 'system', '40'], ['/dev/xvdb', 'data', '60']]);
    const snaps = (await f.call('DescribeSnapshots', { InstanceId: inst! })).Snapshots.Snapshot as any[];
    expect(snaps.map((s) => s.SnapshotId).sort()).toEqual(maps.map((m) => m.SnapshotId).sort());
    await f.refused('StopInstance', { InstanceId: inst! }, 'IncorrectInstanceStatus', 403);
    await f.refused('RebootInstance', { InstanceId: inst! }, 'IncorrectInstanceStatus', 403);
    await f.refused('RunInstances', { ImageId: id, InstanceType: 'ecs.g7.large', Password: PASSWORD, ZoneId: ZONE }, 'IncorrectImageStatus', 400);
    await f.advance(40 * MIN); // the 40 GiB snapshot is done, the 60 GiB one is not
    img = await image(id);
    expect(img!.Status).toBe('Creating');
    expect(img!.Progress).toBe(`${Math.floor((41 * MIN - MIN) / (60 * MIN) * 100)}%`);
    await f.advance(20 * MIN);
    img = await image(id);
    expect(img).toMatchObject({ Status: 'Available', Progress: '100%' });
    await f.call('StopInstance', { InstanceId: inst! });
  });

  test('instances from an image with data-disk snapshots get those data disks; sizes grow, never shrink (§23 quote 35)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '40' });
    const id = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'with-data' })).ImageId;
    const base = { ImageId: id, InstanceType: 'ecs.g7.large', Password: PASSWORD, ZoneId: ZONE };
    await f.refused('RunInstances', { ...base, 'DataDisk.1.Device': '/dev/xvdb', 'DataDisk.1.Size': '30' }, 'InvalidDataDiskSize.ValueNotSupported', 400);
    const [a] = (await f.call('RunInstances', { ...base, 'DataDisk.1.Device': '/dev/xvdb', 'DataDisk.1.Size': '50' })).InstanceIdSets.InstanceIdSet;
    const data = (await f.call('DescribeDisks', { InstanceId: a, DiskType: 'data' })).Disks.Disk as any[];
    expect(data.map((d) => [d.Device, d.Size])).toEqual([['/dev/xvdb', 50]]);
    expect(data[0].SourceSnapshotId).toMatch(/^s-/);
  });

  test('from a system-disk snapshot with DiskDeviceMapping; a data-disk snapshot cannot be the base (§23 quote 32)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '30' });
    const disks = (await f.call('DescribeDisks', { InstanceId: inst! })).Disks.Disk as any[];
    const sysSnap = (await f.call('CreateSnapshot', { DiskId: disks.find((d) => d.Type === 'system').DiskId })).SnapshotId;
    const dataSnap = (await f.call('CreateSnapshot', { DiskId: disks.find((d) => d.Type === 'data').DiskId })).SnapshotId;
    await f.refused('CreateImage', { SnapshotId: dataSnap, ImageName: 'bad' }, 'OperationDenied', 403);
    await f.refused('CreateImage', {}, 'MissingParameter', 400);
    await f.refused('CreateImage', { SnapshotId: sysSnap, ImageName: 'x' }, 'InvalidImageName.Malformed', 400);
    await f.refused('CreateImage', { SnapshotId: sysSnap, ImageName: 'okname', Description: 'http://x' }, 'InvalidDescription.Malformed', 400);
    await f.refused('CreateImage', { SnapshotId: sysSnap, ImageName: 'okname', 'DiskDeviceMapping.1.Size': '2001' }, 'InvalidSize.ValueNotSupported', 400);
    await f.refused('CreateImage', { SnapshotId: sysSnap, ImageName: 'okname', 'DiskDeviceMapping.1.SnapshotId': dataSnap, 'DiskDeviceMapping.1.Size': '29' }, 'InvalidSize.ValueNotSupported', 400);
    const id = (await f.call('CreateImage', {
      SnapshotId: sysSnap, ImageName: 'golden',
      'DiskDeviceMapping.1.SnapshotId': dataSnap,
      'DiskDeviceMapping.2.Size': '',
    })).ImageId;
    const maps = (await image(id))!.DiskDeviceMappings.DiskDeviceMapping as any[];
    // blank snapshot → an empty disk, 5 GiB by default (L2253); blank device → assigned
    expect(maps.map((m) => [m.Device, m.Type, m.Size, m.SnapshotId])).toEqual([
      ['/dev/xvda', 'system', '40', sysSnap], ['/dev/xvdb', 'data', '30', dataSnap], ['/dev/xvdc', 'data', '5', ''],
    ]);
    await f.refused('CreateImage', { SnapshotId: sysSnap, ImageName: 'golden' }, 'InvalidImageName.Duplicated', 400);
  });
});

describe('sharing, copying, import/export, delete', () => {
  test('share with at most 50 accounts; only the owner; the other account sees it as shared (§23 quote 24)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const id = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'shared-one' })).ImageId;
    const accounts = Array.from({ length: 50 }, (_, i) => String(2000000000000000 + i));
    for (let i = 0; i < 50; i += 10) {
      const p: Record<string, string> = { ImageId: id };
      accounts.slice(i, i + 10).forEach((a, j) => (p[`AddAccount.${j + 1}`] = a));
      await f.call('ModifyImageSharePermission', p);
    }
    await f.refused('ModifyImageSharePermission', { ImageId: id, 'AddAccount.1': '3000000000000000' }, 'QuotaExceed.ShareImageUser', 403);
    await f.refused('ModifyImageSharePermission', { ImageId: id, 'AddAccount.1': '1234567890123456' }, 'InvalidAccount.Forbbiden', 404);
    const perm = await f.call('DescribeImageSharePermission', { ImageId: id, PageSize: '100' });
    expect(perm.TotalCount).toBe(50);
    expect(perm.Accounts.Account[0].AliyunId).toBe(accounts[0]);
    // Act as one of the accounts: the image is visible as "others", and cannot be re-shared.
    await f.setting('account-id', accounts[3]!);
    expect(await image(id)).toMatchObject({ ImageOwnerAlias: 'others' });
    expect((await f.call('DescribeImages', { ImageOwnerAlias: 'others' })).TotalCount).toBe(1);
    await f.refused('ModifyImageSharePermission', { ImageId: id, 'AddAccount.1': '3000000000000001' }, 'Forbbiden', 403);
    await f.refused('CopyImage', { ImageId: id, DestinationRegionId: 'cn-shanghai' }, 'OperationDenied.SameRegionOnly', 403);
    await f.refused('DeleteImage', { ImageId: id }, 'Forbbiden', 403);
    // A third account does not see it at all.
    await f.setting('account-id', '9999999999999999');
    expect(await image(id)).toBeUndefined();
    await f.setting('account-id', '1234567890123456');
    await f.refused('DeleteImage', { ImageId: id, Force: 'true' }, 'ImageUseShared', 403);
  });

  test('delete: refused while instances use it unless Force; shared images first unshared (§12.8)', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const id = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'used' })).ImageId;
    await f.run({ ZoneId: ZONE, ImageId: id });
    await f.refused('DeleteImage', { ImageId: id }, 'ImageUsingByInstance', 403);
    await f.call('ModifyImageSharePermission', { ImageId: id, 'AddAccount.1': '2000000000000001' });
    await f.refused('DeleteImage', { ImageId: id, Force: 'true' }, 'ImageUseShared', 403);
    await f.call('ModifyImageSharePermission', { ImageId: id, 'RemoveAccount.1': '2000000000000001' });
    await f.call('DeleteImage', { ImageId: id, Force: 'true' });
    expect(await image(id)).toBeUndefined();
    await f.refused('DeleteImage', { ImageId: UBUNTU }, 'InvalidImageId.NotFound', 404);
  });

  test('copy across regions: asynchronous with progress, cancellable, ≥ 100 GiB needs a ticket (§12.4)', async () => {
    f = fixture({ timeScale: '1' });
    const [inst] = await f.run({ ZoneId: ZONE, 'SystemDisk.Size': '40' });
    await f.advance(MIN);
    const id = (await f.call('CreateImage', { InstanceId: inst!, ImageName: 'to-copy' })).ImageId;
    await f.refused('CopyImage', { ImageId: id, DestinationRegionId: 'cn-shanghai' }, 'IncorrectImageStatus', 400);
    await f.advance(40 * MIN);
    await f.refused('CopyImage', { ImageId: id, DestinationRegionId: 'nowhere-1' }, 'DestinationRegion.NotFound', 400);
    const copy = (await f.call('CopyImage', { ImageId: id, DestinationRegionId: 'cn-shanghai', DestinationImageName: 'copied' })).ImageId;
    expect(copy).toMatch(/^m-uf/);
    expect(await image(copy)).toBeUndefined(); // not in the source region
    expect(await image(copy, 'cn-shanghai')).toMatchObject({ Status: 'Creating', Progress: '0%', ImageName: 'copied', IsCopied: true });
    await f.advance(10 * MIN); // 40 GiB × 30 s = 20 minutes
    expect((await image(copy, 'cn-shanghai'))!.Progress).toBe('50%');
    await f.refused('DeleteImage', { ImageId: id }, 'OperationDenied.ImageCopying', 403);
    await f.call('CancelCopyImage', { RegionId: 'cn-shanghai', ImageId: copy });
    expect(await image(copy, 'cn-shanghai')).toBeUndefined();
    const again = (await f.call('CopyImage', { ImageId: id, DestinationRegionId: 'cn-shanghai' })).ImageId;
    await f.advance(20 * MIN);
    expect(await image(again, 'cn-shanghai')).toMatchObject({ Status: 'Available' });
    await f.refused('CancelCopyImage', { RegionId: 'cn-shanghai', ImageId: again }, 'IncorrectImageStatus', 400);

    const [big] = await f.run({ ZoneId: ZONE, 'SystemDisk.Size': '100' });
    await f.advance(MIN);
    const bigImage = (await f.call('CreateImage', { InstanceId: big!, ImageName: 'big' })).ImageId;
    await f.advance(2 * HOUR);
    await f.refused('CopyImage', { ImageId: bigImage, DestinationRegionId: 'cn-shanghai' }, 'SizeExceed.Image', 403);
    await f.setting('feature.large-image-copy', 'on');
    await f.call('CopyImage', { ImageId: bigImage, DestinationRegionId: 'cn-shanghai' });
  });

  test('import: a ticket-gated long task; RAW/VHD only; Linux 20–500, Windows 40–500 GiB (§12.6)', async () => {
    f = fixture({ timeScale: '1' });
    const base = { ImageName: 'imported', 'DiskDeviceMapping.1.OSSBucket': 'my-bucket', 'DiskDeviceMapping.1.OSSObject': 'images/centos.raw', 'DiskDeviceMapping.1.Format': 'RAW' };
    await f.refused('ImportImage', base, 'UserNotInTheWhiteList', 403);
    await f.setting('feature.image-import', 'on');
    await f.refused('ImportImage', { ...base, 'DiskDeviceMapping.1.Format': 'qcow2' }, 'InvalidImageFormat.Malformed', 400);
    await f.refused('ImportImage', { ...base, 'DiskDeviceMapping.1.DiskImageSize': '19' }, 'InvalidImageSize', 400);
    await f.refused('ImportImage', { ...base, 'DiskDeviceMapping.1.DiskImageSize': '501' }, 'InvalidImageSize', 400);
    await f.refused('ImportImage', { ...base, OSType: 'windows', Platform: 'Windows Server 2012', 'DiskDeviceMapping.1.DiskImageSize': '39' }, 'InvalidImageSize', 400);
    await f.refused('ImportImage', { ...base, OSType: 'windows', Platform: 'CentOS', 'DiskDeviceMapping.1.DiskImageSize': '40' }, 'InvalidPlatform.Malformed', 400);
    await f.refused('ImportImage', { ImageName: 'imported', 'DiskDeviceMapping.1.OSSBucket': 'my-bucket' }, 'MissingParameter', 400);
    const r = await f.call('ImportImage', { ...base, Platform: 'CentOS', 'DiskDeviceMapping.1.DiskImageSize': '20', 'DiskDeviceMapping.1.Format': 'vhd' });
    expect(r.TaskId).toMatch(/^t-/);
    expect(await image(r.ImageId)).toMatchObject({ Status: 'Creating', Platform: 'CentOS' });
    await f.refused('DeleteImage', { ImageId: r.ImageId }, 'ImageIsImporting', 403);
    await f.advance(HOUR); // 1 h + 20 s/GiB × 20 GiB ≈ 1 h 7 min
    expect((await f.call('DescribeTaskAttribute', { TaskId: r.TaskId })).TaskStatus).toBe('Processing');
    await f.advance(8 * MIN);
    expect(await image(r.ImageId)).toMatchObject({ Status: 'Available' });
    expect((await f.call('DescribeTasks', { TaskIds: r.TaskId })).TaskSet.Task[0]).toMatchObject({ TaskStatus: 'Finished', TaskAction: 'ImportImage' });
  });

  test('export: whitelist; not images with data disks (§23 quote 33)', async () => {
    f = fixture();
    const [a] = await f.run({ ZoneId: ZONE });
    const [b] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '20' });
    const plain = (await f.call('CreateImage', { InstanceId: a!, ImageName: 'plain' })).ImageId;
    const withData = (await f.call('CreateImage', { InstanceId: b!, ImageName: 'withdata' })).ImageId;
    await f.refused('ExportImage', { ImageId: plain, OSSBucket: 'my-bucket' }, 'UserNotInTheWhiteList', 403);
    await f.setting('feature.image-export', 'on');
    await f.refused('ExportImage', { ImageId: withData, OSSBucket: 'my-bucket' }, 'OperationDenied', 400);
    await f.refused('ExportImage', { ImageId: plain, OSSBucket: 'my-bucket', OSSPrefix: 'bad/prefix' }, 'InvalidOSSPrefix.Malformed', 400);
    const t = await f.call('ExportImage', { ImageId: plain, OSSBucket: 'my-bucket', OSSPrefix: 'ExportImage' });
    expect(t.TaskId).toMatch(/^t-/);
  });
});

describe('ReplaceSystemDisk (§10.5, §23 quotes 12–13)', () => {
  test('Stopped only; new disk ID; old disk and its auto snapshots gone, manual kept but unusable; policy detached; IP kept', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE, InternetMaxBandwidthOut: '5' });
    const before = await f.describe(inst!);
    const old = await systemDisk(inst!);
    const manual = (await f.call('CreateSnapshot', { DiskId: old.DiskId })).SnapshotId;
    const pol = (await f.call('CreateAutoSnapshotPolicy', { timePoints: JSON.stringify([...Array(24).keys()].map(String)), repeatWeekdays: '["1","2","3","4","5","6","7"]', retentionDays: '-1' })).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { autoSnapshotPolicyId: pol, diskIds: JSON.stringify([old.DiskId]) });
    await f.advance(2 * HOUR);
    const autos = (await f.call('DescribeSnapshots', { DiskId: old.DiskId, SnapshotType: 'auto' })).TotalCount;
    expect(autos).toBeGreaterThanOrEqual(2);
    await f.refused('ReplaceSystemDisk', { InstanceId: inst!, ImageId: UBUNTU, Password: PASSWORD }, 'IncorrectInstanceStatus', 403);
    await f.call('StopInstance', { InstanceId: inst! });
    await f.refused('ReplaceSystemDisk', { InstanceId: inst!, ImageId: 'm-bpnosuchimage0000000' }, 'InvalidImageId.NotFound', 404);
    await f.refused('ReplaceSystemDisk', { InstanceId: inst!, ImageId: UBUNTU, Password: 'weak' }, 'InvalidPassword.Malformed', 400);
    const r = await f.call('ReplaceSystemDisk', { InstanceId: inst!, ImageId: UBUNTU, Password: PASSWORD });
    expect(r.DiskId).not.toBe(old.DiskId);
    const now = await systemDisk(inst!);
    expect(now).toMatchObject({ DiskId: r.DiskId, AutoSnapshotPolicyId: '', Device: '/dev/xvda', Status: 'In_use' });
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([old.DiskId]) })).TotalCount).toBe(0);
    expect((await f.call('DescribeSnapshots', { SnapshotType: 'auto' })).TotalCount).toBe(0);
    expect((await f.call('DescribeSnapshots', { SnapshotIds: JSON.stringify([manual]) })).TotalCount).toBe(1);
    await f.refused('ResetDisk', { DiskId: r.DiskId, SnapshotId: manual }, 'InvalidParameter.Mismatch', 403);
    const after = await f.describe(inst!);
    expect(after.ImageId).toBe(UBUNTU);
    expect(after.PublicIpAddress).toEqual(before.PublicIpAddress);
    expect(after.VpcAttributes.PrivateIpAddress).toEqual(before.VpcAttributes.PrivateIpAddress);
    // A custom image with data-disk snapshots cannot replace a system disk.
    const [withData] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': '20' });
    const img = (await f.call('CreateImage', { InstanceId: withData!, ImageName: 'withdata' })).ImageId;
    await f.refused('ReplaceSystemDisk', { InstanceId: inst!, ImageId: img }, 'OperationDenied', 400);
  });

  test('Linux ↔ Windows only in mainland China regions (§23 quote 13)', async () => {
    f = fixture();
    const [hz] = await f.run({ ZoneId: ZONE });
    await f.call('StopInstance', { InstanceId: hz! });
    await f.call('ReplaceSystemDisk', { InstanceId: hz!, ImageId: WINDOWS, Password: PASSWORD });
    expect((await f.describe(hz!)).OSType).toBe('windows');
    const tokyo = await f.sim.dispatch('RunInstances', { RegionId: 'ap-northeast-1', ImageId: UBUNTU, InstanceType: 'ecs.g7.large', Password: PASSWORD });
    const id = (tokyo as any).InstanceIdSets.InstanceIdSet[0];
    await f.sim.dispatch('StopInstance', { InstanceId: id });
    await f.refused('ReplaceSystemDisk', { InstanceId: id, ImageId: WINDOWS, Password: PASSWORD }, 'InvalidParameter.Conflict', 400);
    await f.sim.dispatch('ReplaceSystemDisk', { InstanceId: id, ImageId: 'debian_12_7_x64_20G_alibase_20240927.vhd', Password: PASSWORD });
  });
});

describe('shared images and re-initialisation; hostile IDs', () => {
  test('an instance built from a shared image cannot re-initialise its system disk once the share is removed (L2433)', async () => {
    f = fixture();
    const [src] = await f.run({ ZoneId: ZONE });
    const img = (await f.call('CreateImage', { InstanceId: src!, ImageName: 'to-share' })).ImageId;
    await f.call('ModifyImageSharePermission', { ImageId: img, 'AddAccount.1': '2000000000000009' });
    await f.setting('account-id', '2000000000000009');
    const [mine] = await f.run({ ZoneId: ZONE, ImageId: img });
    await f.call('StopInstance', { InstanceId: mine! });
    const sys = (await systemDisk(mine!)).DiskId;
    await f.call('ReInitDisk', { DiskId: sys, Password: PASSWORD });
    await f.setting('account-id', '1234567890123456');
    await f.call('ModifyImageSharePermission', { ImageId: img, 'RemoveAccount.1': '2000000000000009' });
    await f.setting('account-id', '2000000000000009');
    await f.refused('ReInitDisk', { DiskId: sys, Password: PASSWORD }, 'InvalidImageId.NotFound', 404);
  });

  test('prototype keys as snapshot, image, policy and task IDs: NotFound, nothing changed, no pollution', async () => {
    f = fixture();
    await f.setting('feature.image-export', 'on');
    for (const bad of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      await f.refused('DeleteSnapshot', { SnapshotId: bad }, 'InvalidSnapshotId.NotFound', 404);
      await f.refused('CreateImage', { SnapshotId: bad, ImageName: 'nope' }, 'InvalidSnapshotId.NotFound', 404);
      await f.refused('DeleteImage', { ImageId: bad }, 'InvalidImageId.NotFound', 404);
      await f.refused('ModifyImageSharePermission', { ImageId: bad, 'AddAccount.1': '2000000000000001' }, 'InvalidImageId.NotFound', 404);
      await f.refused('ExportImage', { ImageId: bad, OSSBucket: 'my-bucket' }, 'InvalidImageId.NotFound', 404);
      await f.refused('DeleteAutoSnapshotPolicy', { autoSnapshotPolicyId: bad }, 'ParameterInvalid', 404);
      await f.refused('CancelTask', { TaskId: bad }, 'InvalidTaskId.NotFound', 404);
      await f.refused('ReplaceSystemDisk', { InstanceId: bad, ImageId: UBUNTU }, 'InvalidInstanceId.NotFound', 404);
      expect((await f.call('DescribeImages', { ImageId: bad })).TotalCount).toBe(0);
      expect((await f.call('DescribeSnapshots', { SnapshotIds: JSON.stringify([bad]) })).TotalCount).toBe(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'Status')).toBe(false);
  });
});
