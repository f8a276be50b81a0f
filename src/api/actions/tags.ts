// Tag actions (ecs-api-models.md), per the convention in README.md.

import type { ApiResponseBase } from './common.js';

export type TaggableResourceType = 'instance' | 'disk' | 'snapshot' | 'image' | 'securitygroup' | 'keypair';

export interface TagActions {
  TagResources: { req: TagResourcesRequest; res: ApiResponseBase };
  UntagResources: { req: UntagResourcesRequest; res: ApiResponseBase };
  ListTagResources: { req: ListTagResourcesRequest; res: ListTagResourcesResponse };
}

export interface TagResourcesRequest {
  RegionId: string;
  ResourceType: TaggableResourceType;
  ResourceId: string[];
  Tag: { Key: string; Value: string }[];
}
export interface UntagResourcesRequest {
  RegionId: string;
  ResourceType: TaggableResourceType;
  ResourceId: string[];
  TagKey?: string[];
  All?: boolean;
}
export interface ListTagResourcesRequest {
  RegionId: string;
  ResourceType: TaggableResourceType;
  ResourceId?: string[];
  Tag?: { Key: string; Value?: string }[];
  TagFilter?: { TagKey: string; TagValues?: string[] }[];
  NextToken?: string;
}
export interface TagResource {
  ResourceId?: string;
  ResourceType?: string;
  TagKey?: string;
  TagValue?: string;
}
export interface ListTagResourcesResponse extends ApiResponseBase {
  NextToken?: string;
  TagResources?: { TagResource?: TagResource[] };
}
