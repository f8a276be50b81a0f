// DescribeDisks over whatever state.disks holds, and the API view of a disk. The disk record,
// its collection and the release cascade are in storage.ts; the system disk's categories
// and bounds in data-disks.ts; the other disk actions in disks.ts.

import { ApiError } from '../../core/errors.js';
import { defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { minuteIso, POSTPAID_EXPIRED_TIME, regionOf } from './instances/model.js';
import { pageOf } from '../paging.js';
import { own } from '../own.js';
import { disks, type DiskRecord, type StorageDisk } from './storage.js';
import { recordsBy } from '../lookup.js';
import { DISK_BY_INSTANCE } from '../indexes.js';

export function diskView(state: SimState, d: DiskRecord): Record<string, unknown> {
  const image = d.image ?? (d.type === 'system' && d.inst ? (own(state.instances, d.inst)?.image as string | undefined) : undefined);
  const att = d.inst ? (d.att ?? d.ct) : d.att;
  return {
    DiskId: d.id,
    DiskName: d.name ?? '',
    Description: d.desc ?? '',
    RegionId: d.region ?? regionOf(d),
    ZoneId: d.zone,
    Category: d.cat,
    PerformanceLevel: d.pl ?? (d.cat === 'cloud_essd' ? 'PL0' : ''),
    Size: d.size,
    Type: d.type,
    Status: d.status,
    InstanceId: d.inst ?? '',
    Device: d.dev ?? '',
    DeleteWithInstance: d.dwi,
    DeleteAutoSnapshot: d.das ?? true,
    EnableAutoSnapshot: (d as StorageDisk).eas !== false,
    EnableAutomatedSnapshotPolicy: !!(d as StorageDisk).pol,
    AutoSnapshotPolicyId: (d as StorageDisk).pol ?? '',
    Encrypted: d.enc ?? false,
    Portable: d.type === 'data',
    ImageId: image ?? '',
    SourceSnapshotId: (d as StorageDisk).snap ?? '',
    DiskChargeType: d.charge ?? 'PostPaid',
    ExpiredTime: d.exp ? minuteIso(d.exp) : POSTPAID_EXPIRED_TIME,
    CreationTime: minuteIso(d.ct),
    AttachedTime: att ? minuteIso(att) : '',
    DetachedTime: d.det ? minuteIso(d.det) : '',
    MultiAttach: 'Disabled',
    Attachments: { Attachment: d.inst ? [{ InstanceId: d.inst, Device: d.dev ?? '', AttachedTime: att ? minuteIso(att) : '' }] : [] },
    OperationLocks: { OperationLock: [] },
    Tags: { Tag: (d.tags ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

const DISK_STATUSES = ['In_use', 'Available', 'Attaching', 'Detaching', 'Creating', 'ReIniting', 'All'];

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  DescribeDisks: ({ params, state, regionId }) => {
    const ids = params.jsonList('DiskIds', { max: 100 });
    const instanceId = params.str('InstanceId');
    const zoneId = params.str('ZoneId');
    const diskType = params.str('DiskType') ?? 'all';
    if (!['all', 'system', 'data'].includes(diskType)) throw new ApiError('InvalidDiskType.ValueNotSupported', 'The specified disk type is not supported.', 400);
    const status = params.str('Status') ?? 'All';
    if (!DISK_STATUSES.includes(status)) throw new ApiError('InvalidStatus.ValueNotSupported', 'The specified disk status is not supported.', 400);
    const category = params.str('Category') ?? 'all';
    const name = params.str('DiskName');
    const tags = params.objList('Tag');
    const policyId = params.str('AutoSnapshotPolicyId');
    const snapshotId = params.str('SnapshotId');
    const chargeType = params.str('DiskChargeType');
    if (chargeType !== undefined && chargeType !== 'PrePaid' && chargeType !== 'PostPaid') throw new ApiError('InvalidDiskChargeType.NotFound', 'The DiskChargeType does not exist in our records', 404);
    const portable = params.has('Portable') ? params.bool('Portable') : undefined;
    const idSet = ids ? new Set(ids) : undefined;
    // By ID: those records only (a 30,000-disk store is not scanned for `disk describe ID`).
    // With InstanceId: that instance's disks only (the index), as `instance describe` asks.
    const all = ids
      ? [...new Set(ids)].map((id) => own(disks(state), id)).filter((d): d is DiskRecord => !!d).reverse()
      : instanceId
        ? recordsBy<DiskRecord>(state, DISK_BY_INSTANCE, instanceId)
        : Object.values(disks(state));
    const out: DiskRecord[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const d = all[i]!;
      if ((d.region ?? regionOf(d)) !== regionId) continue;
      if (idSet && !idSet.has(d.id)) continue;
      if (instanceId && d.inst !== instanceId) continue;
      if (zoneId && d.zone !== zoneId) continue;
      if (diskType !== 'all' && d.type !== diskType) continue;
      if (status !== 'All' && d.status !== status) continue;
      if (category !== 'all' && d.cat !== category) continue;
      if (name && d.name !== name) continue;
      if (policyId && (d as StorageDisk).pol !== policyId) continue;
      if (snapshotId && (d as StorageDisk).snap !== snapshotId) continue;
      if (chargeType && (d.charge ?? 'PostPaid') !== chargeType) continue;
      if (portable !== undefined && (d.type === 'data') !== portable) continue;
      if (tags.length && !tags.every((t) => (d.tags ?? []).some(([k, v]) => k === t.Key && (t.Value === undefined || v === t.Value)))) continue;
      out.push(d);
    }
    const page = pageOf(params, out.length, { defaultSize: 10, maxSize: 100, minResults: 10, maxResultsMax: 500 });
    const slice = out.slice(page.start, page.end).map((d) => diskView(state, d));
    return { Disks: { Disk: slice }, TotalCount: out.length, ...page.fields };
  },
});
