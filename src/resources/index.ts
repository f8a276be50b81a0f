// Every resource descriptor by name: what commands declare their arguments and options to
// be ("instance", "image" …) and what completion offers for them. Add yours here (sorted).

import { image } from './image.js';
import { instance } from './instance.js';
import { instanceType } from './instance-type.js';
import { keypair } from './keypair.js';
import { region } from './region.js';
import { securityGroup } from './security-group.js';
import type { AnyResource } from './types.js';
import { zone } from './zone.js';

export const RESOURCES: ReadonlyMap<string, AnyResource> = new Map<string, AnyResource>(
  ([image, instance, instanceType, keypair, region, securityGroup, zone] as AnyResource[]).map((d) => [d.name, d]),
);

export function resourceNamed(name: string): AnyResource | undefined {
  return RESOURCES.get(name);
}
