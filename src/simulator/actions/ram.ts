// Instance RAM roles and the documented RAM deny policies (security spec §3.1, §3.2, §5).
//
// Roles are account-wide. Seeded: `EcsRamRoleDocumentTesting` (the documentation's example,
// trusting ecs.aliyuncs.com). More with the setting `ram.roles` — a comma-separated list of
// `Name` (an ECS service role) or `Name@service.aliyuncs.com` (a role another service
// trusts, which AttachInstanceRamRole refuses with InvalidRamRole.NotEcsRole). Names are
// 1–64 letters, digits and hyphens (console constraint, §5.3).
//
// Rules: VPC instances only (every simulated instance is a VPC instance), ram:PassRole
// (setting ram.pass-role, default true: the caller is the account), one role per
// instance at a time — attaching a different role to an instance that has one fails for
// that instance (replace = detach, then attach; the CLI's `ram-role attach --replace`).
//
// Deny policies (settings, default false): `ram.deny-password-inherit` is S001's policy
// (Deny ecs:RunInstances/CreateInstance/ReplaceSystemDisk when ecs:PasswordInherit is true);
// `ram.require-login-as-non-root` is S002's (Deny them when ecs:LoginAsNonRoot is false).
// A denied request is answered Forbidden.RAM (403) before anything else is checked.

import { ApiError } from '../../core/errors.js';
import { regionOrThrow } from '../catalogue/index.js';
import { settingValue } from '../settings.js';
import { checkEcsRole, roleService } from './resource-settings.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { instances, regionOf, type InstanceRecord } from './instances/model.js';
import { pageOf } from '../paging.js';

function region(c: ActionContext): string {
  const r = c.params.raw.RegionId || c.regionId;
  regionOrThrow(r);
  return r;
}

function ids(c: ActionContext, required: boolean): string[] | undefined {
  const list = c.params.jsonList('InstanceIds', { required, max: 100 });
  if (list === undefined) return undefined;
  if (required && list.length === 0) throw new ApiError('InvalidInstanceIds.Malformed', 'The specified instanceIds are not valid. (empty list)', 400);
  return [...new Set(list)];
}

function find(c: ActionContext, id: string, regionId: string): InstanceRecord | undefined {
  const all = instances(c.state);
  const r = Object.hasOwn(all, id) ? all[id] : undefined;
  return r && regionOf(r) === regionId ? r : undefined;
}

interface Result {
  InstanceId: string;
  Success: boolean;
  Code: string;
  Message: string;
}
const ok = (InstanceId: string): Result => ({ InstanceId, Success: true, Code: '200', Message: 'success' });
const fail = (InstanceId: string, Code: string, Message: string): Result => ({ InstanceId, Success: false, Code, Message });

function checkPassRole(state: SimState): void {
  if (settingValue(state, 'ram.pass-role') !== 'true') {
    throw new ApiError('InvalidUser.PassRoleForbidden', 'The RAM user does not have the privilege to pass a RAM role. (grant ram:PassRole)', 403);
  }
}

function attachInstanceRamRole(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('RamRoleName', { required: true });
  const list = ids(c, true)!;
  checkPassRole(c.state);
  checkEcsRole(c.state, name);
  const results = list.map((id) => {
    const r = find(c, id, regionId);
    if (!r) return fail(id, 'InvalidInstanceId.NotFound', 'The specified instanceId does not exist');
    if (r.ram && r.ram !== name) {
      return fail(id, 'InvalidParameter.RamRoleAlreadyAttached', `The instance already has the RAM role ${r.ram}; one role per instance: detach it first (console "replace" = detach + attach).`);
    }
    r.ram = name;
    return ok(id);
  });
  return {
    RamRoleName: name,
    TotalCount: results.length,
    FailCount: results.filter((r) => !r.Success).length,
    AttachInstanceRamRoleResults: { AttachInstanceRamRoleResult: results },
  };
}

function detachInstanceRamRole(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('RamRoleName');
  const list = ids(c, true)!;
  checkPassRole(c.state);
  if (name !== undefined && roleService(c.state, name) === undefined) throw new ApiError('InvalidRamRole.NotFound', `The specified RamRoleName does not exist. (${name.slice(0, 80)})`, 404);
  const results = list.map((id) => {
    const r = find(c, id, regionId);
    if (!r) return { ...fail(id, 'InvalidInstanceId.NotFound', 'The specified InstanceId does not exist.'), InstanceRamRoleSets: { InstanceRamRoleSet: [] } };
    if (!r.ram || (name !== undefined && r.ram !== name)) {
      return { ...fail(id, 'InvalidRamRole.NotFound', r.ram ? `The instance has the RAM role ${r.ram}, not ${name}.` : 'The instance has no RAM role.'), InstanceRamRoleSets: { InstanceRamRoleSet: [] } };
    }
    const was = r.ram;
    delete r.ram;
    return { ...ok(id), InstanceRamRoleSets: { InstanceRamRoleSet: [{ InstanceId: id, RamRoleName: was }] } };
  });
  return {
    RamRoleName: name ?? '',
    TotalCount: results.length,
    FailCount: results.filter((r) => !r.Success).length,
    DetachInstanceRamRoleResults: { DetachInstanceRamRoleResult: results },
  };
}

function describeInstanceRamRole(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('RamRoleName');
  const list = ids(c, false);
  if (!name && !list?.length) throw new ApiError('InvalidParameter.AllEmpty', 'Either InstanceIds or RamRoleName must be given.', 403);
  let recs: InstanceRecord[];
  if (list?.length) {
    recs = list.map((id) => {
      const r = find(c, id, regionId);
      if (!r) throw new ApiError('InvalidInstanceId.NotFound', `The specified instanceId does not exist (${id.slice(0, 80)})`, 404);
      return r;
    });
  } else {
    recs = Object.values(instances(c.state)).filter((r) => regionOf(r) === regionId);
  }
  const sets = recs.filter((r) => r.ram && (!name || r.ram === name)).map((r) => ({ InstanceId: r.id, RamRoleName: r.ram! }));
  const page = pageOf(c.params, sets.length, { defaultSize: 10, maxSize: 100 });
  return { RegionId: regionId, TotalCount: sets.length, InstanceRamRoleSets: { InstanceRamRoleSet: sets.slice(page.start, page.end) } };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  AttachInstanceRamRole: attachInstanceRamRole,
  DetachInstanceRamRole: detachInstanceRamRole,
  DescribeInstanceRamRole: describeInstanceRamRole,
});
