import { fetchByIds } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { securityGroup } from '../../resources/security-group.js';
import { defineCommand } from '../types.js';
import { ruleLine, rulesOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<ids...>', 'security group IDs');
    addExamples(cmd, ['ecs security-group describe sg-bp67acfmxazb4ph6xxxx', 'ecs security-group describe sg-bp67acfmxazb4ph6xxxx -o json --query Permissions.Permission'],
      'Shows the group and every rule. -o json prints the DescribeSecurityGroups object with\nInnerAccessPolicy and Permissions from DescribeSecurityGroupAttribute (an array for several IDs).');
  },
  completion: { args: [{ resource: 'security-group' }] },
  async run(ctx, [ids]) {
    const api = await ctx.api();
    const groups = await fetchByIds(ctx, api, securityGroup, ids as string[]);
    const full: Record<string, any>[] = [];
    for (const g of groups) {
      const { attr, rules } = await rulesOf(ctx, api, g.SecurityGroupId!);
      full.push({ ...g, InnerAccessPolicy: attr.InnerAccessPolicy, Permissions: { Permission: rules } });
    }
    const f = ctx.outputFormat;
    if (full.length > 1 && (ctx.globals.query || f === 'json' || f === 'yaml' || f === 'ids')) {
      await ctx.render(full, { columns: securityGroup.columns, id: 'SecurityGroupId' });
      return;
    }
    for (const [n, g] of full.entries()) {
      if (n > 0) ctx.io.stdout.write('\n');
      const rules = g.Permissions.Permission as any[];
      const lines: [string, unknown][] = [...securityGroup.fields(g), ['Inner access', g.InnerAccessPolicy === 'Drop' ? 'members cannot reach each other' : 'members reach each other']];
      if (!rules.length) lines.push(['Rules', 'none (inbound dropped, outbound accepted by default)']);
      rules.forEach((r, i) => lines.push([i === 0 ? 'Rules' : '', `${ruleLine(r)}${r.Description ? ` (${r.Description})` : ''} [${r.SecurityGroupRuleId ?? ''}]`]));
      await ctx.renderRecord(g, lines, g.SecurityGroupId);
    }
  },
});
