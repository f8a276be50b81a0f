import { defineDelete } from '../builders/index.js';
import { snapshotPolicy } from '../../resources/snapshot-policy.js';

export default defineDelete({
  resource: snapshotPolicy,
  verb: 'snapshot-policy delete',
  description: 'Delete automatic snapshot policies (DeleteAutoSnapshotPolicy)',
  action: 'DeleteAutoSnapshotPolicy',
  params: (id, _o, ctx) => ({ regionId: ctx.region, autoSnapshotPolicyId: id }),
  apiDryRun: false,
  confirm: () => ({ action: 'Delete', consequence: 'Its disks stop being snapshotted automatically.' }),
  help: `Its disks are no longer snapshotted automatically; existing snapshots are kept. Asks for
confirmation on a terminal; without one, --yes is required.`,
  examples: ['ecs snapshot-policy delete sp-bp1abcdefghijklmnopq --yes'],
});
