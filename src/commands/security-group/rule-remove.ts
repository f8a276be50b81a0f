import { CliError, UsageError } from '../../core/errors.js';
import { confirmDestructive, fetchOne, rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { securityGroup } from '../../resources/security-group.js';
import { ruleLine } from '../../resources/sg-rules.js';
import { defineCommand } from '../types.js';
import { addRuleOptions, ruleFromOptions, rulesOf, sameRule } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'security group ID').option('--rule-id <id>', 'the rule to remove (see: ecs security-group rule list)');
    addRuleOptions(cmd);
    addExamples(cmd, [
      'ecs security-group rule remove sg-bp67acfmxazb4ph6xxxx --rule-id sgr-bp1xxxxxxxxxxxxxxxxx',
      'ecs security-group rule remove sg-bp67acfmxazb4ph6xxxx --port 22 --source 0.0.0.0/0 --yes',
    ], 'Give the rule ID, or the same fields the rule was added with. Asks first on a terminal; --yes otherwise.');
  },
  completion: { args: [{ resource: 'security-group' }] },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    await fetchOne(ctx, api, securityGroup, id);
    const { rules } = await rulesOf(ctx, api, id);
    let rule;
    if (o.ruleId !== undefined) {
      if (['protocol', 'port', 'source', 'dest', 'policy', 'priority'].some((k) => o[k] !== undefined)) throw new UsageError('give either --rule-id or the rule\'s fields, not both');
      rule = rules.find((r) => r.SecurityGroupRuleId === o.ruleId);
      if (!rule) throw new CliError(`${id} has no rule ${o.ruleId}`, { code: 'InvalidSecurityGroupRuleId.NotFound' });
    } else {
      const { direction, params } = ruleFromOptions(o);
      rule = rules.find((r) => sameRule(r, direction, params));
      if (!rule) throw new CliError(`${id} has no rule ${ruleLine({ Direction: direction, ...params })}`, { code: 'InvalidGroupAuthItem.NotFound' });
    }
    await confirmDestructive(ctx, { verb: 'security-group rule remove', action: 'Remove the rule', ids: [ruleLine(rule)], noun: 'from', plural: 'rules', consequence: `(${id})` });
    const action = rule.Direction === 'egress' ? 'RevokeSecurityGroupEgress' : 'RevokeSecurityGroup';
    const result = ctx.globals.dryRun ? 'dry run: would remove' : 'removed';
    if (!ctx.globals.dryRun) {
      await rawCall(api)(action, { RegionId: ctx.region, SecurityGroupId: id, SecurityGroupRuleId: [rule.SecurityGroupRuleId!] }, { signal: ctx.abort.signal });
    }
    await ctx.renderRecord({ SecurityGroupId: id, SecurityGroupRuleId: rule.SecurityGroupRuleId, Result: result }, [['Security group', id], ['Rule', ruleLine(rule)], ['Result', result]], rule.SecurityGroupRuleId);
  },
});
