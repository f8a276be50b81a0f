// Snapshots (guide §11.1, §11.5, §11.7, §18.3): CreateSnapshot, DescribeSnapshots,
// DeleteSnapshot.
//
// - asynchronous: the first snapshot of a disk is full (≈ 1 minute per GiB: 40 GiB ≈ 40
//   minutes, L1693), later ones incremental; durations × the time scale; progress % and the
//   remaining time are visible while it runs;
// - one snapshot at a time per disk: a manual snapshot while another one (an automatic one
//   included) runs on the disk is refused (IncorrectDiskStatus.CreatingSnapshot; L2014
//   says it must wait);
// - 64 per disk: a manual snapshot over the limit is refused (QuotaExceed.Snapshot); an
//   automatic one evicts the oldest automatic snapshot (snapshot-policies.ts);
// - manual snapshots are kept until deleted; a snapshot used by a custom image cannot be
//   deleted (SnapshotCreatedImage), one used to create disks needs Force.

import { ApiError } from '../../core/errors.js';
import { newId } from '../ids.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { instances, secondIso } from './instances/model.js';
import { pageOf } from '../paging.js';
import { checkDescription, quota, readTags } from './instances/validate.js';
import { recordsBy } from '../lookup.js';
import { DISK_BY_INSTANCE, SNAPSHOT_BY_DISK, SNAPSHOT_BY_INSTANCE } from '../indexes.js';
import {
  addBusy, DAY, disk, dropSnapshot, getDisk, getSnapshot, own, progressAt, snapshotRunning, snapshots, snapshotsOfDisk, takeSnapshot, type SnapshotRecord, type StorageDisk,
} from './storage.js';

const HTTP_PREFIX = /^https?:\/\//i;

/** SnapshotName: 2–128 characters, starting with a letter, not with "auto" (reserved for automatic snapshots). */
export function checkSnapshotName(name: string): void {
  if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || /^auto/i.test(name) || !/^\p{L}[\p{L}\p{N}:_.\-]*$/u.test(name)) {
    throw new ApiError(
      'InvalidSnapshotName.Malformed',
      `The specified SnapshotName is wrongly formed. ("${name}": 2 to 128 characters, starting with a letter but not with "auto"; letters, digits, ":", "_", ".", "-")`,
      400,
    );
  }
}

export function usageOf(s: SnapshotRecord): 'image' | 'disk' | 'image_disk' | 'none' {
  const img = !!s.img?.length;
  const dsk = !!s.mk;
  return img && dsk ? 'image_disk' : img ? 'image' : dsk ? 'disk' : 'none';
}

export function snapshotView(s: SnapshotRecord, nowMs: number): Record<string, unknown> {
  const progress = s.status === 'accomplished' ? 100 : progressAt(s.ct, s.done, nowMs);
  return {
    SnapshotId: s.id,
    SnapshotName: s.name ?? (s.kind === 'auto' ? autoName(s) : ''),
    Description: s.desc ?? '',
    Progress: `${progress}%`,
    RemainTime: s.status === 'progressing' ? Math.max(0, Math.ceil((s.done - nowMs) / 1000)) : 0,
    Status: s.status,
    Available: s.status === 'accomplished',
    SnapshotType: s.kind,
    SourceDiskId: s.disk,
    SourceDiskSize: String(s.dsize),
    SourceDiskType: s.dtype,
    SourceStorageType: 'disk',
    Usage: usageOf(s),
    RetentionDays: s.ret ?? 0,
    RegionId: s.region,
    CreationTime: secondIso(s.ct),
    LastModifiedTime: secondIso(s.status === 'accomplished' ? s.done : s.ct),
    Encrypted: false,
    Category: 'standard',
    InstantAccess: false,
    ProductCode: '',
    SnapshotSN: `64${s.id.slice(-16)}`,
    Tags: { Tag: (s.tags ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

function autoName(s: SnapshotRecord): string {
  const d = new Date(s.ct + 8 * 3600_000).toISOString();
  return `auto_${d.slice(0, 10).replace(/-/g, '')}_${Number(d.slice(11, 13))}`;
}

function createSnapshot(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const d = getDisk(state, p.str('DiskId', { required: true }));
  const name = p.str('SnapshotName');
  if (name !== undefined) checkSnapshotName(name);
  const desc = p.str('Description');
  if (desc !== undefined) checkDescription(desc);
  const retention = p.int('RetentionDays', { min: 1, max: 65536, code: 'InvalidRetentionDays.Malformed', message: 'The specified parameter "RetentionDays" is not valid. (1 to 65536)' });
  const tags = readTags(p.objList('Tag'));
  if (!d.inst && d.att === undefined) {
    throw new ApiError('IncorrectDiskStatus.NeverAttached', `The specified disk has never been attached to any instance. (${d.id})`, 403);
  }
  if (d.status !== 'In_use' && d.status !== 'Available') {
    throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status})`, 403);
  }
  const r = d.inst ? own(instances(state), d.inst) : undefined;
  if (r?.lock) throw new ApiError('InstanceExpiredOrInArrears', `The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode). (${r.id})`, 403);
  if (r && r.status !== 'Running' && r.status !== 'Stopped') {
    throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${r.id} is ${r.status})`, 400);
  }
  const running = snapshotRunning(state, d, now.getTime());
  if (running) {
    throw new ApiError(
      'IncorrectDiskStatus.CreatingSnapshot',
      `A previous snapshot creation is in process. (${running.id}, ${running.kind === 'auto' ? 'automatic' : 'manual'}, on ${d.id}; wait until it is accomplished)`,
      403,
    );
  }
  const limit = quota(state, 'quota.snapshots-per-disk', 64);
  const count = d.snaps?.length ?? 0;
  if (count >= limit) throw new ApiError('QuotaExceed.Snapshot', `The snapshot quota exceeds. (${d.id} has ${count} snapshots; at most ${limit} per disk)`, 403);
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
  const s = takeSnapshot(state, d, now.getTime(), c.scale, { kind: 'user', name, desc, ret: retention, tags }, newId('s', c.regionId));
  // A manual snapshot with RetentionDays is released when they have passed.
  if (retention !== undefined) addBusy(state, s.ct + retention * DAY, 'expire', s.id);
  return { SnapshotId: s.id };
}

