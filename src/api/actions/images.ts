// Image actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions).

import type { ApiResponseBase, ApiResponseBase as Base, Paged, TagParam } from './common.js';

export interface Image {
  Architecture?: string;
  BootMode?: string;
  CreationTime?: string;
  Description?: string;
  DetectionOptions?: {
    Items?: {
      Item?: {
        Name?: string;
        RiskCode?: string;
        RiskLevel?: string;
        Value?: string;
      }[];
    };
    Status?: string;
  };
  DiskDeviceMappings?: {
    DiskDeviceMapping?: {
      Device?: string;
      Encrypted?: boolean;
      Format?: string;
      ImportOSSBucket?: string;
      ImportOSSObject?: string;
      Progress?: string;
      RemainTime?: number;
      Size?: string;
      SnapshotId?: string;
      Type?: string;
    }[];
  };
  Features?: {
    CpuOnlineDowngrade?: string;
    CpuOnlineUpgrade?: string;
    ImdsSupport?: string;
    MemoryOnlineDowngrade?: string;
    MemoryOnlineUpgrade?: string;
    NvmeSupport?: string;
  };
  ImageFamily?: string;
  ImageId?: string;
  ImageName?: string;
  ImageOwnerAlias?: string;
  ImageOwnerId?: number;
  ImageVersion?: string;
  IsCopied?: boolean;
  IsPublic?: boolean;
  IsSelfShared?: string;
  IsSubscribed?: boolean;
  IsSupportCloudinit?: boolean;
  IsSupportIoOptimized?: boolean;
  LicenseType?: string;
  LoginAsNonRootSupported?: boolean;
  OSName?: string;
  OSNameEn?: string;
  OSType?: string;
  Platform?: string;
  ProductCode?: string;
  Progress?: string;
  ResourceGroupId?: string;
  SecureBootOptions?: {
    SecureBootSupport?: string;
  };
  Size?: number;
  Status?: string;
  SupplierName?: string;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
  Usable?: boolean;
  Usage?: string;
}

export interface DescribeImagesRequest {
  ActionType?: string;
  Architecture?: string;
  DryRun?: boolean;
  Filter?: {
    Key?: string;
    Value?: string;
  }[];
  ImageFamily?: string;
  ImageId?: string;
  ImageName?: string;
  ImageOwnerAlias?: string;
  ImageOwnerId?: number;
  InstanceType?: string;
  IsPublic?: boolean;
  IsSupportCloudinit?: boolean;
  IsSupportIoOptimized?: boolean;
  OSType?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  ResourceGroupId?: string;
  ShowExpired?: boolean;
  SnapshotId?: string;
  Status?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  Usable?: boolean;
  Usage?: string;
}
export interface DescribeImagesResponse extends ApiResponseBase {
  PageNumber?: number;
  PageSize?: number;
  RegionId?: string;
  TotalCount?: number;
  Images?: { Image?: Image[] };
}


export interface ImageActions {
  DescribeImages: { req: DescribeImagesRequest; res: DescribeImagesResponse };
  CreateImage: { req: CreateImageRequest; res: Base & { ImageId?: string } };
  CopyImage: { req: CopyImageRequest; res: Base & { ImageId?: string } };
  CancelCopyImage: { req: { RegionId: string; ImageId: string }; res: Base };
  ModifyImageSharePermission: { req: { RegionId: string; ImageId: string; AddAccount?: string[]; RemoveAccount?: string[]; DryRun?: boolean }; res: Base };
  DescribeImageSharePermission: { req: { RegionId: string; ImageId: string; PageNumber?: number; PageSize?: number }; res: DescribeImageSharePermissionResponse };
  ImportImage: { req: ImportImageRequest; res: Base & { ImageId?: string; RegionId?: string; TaskId?: string } };
  ExportImage: { req: ExportImageRequest; res: Base & { RegionId?: string; TaskId?: string } };
  ModifyImageAttribute: { req: { RegionId: string; ImageId: string; ImageName?: string; Description?: string }; res: Base };
  DeleteImage: { req: { RegionId: string; ImageId: string; Force?: boolean; DryRun?: boolean }; res: Base };
  // The image tasks (import, export).
  DescribeTasks: { req: { RegionId: string; TaskIds?: string; TaskAction?: string; TaskStatus?: string; PageNumber?: number; PageSize?: number }; res: DescribeTasksResponse };
  DescribeTaskAttribute: { req: { RegionId: string; TaskId: string }; res: Base & Task & { RegionId?: string } };
  CancelTask: { req: { RegionId: string; TaskId: string }; res: Base };
}

export interface DiskDeviceMappingParam {
  SnapshotId?: string;
  Device?: string;
  Size?: number;
  DiskType?: 'system' | 'data';
}

export interface CreateImageRequest {
  RegionId: string;
  InstanceId?: string;
  SnapshotId?: string;
  DiskDeviceMapping?: DiskDeviceMappingParam[];
  ImageName?: string;
  Description?: string;
  Platform?: string;
  Architecture?: 'i386' | 'x86_64' | 'arm64';
  ImageFamily?: string;
  ImageVersion?: string;
  ClientToken?: string;
  Tag?: TagParam[];
  DryRun?: boolean;
}

export interface CopyImageRequest {
  RegionId: string;
  ImageId: string;
  DestinationRegionId: string;
  DestinationImageName?: string;
  DestinationDescription?: string;
  Tag?: TagParam[];
  DryRun?: boolean;
}

export interface ImportImageRequest {
  RegionId: string;
  ImageName?: string;
  Description?: string;
  OSType?: 'linux' | 'windows';
  Platform?: string;
  Architecture?: 'i386' | 'x86_64' | 'arm64';
  BootMode?: 'BIOS' | 'UEFI';
  DiskDeviceMapping: { OSSBucket: string; OSSObject: string; Format?: 'RAW' | 'VHD'; DiskImageSize?: number; Device?: string }[];
  DryRun?: boolean;
}

export interface ExportImageRequest {
  RegionId: string;
  ImageId: string;
  OSSBucket: string;
  OSSPrefix?: string;
  ImageFormat?: 'raw' | 'vhd' | 'qcow2' | 'vmdk' | 'vdi';
  DryRun?: boolean;
}

export interface DescribeImageSharePermissionResponse extends Base, Paged {
  ImageId?: string;
  RegionId?: string;
  Accounts?: { Account?: { AliyunId?: string; SharedTime?: string }[] };
  ShareGroups?: { ShareGroup?: { Group?: string }[] };
}

export interface Task {
  TaskId?: string;
  TaskAction?: string;
  TaskStatus?: string;
  TaskProcess?: string;
  SupportCancel?: string;
  CreationTime?: string;
  FinishedTime?: string;
  ResourceId?: string;
}

export interface DescribeTasksResponse extends Base, Paged {
  TaskSet?: { Task?: Task[] };
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
  RegionId?: string;
}
