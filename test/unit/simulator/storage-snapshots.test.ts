// Snapshot and automatic snapshot policy rules (guide §11, §18.3–§18.4, §23 quotes 1–5)
// with the guide's numbers, the simulated clock and the real error codes.

import { afterEach, describe, expect, test } from 'vitest';
import { utc8Point } from '../../../src/simulator/actions/storage-settle.js';
import { fixture, HOUR, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const ZONE = 'cn-hangzhou-h';
const MIN = 60_000;

async function instanceWithData(size = 40): Promise<{ inst: string; sys: string; data: string }> {
  const [inst] = await f.run({ ZoneId: ZONE, 'DataDisk.1.Size': String(size), 'SystemDisk.Size': String(size) });
  await f.advance(60_000);
  const disks = (await f.call('DescribeDisks', { InstanceId: inst! })).Disks.Disk as any[];
  return { inst: inst!, sys: disks.find((d) => d.Type === 'system').DiskId, data: disks.find((d) => d.Type === 'data').DiskId };
}

async function snap(id: string): Promise<Record<string, any>> {
  const r = await f.call('DescribeSnapshots', { SnapshotIds: JSON.stringify([id]) });
  expect(r.Snapshots.Snapshot).toHaveLength(1);
  return r.Snapshots.Snapshot[0];
}

async function snapsOf(diskId: string, extra: Record<string, string> = {}): Promise<any[]> {
  return (await f.call('DescribeSnapshots', { DiskId: diskId, PageSize: '100', ...extra })).Snapshots.Snapshot;
}

/** Move the simulated clock to the next `hour`:00 UTC+8 (minus `before` ms). */
async function toUtc8Hour(hour: number, before = 0): Promise<number> {
  const now = Date.now() + (f.state().clockOffsetMs ?? 0);
  let t = Math.floor(now / HOUR) * HOUR + HOUR;
  while (utc8Point(t).hour !== hour) t += HOUR;
  await f.advance(t - before - now);
  return t;
}

describe('CreateSnapshot / DescribeSnapshots', () => {
  test('the first snapshot is full: 40 GiB ≈ 40 minutes (L1693), with progress; the next is incremental', async () => {
    f = fixture({ timeScale: '1' });
    const { data } = await instanceWithData(40);
    const id = (await f.call('CreateSnapshot', { DiskId: data, SnapshotName: 'before-upgrade' })).SnapshotId;
    expect(id).toMatch(/^s-bp[a-z0-9]{18}$/);
    let s = await snap(id);
    expect(s).toMatchObject({ Status: 'progressing', Progress: '0%', RemainTime: 2400, SnapshotType: 'user', SourceDiskId: data, SourceDiskType: 'data', SourceDiskSize: '40', Usage: 'none', SnapshotName: 'before-upgrade' });
    await f.advance(20 * MIN);
    s = await snap(id);
    expect(s).toMatchObject({ Status: 'progressing', Progress: '50%', RemainTime: 1200 });
    await f.refused('CreateSnapshot', { DiskId: data }, 'IncorrectDiskStatus.CreatingSnapshot', 403);
    await f.advance(20 * MIN);
    expect(await snap(id)).toMatchObject({ Status: 'accomplished', Progress: '100%', RemainTime: 0, Available: true });
    const next = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    expect((await snap(next)).RemainTime).toBe(240); // incremental: a tenth
  });

  test('64 per disk: the 65th manual snapshot is refused (L1973)', async () => {
    f = fixture();
    const { data } = await instanceWithData(20);
    for (let i = 0; i < 64; i++) await f.call('CreateSnapshot', { DiskId: data });
    await f.refused('CreateSnapshot', { DiskId: data }, 'QuotaExceed.Snapshot', 403);
    expect((await f.call('DescribeSnapshots', { DiskId: data })).TotalCount).toBe(64);
  });

  test('a disk never attached cannot be snapshotted; names are checked', async () => {
    f = fixture();
    const d = (await f.call('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20' })).DiskId;
    await f.refused('CreateSnapshot', { DiskId: d }, 'IncorrectDiskStatus.NeverAttached', 403);
    const { data } = await instanceWithData(20);
    await f.refused('CreateSnapshot', { DiskId: data, SnapshotName: 'auto-1' }, 'InvalidSnapshotName.Malformed', 400);
    await f.refused('CreateSnapshot', { DiskId: data, SnapshotName: 'x' }, 'InvalidSnapshotName.Malformed', 400);
    await f.refused('CreateSnapshot', { DiskId: 'd-bpnosuchdisk00000000' }, 'InvalidDiskId.NotFound', 404);
  });

  test('filters: SnapshotType, SourceDiskType, Status, Usage, InstanceId; bad values refused', async () => {
    f = fixture();
    const { inst, sys, data } = await instanceWithData(20);
    const a = (await f.call('CreateSnapshot', { DiskId: sys })).SnapshotId;
    const b = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    expect((await f.call('DescribeSnapshots', { InstanceId: inst })).Snapshots.Snapshot.map((s: any) => s.SnapshotId).sort()).toEqual([a, b].sort());
    expect((await f.call('DescribeSnapshots', { SourceDiskType: 'system' })).Snapshots.Snapshot.map((s: any) => s.SnapshotId)).toEqual([a]);
    expect((await f.call('DescribeSnapshots', { SnapshotType: 'auto' })).TotalCount).toBe(0);
    expect((await f.call('DescribeSnapshots', { Status: 'accomplished' })).TotalCount).toBe(2);
    await f.call('CreateImage', { SnapshotId: a, ImageName: 'base' });
    expect((await f.call('DescribeSnapshots', { Usage: 'image' })).Snapshots.Snapshot.map((s: any) => s.SnapshotId)).toEqual([a]);
    await f.refused('DescribeSnapshots', { SnapshotType: 'manual' }, 'InvalidSnapshotType.NotFound', 404);
    await f.refused('DescribeSnapshots', { SourceDiskType: 'root' }, 'InvalidSourceDiskType', 404);
    await f.refused('DescribeSnapshots', { Status: 'done' }, 'InvalidStatus.NotFound', 404);
    await f.refused('DescribeSnapshots', { Usage: 'x' }, 'InvalidUsage', 404);
  });

  test('a snapshot used by an image cannot be deleted until the image is (§23 quote 14)', async () => {
    f = fixture();
    const { sys } = await instanceWithData(20);
    const s = (await f.call('CreateSnapshot', { DiskId: sys })).SnapshotId;
    const img = (await f.call('CreateImage', { SnapshotId: s, ImageName: 'golden' })).ImageId;
    await f.refused('DeleteSnapshot', { SnapshotId: s }, 'SnapshotCreatedImage', 403);
    await f.call('DeleteImage', { ImageId: img });
    await f.call('DeleteSnapshot', { SnapshotId: s });
    await f.refused('DeleteSnapshot', { SnapshotId: s }, 'InvalidSnapshotId.NotFound', 404);
  });

  test('deleting a snapshot in progress cancels it', async () => {
    f = fixture({ timeScale: '1' });
    const { data } = await instanceWithData(40);
    const id = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    await f.call('DeleteSnapshot', { SnapshotId: id });
    expect((await f.call('DescribeSnapshots', { DiskId: data })).TotalCount).toBe(0);
    await f.call('CreateSnapshot', { DiskId: data }); // no running snapshot left on the disk
  });
});

