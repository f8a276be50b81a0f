// Disk actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions). Only what the project calls today;
// the helper that builds this resource adds the rest here.

import type { ApiResponseBase } from './common.js';

export interface Disk {
  AttachedTime?: string;
  Attachments?: {
    Attachment?: {
      AttachedTime?: string;
      Device?: string;
      InstanceId?: string;
    }[];
  };
  AutoSnapshotPolicyId?: string;
  BdfId?: string;
  BurstingEnabled?: boolean;
  Category?: string;
  CreationTime?: string;
  DataSource?: {
    Id?: string;
    Type?: string;
  };
  DeleteAutoSnapshot?: boolean;
  DeleteWithInstance?: boolean;
  Description?: string;
  DetachedTime?: string;
  Device?: string;
  DiskChargeType?: string;
  DiskId?: string;
  DiskName?: string;
  EnableAutoSnapshot?: boolean;
  EnableAutomatedSnapshotPolicy?: boolean;
  Encrypted?: boolean;
  ExpiredTime?: string;
  IOPS?: number;
  IOPSRead?: number;
  IOPSWrite?: number;
  ImageId?: string;
  InstanceId?: string;
  KMSKeyId?: string;
  MountInstanceNum?: number;
  MountInstances?: {
    MountInstance?: {
      AttachedTime?: string;
      Device?: string;
      InstanceId?: string;
    }[];
  };
  MultiAttach?: string;
  OperationLocks?: {
    OperationLock?: {
      LockReason?: string;
    }[];
  };
  PerformanceLevel?: string;
  Placement?: {
    ZoneIds?: string;
  };
  Portable?: boolean;
  ProductCode?: string;
  ProvisionedIops?: number;
  RegionId?: string;
  ResourceGroupId?: string;
  SerialNumber?: string;
  Size?: number;
  SourceDiskId?: string;
  SourceSnapshotId?: string;
  Status?: string;
  StorageClusterId?: string;
  StorageSetId?: string;
  StorageSetPartitionNumber?: number;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
  Throughput?: number;
  ThroughputRead?: number;
  ThroughputWrite?: number;
  Type?: string;
  ZoneId?: string;
}

export interface DescribeDisksRequest {
  Filter?: {
    Key?: string;
    Value?: string;
  }[];
  AdditionalAttributes?: string[];
  AutoSnapshotPolicyId?: string;
  Category?: string;
  DeleteAutoSnapshot?: boolean;
  DeleteWithInstance?: boolean;
  DiskChargeType?: string;
  DiskIds?: string;
  DiskName?: string;
  DiskType?: string;
  DryRun?: boolean;
  EnableAutoSnapshot?: boolean;
  EnableAutomatedSnapshotPolicy?: boolean;
  EnableShared?: boolean;
  Encrypted?: boolean;
  InstanceId?: string;
  KMSKeyId?: string;
  LockReason?: string;
  MaxResults?: number;
  MultiAttach?: string;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  Portable?: boolean;
  RegionId: string;
  ResourceGroupId?: string;
  SnapshotId?: string;
  Status?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  ZoneId?: string;
}
export interface DescribeDisksResponse extends ApiResponseBase {
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  Disks?: { Disk?: Disk[] };
}


export interface DiskActions {
  DescribeDisks: { req: DescribeDisksRequest; res: DescribeDisksResponse };
}
