// Typed automatic snapshot policy actions (ecs-api-models.md; the API spells some
// parameters in lower camel case: regionId, timePoints, repeatWeekdays, retentionDays …).
// Convention: src/api/actions/README.md.

import type { ApiResponseBase as Base, Paged, TagParam, TagSet } from './common.js';

export interface SnapshotPolicyActions {
  CreateAutoSnapshotPolicy: { req: CreateAutoSnapshotPolicyRequest; res: Base & { AutoSnapshotPolicyId?: string } };
  DescribeAutoSnapshotPolicyEx: { req: DescribeAutoSnapshotPolicyExRequest; res: DescribeAutoSnapshotPolicyExResponse };
  ApplyAutoSnapshotPolicy: { req: { regionId: string; autoSnapshotPolicyId: string; /** JSON array string */ diskIds: string }; res: Base };
  CancelAutoSnapshotPolicy: { req: { regionId: string; autoSnapshotPolicyId?: string; /** JSON array string */ diskIds: string }; res: Base };
  ModifyAutoSnapshotPolicyEx: { req: ModifyAutoSnapshotPolicyExRequest; res: Base };
  /** The older name of ModifyAutoSnapshotPolicyEx (the simulator answers both). */
  ModifyAutoSnapshotPolicy: { req: ModifyAutoSnapshotPolicyExRequest; res: Base };
  DeleteAutoSnapshotPolicy: { req: { regionId: string; autoSnapshotPolicyId: string }; res: Base };
}

export interface CreateAutoSnapshotPolicyRequest {
  regionId: string;
  autoSnapshotPolicyName?: string;
  /** JSON array string of hours 0–23 (UTC+8), e.g. '["0","12"]'. */
  timePoints: string;
  /** JSON array string of weekdays 1–7 (Monday–Sunday, UTC+8). */
  repeatWeekdays: string;
  /** 1–65536, or -1 (permanent). */
  retentionDays: number;
  Tag?: TagParam[];
}

export interface ModifyAutoSnapshotPolicyExRequest {
  regionId: string;
  autoSnapshotPolicyId: string;
  autoSnapshotPolicyName?: string;
  timePoints?: string;
  repeatWeekdays?: string;
  retentionDays?: number;
}

export interface DescribeAutoSnapshotPolicyExRequest {
  RegionId: string;
  AutoSnapshotPolicyId?: string;
  AutoSnapshotPolicyName?: string;
  Tag?: TagParam[];
  PageNumber?: number;
  PageSize?: number;
}

export interface AutoSnapshotPolicy {
  AutoSnapshotPolicyId?: string;
  AutoSnapshotPolicyName?: string;
  RegionId?: string;
  TimePoints?: string;
  RepeatWeekdays?: string;
  RetentionDays?: number;
  DiskNums?: number;
  VolumeNums?: number;
  CreationTime?: string;
  Status?: string;
  Tags?: TagSet;
}

export interface DescribeAutoSnapshotPolicyExResponse extends Base, Paged {
  AutoSnapshotPolicies?: { AutoSnapshotPolicy?: AutoSnapshotPolicy[] };
}
