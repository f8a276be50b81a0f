import { defineCommand } from '../types.js';
import { fetchInstances, instanceFields, INSTANCE_SPEC } from '../shared/instances.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs')
      .addHelpText('after', `
Shows IDs, name, status, zone, type, vCPU/memory, image and OS, IPs, VPC/vSwitch, security
groups, key pair, login user, charge type, created/expiry, auto-release, pending changes.
-o json prints the DescribeInstances Instance object (an array for several IDs).

Examples:
  ecs instance describe i-bp67acfmxazb4ph6xxxx
  ecs instance describe i-bp67acfmxazb4ph6xxxx -o json --query Status`);
  },
  async run(ctx, [ids]) {
    const api = await ctx.api();
    const items = await fetchInstances(ctx, api, ids as string[]);
    if (items.length === 1) {
      await ctx.renderRecord(items[0]!, instanceFields(items[0]!), items[0]!.InstanceId);
      return;
    }
    const f = ctx.outputFormat;
    if (ctx.globals.query || f === 'json' || f === 'yaml' || f === 'ids') {
      await ctx.render(items, INSTANCE_SPEC);
      return;
    }
    for (const [n, i] of items.entries()) {
      if (n > 0) ctx.io.stdout.write('\n');
      await ctx.renderRecord(i, instanceFields(i), i.InstanceId);
    }
  },
});
