// Disks (guide §10, §18.2): CreateDisk, AttachDisk, DetachDisk, ResizeDisk, ResetDisk,
// ReInitDisk, ModifyDiskAttribute, DeleteDisk, and the data disks RunInstances creates
// (DataDisk.N.* and the data-disk snapshots of a custom image).
//
// Rules and numbers (guide §2.1, §2.2, §10, §20 resolutions):
// - sizes by category: basic (cloud) 5–2,000 GiB; ultra (cloud_efficiency) and SSD
//   (cloud_ssd) 20–2,048 GiB; ESSD / ESSD AutoPL / ESSD Entry (outside the guide; the API's
//   bounds): cloud_essd 20–32,768 (PL0 1–), cloud_auto 1–32,768, cloud_essd_entry 10–32,768;
//   a disk from a snapshot is never smaller than the snapshot;
// - at most 250 data disks per account and 5 × the instance quota pay-as-you-go data disks;
// - attach: same zone, disk Available, one instance per disk, at most 16 data disks,
//   devices /dev/xvdb … /dev/xvdz (the first free one when none is given), the instance
//   Running or Stopped (§20 row 8), not locked;
// - detach: In_use data disks only, never the system disk;
// - reset (roll back) and re-initialise: the instance Stopped; reset only to a snapshot of
//   the same disk;
// - delete: Available only; its automatic snapshots go with it when DeleteAutoSnapshot.

import { ApiError } from '../../core/errors.js';
import { findImage, findZone, regionOrThrow, zoneDiskCategories } from '../catalogue/index.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import { hashSecret } from '../password.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { findKeyPair } from './keypair-model.js';
import { checkDiskName, DATA_DISK_CATEGORIES, dataDiskBounds, DEVICE, freeDevice } from './data-disks.js';
import { advance as advanceInstance, incorrectStatus, instances, notFound, regionOf, type InstanceRecord } from './instances/model.js';
import { checkDescription, checkPassword, quota, readTags } from './instances/validate.js';
import { countsBy, recordsBy } from '../lookup.js';
import { DATA_DISK_BY_CHARGE, DISK_BY_INSTANCE } from '../indexes.js';
import {
  disk, disks, finishDetach, getDisk, getSnapshot, own, removeDisk, snapshotRunning, snapshots, STORAGE_DURATIONS, transition,
  type DiskRecord, type SnapshotRecord, type StorageDisk,
} from './storage.js';

function dryRun(p: Params): void {
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
}

export function dataDiskCount(state: SimState, instanceId: string): { count: number; used: Set<string> } {
  const used = new Set<string>();
  let count = 0;
  for (const d of recordsBy<DiskRecord>(state, DISK_BY_INSTANCE, instanceId)) {
    if (d.dev) used.add(d.dev);
    if (d.type === 'data') count++;
  }
  return { count, used };
}

function checkInstanceUsable(r: InstanceRecord): void {
  if (r.lock) throw new ApiError('InstanceExpiredOrInArrears', `The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode). (${r.id})`, 403);
}

/** Count the account's data disks (all of them, and the pay-as-you-go ones). */
function dataDiskTotals(state: SimState): { all: number; postPaid: number } {
  // Data disks by billing method, from the index (no record is read).
  const byCharge = countsBy(state, DATA_DISK_BY_CHARGE);
  let all = 0;
  for (const n of byCharge.values()) all += n;
  return { all, postPaid: byCharge.get('PostPaid') ?? 0 };
}

function checkDiskQuota(state: SimState, adding: number, postPaid: number): void {
  const t = dataDiskTotals(state);
  const limit = quota(state, 'quota.disks', 250);
  if (t.all + adding > limit) throw new ApiError('QuotaExceed.PortableCloudDisk', `The quota of portable cloud disk exceeds. (${t.all} of ${limit} cloud disks)`, 403);
  const ppLimit = quota(state, 'quota.postpaid-disks-per-instance-quota', 5) * quota(state, 'quota.instances', 10);
  if (t.postPaid + postPaid > ppLimit) throw new ApiError('QuotaExceed.PostPaidDisk', `Living postPaid disks quota exceeded. (${t.postPaid} of ${ppLimit})`, 403);
}

