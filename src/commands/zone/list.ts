import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd.description('List the zones of the region (--region, default from your profile) (DescribeZones)').addHelpText('after', `
Examples:
  ecs zone list
  ecs zone list --region ap-northeast-1 -o ids
  ecs zone list -o json --query "[?contains(AvailableInstanceTypes.InstanceTypes, 'ecs.g8i.large')].ZoneId"`);
  },
  async run(ctx) {
    const api = await ctx.api();
    const res = await api.call('DescribeZones', { RegionId: ctx.region, AcceptLanguage: 'en-US' }, { signal: ctx.abort.signal });
    const zones = (res.Zones as { Zone?: Record<string, any>[] } | undefined)?.Zone ?? [];
    await ctx.render(zones, {
      id: 'ZoneId',
      columns: [
        { header: 'zone', get: 'ZoneId' },
        { header: 'name', get: 'LocalName' },
        { header: 'instance types', get: (z) => z.AvailableInstanceTypes?.InstanceTypes?.length ?? 0 },
        { header: 'disk categories', get: 'AvailableDiskCategories.DiskCategories' },
      ],
    });
  },
});
