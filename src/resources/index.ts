// Every resource descriptor by name: what commands declare their arguments and options to
// be ("instance", "image" …) and what completion offers for them. Add yours here (sorted).

import { disk } from './disk.js';
import { image } from './image.js';
import { instance } from './instance.js';
import { instanceType } from './instance-type.js';
import { keypair } from './keypair.js';
import { region } from './region.js';
import { securityGroup } from './security-group.js';
import { snapshot } from './snapshot.js';
import { snapshotPolicy } from './snapshot-policy.js';
import type { AnyResource } from './types.js';
import { zone } from './zone.js';

export const RESOURCES: ReadonlyMap<string, AnyResource> = new Map<string, AnyResource>(
  ([disk, image, instance, instanceType, keypair, region, securityGroup, snapshot, snapshotPolicy, zone] as AnyResource[]).map((d) => [d.name, d]),
);

export function resourceNamed(name: string): AnyResource | undefined {
  return RESOURCES.get(name);
}
