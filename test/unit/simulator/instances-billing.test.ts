// Subscription lifecycle (expiry at 00:00 UTC+8, forced stop after 15 days, release after
// 30), RenewInstance arithmetic, and scheduled auto-release at :00/:30.

import { afterEach, describe, expect, test } from 'vitest';
import { expiryAfter, nextHalfHour } from '../../../src/simulator/actions/instances/model.js';
import { DAY, fixture, HOUR, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const simNow = () => Date.now() + (f.state().clockOffsetMs ?? 0);
const utc8 = (s: string) => Date.parse(s.replace(' ', 'T') + '+08:00');

describe('renewal arithmetic (guide §6.2 examples)', () => {
  test('renewed within 15 days: the new cycle starts at the old expiry', () => {
    expect(expiryAfter(utc8('2016-04-25 00:00:00'), 1, 'Month')).toBe(utc8('2016-05-25 00:00:00'));
  });
  test('renewed after the forced stop: from the renewal time, rounded up to 00:00 UTC+8', () => {
    expect(expiryAfter(utc8('2016-05-23 08:09:35'), 1, 'Month')).toBe(utc8('2016-06-24 00:00:00'));
  });
  test('month ends and years', () => {
    expect(expiryAfter(utc8('2024-01-31 00:00:00'), 1, 'Month')).toBe(utc8('2024-02-29 00:00:00'));
    expect(expiryAfter(utc8('2024-02-29 00:00:00'), 1, 'Year')).toBe(utc8('2025-02-28 00:00:00'));
  });
  test('auto-release runs at the next :00 or :30', () => {
    expect(nextHalfHour(Date.parse('2030-01-01T11:59:00Z'))).toBe(Date.parse('2030-01-01T12:00:00Z'));
    expect(nextHalfHour(Date.parse('2030-01-01T12:00:00Z'))).toBe(Date.parse('2030-01-01T12:00:00Z'));
    expect(nextHalfHour(Date.parse('2030-01-01T12:01:00Z'))).toBe(Date.parse('2030-01-01T12:30:00Z'));
  });
});

describe('subscription expiry', () => {
  test('runs 15 days after expiry, then Stopped and locked, released after 30 days with its system disk', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Week' });
    const i = await f.describe(id!);
    const exp = Date.parse(i.ExpiredTime);
    expect(new Date(exp + 8 * HOUR).getUTCHours()).toBe(0); // 00:00 UTC+8
    const sys = (await f.call('DescribeDisks', { InstanceId: id! })).Disks.Disk[0];
    expect(sys.DiskChargeType).toBe('PrePaid');

    await f.advance(exp - simNow() + 14 * DAY);
    expect((await f.describe(id!)).Status).toBe('Running');
    await f.advance(1 * DAY + 60_000);
    const locked = await f.describe(id!);
    expect(locked.Status).toBe('Stopped');
    expect(locked.OperationLocks.LockReason[0].LockReason).toBe('financial');
    await f.refused('StartInstance', { InstanceId: id! }, 'InstanceExpired', 403);
    await f.advance(15 * DAY);
    expect((await f.call('DescribeInstances', { InstanceIds: JSON.stringify([id]) })).TotalCount).toBe(0);
    expect(f.state().disks[sys.DiskId]).toBeUndefined();
  });

  test('an expired subscription can be released by hand', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Week' });
    const exp = Date.parse((await f.describe(id!)).ExpiredTime);
    await f.advance(exp - simNow() + DAY);
    await f.call('DeleteInstance', { InstanceId: id!, Force: 'true' });
    expect((await f.call('DescribeInstances')).TotalCount).toBe(0);
  });

  test('RenewInstance before the forced stop extends from the old expiry', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    const exp = Date.parse((await f.describe(id!)).ExpiredTime);
    await f.advance(exp - simNow() + 5 * DAY);
    const r = await f.call('RenewInstance', { InstanceId: id!, Period: '1', PeriodUnit: 'Month' });
    expect(r.OrderId).toMatch(/^\d+$/);
    expect(Date.parse((await f.describe(id!)).ExpiredTime)).toBe(expiryAfter(exp, 1, 'Month'));
    await f.call('RenewInstance', { InstanceId: id!, Period: '1', PeriodUnit: 'Year' });
    expect(Date.parse((await f.describe(id!)).ExpiredTime)).toBe(expiryAfter(expiryAfter(exp, 1, 'Month'), 1, 'Year'));
  });

  test('RenewInstance after the forced stop lifts the lock; the cycle starts now', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    const exp = Date.parse((await f.describe(id!)).ExpiredTime);
    await f.advance(exp - simNow() + 20 * DAY);
    expect((await f.describe(id!)).OperationLocks.LockReason).toHaveLength(1);
    const now = simNow();
    await f.call('RenewInstance', { InstanceId: id!, Period: '1' });
    const after = await f.describe(id!);
    expect(after.OperationLocks.LockReason).toEqual([]);
    expect(after.Status).toBe('Stopped');
    const newExp = Date.parse(after.ExpiredTime);
    expect(Math.abs(newExp - expiryAfter(now, 1, 'Month'))).toBeLessThanOrEqual(DAY);
    expect(new Date(newExp + 8 * HOUR).getUTCHours()).toBe(0);
    await f.call('StartInstance', { InstanceId: id! });
    expect((await f.describe(id!)).Status).toBe('Running');
    // no release at the old expiry + 30 days any more
    await f.advance(11 * DAY);
    expect((await f.call('DescribeInstances')).TotalCount).toBe(1);
  });

  test('RenewInstance refuses pay-as-you-go instances and other periods', async () => {
    f = fixture();
    const [post] = await f.run();
    const [pre] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    await f.refused('RenewInstance', { InstanceId: post!, Period: '1' }, 'ChargeTypeViolation', 403);
    await f.refused('RenewInstance', { InstanceId: pre!, Period: '2', PeriodUnit: 'Month' }, 'InvalidPeriod', 400);
    await f.refused('RenewInstance', { InstanceId: pre!, Period: '2', PeriodUnit: 'Year' }, 'InvalidPeriod', 400);
    await f.refused('RenewInstance', { InstanceId: pre!, Period: '1', PeriodUnit: 'Week' }, 'InvalidPeriodUnit.ValueNotSupported', 400);
    await f.refused('RenewInstance', { InstanceId: 'i-bp000000000000000000', Period: '1' }, 'InvalidInstanceId.NotFound', 404);
  });

  test('RenewInstance ClientToken: same answer once; other parameters refused', async () => {
    f = fixture();
    const [pre] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    const a = await f.call('RenewInstance', { InstanceId: pre!, Period: '1', ClientToken: 'r1' });
    const exp = (await f.describe(pre!)).ExpiredTime;
    const b = await f.call('RenewInstance', { InstanceId: pre!, Period: '1', ClientToken: 'r1' });
    expect(b.OrderId).toBe(a.OrderId);
    expect((await f.describe(pre!)).ExpiredTime).toBe(exp);
    await f.refused('RenewInstance', { InstanceId: pre!, Period: '12', ClientToken: 'r1' }, 'IdempotenceParamNotMatch', 400);
  });
});

