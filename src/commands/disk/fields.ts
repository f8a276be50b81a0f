import type { Rec } from '../shared/storage.js';

export function diskFields(d: Rec): [string, unknown][] {
  return [
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
    ['Tags', (d.Tags?.Tag ?? []).map((t: Rec) => `${t.TagKey}=${t.TagValue}`).join(', ')],
  ];
}
