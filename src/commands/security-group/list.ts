import { defineList } from '../builders/index.js';
import { securityGroup } from '../../resources/security-group.js';
import { collectTag, oneOf, type TagKV } from '../shared/parse.js';

export default defineList({
  resource: securityGroup,
  filters: [
    { flags: '--name <pattern>', description: 'only names matching; * is a wildcard (web-*)', param: 'SecurityGroupName' },
    { flags: '--vpc <id>', description: 'only groups of this VPC', param: 'VpcId' },
    { flags: '--type <type>', description: 'normal or enterprise', param: 'SecurityGroupType', parse: oneOf('--type', ['normal', 'enterprise']) },
    {
      flags: '--tag <key[=value]>',
      description: 'only groups with this tag (repeatable: all must match)',
      param: 'Tag',
      parse: collectTag,
      toParam: (tags: TagKV[]) => tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })),
    },
  ],
  examples: ['ecs security-group list', "ecs security-group list --name 'web-*' -o ids", 'ecs security-group list --type enterprise -o json'],
});
