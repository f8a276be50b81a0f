import { defineDescribe } from '../builders/index.js';
import { snapshot } from '../../resources/snapshot.js';

export default defineDescribe({
  resource: snapshot,
  description: 'Show snapshots: status, progress, source disk, usage (DescribeSnapshots)',
  examples: ['ecs snapshot describe s-bp1abcdefghijklmnopq', 'ecs snapshot describe s-bp1abcdefghijklmnopq -o json --query Progress'],
});
