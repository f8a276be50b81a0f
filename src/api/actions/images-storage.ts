// Typed custom-image actions (ecs-api-models.md: CreateImage, CopyImage, CancelCopyImage,
// Modify/DescribeImageSharePermission, ImportImage, ExportImage, ModifyImageAttribute,
// DeleteImage) and the image tasks (DescribeTasks, DescribeTaskAttribute, CancelTask).
// Merge into images.ts (helper "layer" owns DescribeImages there) when both exist.

interface Base {
  RequestId?: string;
}
interface TagParam {
  Key: string;
  Value?: string;
}

export interface ImageStorageActions {
  CreateImage: { req: CreateImageRequest; res: Base & { ImageId?: string } };
  CopyImage: { req: CopyImageRequest; res: Base & { ImageId?: string } };
  CancelCopyImage: { req: { RegionId: string; ImageId: string }; res: Base };
  ModifyImageSharePermission: { req: { RegionId: string; ImageId: string; AddAccount?: string[]; RemoveAccount?: string[]; DryRun?: boolean }; res: Base };
  DescribeImageSharePermission: { req: { RegionId: string; ImageId: string; PageNumber?: number; PageSize?: number }; res: DescribeImageSharePermissionResponse };
  ImportImage: { req: ImportImageRequest; res: Base & { ImageId?: string; RegionId?: string; TaskId?: string } };
  ExportImage: { req: ExportImageRequest; res: Base & { RegionId?: string; TaskId?: string } };
  ModifyImageAttribute: { req: { RegionId: string; ImageId: string; ImageName?: string; Description?: string }; res: Base };
  DeleteImage: { req: { RegionId: string; ImageId: string; Force?: boolean; DryRun?: boolean }; res: Base };
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

export interface DescribeImageSharePermissionResponse extends Base {
  ImageId?: string;
  RegionId?: string;
  Accounts?: { Account?: { AliyunId?: string; SharedTime?: string }[] };
  ShareGroups?: { ShareGroup?: { Group?: string }[] };
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
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

export interface DescribeTasksResponse extends Base {
  TaskSet?: { Task?: Task[] };
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
  RegionId?: string;
}
