// The snapshot resource (manual and automatic disk snapshots of a region).

import type { Snapshot } from '../api/actions/snapshots.js';
import { tagText } from './disk.js';
import { defineResource } from './types.js';

export type { Snapshot };

export const SNAPSHOT_STATUSES = ['progressing', 'accomplished', 'failed'] as const;

export const snapshot = defineResource({
  name: 'snapshot',
  noun: 'snapshot',
  plural: 'snapshots',
  idField: 'SnapshotId',
  nameField: 'SnapshotName',
  statusField: 'Status',
  describe: {
    action: 'DescribeSnapshots',
    itemPath: 'Snapshots.Snapshot',
    byIds: { style: 'json', param: 'SnapshotIds', max: 100 },
    paging: { style: 'token', pageSize: 100 },
    regional: true,
  },
  errors: { notFound: 'InvalidSnapshotId.NotFound', wrongStatus: 'IncorrectSnapshotStatus' },
  statuses: SNAPSHOT_STATUSES,
  transitional: ['progressing'],
  columns: [
    { header: 'snapshot', get: 'SnapshotId' },
    { header: 'name', get: 'SnapshotName' },
    { header: 'kind', get: 'SnapshotType' },
    { header: 'disk', get: 'SourceDiskId' },
    { header: 'disk type', get: 'SourceDiskType' },
    { header: 'size gib', get: 'SourceDiskSize' },
    { header: 'status', get: 'Status' },
    { header: 'progress', get: 'Progress' },
    { header: 'usage', get: 'Usage' },
    { header: 'created', get: 'CreationTime' },
  ],
  fields: (s) => [
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
    ['Tags', tagText(s.Tags)],
  ],
  completion: { label: (s) => s.SnapshotName },
});
