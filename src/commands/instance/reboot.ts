import { defineCommand } from '../types.js';
import { instanceAction } from '../shared/instance-action.js';
import { positiveInt } from '../shared/parse.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs (Running)')
      .option('--force', 'force the reboot (unsaved data is lost)')
      .option('--concurrency <n>', 'API calls in flight at once', positiveInt('--concurrency', 1, 64), 8)
      .addHelpText('after', `
A reboot through the API applies pending password and VNC password changes.
Asks for confirmation on a terminal; without one, --yes is required. With --wait, returns
when every instance is Running again.

Examples:
  ecs instance reboot i-bp67acfmxazb4ph6xxxx
  ecs instance reboot i-bp67acfmxazb4ph6xxxx --yes --wait`);
  },
  async run(ctx, [ids], o) {
    await instanceAction(ctx, ids, {
      verb: 'instance reboot',
      action: 'RebootInstance',
      params: () => ({ ForceStop: o.force ? true : undefined }),
      confirm: { action: o.force ? 'Force-reboot' : 'Reboot', consequence: 'Services on it will be interrupted.' },
      done: 'rebooting',
      dry: 'would reboot',
      waitFor: 'Running',
      concurrency: o.concurrency,
    });
  },
});
