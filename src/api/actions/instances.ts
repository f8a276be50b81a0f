// Instance actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions).

import type { ApiResponseBase } from './common.js';

export interface RunInstancesRequest {
  CpuOptions?: {
    Core?: number;
    Numa?: string;
    ThreadsPerCore?: number;
    TopologyType?: string;
    NestedVirtualization?: string;
  };
  HibernationOptions?: {
    Configured?: boolean;
  };
  PrivatePoolOptions?: {
    Id?: string;
    MatchCriteria?: string;
  };
  SchedulerOptions?: {
    DedicatedHostClusterId?: string;
  };
  SecurityOptions?: {
    ConfidentialComputingMode?: string;
    TrustedSystemMode?: string;
    EnableSecureBoot?: boolean;
  };
  SystemDisk?: {
    AutoSnapshotPolicyId?: string;
    Category?: string;
    Description?: string;
    DiskName?: string;
    PerformanceLevel?: string;
    Size?: number;
    BurstingEnabled?: boolean;
    EncryptAlgorithm?: string;
    Encrypted?: string;
    KMSKeyId?: string;
    ProvisionedIops?: number;
    StorageClusterId?: string;
  };
  Affinity?: string;
  Amount?: number;
  Arn?: {
    AssumeRoleFor?: number;
    RoleType?: string;
    Rolearn?: string;
  }[];
  AutoPay?: boolean;
  AutoReleaseTime?: string;
  AutoRenew?: boolean;
  AutoRenewPeriod?: number;
  ClientToken?: string;
  ClockOptions?: {
    PtpStatus?: string;
  };
  CreditSpecification?: string;
  DataDisk?: {
    AutoSnapshotPolicyId?: string;
    BurstingEnabled?: boolean;
    Category?: string;
    DeleteWithInstance?: boolean;
    Description?: string;
    Device?: string;
    DiskName?: string;
    EncryptAlgorithm?: string;
    Encrypted?: string;
    KMSKeyId?: string;
    PerformanceLevel?: string;
    ProvisionedIops?: number;
    Size?: number;
    SnapshotId?: string;
    StorageClusterId?: string;
  }[];
  DedicatedHostId?: string;
  DeletionProtection?: boolean;
  DeploymentSetGroupNo?: number;
  DeploymentSetId?: string;
  Description?: string;
  DryRun?: boolean;
  HostName?: string;
  HostNames?: string[];
  HpcClusterId?: string;
  HttpEndpoint?: string;
  HttpPutResponseHopLimit?: number;
  HttpTokens?: string;
  ImageFamily?: string;
  ImageId?: string;
  ImageOptions?: {
    LoginAsNonRoot?: boolean;
  };
  InstanceChargeType?: string;
  InstanceName?: string;
  InstanceType?: string;
  InternetChargeType?: string;
  InternetMaxBandwidthIn?: number;
  InternetMaxBandwidthOut?: number;
  IoOptimized?: string;
  Ipv6Address?: string[];
  Ipv6AddressCount?: number;
  Isp?: string;
  KeyPairName?: string;
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  LaunchTemplateVersion?: number;
  ManagedHostId?: string;
  MinAmount?: number;
  NetworkInterface?: {
    DeleteOnRelease?: boolean;
    Description?: string;
    InstanceType?: string;
    Ipv6Address?: string[];
    Ipv6AddressCount?: number;
    NetworkCardIndex?: number;
    NetworkInterfaceId?: string;
    NetworkInterfaceName?: string;
    NetworkInterfaceTrafficMode?: string;
    PrimaryIpAddress?: string;
    QueueNumber?: number;
    QueuePairNumber?: number;
    RxQueueSize?: number;
    SecondaryPrivateIpAddressCount?: number;
    SecurityGroupId?: string;
    SecurityGroupIds?: string[];
    SourceDestCheck?: boolean;
    TxQueueSize?: number;
    VSwitchId?: string;
  }[];
  NetworkInterfaceQueueNumber?: number;
  NetworkOptions?: {
    BandwidthWeighting?: string;
    EnableJumboFrame?: boolean;
    EnableNetworkEncryption?: boolean;
  };
  Password?: string;
  PasswordInherit?: boolean;
  Period?: number;
  PeriodUnit?: string;
  PrivateDnsNameOptions?: {
    EnableInstanceIdDnsAAAARecord?: boolean;
    EnableInstanceIdDnsARecord?: boolean;
    EnableIpDnsARecord?: boolean;
    EnableIpDnsPtrRecord?: boolean;
    HostnameType?: string;
  };
  PrivateIpAddress?: string;
  RamRoleName?: string;
  RegionId: string;
  ResourceGroupId?: string;
  SecurityEnhancementStrategy?: string;
  SecurityGroupId?: string;
  SecurityGroupIds?: string[];
  SpotDuration?: number;
  SpotInterruptionBehavior?: string;
  SpotPriceLimit?: number;
  SpotStrategy?: string;
  StorageSetId?: string;
  StorageSetPartitionNumber?: number;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  Tenancy?: string;
  UniqueSuffix?: boolean;
  UserData?: string;
  VSwitchId?: string;
  ZoneId?: string;
}
export interface RunInstancesResponse extends ApiResponseBase {
  InstanceIdSets?: {
    InstanceIdSet?: string[];
  };
  OrderId?: string;
  TradePrice?: number;
}

