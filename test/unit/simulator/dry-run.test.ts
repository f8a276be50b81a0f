// DryRun=true on any mutating action: checked against a copy of the state, answered
// DryRunOperation when it would succeed, the real error when it would not; nothing is stored.

import { afterEach, describe, expect, test } from 'vitest';
import { fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f.cleanup());

describe('simulator DryRun (every mutating action)', () => {
  test('a dry run that would succeed: DryRunOperation (400), state byte-identical', async () => {
    f = fixture();
    const [id] = await f.run();
    for (const [action, params] of [
      ['StopInstance', { InstanceId: id! }],
      ['RebootInstance', { InstanceId: id! }],
      ['ModifyInstanceAttribute', { InstanceId: id!, InstanceName: 'renamed' }],
      ['ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: 'Ab12cd' }],
      ['DeleteInstance', { InstanceId: id!, Force: 'true' }],
    ] as const) {
      await f.refused(action, { ...params, DryRun: 'true' }, 'DryRunOperation', 400);
    }
    expect((await f.describe(id!)).Status).toBe('Running');
    expect((await f.describe(id!)).InstanceName).not.toBe('renamed');
  });

  test('a dry run that would fail: the real error, nothing changed', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.refused('StartInstance', { InstanceId: id!, DryRun: 'true' }, 'IncorrectInstanceStatus', 403);
    await f.refused('StopInstance', { InstanceId: 'i-nosuch', DryRun: 'true' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: 'short', DryRun: 'true' }, 'IncorrectVncPassword.Malformed');
  });

  test('DryRun=false is an ordinary request', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.call('StopInstance', { InstanceId: id!, DryRun: 'false' });
    expect((await f.describe(id!)).Status).toBe('Stopped');
  });
});
