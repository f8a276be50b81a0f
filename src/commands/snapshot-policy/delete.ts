import { defineCommand } from '../types.js';
import { confirmDestructive } from '../shared/confirm.js';
import { actionResult, dryResult, getPolicy } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Delete an automatic snapshot policy (DeleteAutoSnapshotPolicy)')
      .argument('<policy>', 'policy ID')
      .addHelpText('after', `
Its disks are no longer snapshotted automatically; existing snapshots are kept. Asks for
confirmation on a terminal; without one, --yes is required.

Examples:
  ecs snapshot-policy delete sp-bp1abcdefghijklmnopq --yes`);
  },
  async run(ctx, [policy]) {
    await confirmDestructive(ctx, { verb: 'snapshot-policy delete', action: 'Delete', ids: [policy], kind: 'policy', consequence: 'Its disks stop being snapshotted automatically.' });
    const api = await ctx.api();
    const p = await getPolicy(ctx, api, policy);
    if (ctx.globals.dryRun) {
      await dryResult(ctx, { AutoSnapshotPolicyId: policy, DiskNums: p.DiskNums }, `would delete ${policy} (${p.DiskNums} disks use it)`, policy);
      return;
    }
    await api.call('DeleteAutoSnapshotPolicy', { regionId: ctx.region, autoSnapshotPolicyId: policy }, { signal: ctx.abort.signal });
    await actionResult(ctx, { AutoSnapshotPolicyId: policy, Result: 'deleted' }, `${policy}: deleted`, policy);
  },
});
