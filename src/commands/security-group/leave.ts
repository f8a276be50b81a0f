import { fetchOne, rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { instance } from '../../resources/instance.js';
import { securityGroup } from '../../resources/security-group.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'security group ID').argument('<instance>', 'instance ID');
    addExamples(cmd, ['ecs security-group leave sg-bp67acfmxazb4ph6xxxx i-bp67acfmxazb4ph6xxxx'],
      'An instance must stay in at least one group: leaving its last group is refused.');
  },
  completion: { args: [{ resource: 'security-group' }, { resource: 'instance' }] },
  async run(ctx, [id, inst]) {
    const api = await ctx.api();
    await fetchOne(ctx, api, securityGroup, id);
    await fetchOne(ctx, api, instance, inst);
    const record = { SecurityGroupId: id, InstanceId: inst, Result: ctx.globals.dryRun ? 'dry run: would leave' : 'left' };
    if (!ctx.globals.dryRun) {
      await rawCall(api)('LeaveSecurityGroup', { RegionId: ctx.region, SecurityGroupId: id, InstanceId: inst }, { signal: ctx.abort.signal });
    }
    await ctx.renderRecord(record, [['Security group', id], ['Instance', inst], ['Result', record.Result]], inst);
  },
});
