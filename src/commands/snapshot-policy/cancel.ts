import { defineAction } from '../builders/index.js';
import { disk } from '../../resources/disk.js';

export default defineAction({
  resource: disk,
  verb: 'snapshot-policy cancel',
  description: 'Take disks out of their automatic snapshot policy (CancelAutoSnapshotPolicy)',
  action: 'CancelAutoSnapshotPolicy',
  params: (id, _o, ctx) => ({ regionId: ctx.region, diskIds: JSON.stringify([id]) }),
  apiDryRun: false,
  dryText: 'would take it out of its automatic snapshot policy',
  help: 'Their existing automatic snapshots are kept.',
  examples: ['ecs snapshot-policy cancel d-bp1abcdefghijklmnopq'],
});
