import { defineWait } from '../builders/index.js';
import { instance } from '../../resources/instance.js';

export default defineWait({
  resource: instance,
  examples: ['ecs instance wait i-bp67acfmxazb4ph6xxxx --status Running', 'ecs instance wait i-bp67acfmxazb4ph6xxxx --status Stopped --wait-timeout 120'],
});
