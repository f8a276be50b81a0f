import { defineAction } from '../builders/index.js';
import { instance, stoppedWhileWaitingForRunning } from '../../resources/instance.js';

export default defineAction({
  resource: instance,
  verb: 'instance reboot',
  configure: (cmd) => void cmd.option('--force', 'force the reboot (unsaved data is lost)'),
  action: 'RebootInstance',
  params: (id, o) => ({ InstanceId: id, ForceStop: o.force ? true : undefined }),
  apiDryRun: true,
  confirm: (o) => ({ action: o.force ? 'Force-reboot' : 'Reboot', consequence: 'Services on it will be interrupted.' }),
  dryText: 'would reboot',
  actsOn: ['Running'],
  sameStatus: true,
  waitFor: 'Running',
  waitDead: stoppedWhileWaitingForRunning,
  help: `A reboot through the API applies pending password and VNC password changes.
Asks for confirmation on a terminal; without one, --yes is required. With --wait, returns
when every instance is Running again.`,
  examples: ['ecs instance reboot i-bp67acfmxazb4ph6xxxx', 'ecs instance reboot i-bp67acfmxazb4ph6xxxx --yes --wait'],
});
