import { defineDescribe } from '../builders/index.js';
import { disk } from '../../resources/disk.js';

export default defineDescribe({
  resource: disk,
  description: 'Show disks (DescribeDisks)',
  examples: ['ecs disk describe d-bp1abcdefghijklmnopq', 'ecs disk describe d-bp1abcdefghijklmnopq -o json --query Status'],
});
