import { rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { collectTag, type TagKV } from '../shared/parse.js';
import { choice } from './shared.js';
import { defineCommand } from '../types.js';
import { dryCheckTexts } from '../shared/dry-names.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .option('--name <name>', '2-128 characters, starting with a letter; letters, digits, _ - . :')
      .option('--description <text>', '2-256 characters, not starting with http:// or https://')
      .addOption(choice('--type <type>', 'normal (default) or enterprise (accept rules only, no priorities, no group references)', ['normal', 'enterprise']))
      .option('--vpc <id>', 'the VPC (default: the region\'s default VPC)')
      .option('--tag <key=value>', 'tag the group (repeatable)', collectTag);
    addExamples(cmd, ['ecs security-group create --name web --description "web servers"', 'ecs security-group create --name locked --type enterprise -o ids'],
      'A new group drops all inbound and accepts all outbound traffic until you add rules.\nPrints the new group ID (-o ids: the ID alone).');
  },
  async run(ctx, _args, o) {
    const params = {
      RegionId: ctx.region,
      SecurityGroupName: o.name,
      Description: o.description,
      SecurityGroupType: o.type,
      VpcId: o.vpc,
      Tag: (o.tag as TagKV[] | undefined)?.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })),
    };
    if (ctx.globals.dryRun) {
      dryCheckTexts([['groupName', o.name], ['groupDescription', o.description]]);
      if (o.vpc) {
        // CreateSecurityGroup has no DryRun: the VPC must exist in the region (InvalidVpcId.NotFound).
        const r = await rawCall(await ctx.api())('DescribeVpcs', { RegionId: ctx.region, VpcId: o.vpc, PageSize: 10 }, { signal: ctx.abort.signal });
        if (!(r.Vpcs?.Vpc ?? []).some((v: { VpcId?: string }) => v.VpcId === o.vpc)) throw new ApiError('InvalidVpcId.NotFound', `Specified VPC does not exist. (${o.vpc})`, 404);
      }
      ctx.note(`dry run: would create a ${o.type ?? 'normal'} security group${o.name ? ` named ${o.name}` : ''} in ${o.vpc ?? 'the default VPC'} of ${ctx.region}`);
      return;
    }
    const api = await ctx.api();
    const res = await rawCall(api)('CreateSecurityGroup', params, { signal: ctx.abort.signal });
    const record = { SecurityGroupId: res.SecurityGroupId, SecurityGroupName: o.name ?? '', SecurityGroupType: o.type ?? 'normal' };
    await ctx.renderRecord(record, [['ID', record.SecurityGroupId], ['Name', record.SecurityGroupName], ['Type', record.SecurityGroupType]], record.SecurityGroupId);
  },
});
