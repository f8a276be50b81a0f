import { InvalidArgumentError } from 'commander';
import { defineList, fetchOne, positiveInt } from '../builders/index.js';
import { instanceType, type InstanceType } from '../../resources/instance-type.js';
import { zone } from '../../resources/zone.js';

function positiveNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a number > 0, got "${v}"`);
    return n;
  };
}

export default defineList({
  resource: instanceType,
  description: 'List instance types with vCPUs and memory (DescribeInstanceTypes)',
  filters: [
    { flags: '--family <family>', description: 'only this family (ecs.g7, ecs.c8i, …)', param: 'InstanceTypeFamily' },
    { flags: '--min-cpu <n>', description: 'at least this many vCPUs', param: 'MinimumCpuCoreCount', parse: positiveInt('--min-cpu') },
    { flags: '--min-memory <gib>', description: 'at least this much memory in GiB', param: 'MinimumMemorySize', parse: positiveNumber('--min-memory') },
    { flags: '--zone <zone>', description: 'only types offered in this zone of the region (DescribeAvailableResource)', complete: { resource: 'zone' } },
  ],
  async refine(ctx, api, items: InstanceType[], o) {
    if (!o.zone) return items;
    // An unknown zone is an error with the service's code, not an empty list.
    await fetchOne(ctx, api, zone, o.zone);
    const res = await api.call('DescribeAvailableResource', { RegionId: ctx.region, ZoneId: o.zone, DestinationResource: 'InstanceType' }, { signal: ctx.abort.signal });
    const offered = new Set(
      (res.AvailableZones?.AvailableZone ?? []).flatMap((z) =>
        (z.AvailableResources?.AvailableResource ?? []).flatMap((r) => (r.SupportedResources?.SupportedResource ?? []).map((s) => s.Value)),
      ),
    );
    return items.filter((t) => t.InstanceTypeId !== undefined && offered.has(t.InstanceTypeId));
  },
  examples: ['ecs instance-type list --family ecs.g7', 'ecs instance-type list --min-cpu 4 --min-memory 16 -o ids', 'ecs instance-type list --zone cn-hangzhou-j --family ecs.g8i'],
});