export interface CreateInstanceRequest {
  HibernationOptions?: {
    Configured?: boolean;
  };
  PrivatePoolOptions?: {
    Id?: string;
    MatchCriteria?: string;
  };
  SystemDisk?: {
    Category?: string;
    Description?: string;
    DiskName?: string;
    PerformanceLevel?: string;
    Size?: number;
    StorageClusterId?: string;
  };
  Affinity?: string;
  Arn?: {
    AssumeRoleFor?: number;
    RoleType?: string;
    Rolearn?: string;
  }[];
  AutoRenew?: boolean;
  AutoRenewPeriod?: number;
  ClientToken?: string;
  ClusterId?: string;
  CreditSpecification?: string;
  DataDisk?: {
    Category?: string;
    DeleteWithInstance?: boolean;
    Description?: string;
    Device?: string;
    DiskName?: string;
    EncryptAlgorithm?: string;
    Encrypted?: boolean;
    KMSKeyId?: string;
    PerformanceLevel?: string;
    Size?: number;
    SnapshotId?: string;
    StorageClusterId?: string;
  }[];
  DedicatedHostId?: string;
  DeletionProtection?: boolean;
  DeploymentSetGroupNo?: number;
  DeploymentSetId?: string;
  Description?: string;
  DryRun?: boolean;
  HostName?: string;
  HpcClusterId?: string;
  HttpEndpoint?: string;
  HttpPutResponseHopLimit?: number;
  HttpTokens?: string;
  ImageFamily?: string;
  ImageId?: string;
  InnerIpAddress?: string;
  InstanceChargeType?: string;
  InstanceName?: string;
  InstanceType: string;
  InternetChargeType?: string;
  InternetMaxBandwidthIn?: number;
  InternetMaxBandwidthOut?: number;
  IoOptimized?: string;
  KeyPairName?: string;
  ManagedHostId?: string;
  NodeControllerId?: string;
  Password?: string;
  PasswordInherit?: boolean;
  Period?: number;
  PeriodUnit?: string;
  PrivateIpAddress?: string;
  RamRoleName?: string;
  RegionId: string;
  ResourceGroupId?: string;
  SecurityEnhancementStrategy?: string;
  SecurityGroupId?: string;
  SpotDuration?: number;
  SpotInterruptionBehavior?: string;
  SpotPriceLimit?: number;
  SpotStrategy?: string;
  StorageSetId?: string;
  StorageSetPartitionNumber?: number;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  Tenancy?: string;
  UseAdditionalService?: boolean;
  UserData?: string;
  VSwitchId?: string;
  VlanId?: string;
  ZoneId?: string;
}
export interface CreateInstanceResponse extends ApiResponseBase {
  InstanceId?: string;
  OrderId?: string;
  TradePrice?: number;
}

