import { fetchOne } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { securityGroup } from '../../resources/security-group.js';
import { defineCommand } from '../types.js';
import { choice, RULE_COLUMNS, rulesOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'security group ID').addOption(choice('--direction <dir>', 'only ingress or egress rules', ['ingress', 'egress']));
    addExamples(cmd, ['ecs security-group rule list sg-bp67acfmxazb4ph6xxxx', 'ecs security-group rule list sg-bp67acfmxazb4ph6xxxx --direction egress -o json'],
      '-o json prints the Permission objects of DescribeSecurityGroupAttribute; -o ids the rule IDs.');
  },
  completion: { args: [{ resource: 'security-group' }] },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    await fetchOne(ctx, api, securityGroup, id);
    const { rules } = await rulesOf(ctx, api, id);
    const shown = rules.filter((r) => !o.direction || r.Direction === o.direction);
    if (!shown.length && ctx.outputFormat === 'table' && !ctx.globals.query) ctx.note(`${id} has no ${o.direction ?? ''}${o.direction ? ' ' : ''}rules.`);
    await ctx.render(shown, { columns: RULE_COLUMNS, id: 'SecurityGroupRuleId' });
  },
});
