// Instance RAM role actions (ecs-api-models.md), per the convention in README.md.

import type { ApiResponseBase } from './common.js';

export interface RamActions {
  AttachInstanceRamRole: { req: AttachInstanceRamRoleRequest; res: AttachInstanceRamRoleResponse };
  DetachInstanceRamRole: { req: DetachInstanceRamRoleRequest; res: DetachInstanceRamRoleResponse };
  DescribeInstanceRamRole: { req: DescribeInstanceRamRoleRequest; res: DescribeInstanceRamRoleResponse };
}

export interface InstanceRamRoleSet {
  InstanceId?: string;
  RamRoleName?: string;
}
export interface AttachInstanceRamRoleRequest {
  RegionId: string;
  /** JSON array string. */
  InstanceIds: string;
  RamRoleName: string;
  Policy?: string;
}
export interface RamRoleResult {
  InstanceId?: string;
  Success?: boolean;
  Code?: string;
  Message?: string;
}
export interface AttachInstanceRamRoleResponse extends ApiResponseBase {
  RamRoleName?: string;
  TotalCount?: number;
  FailCount?: number;
  AttachInstanceRamRoleResults?: { AttachInstanceRamRoleResult?: RamRoleResult[] };
}
export interface DetachInstanceRamRoleRequest {
  RegionId: string;
  InstanceIds: string;
  RamRoleName?: string;
}
export interface DetachInstanceRamRoleResponse extends ApiResponseBase {
  RamRoleName?: string;
  TotalCount?: number;
  FailCount?: number;
  DetachInstanceRamRoleResults?: { DetachInstanceRamRoleResult?: (RamRoleResult & { InstanceRamRoleSets?: { InstanceRamRoleSet?: InstanceRamRoleSet[] } })[] };
}
export interface DescribeInstanceRamRoleRequest {
  RegionId: string;
  InstanceIds?: string;
  RamRoleName?: string;
  PageNumber?: number;
  PageSize?: number;
}
export interface DescribeInstanceRamRoleResponse extends ApiResponseBase {
  RegionId?: string;
  TotalCount?: number;
  InstanceRamRoleSets?: { InstanceRamRoleSet?: InstanceRamRoleSet[] };
}