export interface Instance {
  /** Simulator only (absent on the real API): the login user and the changes waiting for a reboot through the API. */
  SimulatorExtensions?: { LoginUser?: string; PendingChanges?: string[] };
  AdditionalInfo?: {
    EnableHighDensityMode?: boolean;
    ManagedHostId?: string;
    NodeSerialNumber?: string;
  };
  AutoReleaseTime?: string;
  ClockOptions?: {
    PtpStatus?: string;
  };
  ClusterId?: string;
  Cpu?: number;
  CpuOptions?: {
    CoreCount?: number;
    EnableVISST?: boolean;
    EnableVRDT?: boolean;
    NestedVirtualization?: string;
    Numa?: string;
    ThreadsPerCore?: number;
    TopologyType?: string;
    TurboMode?: string;
  };
  CreationTime?: string;
  CreditSpecification?: string;
  DedicatedHostAttribute?: {
    DedicatedHostClusterId?: string;
    DedicatedHostId?: string;
    DedicatedHostName?: string;
  };
  DedicatedInstanceAttribute?: {
    Affinity?: string;
    Tenancy?: string;
  };
  DeletionProtection?: boolean;
  DeploymentSetGroupNo?: number;
  DeploymentSetId?: string;
  Description?: string;
  DeviceAvailable?: boolean;
  EcsCapacityReservationAttr?: {
    CapacityReservationId?: string;
    CapacityReservationPreference?: string;
  };
  EipAddress?: {
    AllocationId?: string;
    Bandwidth?: number;
    InternetChargeType?: string;
    IpAddress?: string;
    IsSupportUnassociate?: boolean;
  };
  EnableNVS?: boolean;
  ExpiredTime?: string;
  GPUAmount?: number;
  GPUSpec?: string;
  HibernationOptions?: {
    Configured?: boolean;
  };
  HostName?: string;
  HpcClusterId?: string;
  ISP?: string;
  ImageId?: string;
  ImageOptions?: {
    CurrentOSNVMeSupported?: boolean;
    LoginAsNonRoot?: boolean;
  };
  InnerIpAddress?: {
    IpAddress?: string[];
  };
  InstanceChargeType?: string;
  InstanceId?: string;
  InstanceName?: string;
  InstanceNetworkType?: string;
  InstanceType?: string;
  InstanceTypeFamily?: string;
  InternetChargeType?: string;
  InternetMaxBandwidthIn?: number;
  InternetMaxBandwidthOut?: number;
  IoOptimized?: boolean;
  KeyPairName?: string;
  LocalStorageAmount?: number;
  LocalStorageCapacity?: number;
  Memory?: number;
  MetadataOptions?: {
    HttpEndpoint?: string;
    HttpPutResponseHopLimit?: number;
    HttpTokens?: string;
    InstanceMetadataTags?: string;
  };
  NetworkInterfaces?: {
    NetworkInterface?: {
      Ipv4PrefixSets?: {
        Ipv4PrefixSet?: {
          Ipv4Prefix?: string;
        }[];
      };
      Ipv6PrefixSets?: {
        Ipv6PrefixSet?: {
          Ipv6Prefix?: string;
        }[];
      };
      Ipv6Sets?: {
        Ipv6Set?: {
          Ipv6Address?: string;
          Primary?: boolean;
        }[];
      };
      MacAddress?: string;
      NetworkInterfaceId?: string;
      PrimaryIpAddress?: string;
      PrivateIpSets?: {
        PrivateIpSet?: {
          Primary?: boolean;
          PrivateDnsName?: string;
          PrivateIpAddress?: string;
        }[];
      };
      Type?: string;
    }[];
  };
  OSName?: string;
  OSNameEn?: string;
  OSType?: string;
  OperationLocks?: {
    LockReason?: {
      LockMsg?: string;
      LockReason?: string;
    }[];
  };
  PrivateDnsNameOptions?: {
    EnableInstanceIdDnsAAAARecord?: boolean;
    EnableInstanceIdDnsARecord?: boolean;
    EnableIpDnsARecord?: boolean;
    EnableIpDnsPtrRecord?: boolean;
    HostnameType?: string;
  };
  PublicIpAddress?: {
    IpAddress?: string[];
  };
  RdmaIpAddress?: {
    IpAddress?: string[];
  };
  Recyclable?: boolean;
  RegionId?: string;
  ResourceGroupId?: string;
  SaleCycle?: string;
  SecurityGroupIds?: {
    SecurityGroupId?: string[];
  };
  SecurityOptions?: {
    EnableSecureBoot?: boolean;
  };
  SerialNumber?: string;
  SpotDuration?: number;
  SpotInterruptionBehavior?: string;
  SpotPriceLimit?: number;
  SpotStrategy?: string;
  StartTime?: string;
  Status?: string;
  StoppedMode?: string;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
  VlanId?: string;
  VpcAttributes?: {
    NatIpAddress?: string;
    PrivateIpAddress?: {
      IpAddress?: string[];
    };
    VSwitchId?: string;
    VpcId?: string;
  };
  ZoneId?: string;
}

