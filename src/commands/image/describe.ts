import { defineDescribe } from '../builders/index.js';
import { image, type DescribedImage, type Image } from '../../resources/image.js';

export default defineDescribe({
  resource: image,
  description: 'Show images: OS, architecture, size, owner, disks, whether ecs-user login is supported (DescribeImages)',
  // Your own images: the accounts they are shared with (DescribeImageSharePermission).
  async enrich(ctx, api, img: Image): Promise<DescribedImage> {
    if (img.ImageOwnerAlias !== 'self' || !img.ImageId) return img;
    const perm = await api.call('DescribeImageSharePermission', { RegionId: ctx.region, ImageId: img.ImageId, PageSize: 100 }, { signal: ctx.abort.signal });
    return { ...img, SharedWith: (perm.Accounts?.Account ?? []).map((a) => String(a.AliyunId)) };
  },
  examples: ['ecs image describe aliyun_3_x64_20G_alibase_20240819.vhd', 'ecs image describe m-bp1abcdefghijklmnopq -o json'],
});
