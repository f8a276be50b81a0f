// Instance RAM roles and the documented deny policies (security spec §3.1, §3.2, §5, §8 #31, #32).

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CENTOS7, fixture, LINUX, TYPE, type Fixture } from './instances-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

const role = 'EcsRamRoleDocumentTesting';

describe('AttachInstanceRamRole / DetachInstanceRamRole / DescribeInstanceRamRole', () => {
  test('one role per instance; a second different role fails for that instance; detach then attach replaces', async () => {
    await f.setting('ram.roles', 'OtherRole');
    const [a, b] = await f.run({ Amount: '2' });
    const r = await f.call('AttachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a, b, 'i-nothere']) });
    expect(r).toMatchObject({ RamRoleName: role, TotalCount: 3, FailCount: 1 });
    expect(r.AttachInstanceRamRoleResults.AttachInstanceRamRoleResult.map((x: any) => [x.InstanceId, x.Success, x.Code])).toEqual([
      [a, true, '200'],
      [b, true, '200'],
      ['i-nothere', false, 'InvalidInstanceId.NotFound'],
    ]);
    const again = await f.call('AttachInstanceRamRole', { RamRoleName: 'OtherRole', InstanceIds: JSON.stringify([a]) });
    expect(again.FailCount).toBe(1);
    expect(again.AttachInstanceRamRoleResults.AttachInstanceRamRoleResult[0].Code).toBe('InvalidParameter.RamRoleAlreadyAttached');
    expect((await f.call('AttachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a]) })).FailCount).toBe(0);
    const d = await f.call('DescribeInstanceRamRole', { RamRoleName: role });
    expect(d.TotalCount).toBe(2);
    expect(d.InstanceRamRoleSets.InstanceRamRoleSet.map((x: any) => x.RamRoleName)).toEqual([role, role]);
    const det = await f.call('DetachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a]) });
    expect(det.DetachInstanceRamRoleResults.DetachInstanceRamRoleResult[0]).toMatchObject({ Success: true, InstanceRamRoleSets: { InstanceRamRoleSet: [{ InstanceId: a, RamRoleName: role }] } });
    await f.call('AttachInstanceRamRole', { RamRoleName: 'OtherRole', InstanceIds: JSON.stringify([a]) });
    const one = await f.call('DescribeInstanceRamRole', { InstanceIds: JSON.stringify([a]) });
    expect(one.InstanceRamRoleSets.InstanceRamRoleSet).toEqual([{ InstanceId: a, RamRoleName: 'OtherRole' }]);
    const bad = await f.call('DetachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a]) });
    expect(bad.DetachInstanceRamRoleResults.DetachInstanceRamRoleResult[0]).toMatchObject({ Success: false, Code: 'InvalidRamRole.NotFound' });
  });

  test('unknown roles, roles of other services, prototype names and empty queries are refused', async () => {
    await f.setting('ram.roles', 'OssOnly@oss.aliyuncs.com');
    const [a] = await f.run();
    const ids = JSON.stringify([a]);
    await f.refused('AttachInstanceRamRole', { RamRoleName: 'NoSuchRole', InstanceIds: ids }, 'InvalidRamRole.NotFound', 404);
    await f.refused('AttachInstanceRamRole', { RamRoleName: 'OssOnly', InstanceIds: ids }, 'InvalidRamRole.NotEcsRole', 404);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      await f.refused('AttachInstanceRamRole', { RamRoleName: name, InstanceIds: ids }, 'InvalidRamRole.NotFound', 404);
    }
    await f.refused('AttachInstanceRamRole', { RamRoleName: role, InstanceIds: '[' }, 'InvalidInstanceIds.Malformed', 400);
    await f.refused('AttachInstanceRamRole', { RamRoleName: role }, 'MissingParameter', 400);
    await f.refused('DescribeInstanceRamRole', {}, 'InvalidParameter.AllEmpty', 403);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, RamRoleName: 'NoSuchRole' }, 'InvalidRamRole.NotFound', 404);
    const [b] = await f.run({ RamRoleName: role });
    expect((await f.call('DescribeInstanceRamRole', { InstanceIds: JSON.stringify([b]) })).InstanceRamRoleSets.InstanceRamRoleSet).toEqual([{ InstanceId: b, RamRoleName: role }]);
  });

  test('a RAM user without ram:PassRole (ram.pass-role false) cannot attach or detach roles', async () => {
    const [a] = await f.run();
    await f.setting('ram.pass-role', 'false');
    await f.refused('AttachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a]) }, 'InvalidUser.PassRoleForbidden', 403);
    await f.refused('DetachInstanceRamRole', { InstanceIds: JSON.stringify([a]) }, 'InvalidUser.PassRoleForbidden', 403);
    await f.setting('ram.pass-role', 'true');
    expect((await f.call('AttachInstanceRamRole', { RamRoleName: role, InstanceIds: JSON.stringify([a]) })).FailCount).toBe(0);
  });

  test('ram.roles is validated when set', async () => {
    const { SETTINGS } = await import('../../../src/simulator/settings.js');
    expect(() => SETTINGS['ram.roles']!.parse('bad name')).toThrow('ram.roles: "bad name" is not NAME or NAME@service');
    expect(() => SETTINGS['ram.roles']!.parse('a'.repeat(65))).toThrow();
    expect(SETTINGS['ram.roles']!.parse(' A-1 , B@oss.aliyuncs.com ')).toBe('A-1,B@oss.aliyuncs.com');
  });
});

describe('RAM deny policies (S001, S002) answer Forbidden.RAM', () => {
  test('ecs:PasswordInherit=true denied (S001); false allowed', async () => {
    await f.setting('ram.deny-password-inherit', 'true');
    const e = await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, PasswordInherit: 'true' }, 'Forbidden.RAM', 403);
    expect(e.message).toContain('ecs:PasswordInherit = true');
    await f.run({ PasswordInherit: 'false' });
  });

  test('ecs:LoginAsNonRoot=false denied (S002): only non-root launches pass', async () => {
    await f.setting('ram.require-login-as-non-root', 'true');
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE }, 'Forbidden.RAM', 403);
    await f.refused('RunInstances', { ImageId: LINUX, InstanceType: TYPE, 'ImageOptions.LoginAsNonRoot': 'false' }, 'Forbidden.RAM', 403);
    const [id] = await f.run({ 'ImageOptions.LoginAsNonRoot': 'true' });
    expect((await f.describe(id!)).SimulatorExtensions.LoginUser).toBe('ecs-user');
    expect(CENTOS7).toBeTruthy();
  });

  test('the policies also cover CreateInstance and ReplaceSystemDisk (security spec §3.1/§3.2)', async () => {
    const [root] = await f.run();
    await f.call('StopInstance', { InstanceId: root! });
    await f.setting('ram.deny-password-inherit', 'true');
    const e = await f.refused('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, PasswordInherit: 'true' }, 'Forbidden.RAM', 403);
    expect(e.message).toContain('ecs:CreateInstance with ecs:PasswordInherit = true');
    const r = await f.refused('ReplaceSystemDisk', { InstanceId: root!, ImageId: LINUX, PasswordInherit: 'true' }, 'Forbidden.RAM', 403);
    expect(r.message).toContain('ecs:ReplaceSystemDisk with ecs:PasswordInherit = true');
    await f.setting('ram.deny-password-inherit', 'false');
    await f.setting('ram.require-login-as-non-root', 'true');
    await f.refused('CreateInstance', { ImageId: LINUX, InstanceType: TYPE }, 'Forbidden.RAM', 403);
    await f.refused('ReplaceSystemDisk', { InstanceId: root!, ImageId: LINUX }, 'Forbidden.RAM', 403);
    expect((await f.call('CreateInstance', { ImageId: LINUX, InstanceType: TYPE, 'ImageOptions.LoginAsNonRoot': 'true' })).InstanceId).toMatch(/^i-/);
  });
});
