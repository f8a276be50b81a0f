import { nonEmpty } from '../shared/parse.js';
import { UsageError } from '../../core/errors.js';
import { defineChange } from '../builders/index.js';
import { instance } from '../../resources/instance.js';
import { dryCheckTexts } from '../shared/dry-names.js';

export default defineChange({
  resource: instance,
  configure(cmd) {
    cmd
      .option('--name <name>', 'instance name', nonEmpty('--name'))
      .option('--description <text>', 'description', nonEmpty('--description'))
      .option('--hostname <name>', 'host name (takes effect after a reboot through the API)', nonEmpty('--hostname'))
      .option('--deletion-protection', 'protect against release')
      .option('--no-deletion-protection', 'allow release again');
  },
  check(_args, o) {
    if ([o.name, o.description, o.hostname, o.deletionProtection].every((v) => v === undefined)) {
      throw new UsageError('nothing to change: give --name, --description, --hostname or --[no-]deletion-protection');
    }
  },
  plan(ctx, id, _args, o) {
    if (ctx.globals.dryRun) dryCheckTexts([['instanceName', o.name], ['description', o.description]]);
    const changes = { InstanceName: o.name, Description: o.description, HostName: o.hostname, DeletionProtection: o.deletionProtection };
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    return {
      action: 'ModifyInstanceAttribute',
      params: { InstanceId: id, ...set },
      apiDryRun: false,
      what: `set ${Object.entries(set).map(([k, v]) => `${k}=${v}`).join(', ')} on ${id}`,
      result: set,
      done: `${id}: updated.${o.hostname !== undefined ? ` The new host name takes effect after a reboot through the API (ecs instance reboot ${id}).` : ''}`,
    };
  },
  examples: ['ecs instance modify i-bp67acfmxazb4ph6xxxx --description "web tier" --hostname web-2', 'ecs instance modify i-bp67acfmxazb4ph6xxxx --deletion-protection'],
});
