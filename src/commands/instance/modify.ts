import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'instance ID')
      .option('--name <name>', 'instance name')
      .option('--description <text>', 'description')
      .option('--hostname <name>', 'host name (takes effect after a reboot through the API)')
      .option('--deletion-protection', 'protect against release')
      .option('--no-deletion-protection', 'allow release again')
      .addHelpText('after', `
Examples:
  ecs instance modify i-bp67acfmxazb4ph6xxxx --description "web tier" --hostname web-2
  ecs instance modify i-bp67acfmxazb4ph6xxxx --deletion-protection`);
  },
  async run(ctx, [id], o) {
    const params = {
      InstanceId: id,
      InstanceName: o.name,
      Description: o.description,
      HostName: o.hostname,
      DeletionProtection: o.deletionProtection,
    };
    if (Object.values(params).filter((v) => v !== undefined).length === 1) {
      throw new UsageError('nothing to change: give --name, --description, --hostname or --[no-]deletion-protection');
    }
    const api = await ctx.api();
    await api.call('ModifyInstanceAttribute', params, { signal: ctx.abort.signal });
    ctx.note(`${id}: updated.${o.hostname !== undefined ? ` The new host name takes effect after a reboot through the API (ecs instance reboot ${id}).` : ''}`);
  },
});
