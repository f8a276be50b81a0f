// Security group actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions). Only what the project calls today;
// the helper that builds this resource adds the rest here.

import type { ApiResponseBase } from './common.js';

export interface SecurityGroup {
  AvailableInstanceAmount?: number;
  CreationTime?: string;
  Description?: string;
  EcsCount?: number;
  GroupToGroupRuleCount?: number;
  ResourceGroupId?: string;
  RuleCount?: number;
  SecurityGroupId?: string;
  SecurityGroupName?: string;
  SecurityGroupType?: string;
  ServiceID?: number;
  ServiceManaged?: boolean;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
  VpcId?: string;
}

export interface DescribeSecurityGroupsRequest {
  DryRun?: boolean;
  FuzzyQuery?: boolean;
  IsQueryEcsCount?: boolean;
  MaxResults?: number;
  NetworkType?: string;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  ResourceGroupId?: string;
  SecurityGroupId?: string;
  SecurityGroupIds?: string;
  SecurityGroupName?: string;
  SecurityGroupType?: string;
  ServiceManaged?: boolean;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  VpcId?: string;
}
export interface DescribeSecurityGroupsResponse extends ApiResponseBase {
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId?: string;
  TotalCount?: number;
  SecurityGroups?: { SecurityGroup?: SecurityGroup[] };
}


export interface SecurityGroupActions {
  DescribeSecurityGroups: { req: DescribeSecurityGroupsRequest; res: DescribeSecurityGroupsResponse };
}
