import { defineCommand } from '../types.js';
import { getDisk } from '../shared/storage.js';
import { diskFields } from './fields.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Show one disk (DescribeDisks)')
      .argument('<id>', 'disk ID')
      .addHelpText('after', `
Examples:
  ecs disk describe d-bp1abcdefghijklmnopq
  ecs disk describe d-bp1abcdefghijklmnopq -o json --query Status`);
  },
  async run(ctx, [id]) {
    const api = await ctx.api();
    const d = await getDisk(ctx, api, id);
    await ctx.renderRecord(d, diskFields(d), d.DiskId);
  },
});
