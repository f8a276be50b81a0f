// Security group actions (ecs-api-models.md), per the convention in README.md.

import type { ApiResponseBase } from './common.js';

export interface SecurityGroupTagParam {
  Key: string;
  Value?: string;
}

export interface SecurityGroupActions {
  CreateSecurityGroup: { req: CreateSecurityGroupRequest; res: ApiResponseBase & { SecurityGroupId?: string } };
  DescribeSecurityGroups: { req: DescribeSecurityGroupsRequest; res: DescribeSecurityGroupsResponse };
  DescribeSecurityGroupAttribute: { req: DescribeSecurityGroupAttributeRequest; res: DescribeSecurityGroupAttributeResponse };
  DeleteSecurityGroup: { req: { RegionId: string; SecurityGroupId: string }; res: ApiResponseBase };
  JoinSecurityGroup: { req: MembershipRequest; res: ApiResponseBase };
  LeaveSecurityGroup: { req: MembershipRequest; res: ApiResponseBase };
  AuthorizeSecurityGroup: { req: RuleRequest; res: ApiResponseBase };
  AuthorizeSecurityGroupEgress: { req: RuleRequest; res: ApiResponseBase };
  RevokeSecurityGroup: { req: RuleRequest; res: ApiResponseBase };
  RevokeSecurityGroupEgress: { req: RuleRequest; res: ApiResponseBase };
}

export interface CreateSecurityGroupRequest {
  RegionId: string;
  SecurityGroupName?: string;
  Description?: string;
  SecurityGroupType?: 'normal' | 'enterprise';
  VpcId?: string;
  ResourceGroupId?: string;
  ClientToken?: string;
  Tag?: SecurityGroupTagParam[];
}
export interface DescribeSecurityGroupsRequest {
  RegionId: string;
  SecurityGroupId?: string;
  /** JSON array string. */
  SecurityGroupIds?: string;
  SecurityGroupName?: string;
  SecurityGroupType?: 'normal' | 'enterprise';
  FuzzyQuery?: boolean;
  IsQueryEcsCount?: boolean;
  VpcId?: string;
  NetworkType?: 'vpc' | 'classic';
  PageNumber?: number;
  PageSize?: number;
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
  Tag?: SecurityGroupTagParam[];
}
export interface SecurityGroup {
  SecurityGroupId?: string;
  SecurityGroupName?: string;
  Description?: string;
  SecurityGroupType?: string;
  VpcId?: string;
  CreationTime?: string;
  RuleCount?: number;
  GroupToGroupRuleCount?: number;
  EcsCount?: number;
  AvailableInstanceAmount?: number;
  ServiceManaged?: boolean;
  ResourceGroupId?: string;
  Tags?: { Tag?: { TagKey?: string; TagValue?: string }[] };
}
export interface DescribeSecurityGroupsResponse extends ApiResponseBase {
  RegionId?: string;
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
  NextToken?: string;
  SecurityGroups?: { SecurityGroup?: SecurityGroup[] };
}
export interface DescribeSecurityGroupAttributeRequest {
  RegionId: string;
  SecurityGroupId: string;
  Direction?: 'egress' | 'ingress' | 'all';
  NicType?: 'internet' | 'intranet';
  MaxResults?: number;
  NextToken?: string;
}
export interface Permission {
  SecurityGroupRuleId?: string;
  Direction?: string;
  IpProtocol?: string;
  PortRange?: string;
  SourcePortRange?: string;
  SourceCidrIp?: string;
  Ipv6SourceCidrIp?: string;
  SourceGroupId?: string;
  SourceGroupName?: string;
  SourceGroupOwnerAccount?: string;
  SourcePrefixListId?: string;
  DestCidrIp?: string;
  Ipv6DestCidrIp?: string;
  DestGroupId?: string;
  DestGroupName?: string;
  DestGroupOwnerAccount?: string;
  DestPrefixListId?: string;
  Policy?: string;
  Priority?: string;
  NicType?: string;
  Description?: string;
  CreateTime?: string;
}
export interface DescribeSecurityGroupAttributeResponse extends ApiResponseBase {
  RegionId?: string;
  SecurityGroupId?: string;
  SecurityGroupName?: string;
  Description?: string;
  VpcId?: string;
  InnerAccessPolicy?: string;
  NextToken?: string;
  Permissions?: { Permission?: Permission[] };
}
export interface MembershipRequest {
  RegionId?: string;
  SecurityGroupId: string;
  InstanceId?: string;
  NetworkInterfaceId?: string;
}
/** One rule (top-level fields) or several (Permissions.N.*); Authorize and Revoke share it. */
export interface RuleFields {
  IpProtocol?: string;
  PortRange?: string;
  SourcePortRange?: string;
  SourceCidrIp?: string;
  Ipv6SourceCidrIp?: string;
  SourceGroupId?: string;
  SourcePrefixListId?: string;
  DestCidrIp?: string;
  Ipv6DestCidrIp?: string;
  DestGroupId?: string;
  DestPrefixListId?: string;
  Policy?: 'accept' | 'drop';
  Priority?: string;
  NicType?: 'internet' | 'intranet';
  Description?: string;
}
export interface RuleRequest extends RuleFields {
  RegionId: string;
  SecurityGroupId: string;
  ClientToken?: string;
  Permissions?: RuleFields[];
  /** Revoke only. */
  SecurityGroupRuleId?: string[];
}
