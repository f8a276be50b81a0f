// Issue 7 §4: auto-renewal (guide §6.4), CreateInstance (one instance, Stopped),
// DescribeInstanceVncUrl (guide §8: the initial VNC password shown once; the old password
// accepted until an API reboot), and the bounds of InternetMaxBandwidthIn and MaxResults.

import { afterEach, describe, expect, test } from 'vitest';
import { vncLogin, VNC_URL_VALID_MS } from '../../../src/simulator/actions/instances/vnc.js';
import { DAY, fixture, HOUR, LINUX, PASSWORD, TYPE, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const simNow = () => Date.now() + (f.state().clockOffsetMs ?? 0);
const renewAttr = async (id: string) =>
  (await f.call('DescribeInstanceAutoRenewAttribute', { InstanceId: id })).InstanceRenewAttributes.InstanceRenewAttribute[0];

describe('auto-renewal (guide §6.4)', () => {
  test('RunInstances AutoRenew: renewed at expiry by the period, never force-stopped', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Month', AutoRenew: 'true', AutoRenewPeriod: '1' });
    expect(await renewAttr(id!)).toEqual({ InstanceId: id, AutoRenewEnabled: true, Duration: 1, PeriodUnit: 'Month', RenewalStatus: 'AutoRenewal' });
    const exp1 = Date.parse((await f.describe(id!)).ExpiredTime);
    // 20 days past the first expiry: without auto-renew it would be Stopped and locked after 15.
    await f.advance(exp1 - simNow() + 20 * DAY);
    const i = await f.describe(id!);
    expect(i.Status).toBe('Running');
    expect(i.OperationLocks.LockReason).toEqual([]);
    const exp2 = Date.parse(i.ExpiredTime);
    // the new cycle starts at the old expiry: +1 month, at 00:00 UTC+8
    const d1 = new Date(exp1 + 8 * HOUR);
    const d2 = new Date(exp2 + 8 * HOUR);
    expect(d2.getUTCHours()).toBe(0);
    expect((d2.getUTCFullYear() * 12 + d2.getUTCMonth()) - (d1.getUTCFullYear() * 12 + d1.getUTCMonth())).toBe(1);
    // the system disk follows
    const sys = (await f.call('DescribeDisks', { InstanceId: id! })).Disks.Disk[0];
    expect(Date.parse(sys.ExpiredTime)).toBe(exp2);
  });

  test('turned off: the instance is stopped 15 days after expiry as usual', async () => {
    f = fixture();
    const [id] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Week', AutoRenew: 'true' });
    await f.call('ModifyInstanceAutoRenewAttribute', { InstanceId: id!, AutoRenew: 'false' });
    expect((await renewAttr(id!)).RenewalStatus).toBe('Normal');
    const exp = Date.parse((await f.describe(id!)).ExpiredTime);
    await f.advance(exp - simNow() + 15 * DAY + 60_000);
    expect((await f.describe(id!)).Status).toBe('Stopped');
  });

  test('ModifyInstanceAutoRenewAttribute: several IDs, Duration by PeriodUnit, RenewalStatus wins over AutoRenew', async () => {
    f = fixture();
    const ids = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Month', Amount: '2' });
    expect((await renewAttr(ids[0]!)).AutoRenewEnabled).toBe(false);
    await f.call('ModifyInstanceAutoRenewAttribute', { InstanceId: ids.join(','), AutoRenew: 'true', Duration: '12', PeriodUnit: 'Month' });
    for (const id of ids) expect(await renewAttr(id)).toMatchObject({ AutoRenewEnabled: true, Duration: 12, PeriodUnit: 'Month' });
    await f.call('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[0]!, AutoRenew: 'true', RenewalStatus: 'NotRenewal' });
    expect(await renewAttr(ids[0]!)).toMatchObject({ AutoRenewEnabled: false, RenewalStatus: 'NotRenewal' });
    const list = await f.call('DescribeInstanceAutoRenewAttribute', { RenewalStatus: 'AutoRenewal' });
    expect(list.InstanceRenewAttributes.InstanceRenewAttribute.map((a: any) => a.InstanceId)).toEqual([ids[1]]);
    expect(list).toMatchObject({ TotalCount: 1, PageNumber: 1, PageSize: 10 });
    // Month: 1, 2, 3, 6, 12, 24, 36, 48, 60; Year: 1 to 5; Week: 1 to 4
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[1]!, AutoRenew: 'true', Duration: '5', PeriodUnit: 'Month' }, 'InvalidParameter', 400);
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[1]!, AutoRenew: 'true', Duration: '6', PeriodUnit: 'Year' }, 'InvalidParameter', 400);
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[1]!, AutoRenew: 'true', PeriodUnit: 'Day' }, 'InvalidPeriodUnit.ValueNotSupported', 400);
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[1]!, RenewalStatus: 'Maybe' }, 'InvalidParameter', 400);
    // one unknown ID refuses the whole request, nothing changes
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: `${ids[0]},i-nosuch`, AutoRenew: 'true' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: '__proto__', AutoRenew: 'true' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: ids[0]!, AutoRenew: 'true', DryRun: 'true' }, 'DryRunOperation', 400);
  });

  test('subscription only; not after the forced stop (guide L1378); a late turn-on within 15 days renews from the old expiry', async () => {
    f = fixture();
    const [payg] = await f.run();
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: payg!, AutoRenew: 'true' }, 'ChargeTypeViolation', 403);
    const [late, locked] = await f.run({ InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Week', Amount: '2' });
    const exp = Date.parse((await f.describe(late!)).ExpiredTime);
    await f.advance(exp - simNow() + 5 * DAY);
    await f.call('ModifyInstanceAutoRenewAttribute', { InstanceId: late!, AutoRenew: 'true', Duration: '1', PeriodUnit: 'Month' });
    const renewed = Date.parse((await f.describe(late!)).ExpiredTime);
    expect(renewed).toBeGreaterThan(simNow());
    expect(renewed - exp).toBeGreaterThanOrEqual(28 * DAY);
    expect(renewed - exp).toBeLessThanOrEqual(31 * DAY);
    await f.advance(11 * DAY);
    expect((await f.describe(locked!)).Status).toBe('Stopped');
    await f.refused('ModifyInstanceAutoRenewAttribute', { InstanceId: locked!, AutoRenew: 'true' }, 'IncorrectInstanceStatus', 403);
  });

  test('AutoRenewPeriod is checked against the purchase unit; ignored for pay-as-you-go', async () => {
    f = fixture();
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, InstanceChargeType: 'PrePaid', Period: '1', PeriodUnit: 'Week', AutoRenew: 'true', AutoRenewPeriod: '5' }, 'InvalidParameter', 400);
    const [id] = await f.run({ AutoRenew: 'true' });
    await f.refused('DescribeInstanceAutoRenewAttribute', { InstanceId: id! }, 'ChargeTypeViolation', 403);
  });
});

