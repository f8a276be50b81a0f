import { defineList } from '../builders/index.js';
import { collectTag, type TagKV } from '../shared/parse.js';
import { instance, INSTANCE_STATUSES } from '../../resources/instance.js';

export default defineList({
  resource: instance,
  filters: [
    { flags: '--status <status>', description: `only instances in this status (${INSTANCE_STATUSES.join(', ')})`, param: 'Status', choices: INSTANCE_STATUSES },
    { flags: '--name <pattern>', description: 'only names matching; * is a wildcard (web-*)', param: 'InstanceName' },
    { flags: '--zone <zone>', description: 'only this zone', param: 'ZoneId', complete: { resource: 'zone' } },
    { flags: '--type <type>', description: 'only this instance type', param: 'InstanceType', complete: { resource: 'instance-type' } },
    {
      flags: '--tag <key[=value]>',
      description: 'only instances with this tag; a key alone matches any value (repeatable: all must match)',
      param: 'Tag',
      parse: collectTag,
      // A key with no "=" sends no Value: the API then matches by key.
      toParam: (tags: TagKV[]) => tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })),
    },
    { flags: '--image <id>', description: 'only instances from this image', param: 'ImageId', complete: { resource: 'image' } },
    { flags: '--vpc <id>', description: 'only instances in this VPC', param: 'VpcId' },
    { flags: '--security-group <id>', description: 'only members of this security group', param: 'SecurityGroupId', complete: { resource: 'security-group' } },
    { flags: '--charge-type <type>', description: 'PostPaid or PrePaid', param: 'InstanceChargeType', choices: ['PostPaid', 'PrePaid'] },
  ],
  examples: [
    'ecs instance list',
    "ecs instance list --status Running --name 'web-*' -o ids",
    'ecs instance list --tag env=prod --columns id,name,status,private-ip',
    "ecs instance list --tag env -o json --query '[].InstanceId'",
  ],
});
