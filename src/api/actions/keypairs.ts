// Key pair actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions). Only what the project calls today;
// the helper that builds this resource adds the rest here.

import type { ApiResponseBase } from './common.js';

export interface KeyPair {
  CreationTime?: string;
  KeyPairFingerPrint?: string;
  KeyPairName?: string;
  PublicKey?: string;
  ResourceGroupId?: string;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
}

export interface DescribeKeyPairsRequest {
  IncludePublicKey?: boolean;
  KeyPairFingerPrint?: string;
  KeyPairName?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  ResourceGroupId?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
}
export interface DescribeKeyPairsResponse extends ApiResponseBase {
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  KeyPairs?: { KeyPair?: KeyPair[] };
}


export interface KeyPairActions {
  DescribeKeyPairs: { req: DescribeKeyPairsRequest; res: DescribeKeyPairsResponse };
}
