import { defineDescribe } from '../builders/index.js';
import { image } from '../../resources/image.js';

export default defineDescribe({
  resource: image,
  description: 'Show images: OS, architecture, size, owner, whether ecs-user login is supported (DescribeImages)',
  examples: ['ecs image describe aliyun_3_x64_20G_alibase_20240819.vhd', 'ecs image describe m-bp1abcdefghijklmnopq -o json'],
});
