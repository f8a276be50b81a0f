import { defineCommand } from '../types.js';
import { instanceAction } from '../shared/instance-action.js';
import { oneOf, positiveInt } from '../shared/parse.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs (Running)')
      .option('--force', 'force stop (like pulling the power cord: unsaved data is lost)')
      .option('--stopped-mode <mode>', 'PostPaid: KeepCharging (default) or StopCharging', oneOf('--stopped-mode', ['KeepCharging', 'StopCharging']))
      .option('--concurrency <n>', 'API calls in flight at once', positiveInt('--concurrency', 1, 64), 8)
      .addHelpText('after', `
Asks for confirmation on a terminal; without one, --yes is required. With --wait, returns
when every instance is Stopped.

Examples:
  ecs instance stop i-bp67acfmxazb4ph6xxxx
  ecs instance stop i-bp67acfmxazb4ph6xxxx i-bp1d2gxr1mn6sv3oxxxx --yes --wait`);
  },
  async run(ctx, [ids], o) {
    await instanceAction(ctx, ids, {
      verb: 'instance stop',
      action: 'StopInstance',
      params: () => ({ ForceStop: o.force ? true : undefined, StoppedMode: o.stoppedMode }),
      confirm: { action: o.force ? 'Force-stop' : 'Stop', consequence: 'Services on it will be interrupted.' },
      done: 'stopping',
      dry: 'would stop',
      waitFor: 'Stopped',
      concurrency: o.concurrency,
    });
  },
});