describe('automatic snapshot policies', () => {
  const policy = (extra: Record<string, string> = {}) =>
    f.call('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["9","10","11"]', repeatWeekdays: '["1","2","3","4","5","6","7"]', retentionDays: '30', autoSnapshotPolicyName: 'daily', ...extra });

  test('parameters: hours 0–23, weekdays 1–7, retention 1–65536 or -1 (guide §11.2)', async () => {
    f = fixture();
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["24"]', repeatWeekdays: '["1"]', retentionDays: '30' }, 'ParameterInvalid', 403);
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0"]', repeatWeekdays: '["0"]', retentionDays: '30' }, 'ParameterInvalid', 403);
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0"]', repeatWeekdays: '["8"]', retentionDays: '30' }, 'ParameterInvalid', 403);
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0"]', repeatWeekdays: '["1"]', retentionDays: '0' }, 'ParameterInvalid', 403);
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0"]', repeatWeekdays: '["1"]', retentionDays: '65537' }, 'ParameterInvalid', 403);
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0"]', repeatWeekdays: '["1"]', retentionDays: '30', autoSnapshotPolicyName: '1st' }, 'ParameterInvalid', 403);
    for (const ret of ['1', '65536', '-1']) {
      await f.call('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["0","23"]', repeatWeekdays: '["1","7"]', retentionDays: ret, autoSnapshotPolicyName: `p${ret}` });
    }
    const list = (await f.call('DescribeAutoSnapshotPolicyEx', {})).AutoSnapshotPolicies.AutoSnapshotPolicy as any[];
    expect(list.map((p) => p.RetentionDays).sort()).toEqual([-1, 1, 65536]);
    expect(list[0]).toMatchObject({ TimePoints: '["0","23"]', RepeatWeekdays: '["1","7"]', DiskNums: 0 });
  });

  test('at most 100 per region; the 101st in another region succeeds (§23 quote 4)', async () => {
    f = fixture();
    for (let i = 0; i < 100; i++) await policy({ autoSnapshotPolicyName: `p${i}` });
    await f.refused('CreateAutoSnapshotPolicy', { regionId: 'cn-hangzhou', timePoints: '["1"]', repeatWeekdays: '["1"]', retentionDays: '1' }, 'AutoSnapshotPolicy.QuotaExceed', 403);
    await f.call('CreateAutoSnapshotPolicy', { regionId: 'cn-shanghai', RegionId: 'cn-shanghai', timePoints: '["1"]', repeatWeekdays: '["1"]', retentionDays: '1' });
  });

  test('the clock runs it at 9:00 UTC+8; a 70-minute snapshot skips 10:00; 11:00 runs (§23 quote 2)', async () => {
    f = fixture({ timeScale: '1' });
    const { data } = await instanceWithData(70); // full snapshot: 70 minutes
    const pol = (await policy()).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: pol, diskIds: JSON.stringify([data]) });
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([data]) })).Disks.Disk[0].AutoSnapshotPolicyId).toBe(pol);
    const nine = await toUtc8Hour(9, -1000);
    let list = await snapsOf(data);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ SnapshotType: 'auto', Status: 'progressing', RetentionDays: 30 });
    expect(Date.parse(list[0].CreationTime)).toBe(nine);
    // A manual snapshot while the automatic one runs must wait (L2014).
    await f.refused('CreateSnapshot', { DiskId: data }, 'IncorrectDiskStatus.CreatingSnapshot', 403);
    await f.advance(2 * HOUR); // past 10:00 and 11:00
    list = await snapsOf(data);
    const hours = list.map((s: any) => utc8Point(Date.parse(s.CreationTime)).hour).sort((a: number, b: number) => a - b);
    expect(hours).toEqual([9, 11]);
  });

  test('at 64 snapshots an automatic one evicts the oldest automatic; manual ones stay (§23 quote 1)', async () => {
    f = fixture();
    const { data } = await instanceWithData(20);
    const pol = (await policy({ timePoints: JSON.stringify([...Array(24).keys()].map(String)) })).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: pol, diskIds: JSON.stringify([data]) });
    for (let i = 0; i < 10; i++) await f.call('CreateSnapshot', { DiskId: data });
    await f.advance(54 * HOUR);
    let all = await snapsOf(data);
    expect(all).toHaveLength(64);
    const autos = all.filter((s: any) => s.SnapshotType === 'auto').map((s: any) => s.SnapshotId);
    expect(autos).toHaveLength(54);
    const oldest = autos[autos.length - 1];
    await f.advance(HOUR);
    all = await snapsOf(data);
    expect(all).toHaveLength(64);
    expect(all.filter((s: any) => s.SnapshotType === 'user')).toHaveLength(10);
    expect(all.map((s: any) => s.SnapshotId)).not.toContain(oldest);
    // The manual limit still holds.
    await f.refused('CreateSnapshot', { DiskId: data }, 'QuotaExceed.Snapshot', 403);
  });

  test('retention: automatic snapshots older than the policy days are deleted', async () => {
    f = fixture();
    const { data } = await instanceWithData(20);
    const pol = (await policy({ timePoints: '["2"]', retentionDays: '1' })).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: pol, diskIds: JSON.stringify([data]) });
    const manual = (await f.call('CreateSnapshot', { DiskId: data })).SnapshotId;
    await f.advance(5 * 24 * HOUR);
    // One automatic snapshot a day at 02:00 UTC+8, each kept for 1 day: only the latest is left.
    const list = await snapsOf(data);
    expect(list.filter((x: any) => x.SnapshotType === 'auto')).toHaveLength(1);
    expect(list.map((x: any) => x.SnapshotId)).toContain(manual);
  });

  test('one policy per disk: applying another replaces it; cancel, modify, delete', async () => {
    f = fixture();
    const { data } = await instanceWithData(20);
    const a = (await policy({ autoSnapshotPolicyName: 'pa' })).AutoSnapshotPolicyId;
    const b = (await policy({ autoSnapshotPolicyName: 'pb' })).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: a, diskIds: JSON.stringify([data]) });
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: b, diskIds: JSON.stringify([data]) });
    const nums = async () => Object.fromEntries(((await f.call('DescribeAutoSnapshotPolicyEx', {})).AutoSnapshotPolicies.AutoSnapshotPolicy as any[]).map((p) => [p.AutoSnapshotPolicyId, p.DiskNums]));
    expect(await nums()).toEqual({ [a]: 0, [b]: 1 });
    await f.call('ModifyAutoSnapshotPolicyEx', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: b, timePoints: '["3"]', retentionDays: '-1' });
    expect((await f.call('DescribeAutoSnapshotPolicyEx', { AutoSnapshotPolicyId: b })).AutoSnapshotPolicies.AutoSnapshotPolicy[0]).toMatchObject({ TimePoints: '["3"]', RetentionDays: -1 });
    await f.call('CancelAutoSnapshotPolicy', { regionId: 'cn-hangzhou', diskIds: JSON.stringify([data]) });
    expect(await nums()).toEqual({ [a]: 0, [b]: 0 });
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: a, diskIds: JSON.stringify([data]) });
    await f.call('DeleteAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: a });
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([data]) })).Disks.Disk[0].AutoSnapshotPolicyId).toBe('');
    await f.refused('DeleteAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: a }, 'ParameterInvalid', 404);
    await f.refused('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: '__proto__', diskIds: JSON.stringify([data]) }, 'ParameterInvalid', 404);
    await f.refused('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: b, diskIds: JSON.stringify(['constructor']) }, 'InvalidDiskId.NotFound', 404);
  });

  test('not applied to an unused basic cloud disk (L2013)', async () => {
    f = fixture();
    const d = (await f.call('CreateDisk', { ZoneId: 'cn-hangzhou-e', DiskCategory: 'cloud', Size: '20' })).DiskId;
    const pol = (await policy({ timePoints: JSON.stringify([...Array(24).keys()].map(String)) })).AutoSnapshotPolicyId;
    await f.call('ApplyAutoSnapshotPolicy', { regionId: 'cn-hangzhou', autoSnapshotPolicyId: pol, diskIds: JSON.stringify([d]) });
    await f.advance(3 * HOUR);
    expect(await snapsOf(d)).toHaveLength(0);
  });

  test('weekday and hour in UTC+8 (guide §11.6)', () => {
    // 2024-01-01 is a Monday; 16:00Z on Sunday 2023-12-31 is Monday 00:00 in UTC+8.
    expect(utc8Point(Date.parse('2023-12-31T16:00:00Z'))).toEqual({ hour: 0, weekday: 1 });
    expect(utc8Point(Date.parse('2023-12-31T15:00:00Z'))).toEqual({ hour: 23, weekday: 7 });
  });
});