const SNAPSHOT_TYPES = ['auto', 'user', 'all'];
const SNAPSHOT_STATUSES = ['progressing', 'accomplished', 'failed', 'all'];
const USAGES = ['image', 'disk', 'image_disk', 'none'];

/** The snapshots a DescribeSnapshots request can match, using the per-disk index where it can. */
function candidates(state: SimState, regionId: string, ids: string[] | undefined, diskId: string | undefined, instanceId: string | undefined): SnapshotRecord[] {
  const all = snapshots(state);
  if (ids) return ids.map((id) => own(all, id)).filter((s): s is SnapshotRecord => !!s && s.region === regionId);
  if (diskId) {
    const d = disk(state, diskId) as StorageDisk | undefined;
    if (d) return snapshotsOfDisk(state, d).filter((s) => s.region === regionId);
    // A deleted disk: its snapshots by the index.
    return recordsBy<SnapshotRecord>(state, SNAPSHOT_BY_DISK, diskId).filter((s) => s.region === regionId);
  }
  if (instanceId) {
    const out: SnapshotRecord[] = [];
    for (const d of recordsBy<StorageDisk>(state, DISK_BY_INSTANCE, instanceId)) out.push(...snapshotsOfDisk(state, d));
    // Snapshots taken while a (since detached or deleted) disk was on the instance.
    const seen = new Set(out.map((s) => s.id));
    for (const s of recordsBy<SnapshotRecord>(state, SNAPSHOT_BY_INSTANCE, instanceId)) if (!seen.has(s.id)) out.push(s);
    return out.filter((s) => s.region === regionId).sort((a, b) => a.ct - b.ct);
  }
  return Object.values(all).filter((s) => s.region === regionId);
}

function describeSnapshots(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const ids = p.jsonList('SnapshotIds', { max: 100 });
  const diskId = p.str('DiskId');
  const instanceId = p.str('InstanceId');
  const name = p.str('SnapshotName');
  const type = p.str('SnapshotType') ?? 'all';
  if (!SNAPSHOT_TYPES.includes(type)) throw new ApiError('InvalidSnapshotType.NotFound', 'The specfied SnapshotType is not found', 404);
  const sdt = p.str('SourceDiskType')?.toLowerCase();
  if (sdt !== undefined && sdt !== 'system' && sdt !== 'data') throw new ApiError('InvalidSourceDiskType', 'The specifed SourceDiskType is not valid', 404);
  const status = p.str('Status') ?? 'all';
  if (!SNAPSHOT_STATUSES.includes(status)) throw new ApiError('InvalidStatus.NotFound', 'The specified Status is not found', 404);
  const usage = p.str('Usage');
  if (usage !== undefined && !USAGES.includes(usage)) throw new ApiError('InvalidUsage', 'The specifed Usage is not valid', 404);
  const tags = p.objList('Tag');
  if (tags.length > 20) throw new ApiError('InvalidTagCount', 'The specified tags are beyond the permitted range.', 400);
  const list = candidates(state, c.regionId, ids, diskId, instanceId).filter(
    (s) =>
      (!diskId || s.disk === diskId) &&
      (!name || s.name === name) &&
      (type === 'all' || s.kind === type) &&
      (!sdt || s.dtype === sdt) &&
      (status === 'all' || s.status === status) &&
      (!usage || usageOf(s) === usage) &&
      (!tags.length || tags.every((t) => (s.tags ?? []).some(([k, v]) => k.toLowerCase() === String(t.Key).toLowerCase() && (t.Value === undefined || v === t.Value)))),
  );
  list.reverse(); // newest first
  const page = pageOf(p, list.length, { defaultSize: 10, maxSize: 100, maxResultsMax: 100 });
  return {
    Snapshots: { Snapshot: list.slice(page.start, page.end).map((s) => snapshotView(s, now.getTime())) },
    TotalCount: list.length,
    ...page.fields,
  };
}

function deleteSnapshot(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const s = getSnapshot(state, p.str('SnapshotId', { required: true }));
  if (s.img?.length) {
    throw new ApiError('SnapshotCreatedImage', `The snapshot has been used to create user defined image(s). (${s.id} is used by ${s.img.join(', ')}; delete the image first)`, 403);
  }
  if (s.mk && !p.bool('Force')) {
    throw new ApiError('SnapshotCreatedDisk', `The snapshot has been used to create disk(s). (${s.id}; use Force, after which those disks cannot be re-initialised)`, 403);
  }
  dropSnapshot(state, s);
  return {};
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
});
