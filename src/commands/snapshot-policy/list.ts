import { defineList, tagFilter } from '../builders/index.js';
import { snapshotPolicy } from '../../resources/snapshot-policy.js';

export default defineList({
  resource: snapshotPolicy,
  description: 'List automatic snapshot policies of the region (DescribeAutoSnapshotPolicyEx)',
  ids: false,
  filters: [{ flags: '--name <name>', description: 'only this name', param: 'AutoSnapshotPolicyName' }, tagFilter('policies')],
  examples: ['ecs snapshot-policy list', "ecs snapshot-policy list -o json --query '[].AutoSnapshotPolicyId'"],
});
