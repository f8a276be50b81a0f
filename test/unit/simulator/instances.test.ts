// The instance status machine (instant and on the simulated clock), batch actions,
// deletion and the release cascade.

import { afterEach, describe, expect, test } from 'vitest';
import { fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f.cleanup());

const status = async (id: string) => (await f.describe(id)).Status;

describe('status machine at time-scale 0', () => {
  test('run → Running; stop → Stopped; start → Running; reboot → Running', async () => {
    f = fixture();
    const [id] = await f.run();
    expect(await status(id!)).toBe('Running');
    await f.call('StopInstance', { InstanceId: id! });
    const stopped = await f.describe(id!);
    expect(stopped.Status).toBe('Stopped');
    expect(stopped.StoppedMode).toBe('KeepCharging');
    await f.call('StartInstance', { InstanceId: id! });
    expect(await status(id!)).toBe('Running');
    await f.call('RebootInstance', { InstanceId: id! });
    expect(await status(id!)).toBe('Running');
    await f.call('StopInstance', { InstanceId: id!, ForceStop: 'true', StoppedMode: 'StopCharging' });
    expect((await f.describe(id!)).StoppedMode).toBe('StopCharging');
  });

  test('wrong status → IncorrectInstanceStatus (403), nothing changed', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.refused('StartInstance', { InstanceId: id! }, 'IncorrectInstanceStatus', 403);
    await f.call('StopInstance', { InstanceId: id! });
    await f.refused('StopInstance', { InstanceId: id! }, 'IncorrectInstanceStatus', 403);
    await f.refused('RebootInstance', { InstanceId: id! }, 'IncorrectInstanceStatus', 403);
    await f.refused('StartInstance', { InstanceId: 'i-bp000000000000000000' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('StopInstance', { InstanceId: 'i-bp000000000000000000' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('StopInstance', {}, 'MissingParameter', 400);
    await f.refused('StartInstance', { InstanceId: id!, DryRun: 'true' }, 'DryRunOperation', 400);
    expect(await status(id!)).toBe('Stopped');
  });
});

describe('status machine on the simulated clock (time-scale 1)', () => {
  test('Pending → Starting → Running, Stopping → Stopped, reboot Stopping → Starting → Running', async () => {
    f = fixture({ timeScale: '1' });
    const [id] = await f.run();
    expect(await status(id!)).toBe('Pending');
    await f.refused('StopInstance', { InstanceId: id! }, 'IncorrectInstanceStatus', 403);
    await f.advance(9_000);
    expect(await status(id!)).toBe('Starting');
    await f.advance(20_000);
    const running = await f.describe(id!);
    expect(running.Status).toBe('Running');
    expect(running.StartTime).not.toBe('');

    await f.call('StopInstance', { InstanceId: id! });
    expect(await status(id!)).toBe('Stopping');
    await f.refused('StartInstance', { InstanceId: id! }, 'IncorrectInstanceStatus', 403);
    await f.advance(16_000);
    expect(await status(id!)).toBe('Stopped');

    await f.call('StartInstance', { InstanceId: id! });
    expect(await status(id!)).toBe('Starting');
    await f.advance(21_000);
    expect(await status(id!)).toBe('Running');

    await f.call('RebootInstance', { InstanceId: id! });
    expect(await status(id!)).toBe('Stopping');
    await f.advance(11_000);
    expect(await status(id!)).toBe('Starting');
    await f.advance(21_000);
    expect(await status(id!)).toBe('Running');
  });

  test('ForceStop is quicker than a normal stop', async () => {
    f = fixture({ timeScale: '1' });
    const [a, b] = await f.run({ Amount: '2' });
    await f.advance(60_000);
    await f.call('StopInstance', { InstanceId: a! });
    await f.call('StopInstance', { InstanceId: b!, ForceStop: 'true' });
    await f.advance(5_000);
    expect(await status(a!)).toBe('Stopping');
    expect(await status(b!)).toBe('Stopped');
  });

  test('time-scale 0.1 makes durations ten times shorter', async () => {
    f = fixture({ timeScale: '0.1' });
    const [id] = await f.run();
    await f.advance(3_000);
    expect(await status(id!)).toBe('Running');
  });
});

describe('batch actions', () => {
  test('StopInstances / StartInstances / RebootInstances report each instance', async () => {
    f = fixture();
    const ids = await f.run({ Amount: '3' });
    const r = await f.call('StopInstances', { 'InstanceId.1': ids[0]!, 'InstanceId.2': ids[1]! });
    expect(r.InstanceResponses.InstanceResponse).toEqual([
      { InstanceId: ids[0], Code: '200', Message: 'success', PreviousStatus: 'Running', CurrentStatus: 'Stopped' },
      { InstanceId: ids[1], Code: '200', Message: 'success', PreviousStatus: 'Running', CurrentStatus: 'Stopped' },
    ]);
    // AllTogether (default): one refused instance refuses the whole batch
    await f.refused('StartInstances', { 'InstanceId.1': ids[0]!, 'InstanceId.2': ids[2]! }, 'IncorrectInstanceStatus', 403);
    await f.refused('StartInstances', { 'InstanceId.1': ids[0]!, 'InstanceId.2': 'i-bp000000000000000000' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('StartInstances', {}, 'MissingParameter', 400);
    await f.refused('StartInstances', { 'InstanceId.1': ids[0]!, DryRun: 'true' }, 'DryRunOperation', 400);
    // SuccessFirst: each on its own
    const s = await f.call('StartInstances', { 'InstanceId.1': ids[0]!, 'InstanceId.2': ids[2]!, BatchOptimization: 'SuccessFirst' });
    const [ok, bad] = s.InstanceResponses.InstanceResponse;
    expect(ok).toMatchObject({ InstanceId: ids[0], Code: '200', PreviousStatus: 'Stopped', CurrentStatus: 'Running' });
    expect(bad).toMatchObject({ InstanceId: ids[2], Code: 'IncorrectInstanceStatus', PreviousStatus: 'Running', CurrentStatus: 'Running' });
    const rb = await f.call('RebootInstances', { 'InstanceId.1': ids[0]!, 'InstanceId.2': ids[2]! });
    expect(rb.InstanceResponses.InstanceResponse.map((x: any) => x.Code)).toEqual(['200', '200']);
  });
});

describe('delete and the release cascade', () => {
  test('DeleteInstance needs Stopped unless Force', async () => {
    f = fixture();
    const [a, b] = await f.run({ Amount: '2' });
    await f.refused('DeleteInstance', { InstanceId: a! }, 'IncorrectInstanceStatus', 403);
    await f.refused('DeleteInstance', { InstanceId: a!, Force: 'true', DryRun: 'true' }, 'DryRunOperation', 400);
    await f.call('DeleteInstance', { InstanceId: a!, Force: 'true' });
    await f.call('StopInstance', { InstanceId: b! });
    await f.call('DeleteInstance', { InstanceId: b! });
    expect((await f.call('DescribeInstances')).TotalCount).toBe(0);
    await f.refused('DeleteInstance', { InstanceId: a! }, 'InvalidInstanceId.NotFound', 404);
  });

  test('Pending instances cannot be released; deletion protection', async () => {
    f = fixture({ timeScale: '1' });
    const [id] = await f.run({ DeletionProtection: 'true' });
    await f.refused('DeleteInstance', { InstanceId: id!, Force: 'true' }, 'InvalidOperation.DeletionProtection', 403);
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, DeletionProtection: 'false' });
    await f.refused('DeleteInstance', { InstanceId: id!, Force: 'true' }, 'IncorrectInstanceStatus.Initializing', 403);
  });

  test('subscription instances cannot be released by hand', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    await f.call('StopInstance', { InstanceId: id! });
    await f.refused('DeleteInstance', { InstanceId: id!, Force: 'true' }, 'ChargeTypeViolation', 403);
    await f.refused('DeleteInstances', { 'InstanceId.1': id!, Force: 'true' }, 'ChargeTypeViolation', 403);
  });

  test('disks with DeleteWithInstance go, others become Available; auto snapshots go, manual stay', async () => {
    f = fixture();
    const [id] = await f.run();
    const sys = (await f.call('DescribeDisks', { InstanceId: id! })).Disks.Disk[0].DiskId;
    // a data disk that stays, a manual snapshot, and an automatic one (as a policy leaves it)
    await f.sim.store.mutate((s) => {
      s.disks['d-data'] = { id: 'd-data', region: 'cn-hangzhou', zone: s.instances[id!].zone, cat: 'cloud_essd', size: 50, type: 'data', status: 'In_use', inst: id, dev: '/dev/xvdb', dwi: false, ct: Date.now(), charge: 'PostPaid' };
      s.snapshots['s-auto'] = { id: 's-auto', region: 'cn-hangzhou', disk: sys, dtype: 'system', dsize: 40, kind: 'auto', ct: Date.now(), done: Date.now(), status: 'accomplished' };
      s.disks[sys].snaps = ['s-auto'];
    });
    const user = (await f.call('CreateSnapshot', { DiskId: sys })).SnapshotId;
    await f.call('DeleteInstances', { 'InstanceId.1': id!, Force: 'true' });
    const s = f.state();
    expect(s.disks[sys]).toBeUndefined();
    expect(s.disks['d-data']).toMatchObject({ status: 'Available', dwi: false });
    expect(s.disks['d-data'].inst).toBeUndefined();
    expect(s.snapshots['s-auto']).toBeUndefined();
    expect(s.snapshots[user]).toBeDefined();
    const d = (await f.call('DescribeDisks', { DiskIds: JSON.stringify(['d-data']) })).Disks.Disk[0];
    expect(d).toMatchObject({ Status: 'Available', InstanceId: '', Device: '' });
    expect(d.DetachedTime).not.toBe('');
  });

  test('DeleteInstances is all or nothing', async () => {
    f = fixture();
    const [a, b] = await f.run({ Amount: '2' });
    await f.call('StopInstance', { InstanceId: a! });
    await f.refused('DeleteInstances', { 'InstanceId.1': a!, 'InstanceId.2': b! }, 'IncorrectInstanceStatus', 403);
    await f.refused('DeleteInstances', { 'InstanceId.1': a!, 'InstanceId.2': 'i-bp000000000000000000' }, 'InvalidInstanceId.NotFound', 404);
    expect((await f.call('DescribeInstances')).TotalCount).toBe(2);
  });
});
