import { defineDelete, rawCall } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { securityGroup } from '../../resources/security-group.js';

export default defineDelete({
  resource: securityGroup,
  verb: 'security-group delete',
  action: 'DeleteSecurityGroup',
  params: (id) => ({ SecurityGroupId: id }),
  apiDryRun: false,
  // DeleteSecurityGroup has no DryRun: check the documented refusal (instances inside) before saying "would delete".
  dryCheck: async (g: { SecurityGroupId: string }, _o, ctx) => {
    const r = await rawCall(await ctx.api())('DescribeInstances', { RegionId: ctx.region, SecurityGroupId: g.SecurityGroupId, PageSize: 10 }, { signal: ctx.abort.signal });
    const ids = (r.Instances?.Instance ?? []).map((i: { InstanceId: string }) => i.InstanceId);
    if (Number(r.TotalCount) > 0 || ids.length) {
      throw new ApiError('DependencyViolation', `There is still instance(s) in the specified security group. (${g.SecurityGroupId}: ${ids.slice(0, 3).join(', ')}${Number(r.TotalCount) > 3 ? ' …' : ''})`, 403);
    }
  },
  help: 'Refused (DependencyViolation) while instances are in the group or another group\'s rules name\nit. Its rules are deleted with it. Asks first on a terminal; --yes otherwise.',
  examples: ['ecs security-group delete sg-bp67acfmxazb4ph6xxxx', 'ecs security-group list --name "tmp-*" -o ids | xargs ecs security-group delete --yes'],
});
