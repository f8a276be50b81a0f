import { InvalidArgumentError } from 'commander';
import { defineCommand } from '../types.js';
import { callWithDryRun, fetchOne, printDryRun } from '../builders/index.js';
import { collectTag } from '../shared/parse.js';
import { UsageError } from '../../core/errors.js';
import { image } from '../../resources/image.js';
import { waitForImage } from './progress.js';

/** --data-disk snapshot=s-…,size=50,device=/dev/xvdb (any part optional; empty = a 5 GiB empty disk). */
function collectDataDisk(v: string, prev: Record<string, string | number>[] = []): Record<string, string | number>[] {
  const m: Record<string, string | number> = { DiskType: 'data' };
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    const k = i < 0 ? '' : part.slice(0, i);
    const val = i < 0 ? '' : part.slice(i + 1);
    if (k === 'snapshot') m.SnapshotId = val;
    else if (k === 'size' && /^\d+$/.test(val)) m.Size = Number(val);
    else if (k === 'device') m.Device = val;
    else throw new InvalidArgumentError(`--data-disk takes snapshot=ID,size=GiB,device=/dev/xvdX, got "${part}"`);
  }
  return [...prev, m];
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Create a custom image from an instance or a system-disk snapshot (CreateImage)')
      .option('--instance <id>', 'snapshot every disk of this instance into the image')
      .option('--snapshot <id>', 'a system-disk snapshot to base the image on')
      .option('--data-disk <spec>', 'with --snapshot: add a data disk, snapshot=ID,size=GiB,device=/dev/xvdb (repeatable; empty: 5 GiB)', collectDataDisk)
      .option('--name <name>', 'image name (2–128 characters, starting with a letter)')
      .option('--description <text>', 'description (2–256 characters, not starting with http(s)://)')
      .option('--family <name>', 'image family')
      .option('--tag <key=value>', 'tag (repeatable)', collectTag)
      .addHelpText('after', `
From an instance, a snapshot of every disk is taken (they show in \`ecs snapshot list\`);
the image is Available when all of them are done, and the instance cannot be started,
stopped or restarted meanwhile. Images with data disks cannot be exported nor used to
replace a system disk. With --wait, shows the progress and returns when it is Available.

Examples:
  ecs image create --instance i-bp67acfmxazb4ph6xxxx --name web-v1 --wait
  ecs image create --snapshot s-bp1abcdefghijklmnopq --name golden --data-disk snapshot=s-bp1bcdefghijklmnopqr`);
  },
  completion: { options: { '--instance': { resource: 'instance', statuses: ['Running', 'Stopped'] }, '--snapshot': { resource: 'snapshot', statuses: ['accomplished'] } } },
  async run(ctx, _args, o) {
    if (!o.instance && !o.snapshot) throw new UsageError('give --instance ID or --snapshot ID');
    if (o.instance && o.snapshot) throw new UsageError('--instance and --snapshot cannot be used together');
    if (o.dataDisk && !o.snapshot) throw new UsageError('--data-disk goes with --snapshot (from an instance, every disk is included)');
    const api = await ctx.api();
    const params = {
      RegionId: ctx.region, InstanceId: o.instance, SnapshotId: o.snapshot, DiskDeviceMapping: o.dataDisk, ImageName: o.name, Description: o.description, ImageFamily: o.family, Tag: o.tag,
    };
    const r = await callWithDryRun(ctx, api, 'CreateImage', params);
    if (!r) {
      await printDryRun(ctx, { InstanceId: o.instance ?? '', SnapshotId: o.snapshot ?? '' }, 'would create the image');
      return;
    }
    const id = String(r.ImageId);
    if (ctx.globals.wait) await waitForImage(ctx, api, id, `Creating image ${id}`);
    const img = await fetchOne(ctx, api, image, id);
    await ctx.renderRecord(img, image.fields(img), id);
  },
});
