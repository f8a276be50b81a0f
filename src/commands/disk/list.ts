import { defineCommand } from '../types.js';
import { listAll } from '../shared/pages.js';
import { collectTag, oneOf } from '../shared/parse.js';
import { DISK_SPEC } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('List disks of the region (DescribeDisks)')
      .option('--instance <id>', 'disks of this instance')
      .option('--zone <zone>', 'disks in this zone')
      .option('--type <type>', 'system or data', oneOf('--type', ['system', 'data']))
      .option('--status <status>', 'In_use, Available, Attaching, Detaching, Creating or ReIniting', oneOf('--status', ['In_use', 'Available', 'Attaching', 'Detaching', 'Creating', 'ReIniting']))
      .option('--category <category>', 'cloud, cloud_efficiency, cloud_ssd, cloud_essd …')
      .option('--policy <id>', 'disks using this automatic snapshot policy')
      .option('--tag <key[=value]>', 'tag filter (repeatable; a key alone matches any value)', collectTag)
      .addHelpText('after', `
Examples:
  ecs disk list --instance i-bp67acfmxazb4ph6xxxx
  ecs disk list --status Available --type data -o ids
  ecs disk list --tag env=prod --zone cn-hangzhou-h`);
  },
  async run(ctx, _args, o) {
    const api = await ctx.api();
    const tags = (o.tag as { Key: string; Value: string }[] | undefined)?.map((t) => (t.Value === '' ? { Key: t.Key } : t));
    const items = await listAll(api, {
      action: 'DescribeDisks',
      params: { RegionId: ctx.region, InstanceId: o.instance, ZoneId: o.zone, DiskType: o.type, Status: o.status, Category: o.category, AutoSnapshotPolicyId: o.policy, Tag: tags },
      itemsPath: 'Disks.Disk',
      paging: 'token',
      pageSize: 100,
      signal: ctx.abort.signal,
    });
    await ctx.render(items, DISK_SPEC);
  },
});
