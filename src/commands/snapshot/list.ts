import { defineCommand } from '../types.js';
import { listAll } from '../shared/pages.js';
import { collectTag, oneOf } from '../shared/parse.js';
import { SNAPSHOT_SPEC } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('List snapshots of the region (DescribeSnapshots)')
      .option('--disk <id>', 'snapshots of this disk')
      .option('--instance <id>', 'snapshots of this instance\'s disks')
      .option('--kind <kind>', 'auto (policy) or manual', oneOf('--kind', ['auto', 'manual']))
      .option('--disk-type <type>', 'system or data', oneOf('--disk-type', ['system', 'data']))
      .option('--status <status>', 'progressing, accomplished or failed', oneOf('--status', ['progressing', 'accomplished', 'failed']))
      .option('--usage <usage>', 'image, disk, image_disk or none (what was made from it)', oneOf('--usage', ['image', 'disk', 'image_disk', 'none']))
      .option('--tag <key[=value]>', 'tag filter (repeatable; a key alone matches any value)', collectTag)
      .addHelpText('after', `
Examples:
  ecs snapshot list --disk d-bp1abcdefghijklmnopq
  ecs snapshot list --instance i-bp67acfmxazb4ph6xxxx --kind auto -o ids`);
  },
  async run(ctx, _args, o) {
    const api = await ctx.api();
    const tags = (o.tag as { Key: string; Value: string }[] | undefined)?.map((t) => (t.Value === '' ? { Key: t.Key } : t));
    const items = await listAll(api, {
      action: 'DescribeSnapshots',
      params: {
        RegionId: ctx.region, DiskId: o.disk, InstanceId: o.instance, SnapshotType: o.kind === 'manual' ? 'user' : o.kind, SourceDiskType: o.diskType,
        Status: o.status, Usage: o.usage, Tag: tags,
      },
      itemsPath: 'Snapshots.Snapshot',
      paging: 'token',
      pageSize: 100,
      signal: ctx.abort.signal,
    });
    await ctx.render(items, SNAPSHOT_SPEC);
  },
});
