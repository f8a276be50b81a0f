// The security group resource. Its rules come from DescribeSecurityGroupAttribute
// (sg-rules.ts renders them; sg-eval.ts decides which rule applies).

import type { SecurityGroup } from '../api/actions/security-groups.js';
import { defineResource } from './types.js';

export type { SecurityGroup };

function tags(g: SecurityGroup): string | undefined {
  const t = g.Tags?.Tag;
  return t?.length ? t.map((x) => `${x.TagKey}=${x.TagValue}`).join(', ') : undefined;
}

export const securityGroup = defineResource({
  name: 'security-group',
  noun: 'security group',
  plural: 'security groups',
  idField: 'SecurityGroupId',
  nameField: 'SecurityGroupName',
  describe: {
    action: 'DescribeSecurityGroups',
    itemPath: 'SecurityGroups.SecurityGroup',
    byIds: { style: 'json', param: 'SecurityGroupIds', max: 100 },
    paging: { style: 'page', pageSize: 50 },
    regional: true,
  },
  errors: { notFound: 'InvalidSecurityGroupId.NotFound' },
  columns: [
    { header: 'ID', get: 'SecurityGroupId' },
    { header: 'Name', get: 'SecurityGroupName' },
    { header: 'Type', get: 'SecurityGroupType' },
    { header: 'VPC', get: 'VpcId' },
    { header: 'Rules', get: 'RuleCount' },
    { header: 'Created', get: 'CreationTime' },
  ],
  fields: (g) => [
    ['ID', g.SecurityGroupId],
    ['Name', g.SecurityGroupName],
    ['Description', g.Description],
    ['Type', g.SecurityGroupType === 'enterprise' ? 'enterprise (accept rules only, default drop)' : g.SecurityGroupType],
    ['VPC', g.VpcId],
    ['Rule count', g.RuleCount],
    ['Created', g.CreationTime],
    ['Tags', tags(g)],
  ],
  completion: { label: (g) => g.SecurityGroupName },
});
