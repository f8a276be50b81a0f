// Automatic snapshot policies (guide §11.2–§11.4, §11.6, §18.4): Create / Describe(Ex) /
// Apply / Cancel / Modify(Ex) / Delete; the scheduler the clock runs is in storage-settle.ts.
//
// - time points: hours 0–23, weekdays 1 (Monday) – 7 (Sunday), both in UTC+8 (L1965–L1966);
// - retention 1–65,536 days, or -1 permanent (L1967);
// - at most 100 policies per region (L1952; setting quota.auto-snapshot-policies);
// - a disk has at most one policy; applying another one replaces it;
// - at each time point every disk of the policy gets an automatic snapshot, except: a disk
//   whose previous snapshot is still running at that moment (the time point is skipped,
//   L1974: 9:00 taking 70 minutes skips 10:00), an unused basic cloud disk (L2013), a disk
//   with EnableAutoSnapshot off; at 64 snapshots the oldest automatic one is evicted, and a
//   disk holding only manual snapshots at the limit gets none (L1973);
// - automatic snapshots older than the retention are deleted.

import { ApiError } from '../../core/errors.js';
import { regionOrThrow } from '../catalogue/index.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { minuteIso } from './instances/model.js';
import { pageOf } from '../paging.js';
import { quota, readTags } from './instances/validate.js';
import {
  disk, getDisk, HOUR, own, policies, type PolicyRecord, type StorageDisk,
} from './storage.js';

function invalid(what: string, status = 403): ApiError {
  return new ApiError('ParameterInvalid', `The specified ${what} parameter is invalid.`, status);
}

function policyNotFound(id: string): ApiError {
  return new ApiError('ParameterInvalid', `The specified automatic snapshot policy does not exist. (${id})`, 404);
}

/** The request's region: these actions spell it `regionId`. */
function regionOf(c: ActionContext): string {
  const r = c.params.str('regionId') ?? c.params.str('RegionId') ?? c.regionId;
  regionOrThrow(r);
  return r;
}

/** A JSON array of integers within [min, max] (timePoints, repeatWeekdays), sorted, unique. */
export function intList(p: Params, name: string, min: number, max: number, label: string): number[] | undefined {
  const raw = p.str(name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid(label);
  }
  if (!Array.isArray(parsed) || !parsed.length || parsed.length > 24) throw invalid(label);
  const out = new Set<number>();
  for (const v of parsed) {
    const s = String(v);
    if (!/^\d{1,2}$/.test(s)) throw invalid(label);
    const n = Number(s);
    if (n < min || n > max) throw invalid(label);
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

export function checkPolicyName(name: string): void {
  if (name.length < 2 || name.length > 128 || /^https?:\/\//i.test(name) || !/^\p{L}[\p{L}\p{N}._\-]*$/u.test(name)) {
    throw new ApiError('ParameterInvalid', `The specified AutoSnapshotPolicyName parameter is invalid. ("${name}": 2 to 128 characters, starting with a letter; letters, digits, ".", "_", "-")`, 403);
  }
}

function retention(p: Params, required: boolean): number | undefined {
  const raw = p.str('retentionDays');
  if (raw === undefined) {
    if (required) throw new ApiError('MissingParameter', 'The input parameter "retentionDays" that is mandatory for processing this request is not supplied.', 400);
    return undefined;
  }
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !(n === -1 || (n >= 1 && n <= 65536))) throw invalid('RetentionDays');
  return n;
}

function getPolicy(state: SimState, id: string | undefined, regionId: string): PolicyRecord {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "autoSnapshotPolicyId" that is mandatory for processing this request is not supplied.', 400);
  const pol = own(policies(state), id);
  if (!pol) throw policyNotFound(id);
  if (pol.region !== regionId) throw new ApiError('ParameterInvalid', `The specified automatic snapshot policy does not exist in the region. (${id})`, 404);
  return pol;
}

function diskIdsParam(p: Params): string[] {
  const raw = p.str('diskIds') ?? p.str('DiskIds');
  if (raw === undefined) throw new ApiError('MissingParameter', 'The input parameter "diskIds" that is mandatory for processing this request is not supplied.', 400);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('DiskIds');
  }
  if (!Array.isArray(parsed) || !parsed.length || parsed.length > 1000 || !parsed.every((x) => typeof x === 'string')) throw invalid('DiskIds');
  return [...new Set(parsed as string[])];
}

function dryRun(p: Params): void {
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
}

