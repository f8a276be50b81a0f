import { defineAction } from '../builders/index.js';
import { oneOf } from '../shared/parse.js';
import { instance } from '../../resources/instance.js';

export default defineAction({
  resource: instance,
  verb: 'instance stop',
  configure(cmd) {
    cmd
      .option('--force', 'force stop (like pulling the power cord: unsaved data is lost)')
      .option('--stopped-mode <mode>', 'PostPaid: KeepCharging (default) or StopCharging', oneOf('--stopped-mode', ['KeepCharging', 'StopCharging']));
  },
  action: 'StopInstance',
  params: (id, o) => ({ InstanceId: id, ForceStop: o.force ? true : undefined, StoppedMode: o.stoppedMode }),
  apiDryRun: true,
  confirm: (o) => ({ action: o.force ? 'Force-stop' : 'Stop', consequence: 'Services on it will be interrupted.' }),
  dryText: 'would stop',
  actsOn: ['Running'],
  sameStatus: true,
  waitFor: 'Stopped',
  help: `Asks for confirmation on a terminal; without one, --yes is required. With --wait, returns
when every instance is Stopped.`,
  completion: { options: { '--stopped-mode': { values: ['KeepCharging', 'StopCharging'] } } },
  examples: ['ecs instance stop i-bp67acfmxazb4ph6xxxx', 'ecs instance stop i-bp67acfmxazb4ph6xxxx i-bp1d2gxr1mn6sv3oxxxx --yes --wait'],
});
