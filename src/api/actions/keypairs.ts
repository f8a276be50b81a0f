// Key pair actions (ecs-api-models.md: CreateKeyPair … DeleteKeyPairs), per the convention in
// README.md.

import type { ApiResponseBase, Paged } from './common.js';

export interface KeyPairTagParam {
  Key: string;
  Value?: string;
}

export interface KeyPairActions {
  CreateKeyPair: { req: CreateKeyPairRequest; res: CreateKeyPairResponse };
  ImportKeyPair: { req: ImportKeyPairRequest; res: ImportKeyPairResponse };
  DescribeKeyPairs: { req: DescribeKeyPairsRequest; res: DescribeKeyPairsResponse };
  AttachKeyPair: { req: AttachKeyPairRequest; res: KeyPairBindResponse };
  DetachKeyPair: { req: AttachKeyPairRequest; res: KeyPairBindResponse };
  DeleteKeyPairs: { req: DeleteKeyPairsRequest; res: ApiResponseBase };
}

export interface CreateKeyPairRequest {
  RegionId: string;
  KeyPairName: string;
  ResourceGroupId?: string;
  Tag?: KeyPairTagParam[];
}
export interface CreateKeyPairResponse extends ApiResponseBase {
  KeyPairId?: string;
  KeyPairName?: string;
  KeyPairFingerPrint?: string;
  /** Unencrypted PEM; returned once, never stored by the service. */
  PrivateKeyBody?: string;
}
export interface ImportKeyPairRequest {
  RegionId: string;
  KeyPairName: string;
  PublicKeyBody: string;
  ResourceGroupId?: string;
  Tag?: KeyPairTagParam[];
}
export interface ImportKeyPairResponse extends ApiResponseBase {
  KeyPairId?: string;
  KeyPairName?: string;
  KeyPairFingerPrint?: string;
}
export interface DescribeKeyPairsRequest {
  RegionId: string;
  KeyPairName?: string;
  KeyPairFingerPrint?: string;
  IncludePublicKey?: boolean;
  PageNumber?: number;
  PageSize?: number;
  ResourceGroupId?: string;
  Tag?: KeyPairTagParam[];
}
export interface KeyPair {
  KeyPairName?: string;
  KeyPairFingerPrint?: string;
  CreationTime?: string;
  PublicKey?: string;
  ResourceGroupId?: string;
  Tags?: { Tag?: { TagKey?: string; TagValue?: string }[] };
}
export interface DescribeKeyPairsResponse extends ApiResponseBase, Paged {
  KeyPairs?: { KeyPair?: KeyPair[] };
}
export interface AttachKeyPairRequest {
  RegionId: string;
  KeyPairName: string;
  /** JSON array string: '["i-1","i-2"]' (at most 50). */
  InstanceIds: string;
}
export interface KeyPairBindResult {
  InstanceId?: string;
  Success?: string;
  Code?: string;
  Message?: string;
}
export interface KeyPairBindResponse extends ApiResponseBase {
  KeyPairName?: string;
  TotalCount?: string;
  FailCount?: string;
  Results?: { Result?: KeyPairBindResult[] };
}
export interface DeleteKeyPairsRequest {
  RegionId: string;
  /** JSON array string: '["kp1","kp2"]' (at most 100). */
  KeyPairNames: string;
}