function createPolicy(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const region = regionOf(c);
  const hours = intList(p, 'timePoints', 0, 23, 'TimePoints');
  if (!hours) throw new ApiError('MissingParameter', 'The input parameter "timePoints" that is mandatory for processing this request is not supplied.', 400);
  const days = intList(p, 'repeatWeekdays', 1, 7, 'RepeatWeekDays');
  if (!days) throw new ApiError('MissingParameter', 'The input parameter "repeatWeekdays" that is mandatory for processing this request is not supplied.', 400);
  const ret = retention(p, true)!;
  const name = p.str('autoSnapshotPolicyName');
  if (name !== undefined) checkPolicyName(name);
  const tags = readTags(p.objList('Tag'));
  const limit = quota(state, 'quota.auto-snapshot-policies', 100);
  let count = 0;
  for (const pol of Object.values(policies(state))) if (pol.region === region) count++;
  if (count >= limit) throw new ApiError('AutoSnapshotPolicy.QuotaExceed', `The maximum number of automatic snapshot policy has been reached. (${count} of ${limit} in ${region})`, 403);
  dryRun(p);
  const nowMs = now.getTime();
  const pol: PolicyRecord = {
    id: newId('sp', region),
    region,
    name: name ?? '',
    hours,
    days,
    ret,
    ct: nowMs,
    last: Math.floor(nowMs / HOUR) * HOUR,
    disks: [],
  };
  if (tags.length) pol.tags = tags;
  policies(state)[pol.id] = pol;
  return { AutoSnapshotPolicyId: pol.id };
}

function modifyPolicy(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const region = regionOf(c);
  const pol = getPolicy(state, p.str('autoSnapshotPolicyId') ?? p.str('AutoSnapshotPolicyId'), region);
  const hours = intList(p, 'timePoints', 0, 23, 'TimePoints');
  const days = intList(p, 'repeatWeekdays', 1, 7, 'RepeatWeekDays');
  const ret = retention(p, false);
  const name = p.str('autoSnapshotPolicyName');
  if (name !== undefined) checkPolicyName(name);
  dryRun(p);
  if (hours) pol.hours = hours;
  if (days) pol.days = days;
  if (ret !== undefined) pol.ret = ret;
  if (name !== undefined) pol.name = name;
  return {};
}

export function policyView(state: SimState, pol: PolicyRecord): Record<string, unknown> {
  return {
    AutoSnapshotPolicyId: pol.id,
    AutoSnapshotPolicyName: pol.name,
    RegionId: pol.region,
    TimePoints: JSON.stringify(pol.hours.map(String)),
    RepeatWeekdays: JSON.stringify(pol.days.map(String)),
    RetentionDays: pol.ret,
    DiskNums: pol.disks.filter((id) => disk(state, id)).length,
    VolumeNums: 0,
    CreationTime: minuteIso(pol.ct),
    Status: 'Normal',
    Type: 'Custom',
    AssociationType: 'AssociatedWithDisk',
    EnableCrossRegionCopy: false,
    TargetCopyRegions: '',
    CopiedSnapshotsRetentionDays: -1,
    ResourceGroupId: '',
    Tags: { Tag: (pol.tags ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

function describePolicies(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const region = regionOf(c);
  const id = p.str('AutoSnapshotPolicyId');
  const name = p.str('AutoSnapshotPolicyName');
  const tags = p.objList('Tag');
  const list = Object.values(policies(state)).filter(
    (pol) =>
      pol.region === region &&
      (!id || pol.id === id) &&
      (!name || pol.name === name) &&
      (!tags.length || tags.every((t) => (pol.tags ?? []).some(([k, v]) => k === t.Key && (t.Value === undefined || v === t.Value)))),
  );
  const page = pageOf(p, list.length, { defaultSize: 10, maxSize: 100 });
  return { AutoSnapshotPolicies: { AutoSnapshotPolicy: list.slice(page.start, page.end).map((pol) => policyView(state, pol)) }, TotalCount: list.length, ...page.fields };
}

function applyPolicy(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const region = regionOf(c);
  const pol = getPolicy(state, p.str('autoSnapshotPolicyId') ?? p.str('AutoSnapshotPolicyId'), region);
  const list = diskIdsParam(p).map((id) => getDisk(state, id, region));
  dryRun(p);
  for (const d of list) {
    if (d.pol === pol.id) continue;
    if (d.pol) {
      const old = own(policies(state), d.pol);
      if (old) old.disks = old.disks.filter((x) => x !== d.id);
    }
    d.pol = pol.id;
    pol.disks.push(d.id);
  }
  return {};
}

function cancelPolicy(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOf(c);
  const list = diskIdsParam(p).map((id) => getDisk(state, id));
  dryRun(p);
  for (const d of list) detachPolicy(state, d);
  return {};
}

/** Take the disk out of its policy (cancel, system disk replaced, disk deleted). */
export function detachPolicy(state: SimState, d: StorageDisk): void {
  if (!d.pol) return;
  const pol = own(policies(state), d.pol);
  if (pol) pol.disks = pol.disks.filter((x) => x !== d.id);
  delete d.pol;
}

function deletePolicy(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const region = regionOf(c);
  const pol = getPolicy(state, p.str('autoSnapshotPolicyId') ?? p.str('AutoSnapshotPolicyId'), region);
  dryRun(p);
  for (const id of pol.disks) {
    const d = disk(state, id);
    if (d?.pol === pol.id) delete d.pol;
  }
  delete policies(state)[pol.id];
  return {};
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateAutoSnapshotPolicy: createPolicy,
  ModifyAutoSnapshotPolicyEx: modifyPolicy,
  ModifyAutoSnapshotPolicy: modifyPolicy,
  DescribeAutoSnapshotPolicyEx: describePolicies,
  ApplyAutoSnapshotPolicy: applyPolicy,
  CancelAutoSnapshotPolicy: cancelPolicy,
  DeleteAutoSnapshotPolicy: deletePolicy,
});
