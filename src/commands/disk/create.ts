import { defineCommand } from '../types.js';
import { addExamples, fetchOne, itemsById, printDryRun, waitForStatus } from '../builders/index.js';
import { collectTag, oneOf, positiveInt } from '../shared/parse.js';
import { ApiError, UsageError } from '../../core/errors.js';
import { disk } from '../../resources/disk.js';
import { snapshot } from '../../resources/snapshot.js';
import { zone } from '../../resources/zone.js';
import { dryCheckTexts } from '../shared/dry-names.js';

/** The documented size bounds (GiB) by category (guide §2.1; ESSD family from the API reference). */
export function sizeBounds(cat: string, pl?: string): [number, number] {
  if (cat === 'cloud') return [5, 2000];
  if (cat === 'cloud_efficiency' || cat === 'cloud_ssd') return [20, 2048];
  if (cat === 'cloud_essd') return pl === 'PL0' ? [1, 32768] : pl === 'PL2' ? [461, 32768] : pl === 'PL3' ? [1261, 32768] : [20, 32768];
  if (cat === 'cloud_auto') return [1, 32768];
  return [10, 32768];
}

const CATEGORIES = ['cloud', 'cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto', 'cloud_essd_entry'];

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Create a pay-as-you-go data disk, empty or from a snapshot (CreateDisk)')
      .option('--zone <zone>', 'zone (a disk attaches only to instances of its zone)')
      .option('--category <category>', `disk category: ${CATEGORIES.join(', ')} (default cloud_essd)`, oneOf('--category', CATEGORIES))
      .option('--size <GiB>', 'size in GiB: basic 5–2,000; ultra/SSD 20–2,048; ESSD 20–32,768 (default: the snapshot\'s size)', positiveInt('--size', 1, 65536))
      .option('--snapshot <id>', 'create from this snapshot (never smaller than it)')
      .option('--performance-level <PL>', 'ESSD performance level PL0–PL3', oneOf('--performance-level', ['PL0', 'PL1', 'PL2', 'PL3']))
      .option('--name <name>', 'disk name (2–128 characters, starting with a letter)')
      .option('--description <text>', 'description (2–256 characters)')
      .option('--delete-with-instance', 'release it with the instance it is attached to')
      .option('--delete-auto-snapshots', 'delete its automatic snapshots when the disk is deleted (manual ones are kept)')
      .option('--instance <id>', 'create it for this subscription instance (attached, billed with it)')
      .option('--tag <key=value>', 'tag (repeatable)', collectTag);
    addExamples(
      cmd,
      ['ecs disk create --zone cn-hangzhou-h --size 100 --name data-1', 'ecs disk create --zone cn-hangzhou-h --snapshot s-bp1abcdefghijklmnopq --wait -o ids'],
      `A new disk is Available; attach it with \`ecs disk attach\`, then partition, format and mount
it inside the OS. Disks created from a snapshot are slower on first access (data is fetched
from OSS). With --wait, returns when the disk is Available. --dry-run validates only.`,
    );
  },
  completion: { options: { '--zone': { resource: 'zone' }, '--snapshot': { resource: 'snapshot' }, '--instance': { resource: 'instance' } } },
  async run(ctx, _args, o) {
    o.category ??= 'cloud_essd';
    if (o.size === undefined && o.snapshot === undefined) throw new UsageError('give --size GiB or --snapshot ID');
    if (o.zone === undefined && o.instance === undefined) throw new UsageError('give --zone (or --instance for a subscription instance\'s disk)');
    const api = await ctx.api();
    const params = {
      RegionId: ctx.region, ZoneId: o.zone, DiskCategory: o.category, Size: o.size, SnapshotId: o.snapshot, PerformanceLevel: o.performanceLevel,
      DiskName: o.name, Description: o.description, InstanceId: o.instance, Tag: o.tag,
    };
    if (ctx.globals.dryRun) {
      // CreateDisk has no DryRun in the API: check locally and stop before the call.
      dryCheckTexts([['diskName', o.name], ['description', o.description]]);
      const [min, max] = sizeBounds(o.category, o.performanceLevel);
      if (o.zone !== undefined && !(await itemsById(ctx, api, zone, [o.zone])).has(o.zone)) {
        throw new ApiError('InvalidZoneId.NotFound', `The specified zone does not exist. (${o.zone})`, 404);
      }
      let size = o.size;
      if (o.snapshot) {
        const s = await fetchOne(ctx, api, snapshot, o.snapshot);
        size ??= Number(s.SourceDiskSize);
        if (size < Number(s.SourceDiskSize)) throw new ApiError('InvalidDiskSize.TooSmall', `Specified disk size is less than the size of snapshot: ${size} < ${s.SourceDiskSize} GiB`, 403);
      }
      if (size < min || size > max) throw new ApiError('InvalidSize.ValueNotSupported', `The specified parameter Size is not valid: ${o.category} takes ${min} to ${max} GiB`, 400);
      await printDryRun(ctx, { ZoneId: o.zone ?? '', Category: o.category, Size: size, SnapshotId: o.snapshot ?? '' }, 'would create the disk');
      return;
    }
    const res = await api.call('CreateDisk', params, { signal: ctx.abort.signal });
    const id = String(res.DiskId);
    if (o.deleteWithInstance || o.deleteAutoSnapshots) {
      await api.call('ModifyDiskAttribute', { DiskId: id, DeleteWithInstance: o.deleteWithInstance ? true : undefined, DeleteAutoSnapshot: o.deleteAutoSnapshots ? true : undefined }, { signal: ctx.abort.signal });
    }
    if (ctx.globals.wait) await waitForStatus(ctx, api, disk, [id], o.instance ? 'In_use' : 'Available');
    const d = await fetchOne(ctx, api, disk, id);
    await ctx.renderRecord(d, disk.fields(d), id);
  },
});
