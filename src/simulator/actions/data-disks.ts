// Data disks as RunInstances creates them with an instance (DataDisk.N.* and a custom image's
// data disks), the data-disk rules CreateDisk shares (categories, size bounds, names,
// devices), and the system disk's categories and size bounds. Apart from disks.ts (the disk actions), so that RunInstances loads only this.

import { ApiError } from '../../core/errors.js';
import { zoneDiskCategories } from '../catalogue/index.js';
import { newId } from '../ids.js';
import type { ActionContext } from '../simulator.js';
import type { SimState } from '../state.js';
import { checkDescription } from './instances/validate.js';
import { disks, own, snapshots, type SnapshotRecord, type StorageDisk } from './storage.js';

export const SYSTEM_DISK_CATEGORIES = ['cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud', 'cloud_auto', 'cloud_essd_entry'] as const;

/** Size bounds of a system disk by category (GiB). */
export function systemDiskBounds(cat: string): [number, number] {
  if (cat === 'cloud') return [20, 500];
  return [20, 2048];
}

export const DATA_DISK_CATEGORIES = ['cloud', 'cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto', 'cloud_essd_entry'] as const;

/** Size bounds (GiB) of a data disk by category (and ESSD performance level). */
export function dataDiskBounds(cat: string, pl?: string): [number, number] {
  switch (cat) {
    case 'cloud':
      return [5, 2000];
    case 'cloud_efficiency':
    case 'cloud_ssd':
      return [20, 2048];
    case 'cloud_essd':
      return pl === 'PL0' ? [1, 32768] : pl === 'PL2' ? [461, 32768] : pl === 'PL3' ? [1261, 32768] : [20, 32768];
    case 'cloud_auto':
      return [1, 32768];
    case 'cloud_essd_entry':
      return [10, 32768];
    default:
      return [20, 2048];
  }
}

const HTTP_PREFIX = /^https?:\/\//i;

/** DiskName: 2–128 characters, starting with a letter; letters, digits, ":", "_", ".", "-". */
export function checkDiskName(name: string, code = 'InvalidDiskName.Malformed'): void {
  if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || !/^\p{L}[\p{L}\p{N}:_.\-]*$/u.test(name)) {
    throw new ApiError(code, `The specified disk name is wrongly formed. ("${name}": 2 to 128 characters, starting with a letter; letters, digits, ":", "_", ".", "-")`, 400);
  }
}

export const DEVICE = /^\/dev\/xvd([b-z])$/;

/** The first free /dev/xvd[b-z]. */
export function freeDevice(used: Set<string>): string | undefined {
  for (let c = 'b'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) {
    const dev = `/dev/xvd${String.fromCharCode(c)}`;
    if (!used.has(dev)) return dev;
  }
  return undefined;
}

export interface DataDiskPlan {
  cat: string;
  size: number;
  snap?: string;
  dwi: boolean;
  dev?: string;
  name?: string;
  desc?: string;
  pl?: string;
}

/**
 * RunInstances DataDisk.N.* (issue 7 §4.6) and the data disks of a custom image: validated
 * before anything is created. Image mappings come first; a DataDisk.N with the same device
 * (or the same snapshot) replaces the image's entry and may only grow it (§22.34).
 */
