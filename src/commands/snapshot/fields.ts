import type { Rec } from '../shared/storage.js';

export function snapshotFields(s: Rec): [string, unknown][] {
  return [
    ['SnapshotId', s.SnapshotId],
    ['Name', s.SnapshotName],
    ['Description', s.Description],
    ['Kind', s.SnapshotType === 'auto' ? 'automatic' : 'manual'],
    ['Disk', s.SourceDiskId],
    ['Disk type', s.SourceDiskType],
    ['Disk size (GiB)', s.SourceDiskSize],
    ['Status', s.Status],
    ['Progress', s.Progress],
    ['Remaining (s)', s.RemainTime],
    ['Usage', s.Usage],
    ['Retention (days)', s.RetentionDays || ''],
    ['Created', s.CreationTime],
    ['Tags', (s.Tags?.Tag ?? []).map((t: Rec) => `${t.TagKey}=${t.TagValue}`).join(', ')],
  ];
}
