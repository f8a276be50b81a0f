import { defineList } from '../builders/index.js';
import { collectTag, type TagKV } from '../shared/parse.js';
import { image, IMAGE_STATUSES } from '../../resources/image.js';

export default defineList({
  resource: image,
  description: 'List images of the region: public, custom and shared (DescribeImages)',
  filters: [
    { flags: '--os-type <type>', description: 'linux or windows', param: 'OSType', choices: ['linux', 'windows'] },
    { flags: '--arch <arch>', description: 'x86_64, arm64 or i386', param: 'Architecture', choices: ['x86_64', 'arm64', 'i386'] },
    { flags: '--name <pattern>', description: 'only names matching; * is a wildcard (ubuntu_24*)', param: 'ImageName' },
    { flags: '--owner <owner>', description: 'system (public), self (yours), others (shared with you) or marketplace', param: 'ImageOwnerAlias', choices: ['system', 'self', 'others', 'marketplace'] },
    { flags: '--status <status>', description: `only this status (default Available; ${IMAGE_STATUSES.join(', ')})`, param: 'Status', choices: IMAGE_STATUSES },
    {
      flags: '--tag <key[=value]>',
      description: 'only images with this tag (repeatable: all must match)',
      param: 'Tag',
      parse: collectTag,
      toParam: (tags: TagKV[]) => tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })),
    },
  ],
  examples: ['ecs image list --os-type linux --arch arm64', "ecs image list --name 'ubuntu_24*' -o ids", 'ecs image list --owner self'],
});
