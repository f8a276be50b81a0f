import { defineCommand } from '../types.js';
import { instanceAction } from '../shared/instance-action.js';
import { positiveInt } from '../shared/parse.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs (Stopped)')
      .option('--concurrency <n>', 'API calls in flight at once', positiveInt('--concurrency', 1, 64), 8)
      .addHelpText('after', `
With --wait, returns when every instance is Running.

Examples:
  ecs instance start i-bp67acfmxazb4ph6xxxx --wait
  ecs instance list --status Stopped -o ids | xargs ecs instance start`);
  },
  async run(ctx, [ids], o) {
    await instanceAction(ctx, ids, { verb: 'instance start', action: 'StartInstance', done: 'starting', dry: 'would start', waitFor: 'Running', concurrency: o.concurrency });
  },
});
