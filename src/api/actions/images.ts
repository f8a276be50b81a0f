// Image actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions).

import type { ApiResponseBase } from './common.js';

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
}
