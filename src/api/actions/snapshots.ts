// Typed snapshot actions (ecs-api-models.md: CreateSnapshot, DescribeSnapshots, DeleteSnapshot).
// Convention: src/api/actions/README.md.

import type { ApiResponseBase as Base, Paged, TagParam, TagSet, TokenPaged } from './common.js';

export interface SnapshotActions {
  CreateSnapshot: { req: CreateSnapshotRequest; res: Base & { SnapshotId?: string } };
  DescribeSnapshots: { req: DescribeSnapshotsRequest; res: DescribeSnapshotsResponse };
  DeleteSnapshot: { req: { SnapshotId: string; Force?: boolean }; res: Base };
}

export interface CreateSnapshotRequest {
  DiskId: string;
  SnapshotName?: string;
  Description?: string;
  RetentionDays?: number;
  ClientToken?: string;
  Tag?: TagParam[];
}

export interface DescribeSnapshotsRequest {
  RegionId: string;
  /** JSON array string of snapshot IDs. */
  SnapshotIds?: string;
  DiskId?: string;
  InstanceId?: string;
  SnapshotName?: string;
  SnapshotType?: 'auto' | 'user' | 'all';
  SourceDiskType?: 'system' | 'data';
  Status?: 'progressing' | 'accomplished' | 'failed' | 'all';
  Usage?: 'image' | 'disk' | 'image_disk' | 'none';
  Tag?: TagParam[];
  PageNumber?: number;
  PageSize?: number;
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

export interface Snapshot {
  SnapshotId?: string;
  SnapshotName?: string;
  Description?: string;
  Progress?: string;
  RemainTime?: number;
  Status?: string;
  Available?: boolean;
  SnapshotType?: string;
  SourceDiskId?: string;
  SourceDiskSize?: string;
  SourceDiskType?: string;
  Usage?: string;
  RetentionDays?: number;
  RegionId?: string;
  CreationTime?: string;
  LastModifiedTime?: string;
  Encrypted?: boolean;
  Category?: string;
  Tags?: TagSet;
}

export interface DescribeSnapshotsResponse extends Base, Paged, TokenPaged {
  Snapshots?: { Snapshot?: Snapshot[] };
}
