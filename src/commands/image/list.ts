import { defineCommand } from '../types.js';
import { listAll } from '../shared/pages.js';
import { oneOf } from '../shared/parse.js';
import { IMAGE_SPEC, IMAGE_STATUSES } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('List images of the region: public, custom and shared (DescribeImages)')
      .option('--os-type <type>', 'linux or windows', oneOf('--os-type', ['linux', 'windows']))
      .option('--arch <arch>', 'x86_64, arm64 or i386', oneOf('--arch', ['x86_64', 'arm64', 'i386']))
      .option('--name <pattern>', 'only names matching; * is a wildcard (ubuntu_24*)')
      .option('--owner <owner>', 'system (public), self (yours), others (shared with you) or marketplace', oneOf('--owner', ['system', 'self', 'others', 'marketplace']))
      .option('--status <status>', `only this status (default Available; ${IMAGE_STATUSES.join(', ')})`, oneOf('--status', IMAGE_STATUSES))
      .addHelpText('after', `
Examples:
  ecs image list --os-type linux --arch arm64
  ecs image list --name 'ubuntu_24*' -o ids
  ecs image list --owner self`);
  },
  async run(ctx, _args, o) {
    const api = await ctx.api();
    const items = await listAll(api, {
      action: 'DescribeImages',
      params: { RegionId: ctx.region, OSType: o.osType, Architecture: o.arch, ImageName: o.name, ImageOwnerAlias: o.owner, Status: o.status },
      itemsPath: 'Images.Image',
      paging: 'page',
      pageSize: 100,
      signal: ctx.abort.signal,
    });
    await ctx.render(items, IMAGE_SPEC);
  },
});
