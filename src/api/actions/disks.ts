// Typed disk actions (ecs-api-models.md: CreateDisk … ModifyDiskAttribute, ReplaceSystemDisk).
// Convention: src/api/actions/README.md. Response fields are optional: the CLI copes with a
// partial answer.

import type { ApiResponseBase as Base, Paged, TagParam, TagSet, TokenPaged } from './common.js';

export interface DiskActions {
  CreateDisk: { req: CreateDiskRequest; res: Base & { DiskId?: string; OrderId?: string } };
  DescribeDisks: { req: DescribeDisksRequest; res: DescribeDisksResponse };
  AttachDisk: { req: AttachDiskRequest; res: Base };
  DetachDisk: { req: { DiskId: string; InstanceId: string; DeleteWithInstance?: boolean }; res: Base };
  ResizeDisk: { req: { DiskId: string; NewSize: number; Type?: 'offline' | 'online'; ClientToken?: string }; res: Base & { OrderId?: string } };
  ResetDisk: { req: { DiskId: string; SnapshotId: string; DryRun?: boolean }; res: Base };
  ReInitDisk: { req: { DiskId: string; Password?: string; KeyPairName?: string; AutoStartInstance?: boolean; SecurityEnhancementStrategy?: 'Active' | 'Deactive' }; res: Base };
  DeleteDisk: { req: { DiskId: string }; res: Base };
  ModifyDiskAttribute: { req: ModifyDiskAttributeRequest; res: Base };
  ReplaceSystemDisk: { req: ReplaceSystemDiskRequest; res: Base & { DiskId?: string } };
}

export interface CreateDiskRequest {
  RegionId: string;
  ZoneId?: string;
  DiskName?: string;
  Description?: string;
  DiskCategory?: string;
  Size?: number;
  SnapshotId?: string;
  PerformanceLevel?: 'PL0' | 'PL1' | 'PL2' | 'PL3';
  InstanceId?: string;
  Encrypted?: boolean;
  ClientToken?: string;
  Tag?: TagParam[];
}

export interface DescribeDisksRequest {
  RegionId: string;
  ZoneId?: string;
  /** JSON array string of disk IDs. */
  DiskIds?: string;
  InstanceId?: string;
  DiskType?: 'all' | 'system' | 'data';
  Category?: string;
  Status?: 'In_use' | 'Available' | 'Attaching' | 'Detaching' | 'Creating' | 'ReIniting' | 'All';
  SnapshotId?: string;
  DiskName?: string;
  AutoSnapshotPolicyId?: string;
  DiskChargeType?: 'PrePaid' | 'PostPaid';
  Portable?: boolean;
  Tag?: TagParam[];
  Filter?: { Key?: string; Value?: string }[];
  AdditionalAttributes?: string[];
  DeleteAutoSnapshot?: boolean;
  DeleteWithInstance?: boolean;
  EnableAutoSnapshot?: boolean;
  EnableAutomatedSnapshotPolicy?: boolean;
  EnableShared?: boolean;
  Encrypted?: boolean;
  KMSKeyId?: string;
  LockReason?: string;
  MultiAttach?: string;
  ResourceGroupId?: string;
  PageNumber?: number;
  PageSize?: number;
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

export interface Disk {
  Tags?: TagSet;
  DiskId?: string;
  DiskName?: string;
  Description?: string;
  RegionId?: string;
  ZoneId?: string;
  Category?: string;
  PerformanceLevel?: string;
  Size?: number;
  Type?: 'system' | 'data';
  Status?: string;
  InstanceId?: string;
  Device?: string;
  DeleteWithInstance?: boolean;
  DeleteAutoSnapshot?: boolean;
  EnableAutoSnapshot?: boolean;
  EnableAutomatedSnapshotPolicy?: boolean;
  AutoSnapshotPolicyId?: string;
  Encrypted?: boolean;
  Portable?: boolean;
  ImageId?: string;
  SourceSnapshotId?: string;
  DiskChargeType?: string;
  ExpiredTime?: string;
  CreationTime?: string;
  AttachedTime?: string;
  DetachedTime?: string;
  MultiAttach?: string;
  Attachments?: { Attachment?: { InstanceId?: string; Device?: string; AttachedTime?: string }[] };
  OperationLocks?: { OperationLock?: { LockReason?: string }[] };
  MountInstanceNum?: number;
  MountInstances?: { MountInstance?: { AttachedTime?: string; Device?: string; InstanceId?: string }[] };
  BdfId?: string;
  BurstingEnabled?: boolean;
  DataSource?: { Id?: string; Type?: string };
  IOPS?: number;
  IOPSRead?: number;
  IOPSWrite?: number;
  KMSKeyId?: string;
  Placement?: { ZoneIds?: string };
  ProductCode?: string;
  ProvisionedIops?: number;
  ResourceGroupId?: string;
  SerialNumber?: string;
  SourceDiskId?: string;
  StorageClusterId?: string;
  StorageSetId?: string;
  StorageSetPartitionNumber?: number;
  Throughput?: number;
  ThroughputRead?: number;
  ThroughputWrite?: number;
}

export interface DescribeDisksResponse extends Base, Paged, TokenPaged {
  Disks?: { Disk?: Disk[] };
}

export interface AttachDiskRequest {
  DiskId: string;
  InstanceId: string;
  Device?: string;
  DeleteWithInstance?: boolean;
  Bootable?: boolean;
  Password?: string;
  KeyPairName?: string;
  Force?: boolean;
}

export interface ModifyDiskAttributeRequest {
  RegionId?: string;
  DiskId?: string;
  DiskIds?: string[];
  DiskName?: string;
  Description?: string;
  DeleteWithInstance?: boolean;
  DeleteAutoSnapshot?: boolean;
  EnableAutoSnapshot?: boolean;
}

export interface ReplaceSystemDiskRequest {
  InstanceId: string;
  ImageId: string;
  Password?: string;
  PasswordInherit?: boolean;
  KeyPairName?: string;
  SystemDisk?: { Size?: number };
  ClientToken?: string;
}
