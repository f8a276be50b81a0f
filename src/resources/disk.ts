// The disk resource (system and data cloud disks of a region).

import type { Disk } from '../api/actions/disks.js';
import { defineResource } from './types.js';

export type { Disk };

export const DISK_STATUSES = ['Creating', 'Available', 'Attaching', 'In_use', 'Detaching', 'ReIniting'] as const;

/** "k=v, k2=v2" for a Tags.Tag list (undefined when there are none). */
export function tagText(t: { Tag?: { TagKey?: string; TagValue?: string }[] } | undefined): string {
  return (t?.Tag ?? []).map((x) => `${x.TagKey}=${x.TagValue}`).join(', ');
}

export const disk = defineResource({
  name: 'disk',
  noun: 'disk',
  plural: 'disks',
  idField: 'DiskId',
  nameField: 'DiskName',
  statusField: 'Status',
  describe: {
    action: 'DescribeDisks',
    itemPath: 'Disks.Disk',
    byIds: { style: 'json', param: 'DiskIds', max: 100 },
    paging: { style: 'token', pageSize: 100 },
    regional: true,
  },
  errors: { notFound: 'InvalidDiskId.NotFound', wrongStatus: 'IncorrectDiskStatus' },
  statuses: DISK_STATUSES,
  transitional: ['Creating', 'Attaching', 'Detaching', 'ReIniting'],
  columns: [
    { header: 'disk', get: 'DiskId' },
    { header: 'name', get: 'DiskName' },
    { header: 'type', get: 'Type' },
    { header: 'category', get: 'Category' },
    { header: 'size gib', get: 'Size' },
    { header: 'status', get: 'Status' },
    { header: 'instance', get: 'InstanceId' },
    { header: 'device', get: 'Device' },
    { header: 'zone', get: 'ZoneId' },
  ],
  fields: (d) => [
    ['DiskId', d.DiskId],
    ['Name', d.DiskName],
    ['Description', d.Description],
    ['Type', d.Type],
    ['Category', d.Category],
    ['PerformanceLevel', d.PerformanceLevel],
    ['Size (GiB)', d.Size],
    ['Status', d.Status],
    ['Zone', d.ZoneId],
    ['Instance', d.InstanceId],
    ['Device', d.Device],
    ['DeleteWithInstance', d.DeleteWithInstance],
    ['DeleteAutoSnapshot', d.DeleteAutoSnapshot],
    ['AutoSnapshotPolicy', d.AutoSnapshotPolicyId],
    ['SourceSnapshot', d.SourceSnapshotId],
    ['Image', d.ImageId],
    ['ChargeType', d.DiskChargeType],
    ['Created', d.CreationTime],
    ['Attached', d.AttachedTime],
    ['Detached', d.DetachedTime],
    ['Tags', tagText(d.Tags)],
  ],
  completion: { label: (d) => d.DiskName },
});