describe('CreateInstance', () => {
  test('creates one instance in Stopped status and answers InstanceId', async () => {
    f = fixture();
    const r = await f.call('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, Amount: '3', InternetMaxBandwidthOut: '5' });
    expect(Object.keys(r).sort()).toEqual(['InstanceId', 'RequestId', 'TradePrice']);
    const i = await f.describe(r.InstanceId);
    expect(i.Status).toBe('Stopped');
    expect(i.StartTime).toBe('');
    expect(i.PublicIpAddress.IpAddress).toEqual([]); // AllocatePublicIpAddress is a separate step
    expect((await f.call('DescribeInstances')).TotalCount).toBe(1);
    await f.call('StartInstance', { InstanceId: r.InstanceId });
    expect((await f.describe(r.InstanceId)).Status).toBe('Running');
  });

  test('shares RunInstances rules; its ClientToken is its own', async () => {
    f = fixture();
    await f.refused('CreateInstance', { ImageId: LINUX, InstanceType: 'ecs.nosuch.large' }, 'InvalidInstanceType.ValueNotSupported', 400);
    await f.refused('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, DryRun: 'true' }, 'DryRunOperation', 400);
    const a = await f.call('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'tok-1' });
    const b = await f.call('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'tok-1' });
    expect(b.InstanceId).toBe(a.InstanceId);
    const run = await f.call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, ClientToken: 'tok-1' });
    expect(run.InstanceIdSets.InstanceIdSet[0]).not.toBe(a.InstanceId);
  });
});

describe('DescribeInstanceVncUrl (guide §8)', () => {
  test('the initial VNC password is shown once; the URL is valid 15 s; a newer URL replaces it', async () => {
    f = fixture();
    const [id] = await f.run();
    const first = await f.call('DescribeInstanceVncUrl', { InstanceId: id! });
    expect(first.VncUrl).toMatch(/^wss:\/\/vnc\.ecs-simulator\.invalid\/\?s=[A-Za-z0-9_-]{24}&instanceId=i-/);
    const initial: string = first.SimulatorExtensions.InitialVncPassword;
    expect(initial).toMatch(/^\d{6}$/);
    expect(JSON.stringify(f.state())).not.toContain(initial);
    const now = simNow();
    expect(vncLogin(f.state() as any, first.VncUrl, initial, now)).toEqual({ ok: true, instanceId: id });
    expect(vncLogin(f.state() as any, first.VncUrl, '000000' === initial ? '111111' : '000000', now)).toMatchObject({ ok: false, reason: 'wrong VNC password' });
    expect(vncLogin(f.state() as any, first.VncUrl, initial, now + VNC_URL_VALID_MS + 1000)).toMatchObject({ ok: false, reason: 'the URL has expired (15 s)' });
    const second = await f.call('DescribeInstanceVncUrl', { InstanceId: id! });
    expect(second.SimulatorExtensions).toBeUndefined(); // shown once only
    expect(vncLogin(f.state() as any, first.VncUrl, initial, simNow())).toMatchObject({ ok: false, reason: 'the URL was replaced by a newer one' });
    expect(vncLogin(f.state() as any, second.VncUrl, initial, simNow())).toMatchObject({ ok: true });
  });

  test('a changed VNC password is accepted only after a reboot through the API; the old one until then', async () => {
    f = fixture();
    const [id] = await f.run();
    const { SimulatorExtensions: ext } = await f.call('DescribeInstanceVncUrl', { InstanceId: id! });
    await f.call('ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: 'Abc123' });
    let url = (await f.call('DescribeInstanceVncUrl', { InstanceId: id! })).VncUrl;
    expect(vncLogin(f.state() as any, url, ext.InitialVncPassword, simNow())).toMatchObject({ ok: true });
    expect(vncLogin(f.state() as any, url, 'Abc123', simNow())).toMatchObject({ ok: false, reason: 'wrong VNC password' });
    await f.call('RebootInstance', { InstanceId: id! });
    url = (await f.call('DescribeInstanceVncUrl', { InstanceId: id! })).VncUrl;
    expect(vncLogin(f.state() as any, url, 'Abc123', simNow())).toMatchObject({ ok: true });
    expect(vncLogin(f.state() as any, url, ext.InitialVncPassword, simNow())).toMatchObject({ ok: false });
  });

  test('refusals: not ready, not running, unknown', async () => {
    f = fixture({ timeScale: '1' });
    const [id] = await f.run();
    await f.refused('DescribeInstanceVncUrl', { InstanceId: id! }, 'InstanceNotReady', 403);
    f.cleanup();
    f = fixture();
    const stopped = (await f.call('CreateInstance', { ImageId: LINUX, InstanceType: TYPE })).InstanceId;
    await f.refused('DescribeInstanceVncUrl', { InstanceId: stopped }, 'IncorrectInstanceStatus', 403);
    await f.refused('DescribeInstanceVncUrl', { InstanceId: 'i-nosuch' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('DescribeInstanceVncUrl', { InstanceId: 'constructor' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('DescribeInstanceVncUrl', {}, 'MissingParameter', 400);
  });
});

describe('bounds', () => {
  test('InternetMaxBandwidthIn: 1 to 10, or up to the outbound value above 10', async () => {
    f = fixture();
    const base = { ImageId: LINUX, InstanceType: TYPE };
    await f.refused('RunInstances', { ...base, InternetMaxBandwidthIn: '0' }, 'InvalidParameter', 400);
    await f.refused('RunInstances', { ...base, InternetMaxBandwidthIn: '11', InternetMaxBandwidthOut: '5' }, 'InvalidParameter', 400);
    await f.refused('RunInstances', { ...base, InternetMaxBandwidthIn: '51', InternetMaxBandwidthOut: '50' }, 'InvalidParameter', 400);
    const [a] = await f.run({ InternetMaxBandwidthOut: '50', InternetMaxBandwidthIn: '50' });
    const [b] = await f.run({ InternetMaxBandwidthOut: '5' });
    const [c] = await f.run({ InternetMaxBandwidthOut: '30' });
    expect((await f.describe(a!)).InternetMaxBandwidthIn).toBe(50);
    expect((await f.describe(b!)).InternetMaxBandwidthIn).toBe(10);
    expect((await f.describe(c!)).InternetMaxBandwidthIn).toBe(30);
  });

  test('DescribeInstances MaxResults is 10 to 100; token pages answer NextToken and TotalCount only', async () => {
    f = fixture();
    await f.setting('quota.instances', '50');
    await f.run({ Amount: '12' });
    await f.refused('DescribeInstances', { MaxResults: '9' }, 'InvalidParameter', 400);
    await f.refused('DescribeInstances', { MaxResults: '101' }, 'InvalidParameter', 400);
    const p1 = await f.call('DescribeInstances', { MaxResults: '10' });
    expect(Object.keys(p1).sort()).toEqual(['Instances', 'NextToken', 'RequestId', 'TotalCount']);
    expect(p1.Instances.Instance).toHaveLength(10);
    const p2 = await f.call('DescribeInstances', { MaxResults: '10', NextToken: p1.NextToken });
    expect(p2.Instances.Instance).toHaveLength(2);
    expect(p2.NextToken).toBe('');
    expect(new Set([...p1.Instances.Instance, ...p2.Instances.Instance].map((i: any) => i.InstanceId)).size).toBe(12);
  });
});
