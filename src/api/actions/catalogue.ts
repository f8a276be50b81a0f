// Catalogue actions: regions, zones, instance types and families, available resources, VPCs — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions).

import type { ApiResponseBase } from './common.js';

export interface Region {
  LocalName?: string;
  RegionEndpoint?: string;
  RegionId?: string;
  Status?: string;
}

export interface DescribeRegionsRequest {
  AcceptLanguage?: string;
  InstanceChargeType?: string;
  ResourceType?: string;
}
export interface DescribeRegionsResponse extends ApiResponseBase {

  Regions?: { Region?: Region[] };
}

export interface Zone {
  AvailableDedicatedHostTypes?: {
    DedicatedHostType?: string[];
  };
  AvailableDiskCategories?: {
    DiskCategories?: string[];
  };
  AvailableInstanceTypes?: {
    InstanceTypes?: string[];
  };
  AvailableResourceCreation?: {
    ResourceTypes?: string[];
  };
  AvailableResources?: {
    ResourcesInfo?: {
      DataDiskCategories?: {
        supportedDataDiskCategory?: string[];
      };
      InstanceGenerations?: {
        supportedInstanceGeneration?: string[];
      };
      InstanceTypeFamilies?: {
        supportedInstanceTypeFamily?: string[];
      };
      InstanceTypes?: {
        supportedInstanceType?: string[];
      };
      IoOptimized?: boolean;
      NetworkTypes?: {
        supportedNetworkCategory?: string[];
      };
      SystemDiskCategories?: {
        supportedSystemDiskCategory?: string[];
      };
    }[];
  };
  AvailableVolumeCategories?: {
    VolumeCategories?: string[];
  };
  DedicatedHostGenerations?: {
    DedicatedHostGeneration?: string[];
  };
  LocalName?: string;
  ZoneId?: string;
  ZoneType?: string;
}

export interface DescribeZonesRequest {
  AcceptLanguage?: string;
  InstanceChargeType?: string;
  RegionId: string;
  SpotStrategy?: string;
  Verbose?: boolean;
}
export interface DescribeZonesResponse extends ApiResponseBase {

  Zones?: { Zone?: Zone[] };
}

export interface InstanceType {
  Attributes?: {
    Attribute?: {
      Name?: string;
      Value?: string;
    }[];
  };
  BaselineCredit?: number;
  Clock?: {
    PtpSupport?: string;
  };
  CpuArchitecture?: string;
  CpuCoreCount?: number;
  CpuOptions?: {
    Core?: number;
    CoreFactor?: number;
    HyperThreadingAdjustable?: boolean;
    NestedVirtualizationSupport?: string;
    SupportedTopologyTypes?: {
      SupportedTopologyType?: string[];
    };
    ThreadsPerCore?: number;
  };
  CpuSpeedFrequency?: number;
  CpuTurboFrequency?: number;
  DiskQuantity?: number;
  EnhancedNetwork?: {
    ExpressSupport?: boolean;
    RssSupport?: boolean;
    SriovSupport?: boolean;
    VfQueueNumberPerEni?: number;
  };
  EniIpv6AddressQuantity?: number;
  EniPrivateIpAddressQuantity?: number;
  EniQuantity?: number;
  EniTotalQuantity?: number;
  EniTrunkSupported?: boolean;
  EriQuantity?: number;
  GPUAmount?: number;
  GPUMemorySize?: number;
  GPUSpec?: string;
  InitialCredit?: number;
  InstanceBandwidthRx?: number;
  InstanceBandwidthTx?: number;
  InstanceCategory?: string;
  InstanceFamilyLevel?: string;
  InstancePpsRx?: number;
  InstancePpsTx?: number;
  InstanceTypeFamily?: string;
  InstanceTypeId?: string;
  JumboFrameSupport?: boolean;
  LocalStorageAmount?: number;
  LocalStorageCapacity?: number;
  LocalStorageCategory?: string;
  MaximumQueueNumberPerEni?: number;
  MemorySize?: number;
  NetworkCardQuantity?: number;
  NetworkCards?: {
    NetworkCardInfo?: {
      NetworkCardIndex?: number;
    }[];
  };
  NetworkEncryptionSupport?: boolean;
  NetworkInfo?: {
    BandwidthWeighting?: {
      WeightingInfos?: {
        WeightingInfo?: {
          EbsBandwidth?: number;
          EbsBurstBandwidth?: number;
          Name?: string;
          VpcBandwidth?: number;
          VpcBurstBandwidth?: number;
        }[];
      };
    };
  };
  NvmeSupport?: string;
  PhysicalProcessorModel?: string;
  PrimaryEniQueueNumber?: number;
  QueuePairNumber?: number;
  SecondaryEniQueueNumber?: number;
  SecurityOptions?: {
    SecureBootSupport?: string;
  };
  SupportedBootModes?: {
    SupportedBootMode?: string[];
  };
  TotalEniQueueQuantity?: number;
}

