import { addExamples } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { lookInstances, rolesOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<ids...>', 'instance IDs');
    addExamples(cmd, ['ecs ram-role describe i-bp67acfmxazb4ph6xxxx', 'ecs ram-role describe i-bp67acfmxazb4ph6xxxx -o json'],
      '-o json prints InstanceRamRoleSet objects ({InstanceId, RamRoleName}; "" when none).');
  },
  completion: { args: [{ resource: 'instance' }] },
  async run(ctx, [ids]) {
    const api = await ctx.api();
    const list = await lookInstances(ctx, api, ids as string[]);
    const roles = await rolesOf(ctx, api, list);
    const rows = list.map((id) => ({ InstanceId: id, RamRoleName: roles.get(id) ?? '' }));
    await ctx.render(rows, { columns: [{ header: 'Instance', get: 'InstanceId' }, { header: 'RAM role', get: (r: any) => r.RamRoleName || '-' }], id: 'InstanceId' });
  },
});
