import { defineCommand } from '../types.js';
import { confirmDestructive } from '../shared/confirm.js';
import { actionResult, callOrDry, dryResult } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Roll a disk back to one of its own snapshots (ResetDisk)')
      .argument('<id>', 'disk ID')
      .requiredOption('--snapshot <id>', 'a snapshot of this same disk')
      .addHelpText('after', `
The instance must be Stopped. Irreversible: the disk's current data cannot be recovered, so
it asks for confirmation on a terminal; without one, --yes is required.

Examples:
  ecs disk reset d-bp1abcdefghijklmnopq --snapshot s-bp1abcdefghijklmnopq
  ecs disk reset d-bp1abcdefghijklmnopq --snapshot s-bp1abcdefghijklmnopq --yes`);
  },
  async run(ctx, [id], o) {
    await confirmDestructive(ctx, { verb: 'disk reset', action: 'Roll back', ids: [id], kind: 'disk', consequence: `Its current data is replaced by snapshot ${o.snapshot} and cannot be recovered.` });
    const api = await ctx.api();
    const r = await callOrDry(ctx, api, 'ResetDisk', { DiskId: id, SnapshotId: o.snapshot });
    if (!r) {
      await dryResult(ctx, { DiskId: id, SnapshotId: o.snapshot }, `would roll ${id} back to ${o.snapshot}`, id);
      return;
    }
    await actionResult(ctx, { DiskId: id, SnapshotId: o.snapshot }, `${id}: rolled back to ${o.snapshot}`, id);
  },
});