export function planDataDisks(c: ActionContext, o: { zoneId: string; image: Record<string, any> }): DataDiskPlan[] {
  const { params: p, state } = c;
  const offered = zoneDiskCategories(o.zoneId);
  const plans: DataDiskPlan[] = [];
  const mappings = (o.image.DiskDeviceMappings?.DiskDeviceMapping ?? []) as Record<string, any>[];
  for (const m of mappings) {
    if (m.Type !== 'data') continue;
    const plan: DataDiskPlan = { cat: offered.includes('cloud_essd') ? 'cloud_essd' : 'cloud_efficiency', size: Number(m.Size) || 20, dwi: true };
    if (m.SnapshotId) plan.snap = String(m.SnapshotId);
    if (m.Device) plan.dev = String(m.Device);
    plans.push(plan);
  }
  const list = p.objList('DataDisk');
  if (list.length + plans.length > 16) {
    throw new ApiError('InvalidDataDiskSize.ValueNotSupported', 'The specified DataDisk.n beyond the permitted range. (at most 16 data disks)', 400);
  }
  list.forEach((d, i) => {
    const n = i + 1;
    const cat = d.Category || (offered.includes('cloud_essd') ? 'cloud_essd' : 'cloud_efficiency');
    if (!(DATA_DISK_CATEGORIES as readonly string[]).includes(cat) || !offered.includes(cat)) {
      throw new ApiError('InvalidDataDiskCategory.ValueNotSupported', `The specified parameter "DataDisk.${n}.Category" is not valid. (${cat} in ${o.zoneId})`, 400);
    }
    const pl = d.PerformanceLevel;
    if (pl !== undefined && !['PL0', 'PL1', 'PL2', 'PL3'].includes(pl)) throw new ApiError('InvalidParameter', `The specified parameter "DataDisk.${n}.PerformanceLevel" is not valid.`, 400);
    let snap: SnapshotRecord | undefined;
    if (d.SnapshotId) {
      const s = own(snapshots(state), d.SnapshotId);
      if (!s || s.region !== c.regionId) throw new ApiError('InvalidDataDiskSnapshotId.NotFound', `The specified parameter "DataDisk.${n}.SnapshotId" is not valid. (${d.SnapshotId} does not exist)`, 404);
      if (s.status !== 'accomplished') throw new ApiError('InvalidSnapshotId.NotReady', `The specified snapshot has not completed yet. (${d.SnapshotId})`, 403);
      snap = s;
    }
    const [min, max] = dataDiskBounds(cat, pl);
    let size: number;
    if (d.Size === undefined || d.Size === '') {
      if (!snap) throw new ApiError('InvalidDataDiskSize.ValueNotSupported', `The specified DataDisk.${n}.Size beyond the permitted range. (DataDisk.${n}.Size or DataDisk.${n}.SnapshotId is required)`, 400);
      size = Math.max(snap.dsize, min);
    } else {
      size = Number(d.Size);
      if (!/^\d+$/.test(d.Size) || size < min || size > max) {
        throw new ApiError('InvalidDataDiskSize.ValueNotSupported', `The specified DataDisk.${n}.Size beyond the permitted range. (${cat}: ${min} to ${max} GiB)`, 400);
      }
      if (snap && size < snap.dsize) {
        throw new ApiError('InvalidDataDiskSize.ValueNotSupported', `The specified DataDisk.${n}.Size beyond the permitted range, or the capacity of snapshot exceeds the size limit of the specified disk category. (${size} GiB < snapshot ${snap.dsize} GiB)`, 400);
      }
    }
    const dev = d.Device;
    if (dev !== undefined && dev !== '' && !DEVICE.test(dev)) {
      throw new ApiError('InvalidDataDevice.Malformed', `The specified parameter "DataDisk.${n}.Device" is not valid. (${dev}: /dev/xvdb to /dev/xvdz)`, 400);
    }
    if (d.DiskName) checkDiskName(d.DiskName, 'InvalidDiskName.Malformed');
    if (d.Description) checkDescription(d.Description);
    const dwiRaw = d.DeleteWithInstance;
    if (dwiRaw !== undefined && !['true', 'false'].includes(dwiRaw)) throw new ApiError('InvalidParameter', `The specified parameter "DataDisk.${n}.DeleteWithInstance" is not valid.`, 400);
    const plan: DataDiskPlan = { cat, size, dwi: dwiRaw !== 'false' };
    if (snap) plan.snap = snap.id;
    if (dev) plan.dev = dev;
    if (d.DiskName) plan.name = d.DiskName;
    if (d.Description) plan.desc = d.Description;
    if (pl) plan.pl = pl;
    // An image entry with the same device (or snapshot) is replaced: it may grow, never shrink.
    const same = plans.findIndex((x, j) => j < mappings.length && ((dev && x.dev === dev) || (snap && x.snap === snap.id)));
    if (same >= 0) {
      if (size < plans[same]!.size) {
        throw new ApiError('InvalidDataDiskSize.ValueNotSupported', `The specified DataDisk.${n}.Size beyond the permitted range. (the image's data disk is ${plans[same]!.size} GiB; it can grow, not shrink)`, 400);
      }
      plans[same] = { ...plan, snap: plan.snap ?? plans[same]!.snap, dev: plan.dev ?? plans[same]!.dev };
    } else {
      plans.push(plan);
    }
  });
  // Image snapshots must still exist.
  for (const pl of plans) {
    if (pl.snap && !own(snapshots(state), pl.snap)) {
      throw new ApiError('InvalidDataDiskSnapshotId.NotFound', `The specified parameter "DataDisk.n.SnapshotId" is not valid. (${pl.snap} does not exist)`, 404);
    }
  }
  const devs = new Set<string>();
  for (const pl of plans) {
    if (!pl.dev) continue;
    if (devs.has(pl.dev)) throw new ApiError('InvalidDevice.InUse', `The specified device has been occupied. (${pl.dev})`, 403);
    devs.add(pl.dev);
  }
  return plans;
}

/** Create the planned data disks of a new instance (In_use, devices assigned in order). */
export function createDataDisks(state: SimState, plans: DataDiskPlan[], inst: { id: string; zone: string; charge: 'PostPaid' | 'PrePaid'; exp?: number }, nowMs: number, regionId: string): void {
  if (!plans.length) return;
  const used = new Set<string>(['/dev/xvda', ...plans.map((x) => x.dev).filter((x): x is string => !!x)]);
  for (const pl of plans) {
    const dev = pl.dev ?? freeDevice(used)!;
    used.add(dev);
    const d: StorageDisk = {
      id: newId('d', regionId),
      zone: inst.zone,
      cat: pl.cat,
      size: pl.size,
      type: 'data',
      status: 'In_use',
      inst: inst.id,
      dev,
      dwi: pl.dwi,
      das: false,
      ct: nowMs,
    };
    if (inst.charge === 'PrePaid') d.charge = 'PrePaid';
    if (inst.exp) d.exp = inst.exp;
    if (pl.snap) {
      d.snap = pl.snap;
      const s = own(snapshots(state), pl.snap);
      if (s) s.mk = (s.mk ?? 0) + 1;
    }
    if (pl.name) d.name = pl.name;
    if (pl.desc) d.desc = pl.desc;
    if (pl.pl) d.pl = pl.pl;
    disks(state)[d.id] = d;
  }
}
