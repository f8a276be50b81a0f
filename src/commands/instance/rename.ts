import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'instance ID')
      .argument('<name>', 'new name (2-128 characters, starting with a letter; letters, digits, . _ - : ,)')
      .addHelpText('after', `
Examples:
  ecs instance rename i-bp67acfmxazb4ph6xxxx web-2`);
  },
  async run(ctx, [id, name]) {
    const api = await ctx.api();
    await api.call('ModifyInstanceAttribute', { InstanceId: id, InstanceName: name }, { signal: ctx.abort.signal });
    ctx.note(`${id}: renamed to ${name}.`);
  },
});
