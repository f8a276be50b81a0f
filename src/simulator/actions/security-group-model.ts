// What RunInstances needs of security groups (finding a group, its instance limit), apart
// from security-groups.ts (the group actions and the rule parser of src/resources/sg-eval.ts).

import { quota } from '../settings.js';
import type { SimState } from '../state.js';

export function findGroup(state: SimState, id: string | undefined, regionId: string): Record<string, any> | undefined {
  if (!id) return undefined;
  const all = state.securityGroups ?? {};
  if (!Object.hasOwn(all, id)) return undefined;
  const g = all[id];
  return g && (!g.RegionId || g.RegionId === regionId) ? g : undefined;
}

export function instancesPerGroup(state: SimState, g: Record<string, any>): number {
  return g.SecurityGroupType === 'enterprise'
    ? quota(state, 'quota.instances-per-enterprise-security-group', 50000)
    : quota(state, 'quota.instances-per-security-group', 1000);
}
