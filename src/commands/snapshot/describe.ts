import { defineCommand } from '../types.js';
import { getSnapshot } from '../shared/storage.js';
import { snapshotFields } from './fields.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Show one snapshot: status, progress, source disk, usage (DescribeSnapshots)')
      .argument('<id>', 'snapshot ID')
      .addHelpText('after', `
Examples:
  ecs snapshot describe s-bp1abcdefghijklmnopq
  ecs snapshot describe s-bp1abcdefghijklmnopq -o json --query Progress`);
  },
  async run(ctx, [id]) {
    const api = await ctx.api();
    const s = await getSnapshot(ctx, api, id);
    await ctx.renderRecord(s, snapshotFields(s), s.SnapshotId);
  },
});