describe('manual snapshot retention', () => {
  test('RetentionDays releases a manual snapshot when the days have passed (unless an image uses it)', async () => {
    f = fixture();
    const { sys } = await instanceWithData(20);
    const a = (await f.call('CreateSnapshot', { DiskId: sys, RetentionDays: '2' })).SnapshotId;
    const b = (await f.call('CreateSnapshot', { DiskId: sys, RetentionDays: '2' })).SnapshotId;
    await f.call('CreateImage', { SnapshotId: b, ImageName: 'keeps-b' });
    const kept = (await f.call('CreateSnapshot', { DiskId: sys })).SnapshotId;
    expect((await snap(a)).RetentionDays).toBe(2);
    await f.advance(2 * 24 * HOUR - MIN);
    expect((await snapsOf(sys)).map((s: any) => s.SnapshotId).sort()).toEqual([a, b, kept].sort());
    await f.advance(MIN);
    expect((await snapsOf(sys)).map((s: any) => s.SnapshotId).sort()).toEqual([b, kept].sort());
    await f.refused('CreateSnapshot', { DiskId: sys, RetentionDays: '0' }, 'InvalidRetentionDays.Malformed', 400);
  });
});

describe('automatic snapshots when their disk is released (L1558, §11.7)', () => {
  test('DeleteAutoSnapshot true: the automatic ones go, the manual ones stay; false: both stay', async () => {
    f = fixture();
    const [inst] = await f.run({ ZoneId: ZONE });
    const every = JSON.stringify([...Array(24).keys()].map(String));
    const pol = (await f.call('CreateAutoSnapshotPolicy', { timePoints: every, repeatWeekdays: '["1","2","3","4","5","6","7"]', retentionDays: '-1' })).AutoSnapshotPolicyId;
    const disks: string[] = [];
    for (const das of ['true', 'false']) {
      const d = (await f.call('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '20' })).DiskId;
      await f.call('AttachDisk', { DiskId: d, InstanceId: inst! });
      await f.call('ModifyDiskAttribute', { DiskId: d, DeleteAutoSnapshot: das });
      await f.call('ApplyAutoSnapshotPolicy', { autoSnapshotPolicyId: pol, diskIds: JSON.stringify([d]) });
      disks.push(d);
    }
    await f.advance(3 * HOUR);
    const manual = await Promise.all(disks.map(async (d) => (await f.call('CreateSnapshot', { DiskId: d })).SnapshotId));
    const autos = await Promise.all(disks.map(async (d) => (await snapsOf(d, { SnapshotType: 'auto' })).map((s: any) => s.SnapshotId)));
    expect(autos[0]!.length).toBe(3);
    for (const d of disks) {
      await f.call('DetachDisk', { DiskId: d, InstanceId: inst! });
      await f.call('DeleteDisk', { DiskId: d });
    }
    const left = ((await f.call('DescribeSnapshots', { PageSize: '100' })).Snapshots.Snapshot as any[]).map((s) => s.SnapshotId).sort();
    expect(left).toEqual([...manual, ...autos[1]!].sort());
    expect((await f.call('DescribeAutoSnapshotPolicyEx', {})).AutoSnapshotPolicies.AutoSnapshotPolicy[0].DiskNums).toBe(0);
  });
});
