import { CliError } from '../../core/errors.js';
import { fetchOne, rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { securityGroup } from '../../resources/security-group.js';
import { ruleLine, ruleWarnings } from '../../resources/sg-rules.js';
import { defineCommand } from '../types.js';
import { addRuleOptions, ruleFromOptions, rulesOf, sameRule } from './shared.js';
import { dryCheckTexts } from '../shared/dry-names.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'security group ID');
    addRuleOptions(cmd);
    cmd.option('--description <text>', 'what the rule is for (1-512 characters)');
    addExamples(
      cmd,
      [
        'ecs security-group rule add sg-bp67acfmxazb4ph6xxxx --port 22 --source 203.0.113.0/24',
        'ecs security-group rule add sg-bp67acfmxazb4ph6xxxx --protocol tcp --port 80 --source 0.0.0.0/0',
        'ecs security-group rule add sg-bp67acfmxazb4ph6xxxx --direction egress --protocol all --dest 0.0.0.0/0 --policy drop --priority 2',
        'ecs security-group rule add sg-bp67acfmxazb4ph6xxxx --port 3306 --source sg-bp1otherxxxxxxxxxxxx',
      ],
      `A lower priority number wins; at equal priority drop beats accept (see: ecs security-group
check). An identical rule is refused. On a terminal, opening 22, 3389 or a database port
(1433, 1434, 1521, 3306, 5432, 6379) to 0.0.0.0/0 or ::/0 prints a warning. TCP port 25
stays blocked whatever the rules say.`,
    );
  },
  completion: { args: [{ resource: 'security-group' }], options: { '--source': { resource: 'security-group' }, '--dest': { resource: 'security-group' } } },
  async run(ctx, [id], o) {
    const { direction, params } = ruleFromOptions(o);
    const api = await ctx.api();
    await fetchOne(ctx, api, securityGroup, id);
    const { rules } = await rulesOf(ctx, api, id);
    const dup = rules.find((r) => sameRule(r, direction, params));
    if (dup) {
      throw new CliError(`${id} already has this rule: ${ruleLine(dup)} [${dup.SecurityGroupRuleId ?? ''}]; nothing was changed`, { code: 'DuplicateRule' });
    }
    if (ctx.io.stderrIsTTY) for (const w of ruleWarnings(direction, params)) ctx.warn(w);
    const line = ruleLine({ Direction: direction, ...params });
    if (ctx.globals.dryRun) {
      dryCheckTexts([['ruleDescription', o.description]]);
      ctx.note(`dry run: would add to ${id}: ${line}`);
      return;
    }
    await rawCall(api)(direction === 'ingress' ? 'AuthorizeSecurityGroup' : 'AuthorizeSecurityGroupEgress', { RegionId: ctx.region, SecurityGroupId: id, ...params }, { signal: ctx.abort.signal });
    const after = await rulesOf(ctx, api, id);
    const added = after.rules.find((r) => sameRule(r, direction, params));
    const record = { SecurityGroupId: id, ...(added ?? { Direction: direction, ...params }) };
    await ctx.renderRecord(record, [['Security group', id], ['Rule', line], ['Rule ID', added?.SecurityGroupRuleId]], added?.SecurityGroupRuleId ?? id);
  },
});