export interface DescribeInstanceTypesRequest {
  AdditionalAttributes?: string[];
  CpuArchitecture?: string;
  CpuArchitectures?: string[];
  GPUSpec?: string;
  GpuSpecs?: string[];
  InstanceCategories?: string[];
  InstanceCategory?: string;
  InstanceFamilyLevel?: string;
  InstanceTypeFamilies?: string[];
  InstanceTypeFamily?: string;
  InstanceTypes?: string[];
  LocalStorageCategories?: string[];
  LocalStorageCategory?: string;
  MaxResults?: number;
  MaximumCpuCoreCount?: number;
  MaximumCpuSpeedFrequency?: number;
  MaximumCpuTurboFrequency?: number;
  MaximumGPUAmount?: number;
  MaximumMemorySize?: number;
  MinimumBaselineCredit?: number;
  MinimumCpuCoreCount?: number;
  MinimumCpuSpeedFrequency?: number;
  MinimumCpuTurboFrequency?: number;
  MinimumDiskQuantity?: number;
  MinimumEniIpv6AddressQuantity?: number;
  MinimumEniPrivateIpAddressQuantity?: number;
  MinimumEniQuantity?: number;
  MinimumEriQuantity?: number;
  MinimumGPUAmount?: number;
  MinimumInitialCredit?: number;
  MinimumInstanceBandwidthRx?: number;
  MinimumInstanceBandwidthTx?: number;
  MinimumInstancePpsRx?: number;
  MinimumInstancePpsTx?: number;
  MinimumLocalStorageAmount?: number;
  MinimumLocalStorageCapacity?: number;
  MinimumMemorySize?: number;
  MinimumPrimaryEniQueueNumber?: number;
  MinimumQueuePairNumber?: number;
  MinimumSecondaryEniQueueNumber?: number;
  NextToken?: string;
  NvmeSupport?: string;
  PhysicalProcessorModel?: string;
  PhysicalProcessorModels?: string[];
}
export interface DescribeInstanceTypesResponse extends ApiResponseBase {
  NextToken?: string;
  InstanceTypes?: { InstanceType?: InstanceType[] };
}

export interface DescribeInstanceTypeFamiliesRequest {
  Generation?: string;
  RegionId: string;
}
export interface DescribeInstanceTypeFamiliesResponse extends ApiResponseBase {
  InstanceTypeFamilies?: {
    InstanceTypeFamily?: {
      Generation?: string;
      InstanceTypeFamilyId?: string;
    }[];
  };
}

export interface DescribeAvailableResourceRequest {
  Cores?: number;
  DataDiskCategory?: string;
  DedicatedHostId?: string;
  DestinationResource: string;
  InstanceChargeType?: string;
  InstanceType?: string;
  IoOptimized?: string;
  Memory?: number;
  NetworkCategory?: string;
  RegionId: string;
  ResourceType?: string;
  Scope?: string;
  SpotDuration?: number;
  SpotStrategy?: string;
  SystemDiskCategory?: string;
  ZoneId?: string;
}
export interface DescribeAvailableResourceResponse extends ApiResponseBase {
  AvailableZones?: {
    AvailableZone?: {
      AvailableResources?: {
        AvailableResource?: {
          SupportedResources?: {
            SupportedResource?: {
              Max?: number;
              Min?: number;
              Status?: string;
              StatusCategory?: string;
              Unit?: string;
              Value?: string;
            }[];
          };
          Type?: string;
        }[];
      };
      RegionId?: string;
      Status?: string;
      StatusCategory?: string;
      ZoneId?: string;
    }[];
  };
}

// DescribeVpcs / DescribeVSwitches belong to the VPC API; ECS 2014-05-26 still answers them
// and the simulator offers its default VPC through them. Not in ecs-api-models.md.
export interface Vpc {
  VpcId?: string;
  RegionId?: string;
  Status?: string;
  VpcName?: string;
  CidrBlock?: string;
  IsDefault?: boolean;
  CreationTime?: string;
  Description?: string;
  VSwitchIds?: { VSwitchId?: string[] };
}
export interface DescribeVpcsRequest {
  RegionId: string;
  VpcId?: string;
  VpcName?: string;
  IsDefault?: boolean;
  PageNumber?: number;
  PageSize?: number;
}
export interface DescribeVpcsResponse extends ApiResponseBase {
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  Vpcs?: { Vpc?: Vpc[] };
}
export interface VSwitch {
  VSwitchId?: string;
  VpcId?: string;
  Status?: string;
  CidrBlock?: string;
  ZoneId?: string;
  AvailableIpAddressCount?: number;
  IsDefault?: boolean;
  VSwitchName?: string;
  CreationTime?: string;
  Description?: string;
}
export interface DescribeVSwitchesRequest {
  RegionId: string;
  VpcId?: string;
  VSwitchId?: string;
  ZoneId?: string;
  IsDefault?: boolean;
  PageNumber?: number;
  PageSize?: number;
}
export interface DescribeVSwitchesResponse extends ApiResponseBase {
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  VSwitches?: { VSwitch?: VSwitch[] };
}

export interface CatalogueActions {
  DescribeRegions: { req: DescribeRegionsRequest; res: DescribeRegionsResponse };
  DescribeZones: { req: DescribeZonesRequest; res: DescribeZonesResponse };
  DescribeInstanceTypes: { req: DescribeInstanceTypesRequest; res: DescribeInstanceTypesResponse };
  DescribeInstanceTypeFamilies: { req: DescribeInstanceTypeFamiliesRequest; res: DescribeInstanceTypeFamiliesResponse };
  DescribeAvailableResource: { req: DescribeAvailableResourceRequest; res: DescribeAvailableResourceResponse };
  DescribeVpcs: { req: DescribeVpcsRequest; res: DescribeVpcsResponse };
  DescribeVSwitches: { req: DescribeVSwitchesRequest; res: DescribeVSwitchesResponse };
}
