// Record checks of the resource modules (src/simulator/state.ts registerRecordCheck): a store
// is checked at load, before any handler module is loaded, so they are registered here (with
// every request, actions/index.ts) rather than in the modules. The storage collections'
// checks are in storage.ts, which the storage settler loads with every request too.

import { registerRecordCheck } from '../state.js';

// ---- security groups (security-groups.ts) ----------------------------------------------------
// A damaged group record gives one clear error at load (issue 7 §2.2), never a raw JavaScript
// error in an action ("(g.Permissions ?? []).filter is not a function"). Lenient on absent
// fields (records made by tests may hold only some); a present field has its type.
const badStr = (v: unknown) => v !== undefined && typeof v !== 'string';
const isRec = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
registerRecordCheck('securityGroups', (r, id) => {
  if (r.SecurityGroupId !== undefined && r.SecurityGroupId !== id) return `its SecurityGroupId is ${JSON.stringify(r.SecurityGroupId)}`;
  for (const f of ['RegionId', 'VpcId', 'SecurityGroupName', 'Description', 'SecurityGroupType', 'InnerAccessPolicy', 'CreationTime']) if (badStr(r[f])) return `${f} is not a string`;
  if (r.Permissions !== undefined && (!Array.isArray(r.Permissions) || !r.Permissions.every(isRec))) return 'Permissions is not a list of rules';
  if (r.Tags !== undefined && !isRec(r.Tags)) return 'Tags is not an object';
  return undefined;
});