describe('auto-release', () => {
  test('set, overwrite, cancel; PostPaid only; time rules', async () => {
    f = fixture();
    const [id] = await f.run();
    const at = (ms: number) => new Date(simNow() + ms).toISOString().slice(0, 19) + 'Z';
    const t1 = at(2 * HOUR);
    await f.call('ModifyInstanceAutoReleaseTime', { InstanceId: id!, AutoReleaseTime: t1 });
    expect((await f.describe(id!)).AutoReleaseTime).toBe(t1.slice(0, 16) + 'Z');
    const t2 = at(5 * HOUR);
    await f.call('ModifyInstanceAutoReleaseTime', { InstanceId: id!, AutoReleaseTime: t2 });
    expect((await f.describe(id!)).AutoReleaseTime).toBe(t2.slice(0, 16) + 'Z');
    await f.call('ModifyInstanceAutoReleaseTime', { InstanceId: id! });
    expect((await f.describe(id!)).AutoReleaseTime).toBe('');
    await f.refused('ModifyInstanceAutoReleaseTime', { InstanceId: id!, AutoReleaseTime: at(10 * 60_000) }, 'InvalidAutoReleaseTime.Malformed', 400);
    await f.refused('ModifyInstanceAutoReleaseTime', { InstanceId: id!, AutoReleaseTime: 'next week' }, 'InvalidAutoReleaseTime.Malformed', 400);
    await f.refused('ModifyInstanceAutoReleaseTime', { InstanceId: 'i-bp000000000000000000', AutoReleaseTime: t1 }, 'InvalidInstanceId.NotFound', 404);
    const [pre] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1' });
    await f.refused('ModifyInstanceAutoReleaseTime', { InstanceId: pre!, AutoReleaseTime: t1 }, 'ChargeTypeViolation', 403);
  });

  test('the instance is released at the next :00/:30 after the time, with its disks', async () => {
    f = fixture();
    const [id] = await f.run();
    const boundary = nextHalfHour(simNow() + 3 * HOUR);
    const rel = new Date(boundary - 60_000).toISOString().slice(0, 19) + 'Z'; // e.g. 11:59 → released at 12:00
    await f.call('ModifyInstanceAutoReleaseTime', { InstanceId: id!, AutoReleaseTime: rel });
    await f.advance(boundary - simNow() - 30_000);
    expect((await f.describe(id!)).Status).toBe('Running');
    await f.advance(31_000);
    expect((await f.call('DescribeInstances')).TotalCount).toBe(0);
    expect(Object.keys(f.state().disks)).toHaveLength(0);
  });
});
