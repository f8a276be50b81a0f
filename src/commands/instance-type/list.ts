import { InvalidArgumentError } from 'commander';
import { defineCommand } from '../types.js';
import { listAll } from '../shared/pages.js';
import { positiveInt } from '../shared/parse.js';

function positiveNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a number > 0, got "${v}"`);
    return n;
  };
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('List instance types with vCPUs and memory (DescribeInstanceTypes)')
      .option('--family <family>', 'only this family (ecs.g7, ecs.c8i, …)')
      .option('--min-cpu <n>', 'at least this many vCPUs', positiveInt('--min-cpu'))
      .option('--min-memory <gib>', 'at least this much memory in GiB', positiveNumber('--min-memory'))
      .option('--zone <zone>', 'only types offered in this zone of the region (DescribeAvailableResource)')
      .addHelpText('after', `
Examples:
  ecs instance-type list --family ecs.g7
  ecs instance-type list --min-cpu 4 --min-memory 16 -o ids
  ecs instance-type list --zone cn-hangzhou-j --family ecs.g8i`);
  },
  async run(ctx, _args, o) {
    const api = await ctx.api();
    let items = await listAll<Record<string, any>>(api, {
      action: 'DescribeInstanceTypes',
      params: { InstanceTypeFamily: o.family, MinimumCpuCoreCount: o.minCpu, MinimumMemorySize: o.minMemory },
      itemsPath: 'InstanceTypes.InstanceType',
      paging: 'token',
      pageSize: 1600,
      signal: ctx.abort.signal,
    });
    if (o.zone) {
      const res = await api.call('DescribeAvailableResource', { RegionId: ctx.region, ZoneId: o.zone, DestinationResource: 'InstanceType' }, { signal: ctx.abort.signal });
      const zones = (res.AvailableZones as any)?.AvailableZone ?? [];
      const offered = new Set<string>(zones.flatMap((z: any) => z.AvailableResources.AvailableResource.flatMap((r: any) => r.SupportedResources.SupportedResource.map((s: any) => s.Value))));
      items = items.filter((t) => offered.has(t.InstanceTypeId));
    }
    await ctx.render(items, {
      id: 'InstanceTypeId',
      columns: [
        { header: 'type', get: 'InstanceTypeId' },
        { header: 'family', get: 'InstanceTypeFamily' },
        { header: 'vcpu', get: 'CpuCoreCount' },
        { header: 'memory gib', get: 'MemorySize' },
        { header: 'arch', get: 'CpuArchitecture' },
        { header: 'gpu', get: (t) => (t.GPUAmount ? `${t.GPUAmount}× ${t.GPUSpec}` : '') },
        { header: 'category', get: 'InstanceCategory' },
      ],
    });
  },
});
