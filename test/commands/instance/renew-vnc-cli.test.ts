// The CLI side of issue 7 §4: instance create --auto-renew and --stopped (CreateInstance),
// instance renew --auto on|off, instance vnc-url. The simulator side (ModifyInstanceAutoRenewAttribute,
// DescribeInstanceAutoRenewAttribute, DescribeInstanceVncUrl) is on branch inst: until it is
// merged these tests are skipped, with that reason; after the merge they run (CI included).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/simulator/simulator.js';
import { testBackend } from '../../helpers/backend.js';
import { harness, type Harness } from './helpers.js';

async function simulatorHas(action: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-probe-'));
  try {
    await new Simulator({ dir, env: {}, defaultRegion: 'cn-hangzhou' }).dispatch(action, { RegionId: 'cn-hangzhou', InstanceId: 'i-probe' });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'InvalidAction.NotFound';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const hasVnc = await simulatorHas('DescribeInstanceVncUrl');
const hasAutoRenew = await simulatorHas('DescribeInstanceAutoRenewAttribute');
const hasCreate = await simulatorHas('CreateInstance');
const WHY = 'the simulator side is on branch inst (issue 7 §4), not merged here yet';
if (!hasVnc || !hasAutoRenew || !hasCreate) console.warn(`skipping instance vnc-url / auto-renew CLI tests: ${WHY}`);

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

describe('instance vnc-url', () => {
  it.skipIf(!hasVnc)(`prints the URL; -o json the object; --dry-run asks nothing; unknown ID → NotFound (${WHY})`, async () => {
    const [id] = await h.create(['--name', 'vnc']);
    const r = await h.ecs(['instance', 'vnc-url', id!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wss://\\S+instanceId=${id}\\n$`));
    const j = await h.json(['instance', 'vnc-url', id!]);
    expect(j).toEqual({ InstanceId: id, VncUrl: expect.stringMatching(/^wss:\/\//), RequestId: expect.any(String) });
    const dry = await h.ecs(['instance', 'vnc-url', id!, '--dry-run']);
    expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, '', `dry run: would ask for the VNC URL of ${id} (nothing was changed)\n`]);
    const bad = await h.ecs(['instance', 'vnc-url', '__proto__']);
    expect([bad.code, bad.stderr]).toEqual([1, 'error: instance __proto__ does not exist in region cn-hangzhou (InvalidInstanceId.NotFound)\n']);
  });
});

describe('auto-renew', () => {
  it.skipIf(!hasAutoRenew)(`create --auto-renew and renew --auto on|off set what DescribeInstanceAutoRenewAttribute reports (${WHY})`, async () => {
    const [id] = await h.create(['--name', 'auto', '--charge-type', 'PrePaid', '--period', '1', '--auto-renew', '--auto-renew-period', '3']);
    const attr = async () => {
      const r = await h.ecs(['instance', 'renew', id!, '--auto', 'on', '--dry-run', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    expect(await attr()).toMatchObject({ InstanceId: id, DryRun: true, AutoRenewEnabled: true });
    const before = h.state();
    const off = await h.json(['instance', 'renew', id!, '--auto', 'off']);
    expect(off).toMatchObject({ InstanceId: id, AutoRenewEnabled: false });
    expect(h.state()).not.toBe(before);
    const on = await h.json(['instance', 'renew', id!, '--auto', 'on', '--period', '12']);
    expect(on).toMatchObject({ InstanceId: id, AutoRenewEnabled: true, Duration: 12, PeriodUnit: 'Month' });
    const usage = await h.ecs(['instance', 'create', '--auto-renew']);
    expect([usage.code, usage.stderr]).toEqual([2, 'error: --auto-renew is for subscriptions: add --charge-type PrePaid --period N\n']);
    const postpaid = await h.create(['--name', 'pp']);
    const refused = await h.ecs(['instance', 'renew', postpaid[0]!, '--auto', 'on']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: The operation is not permitted due to charge type of the instance\. .*\(ChargeTypeViolation, RequestId [0-9A-F-]+\)\n$/);
  });
});

describe('instance create --stopped', () => {
  it.skipIf(!hasCreate)(`one instance through CreateInstance, left Stopped; --dry-run creates nothing; --amount refused (${WHY})`, async () => {
    const before = h.state();
    const dry = await h.ecs(['instance', 'create', '--stopped', '--dry-run']);
    expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, '', 'Dry run: the request is valid (DryRunOperation); nothing was created.\n']);
    const bad = await h.ecs(['instance', 'create', '--stopped', '--amount', '2']);
    expect([bad.code, bad.stderr]).toEqual([2, 'error: --stopped (CreateInstance) cannot be combined with --amount\n']);
    expect(h.state()).toBe(before);
    const r = await h.ecs(['instance', 'create', '--stopped', '--name', 'cold', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Created instance i-\w+ \(Stopped\)/);
    expect(JSON.parse(r.stdout)).toMatchObject({ InstanceName: 'cold', Status: 'Stopped' });
  });
});
