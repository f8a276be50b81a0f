import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd.description('List the regions you can use (DescribeRegions)').addHelpText('after', `
Examples:
  ecs region list
  ecs region list -o ids
  ecs region list -o json --query "[?starts_with(RegionId, 'cn-')].RegionId"`);
  },
  async run(ctx) {
    const api = await ctx.api();
    const res = await api.call('DescribeRegions', { AcceptLanguage: 'en-US' }, { signal: ctx.abort.signal });
    const regions = (res.Regions as { Region?: Record<string, any>[] } | undefined)?.Region ?? [];
    await ctx.render(regions, {
      id: 'RegionId',
      columns: [
        { header: 'region', get: 'RegionId' },
        { header: 'name', get: 'LocalName' },
        { header: 'endpoint', get: 'RegionEndpoint' },
      ],
    });
  },
});