export interface DescribeInstancesRequest {
  Filter?: {
    Key?: string;
    Value?: string;
  }[];
  AdditionalAttributes?: string[];
  DeviceAvailable?: boolean;
  DryRun?: boolean;
  EipAddresses?: string;
  HpcClusterId?: string;
  HttpEndpoint?: string;
  HttpPutResponseHopLimit?: number;
  HttpTokens?: string;
  ImageId?: string;
  InnerIpAddresses?: string;
  InstanceChargeType?: string;
  InstanceIds?: string;
  InstanceName?: string;
  InstanceNetworkType?: string;
  InstanceType?: string;
  InstanceTypeFamily?: string;
  InternetChargeType?: string;
  IoOptimized?: boolean;
  Ipv6Address?: string[];
  KeyPairName?: string;
  LockReason?: string;
  MaxResults?: number;
  NeedSaleCycle?: boolean;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  PrivateIpAddresses?: string;
  PublicIpAddresses?: string;
  RdmaIpAddresses?: string;
  RegionId: string;
  ResourceGroupId?: string;
  SecurityGroupId?: string;
  Status?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  VSwitchId?: string;
  VpcId?: string;
  ZoneId?: string;
}
export interface DescribeInstancesResponse extends ApiResponseBase {
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  Instances?: { Instance?: Instance[] };
}

export interface DescribeInstanceStatusRequest {
  ClusterId?: string;
  InstanceId?: string[];
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  ZoneId?: string;
}
export interface DescribeInstanceStatusResponse extends ApiResponseBase {
  InstanceStatuses?: {
    InstanceStatus?: {
      InstanceId?: string;
      Status?: string;
    }[];
  };
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}

export interface StartInstanceRequest {
  DryRun?: boolean;
  InitLocalDisk?: boolean;
  InstanceId: string;
}
export interface StartInstanceResponse extends ApiResponseBase {

}

export interface StartInstancesRequest {
  BatchOptimization?: string;
  DryRun?: boolean;
  InstanceId: string[];
  RegionId: string;
}
export interface StartInstancesResponse extends ApiResponseBase {
  InstanceResponses?: {
    InstanceResponse?: {
      Code?: string;
      CurrentStatus?: string;
      InstanceId?: string;
      Message?: string;
      PreviousStatus?: string;
    }[];
  };
}

export interface StopInstanceRequest {
  ConfirmStop?: boolean;
  DryRun?: boolean;
  ForceStop?: boolean;
  Hibernate?: boolean;
  InstanceId: string;
  StoppedMode?: string;
}
export interface StopInstanceResponse extends ApiResponseBase {

}

export interface StopInstancesRequest {
  BatchOptimization?: string;
  DryRun?: boolean;
  ForceStop?: boolean;
  InstanceId: string[];
  RegionId: string;
  StoppedMode?: string;
}
export interface StopInstancesResponse extends ApiResponseBase {
  InstanceResponses?: {
    InstanceResponse?: {
      Code?: string;
      CurrentStatus?: string;
      InstanceId?: string;
      Message?: string;
      PreviousStatus?: string;
    }[];
  };
}

export interface RebootInstanceRequest {
  DryRun?: boolean;
  ForceStop?: boolean;
  InstanceId: string;
}
export interface RebootInstanceResponse extends ApiResponseBase {

}

export interface RebootInstancesRequest {
  BatchOptimization?: string;
  DryRun?: boolean;
  ForceReboot?: boolean;
  InstanceId: string[];
  RegionId: string;
}
export interface RebootInstancesResponse extends ApiResponseBase {
  InstanceResponses?: {
    InstanceResponse?: {
      Code?: string;
      CurrentStatus?: string;
      InstanceId?: string;
      Message?: string;
      PreviousStatus?: string;
    }[];
  };
}

export interface DeleteInstanceRequest {
  DryRun?: boolean;
  Force?: boolean;
  ForceStop?: boolean;
  InstanceId: string;
  TerminateSubscription?: boolean;
}
export interface DeleteInstanceResponse extends ApiResponseBase {

}

export interface DeleteInstancesRequest {
  ClientToken?: string;
  DryRun?: boolean;
  Force?: boolean;
  ForceStop?: boolean;
  InstanceId: string[];
  RegionId: string;
  TerminateSubscription?: boolean;
}
export interface DeleteInstancesResponse extends ApiResponseBase {

}

export interface ModifyInstanceAttributeRequest {
  CpuOptions?: {
    Core?: number;
    ThreadsPerCore?: number;
    TopologyType?: string;
    NestedVirtualization?: string;
  };
  CreditSpecification?: string;
  DeletionProtection?: boolean;
  Description?: string;
  EnableJumboFrame?: boolean;
  EnableNetworkEncryption?: boolean;
  HostName?: string;
  InstanceId: string;
  InstanceName?: string;
  NetworkInterfaceQueueNumber?: number;
  Password?: string;
  PrivateDnsNameOptions?: {
    EnableInstanceIdDnsAAAARecord?: boolean;
    EnableInstanceIdDnsARecord?: boolean;
    EnableIpDnsARecord?: boolean;
    EnableIpDnsPtrRecord?: boolean;
    HostnameType?: string;
  };
  Recyclable?: boolean;
  RemoteConnectionOptions?: {
    Password?: string;
    Type?: string;
  };
  SecurityGroupIds?: string[];
  UserData?: string;
}
export interface ModifyInstanceAttributeResponse extends ApiResponseBase {

}

