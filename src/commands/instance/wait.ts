import { Option } from 'commander';
import { defineCommand } from '../types.js';
import { fetchInstances, GONE, INSTANCE_STATUSES, waitForInstances } from '../shared/instances.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs')
      .addOption(new Option('--status <status>', 'status to wait for (Deleted: until released)').choices([...INSTANCE_STATUSES, GONE]).makeOptionMandatory())
      .addHelpText('after', `
Polls with backoff until every instance has the status; gives up after --wait-timeout
seconds (default 600) with exit code 5.

Examples:
  ecs instance wait i-bp67acfmxazb4ph6xxxx --status Running
  ecs instance wait i-bp67acfmxazb4ph6xxxx --status Stopped --wait-timeout 120`);
  },
  async run(ctx, [rawIds], o) {
    const ids = [...new Set(rawIds as string[])];
    const api = await ctx.api();
    if (o.status !== GONE) await fetchInstances(ctx, api, ids); // unknown IDs: fail now, not after the timeout
    await waitForInstances(ctx, api, ids, o.status, false);
  },
});