/** A snapshot a new disk can be created from: exists in the region and is accomplished. */
function usableSnapshot(state: SimState, id: string, regionId: string, notFoundCode = 'InvalidSnapshotId.NotFound'): SnapshotRecord {
  const s = own(snapshots(state), id);
  if (!s || s.region !== regionId) throw new ApiError(notFoundCode, `The specified SnapshotId does not exist. (${id})`, 404);
  if (s.status !== 'accomplished') throw new ApiError('InvalidSnapshotId.NotReady', `The specified snapshot has not completed yet. (${id})`, 403);
  return s;
}

// ---- actions -----------------------------------------------------------------------

function createDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const instanceId = p.str('InstanceId');
  let inst: InstanceRecord | undefined;
  let zoneId = p.str('ZoneId');
  if (instanceId) {
    inst = own(instances(state), instanceId);
    if (!inst || regionOf(inst) !== c.regionId) throw notFound(instanceId);
    if (zoneId && zoneId !== inst.zone) throw new ApiError('InvalidParameter.Conflict', `The specified ZoneId does not match the instance's zone. (${zoneId} vs ${inst.zone})`, 400);
    zoneId = inst.zone;
  }
  if (!zoneId) throw new ApiError('MissingParameter', 'The input parameter "ZoneId" that is mandatory for processing this request is not supplied.', 400);
  const z = findZone(zoneId);
  if (!z || z.region.RegionId !== c.regionId) throw new ApiError('InvalidZoneId.NotFound', `The specified zone does not exist. (${zoneId})`, 404);
  const cat = p.str('DiskCategory') ?? 'cloud';
  if (!(DATA_DISK_CATEGORIES as readonly string[]).includes(cat)) {
    throw new ApiError('InvalidDiskCategory.ValueNotSupported', `The specified parameter "DiskCategory" is not valid. (${cat})`, 400);
  }
  if (!zoneDiskCategories(zoneId).includes(cat)) {
    throw new ApiError('InvalidDataDiskCategory.NotSupported', `Specified disk category is not supported. (${zoneId} offers ${zoneDiskCategories(zoneId).join(', ')})`, 403);
  }
  const pl = p.str('PerformanceLevel', { oneOf: ['PL0', 'PL1', 'PL2', 'PL3'] });
  const snapId = p.str('SnapshotId');
  const sizeRaw = p.str('Size');
  if (!snapId && sizeRaw === undefined) throw new ApiError('MissingParameter', 'The input parameter either "SnapshotId" or "Size" should be specified.', 400);
  const snap = snapId ? usableSnapshot(state, snapId, c.regionId) : undefined;
  const [min, max] = dataDiskBounds(cat, pl);
  let size: number;
  if (sizeRaw === undefined) {
    size = Math.max(snap!.dsize, min);
  } else {
    size = Number(sizeRaw);
    if (!/^\d+$/.test(sizeRaw) || size < min || size > max) {
      throw new ApiError('InvalidSize.ValueNotSupported', `The specified parameter Size is not valid. (${cat}: ${min} to ${max} GiB)`, 400);
    }
    if (snap && size < snap.dsize) throw new ApiError('InvalidDiskSize.TooSmall', `Specified disk size is less than the size of snapshot. (${size} GiB < ${snap.dsize} GiB)`, 403);
  }
  if (snap && snap.dsize > max) throw new ApiError('InvalidSnapshot.TooLarge', `The capacity of snapshot exceeds ${max}GB.`, 403);
  const name = p.str('DiskName');
  if (name !== undefined) checkDiskName(name);
  const desc = p.str('Description');
  if (desc !== undefined) checkDescription(desc);
  const tags = readTags(p.objList('Tag'));
  const prepaid = inst?.charge === 'PrePaid';
  if (inst) {
    checkInstanceUsable(inst);
    const { count } = dataDiskCount(state, inst.id);
    const limit = quota(state, 'quota.data-disks-per-instance', 16);
    if (count >= limit) throw new ApiError('InstanceDiskLimitExceeded', `The amount of the disk on instance in question reach its limits. (${limit} data disks)`, 403);
  }
  checkDiskQuota(state, 1, prepaid ? 0 : 1);
  dryRun(p);

  const d: StorageDisk = {
    id: newId('d', c.regionId),
    zone: zoneId,
    cat,
    size,
    type: 'data',
    status: 'Available',
    dwi: false,
    das: false,
    ct: now.getTime(),
  };
  if (name) d.name = name;
  if (desc) d.desc = desc;
  if (pl) d.pl = pl;
  if (tags.length) d.tags = tags;
  if (snap) {
    d.snap = snap.id;
    snap.mk = (snap.mk ?? 0) + 1;
  }
  disks(state)[d.id] = d;
  const out: Record<string, unknown> = { DiskId: d.id };
  if (inst) {
    // A subscription disk for a subscription instance: created attached, expiring with it.
    const { used } = dataDiskCount(state, inst.id);
    used.add('/dev/xvda');
    d.inst = inst.id;
    d.dev = freeDevice(used);
    d.att = d.ct;
    d.dwi = true;
    if (prepaid) {
      d.charge = 'PrePaid';
      if (inst.exp) d.exp = inst.exp;
      out.OrderId = String(200000000000000 + Math.floor(Math.random() * 99999999999999));
    }
    transition(state, d, d.ct, 'Creating', 'In_use', STORAGE_DURATIONS.diskCreating, c.scale);
  } else {
    transition(state, d, d.ct, 'Creating', 'Available', STORAGE_DURATIONS.diskCreating, c.scale);
  }
  return out;
}

function attachDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const diskId = p.str('DiskId', { required: true });
  const instanceId = p.str('InstanceId', { required: true });
  const d = getDisk(state, diskId);
  const r = own(instances(state), instanceId);
  if (!r) throw notFound(instanceId);
  checkInstanceUsable(r);
  if (r.status !== 'Running' && r.status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${r.id} is ${r.status}; a disk attaches to a Running or Stopped instance)`, 400);
  if (d.status !== 'Available' || d.inst) throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status}; only an Available disk can be attached)`, 403);
  if (d.type === 'system' && !p.bool('Bootable')) {
    throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is a system disk; it cannot be attached as a data disk)`, 403);
  }
  if (d.zone !== r.zone) throw new ApiError('InvalidInstanceId.MismatchZone', `The disk and the instance are not in the same zone. (${d.id} in ${d.zone}, ${r.id} in ${r.zone})`, 403);
  const { count, used } = dataDiskCount(state, r.id);
  used.add('/dev/xvda');
  const limit = quota(state, 'quota.data-disks-per-instance', 16);
  if (count >= limit) throw new ApiError('InstanceDiskLimitExceeded', `The amount of the disk on instance in question reach its limits. (${r.id} has ${count} data disks; at most ${limit})`, 403);
  const devParam = p.str('Device');
  let dev: string | undefined;
  if (devParam !== undefined) {
    if (!DEVICE.test(devParam)) throw new ApiError('InvalidDevice.Malformed', `The specified port is not valid. (${devParam}: /dev/xvdb to /dev/xvdz)`, 400);
    if (used.has(devParam)) throw new ApiError('InvalidDevice.InUse', `The specified device has been occupied. (${devParam})`, 403);
    dev = devParam;
  } else {
    dev = freeDevice(used);
    if (!dev) throw new ApiError('InstanceDiskLimitExceeded', 'The amount of the disk on instance in question reach its limits. (no free /dev/xvd[b-z])', 403);
  }
  const dwi = p.has('DeleteWithInstance') ? p.bool('DeleteWithInstance') : undefined;
  const password = p.str('Password');
  if (password !== undefined) checkPassword(password, r.os);
  dryRun(p);
  d.inst = r.id;
  d.dev = dev;
  d.att = now.getTime();
  delete d.det;
  if (dwi !== undefined) d.dwi = dwi;
  transition(state, d, now.getTime(), 'Attaching', 'In_use', STORAGE_DURATIONS.diskAttaching, c.scale);
  return {};
}

function detachDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const diskId = p.str('DiskId', { required: true });
  const instanceId = p.str('InstanceId', { required: true });
  const d = getDisk(state, diskId);
  const r = own(instances(state), instanceId);
  if (!r) throw notFound(instanceId);
  checkInstanceUsable(r);
  if (d.type === 'system') throw new ApiError('OperationDenied', `The type of the disk does not support the operation. (${d.id} is a system disk; a system disk cannot be detached)`, 403);
  if (d.charge === 'PrePaid') throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the disk. (${d.id} is a subscription disk; only pay-as-you-go data disks can be detached)`, 403);
  if (d.inst !== r.id || d.status !== 'In_use') {
    throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status}${d.inst && d.inst !== r.id ? ` on ${d.inst}` : ''}; only an In_use data disk of ${r.id} can be detached)`, 403);
  }
  if (r.status !== 'Running' && r.status !== 'Stopped') throw incorrectStatus(r, 'a disk detaches from a Running or Stopped instance');
  dryRun(p);
  transition(state, d, now.getTime(), 'Detaching', 'Available', STORAGE_DURATIONS.diskDetaching, c.scale);
  if ((d.status as string) === 'Available') finishDetach(d, now.getTime());
  return {};
}

function instanceOf(state: SimState, d: StorageDisk): InstanceRecord | undefined {
  return d.inst ? own(instances(state), d.inst) : undefined;
}

function checkNoSnapshotRunning(state: SimState, d: StorageDisk, nowMs: number): void {
  if (snapshotRunning(state, d, nowMs)) {
    throw new ApiError('DiskCreatingSnapshot', `The operation is denied due to a snapshot of the specified disk is not completed yet. (${d.id})`, 403);
  }
}

function resizeDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const d = getDisk(state, p.str('DiskId', { required: true }));
  const newSize = p.int('NewSize', { required: true, code: 'InvalidDiskSize.NotSupported', message: 'The specified parameter NewSize is not valid.' })!;
  const type = p.str('Type') ?? 'offline';
  if (type !== 'offline' && type !== 'online') throw new ApiError('InvalidParam.Type', 'The specified type is not supported.', 400);
  if (d.status !== 'In_use' && d.status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status})`, 403);
  const r = instanceOf(state, d);
  if (r) checkInstanceUsable(r);
  if (type === 'online' && (!r || r.status !== 'Running')) {
    throw new ApiError('InvalidInstanceStatus.NotRunning', `The status of instance to which the disk attachs must be running when resizing online. (${d.id})`, 403);
  }
  if (r && r.status !== 'Running' && r.status !== 'Stopped') throw incorrectStatus(r, 'resize needs a Running or Stopped instance');
  const max = d.type === 'system' ? 2048 : dataDiskBounds(d.cat, d.pl)[1];
  if (newSize <= d.size) throw new ApiError('InvalidDiskSize.TooSmall', `Specified new disk size is less than the original disk size. (${newSize} GiB ≤ ${d.size} GiB; a disk can only grow)`, 403);
  if (newSize > max) throw new ApiError('InvalidDiskSize.TooLarge', `Specified new disk size is beyond the permitted range. (${d.cat}: at most ${max} GiB)`, 403);
  checkNoSnapshotRunning(state, d, now.getTime());
  dryRun(p);
  d.size = newSize;
  // Offline resizing of a disk on a Running instance takes effect in the OS after a restart
  // through the console or API (RebootInstance); online resizing at once. The capacity the
  // API reports changes now in both cases.
  if (type === 'offline' && r && r.status === 'Running') (d as StorageDisk & { rsz?: 1 }).rsz = 1;
  return {};
}

function resetDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const d = getDisk(state, p.str('DiskId', { required: true }));
  const s = getSnapshot(state, p.str('SnapshotId', { required: true }));
  if (s.disk !== d.id) {
    throw new ApiError('InvalidParameter.Mismatch', `The specified snapshot is not created from the specified disk. (${s.id} is a snapshot of ${s.disk}, not ${d.id})`, 403);
  }
  if (s.status !== 'accomplished') throw new ApiError('InvalidSnapshotId.NotReady', `The specified snapshot has not completed yet. (${s.id})`, 403);
  if (d.status !== 'In_use' && d.status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status})`, 403);
  const r = instanceOf(state, d);
  if (r) {
    checkInstanceUsable(r);
    if (r.status !== 'Stopped') throw incorrectStatus(r, 'a disk is rolled back only while its instance is Stopped');
  }
  checkNoSnapshotRunning(state, d, now.getTime());
  dryRun(p);
  (d as StorageDisk & { rb?: string }).rb = s.id;
  return {};
}

function reInitDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const d = getDisk(state, p.str('DiskId', { required: true }));
  const r = instanceOf(state, d);
  if (!r || d.status !== 'In_use') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status}; only an In_use disk can be re-initialised)`, 403);
  checkInstanceUsable(r);
  if (r.status !== 'Stopped') throw incorrectStatus(r, 're-initialising a disk needs a Stopped instance');
  if (r.st === undefined) throw incorrectStatus(r, 'the instance has never been started');
  if (d.type === 'system') {
    const imageId = d.image ?? r.image;
    if (!findImage(state, imageId, c.regionId)) throw new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist. (${imageId}: the disk's image was deleted or is no longer shared)`, 404);
  } else if (d.snap && !own(snapshots(state), d.snap)) {
    throw new ApiError('InvalidSourceSnapshot', `The snapshot which is used to create the specified disk has been deleted. (${d.snap})`, 403);
  }
  const password = p.str('Password');
  const keyPair = p.str('KeyPairName');
  if (password !== undefined) {
    if (d.type !== 'system') throw new ApiError('InvalidParameter', 'The specified parameter "Password" is not valid. (only for a system disk)', 400);
    checkPassword(password, r.os);
  }
  if (keyPair !== undefined) {
    if (r.os === 'windows') throw new ApiError('DependencyViolation.WindowsInstance', 'The instance creating is windows, cannot use ssh key pair to login', 403);
    const kp = findKeyPair(state, keyPair, regionOf(r));
    if (!kp) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist. (${keyPair})`, 400);
  }
  checkNoSnapshotRunning(state, d, now.getTime());
  dryRun(p);
  delete (d as StorageDisk & { rb?: string }).rb;
  if (d.type === 'system') {
    if (password !== undefined) r.pw = { ...(r.pw ?? {}), [r.os === 'windows' ? 'Administrator' : r.nonRoot ? 'ecs-user' : 'root']: hashSecret(password) };
    if (keyPair !== undefined) r.kp = keyPair;
  }
  transition(state, d, now.getTime(), 'ReIniting', 'In_use', STORAGE_DURATIONS.diskReIniting, c.scale);
  if (p.bool('AutoStartInstance')) {
    // The instance starts once the disk is ready (within the same request at time scale 0).
    const ready = d.until ?? now.getTime();
    r.status = 'Stopped';
    r.q = [[ready, 'Starting'], [ready + Math.round(20_000 * c.scale), 'Running', 1]];
    advanceInstance(r, now.getTime());
  }
  return {};
}

function modifyDiskAttribute(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const ids = [...p.repeat('DiskIds'), ...(p.str('DiskId') ? [p.str('DiskId')!] : [])];
  if (!ids.length) throw new ApiError('MissingParameter', 'The input parameter "DiskId" that is mandatory for processing this request is not supplied.', 400);
  if (ids.length > 100) throw new ApiError('InvalidParameter', 'The specified parameter "DiskIds.N" is not valid. (at most 100)', 400);
  const list = [...new Set(ids)].map((id) => getDisk(state, id));
  const name = p.str('DiskName');
  if (name !== undefined) checkDiskName(name);
  const desc = p.str('Description');
  if (desc !== undefined) checkDescription(desc);
  const dwi = p.has('DeleteWithInstance') ? p.bool('DeleteWithInstance') : undefined;
  const das = p.has('DeleteAutoSnapshot') ? p.bool('DeleteAutoSnapshot') : undefined;
  const eas = p.has('EnableAutoSnapshot') ? p.bool('EnableAutoSnapshot') : undefined;
  if (name === undefined && desc === undefined && dwi === undefined && das === undefined && eas === undefined) {
    throw new ApiError('NoAttributeToModify', 'No attribute to be modified in this request.', 400);
  }
  if ((name !== undefined || desc !== undefined) && list.length > 1) {
    throw new ApiError('InvalidParameter', 'DiskName and Description can be modified for one disk at a time (DiskId).', 400);
  }
  dryRun(p);
  for (const d of list) {
    if (name !== undefined) d.name = name;
    if (desc !== undefined) d.desc = desc;
    if (dwi !== undefined) d.dwi = dwi;
    if (das !== undefined) d.das = das;
    if (eas !== undefined) {
      if (eas) delete d.eas;
      else d.eas = false;
    }
  }
  return {};
}

function deleteDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const d = getDisk(state, p.str('DiskId', { required: true }));
  if (d.inst) throw new ApiError('DiskStillAttached', `The disk is still attached to the instance. (${d.id} is ${d.status} on ${d.inst}; detach it first)`, 403);
  if (d.status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation. (${d.id} is ${d.status})`, 403);
  if (d.charge === 'PrePaid' && !(d.exp !== undefined && now.getTime() >= d.exp)) {
    throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the disk. (${d.id} is a subscription disk)`, 403);
  }
  checkNoSnapshotRunning(state, d, now.getTime());
  dryRun(p);
  removeDisk(state, d, d.das ?? false);
  return {};
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateDisk: createDisk,
  AttachDisk: attachDisk,
  DetachDisk: detachDisk,
  ResizeDisk: resizeDisk,
  ResetDisk: resetDisk,
  ReInitDisk: reInitDisk,
  ModifyDiskAttribute: modifyDiskAttribute,
  DeleteDisk: deleteDisk,
});

export { disk, regionOf, type DiskRecord };