export interface ModifyInstanceAutoReleaseTimeRequest {
  AutoReleaseTime?: string;
  InstanceId: string;
  RegionId?: string;
}
export interface ModifyInstanceAutoReleaseTimeResponse extends ApiResponseBase {

}

export interface ModifyInstanceVncPasswdRequest {
  InstanceId: string;
  RegionId: string;
  VncPassword: string;
}
export interface ModifyInstanceVncPasswdResponse extends ApiResponseBase {

}

export interface DescribeInstanceVncUrlRequest {
  InstanceId: string;
  RegionId: string;
}
export interface DescribeInstanceVncUrlResponse extends ApiResponseBase {
  VncUrl?: string;
}

export interface RenewInstanceRequest {
  ClientToken?: string;
  ExpectedRenewDay?: number;
  InstanceId: string;
  Period?: number;
  PeriodUnit?: string;
}
export interface RenewInstanceResponse extends ApiResponseBase {
  OrderId?: string;
}

// Not in ecs-api-models.md (the SDK extract has 82 actions); written from the ECS API
// reference for ModifyInstanceAutoRenewAttribute / DescribeInstanceAutoRenewAttribute.
export interface ModifyInstanceAutoRenewAttributeRequest {
  /** One ID, or up to 100 separated by commas. */
  InstanceId: string;
  RegionId: string;
  AutoRenew?: boolean;
  /** Renewal period per auto-renewal, in PeriodUnit. */
  Duration?: number;
  PeriodUnit?: string;
  /** AutoRenewal | Normal | NotRenewal */
  RenewalStatus?: string;
}
export interface InstanceRenewAttribute {
  InstanceId?: string;
  AutoRenewEnabled?: boolean;
  Duration?: number;
  PeriodUnit?: string;
  RenewalStatus?: string;
}
export interface DescribeInstanceAutoRenewAttributeRequest {
  /** One ID, or up to 100 separated by commas. */
  InstanceId?: string;
  RegionId: string;
  PageNumber?: number;
  PageSize?: number;
  RenewalStatus?: string;
}
export interface DescribeInstanceAutoRenewAttributeResponse extends ApiResponseBase {
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  InstanceRenewAttributes?: { InstanceRenewAttribute?: InstanceRenewAttribute[] };
}

export interface InstanceActions {
  RunInstances: { req: RunInstancesRequest; res: RunInstancesResponse };
  CreateInstance: { req: CreateInstanceRequest; res: CreateInstanceResponse };
  DescribeInstances: { req: DescribeInstancesRequest; res: DescribeInstancesResponse };
  DescribeInstanceStatus: { req: DescribeInstanceStatusRequest; res: DescribeInstanceStatusResponse };
  StartInstance: { req: StartInstanceRequest; res: StartInstanceResponse };
  StartInstances: { req: StartInstancesRequest; res: StartInstancesResponse };
  StopInstance: { req: StopInstanceRequest; res: StopInstanceResponse };
  StopInstances: { req: StopInstancesRequest; res: StopInstancesResponse };
  RebootInstance: { req: RebootInstanceRequest; res: RebootInstanceResponse };
  RebootInstances: { req: RebootInstancesRequest; res: RebootInstancesResponse };
  DeleteInstance: { req: DeleteInstanceRequest; res: DeleteInstanceResponse };
  DeleteInstances: { req: DeleteInstancesRequest; res: DeleteInstancesResponse };
  ModifyInstanceAttribute: { req: ModifyInstanceAttributeRequest; res: ModifyInstanceAttributeResponse };
  ModifyInstanceAutoReleaseTime: { req: ModifyInstanceAutoReleaseTimeRequest; res: ModifyInstanceAutoReleaseTimeResponse };
  ModifyInstanceVncPasswd: { req: ModifyInstanceVncPasswdRequest; res: ModifyInstanceVncPasswdResponse };
  DescribeInstanceVncUrl: { req: DescribeInstanceVncUrlRequest; res: DescribeInstanceVncUrlResponse };
  RenewInstance: { req: RenewInstanceRequest; res: RenewInstanceResponse };
  ModifyInstanceAutoRenewAttribute: { req: ModifyInstanceAutoRenewAttributeRequest; res: ApiResponseBase };
  DescribeInstanceAutoRenewAttribute: { req: DescribeInstanceAutoRenewAttributeRequest; res: DescribeInstanceAutoRenewAttributeResponse };
}
