import { defineCommand } from '../types.js';
import { callWithDryRun, confirmDestructive, printDryRun, printResult } from '../builders/index.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Stop sharing a custom image (ModifyImageSharePermission)')
      .argument('<id>', 'custom image ID (yours)')
      .argument('<accounts...>', 'account IDs to remove')
      .addHelpText('after', `
Those accounts can no longer see or use it; instances they created from it can no longer
re-initialise their system disk. Asks for confirmation on a terminal; without one, --yes.

Examples:
  ecs image unshare m-bp1abcdefghijklmnopq 1234567890123456 --yes`);
  },
  completion: { args: [{ resource: 'image' }] },
  async run(ctx, [id, accounts]) {
    const list = [...new Set(accounts as string[])];
    await confirmDestructive(ctx, { verb: 'image unshare', action: 'Stop sharing', ids: [id], noun: 'image', plural: 'images', consequence: `${list.length} account(s) lose access; their instances from it can no longer re-initialise the system disk.` });
    const api = await ctx.api();
    for (let i = 0; i < list.length; i += 10) {
      const r = await callWithDryRun(ctx, api, 'ModifyImageSharePermission', { RegionId: ctx.region, ImageId: id, RemoveAccount: list.slice(i, i + 10) });
      if (!r) {
        await printDryRun(ctx, { ImageId: id, Accounts: list }, `would stop sharing ${id} with ${list.join(', ')}`, id);
        return;
      }
    }
    await printResult(ctx, { ImageId: id, Accounts: list }, `${id}: no longer shared with ${list.join(', ')}`, id);
  },
});
