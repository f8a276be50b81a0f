import { defineCommand } from '../types.js';
import { instanceAction } from '../shared/instance-action.js';
import { positiveInt } from '../shared/parse.js';
import { GONE } from '../shared/instances.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs (Stopped, or any status with --force)')
      .option('--force', 'release even a Running instance (Force=true)')
      .option('--concurrency <n>', 'API calls in flight at once', positiveInt('--concurrency', 1, 64), 8)
      .addHelpText('after', `
Releases pay-as-you-go instances; disks released with the instance are deleted and its
automatic snapshots removed; data cannot be recovered. Subscription instances cannot be
released by hand. Asks for confirmation on a terminal; without one, --yes is required.
With --wait, returns when the instances are gone.

Examples:
  ecs instance delete i-bp67acfmxazb4ph6xxxx
  ecs instance delete i-bp67acfmxazb4ph6xxxx --force --yes --wait`);
  },
  async run(ctx, [ids], o) {
    await instanceAction(ctx, ids, {
      verb: 'instance delete',
      action: 'DeleteInstance',
      params: () => ({ Force: o.force ? true : undefined }),
      confirm: { action: 'Release', consequence: 'Its data cannot be recovered.' },
      done: 'releasing',
      dry: 'would release',
      waitFor: GONE,
      concurrency: o.concurrency,
    });
  },
});
