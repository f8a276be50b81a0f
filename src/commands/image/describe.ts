import { ApiError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { IMAGE_STATUSES } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Show one image: OS, architecture, size, owner, whether ecs-user login is supported (DescribeImages)')
      .argument('<id>', 'image ID (aliyun_3_x64_20G_alibase_…vhd, m-…)')
      .addHelpText('after', `
Examples:
  ecs image describe aliyun_3_x64_20G_alibase_20240819.vhd
  ecs image describe m-bp1abcdefghijklmnopq -o json`);
  },
  async run(ctx, [id]) {
    const api = await ctx.api();
    const res = await api.call('DescribeImages', { RegionId: ctx.region, ImageId: id, Status: IMAGE_STATUSES.join(','), PageSize: 10 }, { signal: ctx.abort.signal });
    const img = ((res.Images as any)?.Image ?? []).find((i: any) => i.ImageId === id) as Record<string, any> | undefined;
    if (!img) throw new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist: ${id} (region ${ctx.region})`, 404);
    // Your custom images: the disks they carry and the accounts they are shared with.
    let sharedWith: string[] | undefined;
    if (img.ImageOwnerAlias === 'self') {
      const perm = await api.call('DescribeImageSharePermission', { RegionId: ctx.region, ImageId: id, PageSize: 100 }, { signal: ctx.abort.signal });
      sharedWith = ((perm.Accounts as any)?.Account ?? []).map((a: any) => String(a.AliyunId));
    }
    const disks = ((img.DiskDeviceMappings?.DiskDeviceMapping ?? []) as Record<string, any>[])
      .map((m) => `${m.Device} ${m.Type} ${m.Size} GiB${m.SnapshotId ? ` ${m.SnapshotId}` : ''}`)
      .join('; ');
    await ctx.renderRecord(sharedWith ? { ...img, SharedWith: sharedWith } : img, [
      ['ImageId', img.ImageId],
      ['Name', img.ImageName],
      ['Description', img.Description],
      ['OS', img.OSNameEn || img.OSName],
      ['OSType', img.OSType],
      ['Platform', img.Platform],
      ['Architecture', img.Architecture],
      ['BootMode', img.BootMode],
      ['Size (GiB)', img.Size],
      ['Owner', img.ImageOwnerAlias],
      ['Family', img.ImageFamily],
      ['Status', img.Status],
      ['Progress', img.Progress],
      ['ecs-user login', img.LoginAsNonRootSupported ? 'supported' : 'not supported'],
      ['cloud-init', img.IsSupportCloudinit ? 'yes' : 'no'],
      ['Disks', disks],
      ...(sharedWith ? [['Shared with', sharedWith.join(', ') || '-'] as [string, unknown]] : []),
      ['Created', img.CreationTime],
    ], img.ImageId);
  },
});
