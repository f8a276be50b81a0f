import { defineAction } from '../builders/index.js';
import { instance, stoppedWhileWaitingForRunning } from '../../resources/instance.js';

export default defineAction({
  resource: instance,
  verb: 'instance start',
  action: 'StartInstance',
  params: (id) => ({ InstanceId: id }),
  apiDryRun: true,
  dryText: 'would start',
  actsOn: ['Stopped'],
  sameStatus: true,
  waitFor: 'Running',
  waitDead: stoppedWhileWaitingForRunning,
  help: 'With --wait, returns when every instance is Running.',
  examples: ['ecs instance start i-bp67acfmxazb4ph6xxxx --wait', 'ecs instance list --status Stopped -o ids | xargs ecs instance start'],
});
