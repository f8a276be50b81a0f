import { defineCommand } from '../types.js';
import { listAll } from '../shared/pages.js';
import { POLICY_SPEC } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('List automatic snapshot policies of the region (DescribeAutoSnapshotPolicyEx)')
      .option('--name <name>', 'only this name')
      .addHelpText('after', `
Examples:
  ecs snapshot-policy list
  ecs snapshot-policy list -o json --query '[].AutoSnapshotPolicyId'`);
  },
  async run(ctx, _args, o) {
    const api = await ctx.api();
    const items = await listAll(api, {
      action: 'DescribeAutoSnapshotPolicyEx',
      params: { RegionId: ctx.region, AutoSnapshotPolicyName: o.name },
      itemsPath: 'AutoSnapshotPolicies.AutoSnapshotPolicy',
      paging: 'page',
      pageSize: 100,
      signal: ctx.abort.signal,
    });
    await ctx.render(items, POLICY_SPEC);
  },
});
