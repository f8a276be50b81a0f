import { fetchOne, itemsById, rawCall } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { addExamples } from '../builders/common.js';
import { instance } from '../../resources/instance.js';
import { securityGroup } from '../../resources/security-group.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'security group ID').argument('<instance>', 'instance ID');
    addExamples(cmd, ['ecs security-group join sg-bp67acfmxazb4ph6xxxx i-bp67acfmxazb4ph6xxxx'],
      'An instance is in 1 to 5 groups (a simulator setting raises it), all of one type:\nbasic and enterprise groups are never mixed.');
  },
  completion: { args: [{ resource: 'security-group' }, { resource: 'instance' }] },
  async run(ctx, [id, inst]) {
    const api = await ctx.api();
    const group = await fetchOne(ctx, api, securityGroup, id);
    const target = await fetchOne(ctx, api, instance, inst);
    if (ctx.globals.dryRun) {
      // JoinSecurityGroup has no DryRun: check what it checks (already in; basic and enterprise never mixed).
      const current: string[] = target.SecurityGroupIds?.SecurityGroupId ?? [];
      if (current.includes(id)) throw new ApiError('InvalidInstanceId.AlreadyExists', `The specified instance already exists in the specified security group. (${inst} in ${id})`, 403);
      const type = group.SecurityGroupType ?? 'normal';
      const others = [...(await itemsById(ctx, api, securityGroup, current)).values()];
      if (others.some((g) => (g.SecurityGroupType ?? 'normal') !== type)) {
        throw new ApiError('InvalidParameter.Conflict', `An instance cannot be in basic and enterprise security groups at the same time. (${inst} is in ${others.map((g) => `${g.SecurityGroupId} (${g.SecurityGroupType ?? 'normal'})`).join(', ')}; ${id} is ${type})`, 400);
      }
    }
    const record = { SecurityGroupId: id, InstanceId: inst, Result: ctx.globals.dryRun ? 'dry run: would join' : 'joined' };
    if (!ctx.globals.dryRun) {
      await rawCall(api)('JoinSecurityGroup', { RegionId: ctx.region, SecurityGroupId: id, InstanceId: inst }, { signal: ctx.abort.signal });
    }
    await ctx.renderRecord(record, [['Security group', id], ['Instance', inst], ['Result', record.Result]], inst);
  },
});
