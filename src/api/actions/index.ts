// Every ECS action the project calls or answers: name → { req; res }. One interface per
// resource group file (README.md); add yours to the extends list (sorted).

import type { CatalogueActions } from './catalogue.js';
import type { CloudAssistantActions } from './cloud-assistant.js';
import type { DiskActions } from './disks.js';
import type { ImageActions } from './images.js';
import type { InstanceActions } from './instances.js';
import type { KeyPairActions } from './keypairs.js';
import type { RamActions } from './ram.js';
import type { SecurityGroupActions } from './security-groups.js';
import type { SnapshotPolicyActions } from './snapshot-policies.js';
import type { SnapshotActions } from './snapshots.js';
import type { TagActions } from './tags.js';

export interface EcsActions
  extends CatalogueActions,
    CloudAssistantActions,
    DiskActions,
    ImageActions,
    InstanceActions,
    KeyPairActions,
    RamActions,
    SecurityGroupActions,
    SnapshotActions,
    SnapshotPolicyActions,
    TagActions {}

export type ActionName = keyof EcsActions;
export type RequestOf<A extends ActionName> = EcsActions[A]['req'];
export type ResponseOf<A extends ActionName> = EcsActions[A]['res'];

export type * from './common.js';
export type { Instance } from './instances.js';
export type { Image } from './images.js';
export type { Region, Zone, InstanceType } from './catalogue.js';
export type { KeyPair } from './keypairs.js';
export type { Permission, SecurityGroup } from './security-groups.js';
export type { InstanceRamRoleSet } from './ram.js';
export type { TagResource } from './tags.js';
export type { Disk } from './disks.js';
export type { Snapshot } from './snapshots.js';
export type { AutoSnapshotPolicy } from './snapshot-policies.js';
export type { Task } from './images.js';
export type { Invocation } from './cloud-assistant.js';
