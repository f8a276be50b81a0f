import { defineCommand } from '../types.js';
import { callWithDryRun, printDryRun, printResult } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Share a custom image with other accounts (ModifyImageSharePermission)')
      .argument('<id>', 'custom image ID (yours)')
      .argument('<accounts...>', 'Alibaba Cloud account IDs')
      .addHelpText('after', `
At most 50 accounts per image; only the owner can share; the accounts can use it in this
region only. Alibaba Cloud does not vouch for images shared by others. \`ecs image share ID\`
with -o json --query lists nothing: see DescribeImageSharePermission via \`ecs image describe\`.

Examples:
  ecs image share m-bp1abcdefghijklmnopq 1234567890123456 2345678901234567`);
  },
  completion: { args: [{ resource: 'image' }] },
  async run(ctx, [id, accounts]) {
    const list = [...new Set(accounts as string[])];
    if (list.length > 50) throw new UsageError('at most 50 accounts per image');
    const api = await ctx.api();
    for (let i = 0; i < list.length; i += 10) {
      const r = await callWithDryRun(ctx, api, 'ModifyImageSharePermission', { RegionId: ctx.region, ImageId: id, AddAccount: list.slice(i, i + 10) });
      if (!r) {
        await printDryRun(ctx, { ImageId: id, Accounts: list }, `would share ${id} with ${list.join(', ')}`, id);
        return;
      }
    }
    await printResult(ctx, { ImageId: id, Accounts: list }, `${id}: shared with ${list.join(', ')}`, id);
  },
});
