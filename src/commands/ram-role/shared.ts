// Shared by the ram-role verbs: instances looked up first, per-instance results of the
// Attach/DetachInstanceRamRole answers as bulk results.

import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { instance } from '../../resources/instance.js';
import { chunks, itemsById, notFound, rawCall, type BulkResult } from '../builders/index.js';

/** The <role> argument: an empty name would match "no role" (attach: "already has", detach: any role). */
export function roleArg(role: unknown): string {
  const name = String(role ?? '');
  if (name.trim() === '') throw new UsageError('the RAM role name is empty (see: ecs ram-role describe)');
  return name;
}

export async function lookInstances(ctx: Context, api: EcsApi, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await itemsById(ctx, api, instance, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw notFound(ctx, instance, missing);
  return unique;
}

/** The RAM role of each instance ('' for none). */
export async function rolesOf(ctx: Context, api: EcsApi, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>(ids.map((id) => [id, '']));
  for (const part of chunks(ids, 100)) {
    for (let page = 1; ; page++) {
      const r = await rawCall(api)('DescribeInstanceRamRole', { RegionId: ctx.region, InstanceIds: JSON.stringify(part), PageNumber: page, PageSize: 100 }, { signal: ctx.abort.signal });
      const sets = r.InstanceRamRoleSets?.InstanceRamRoleSet ?? [];
      for (const s of sets) if (s.InstanceId && out.has(s.InstanceId)) out.set(s.InstanceId, s.RamRoleName ?? '');
      if (sets.length < 100) break;
    }
  }
  return out;
}

export async function callPerInstance(ctx: Context, api: EcsApi, action: 'AttachInstanceRamRole' | 'DetachInstanceRamRole', role: string, ids: string[], okText: string): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  const listKey = action === 'AttachInstanceRamRole' ? 'AttachInstanceRamRoleResults' : 'DetachInstanceRamRoleResults';
  const itemKey = action === 'AttachInstanceRamRole' ? 'AttachInstanceRamRoleResult' : 'DetachInstanceRamRoleResult';
  for (const part of chunks(ids, 100)) {
    const res = await rawCall(api)(action, { RegionId: ctx.region, RamRoleName: role, InstanceIds: JSON.stringify(part) }, { signal: ctx.abort.signal });
    const byId = new Map<string, any>((res[listKey]?.[itemKey] ?? []).map((x: any) => [String(x.InstanceId), x]));
    for (const id of part) {
      const x = byId.get(id);
      const ok = x ? x.Success === true || x.Success === 'true' : false;
      results.push(ok ? { Id: id, Ok: true, Result: okText } : { Id: id, Ok: false, Result: 'failed', Code: x?.Code ?? 'InvalidResponse', Message: x?.Message ?? `${action} gave no result for this instance` });
    }
  }
  return results;
}
