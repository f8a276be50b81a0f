import { UsageError } from '../../core/errors.js';
import { defineChange } from '../builders/index.js';
import { instance } from '../../resources/instance.js';

export default defineChange({
  resource: instance,
  configure: (cmd) => void cmd.argument('<name>', 'new name (2-128 characters, starting with a letter; letters, digits, . _ - : ,)'),
  check([name]) {
    if (String(name).trim() === '') throw new UsageError('the new name is empty (2-128 characters, starting with a letter)');
  },
  plan: (_ctx, id, [name]) => ({
    action: 'ModifyInstanceAttribute',
    params: { InstanceId: id, InstanceName: name },
    apiDryRun: false,
    what: `rename ${id} to ${name}`,
    result: { InstanceName: name },
    done: `${id}: renamed to ${name}.`,
  }),
  examples: ['ecs instance rename i-bp67acfmxazb4ph6xxxx web-2', 'ecs instance rename i-bp67acfmxazb4ph6xxxx web-2 -o json'],
});
