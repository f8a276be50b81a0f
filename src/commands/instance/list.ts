import { defineCommand } from '../types.js';
import { INSTANCE_SPEC, INSTANCE_STATUSES, type Instance } from '../shared/instances.js';
import { chunks, listAll } from '../shared/pages.js';
import { collectTag, oneOf, type TagKV } from '../shared/parse.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('[ids...]', 'only these instance IDs')
      .option('--status <status>', `only instances in this status (${INSTANCE_STATUSES.join(', ')})`, oneOf('--status', INSTANCE_STATUSES))
      .option('--name <pattern>', 'only names matching; * is a wildcard (web-*)')
      .option('--zone <zone>', 'only this zone')
      .option('--type <type>', 'only this instance type')
      .option('--tag <key=value>', 'only instances with this tag (repeatable: all must match)', collectTag)
      .option('--image <id>', 'only instances from this image')
      .option('--vpc <id>', 'only instances in this VPC')
      .option('--security-group <id>', 'only members of this security group')
      .option('--charge-type <type>', 'PostPaid or PrePaid', oneOf('--charge-type', ['PostPaid', 'PrePaid']))
      .addHelpText('after', `
Examples:
  ecs instance list
  ecs instance list --status Running --name 'web-*' -o ids
  ecs instance list --tag env=prod -o json --query '[].InstanceId'`);
  },
  async run(ctx, [ids], o) {
    const api = await ctx.api();
    const params: Record<string, any> = {
      RegionId: ctx.region,
      Status: o.status,
      InstanceName: o.name,
      ZoneId: o.zone,
      InstanceType: o.type,
      ImageId: o.image,
      VpcId: o.vpc,
      SecurityGroupId: o.securityGroup,
      InstanceChargeType: o.chargeType,
      Tag: (o.tag as TagKV[] | undefined)?.map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    const list = (extra: Record<string, any>) =>
      listAll<Instance>(api, { action: 'DescribeInstances', params: { ...params, ...extra }, itemsPath: 'Instances.Instance', paging: 'token', signal: ctx.abort.signal });
    let items: Instance[];
    const wanted = [...new Set((ids as string[] | undefined) ?? [])];
    if (wanted.length) {
      items = [];
      for (const part of chunks(wanted, 100)) items.push(...(await list({ InstanceIds: JSON.stringify(part) })));
    } else {
      items = await list({});
    }
    if (!items.length && ctx.outputFormat === 'table' && !ctx.globals.query) ctx.note(`No instances in ${ctx.region} match.`);
    await ctx.render(items, INSTANCE_SPEC);
  },
});
