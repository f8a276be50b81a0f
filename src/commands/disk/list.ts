import { defineList, tagFilter } from '../builders/index.js';
import { disk, DISK_STATUSES } from '../../resources/disk.js';

export default defineList({
  resource: disk,
  description: 'List disks of the region (DescribeDisks)',
  filters: [
    { flags: '--instance <id>', description: 'disks of this instance', param: 'InstanceId', complete: { resource: 'instance' } },
    { flags: '--zone <zone>', description: 'disks in this zone', param: 'ZoneId', complete: { resource: 'zone' } },
    { flags: '--type <type>', description: 'system or data', param: 'DiskType', choices: ['system', 'data'] },
    { flags: '--status <status>', description: DISK_STATUSES.join(', '), param: 'Status', choices: DISK_STATUSES },
    { flags: '--category <category>', description: 'cloud, cloud_efficiency, cloud_ssd, cloud_essd …', param: 'Category' },
    { flags: '--policy <id>', description: 'disks using this automatic snapshot policy', param: 'AutoSnapshotPolicyId', complete: { resource: 'snapshot-policy' } },
    tagFilter('disks'),
  ],
  examples: ['ecs disk list --instance i-bp67acfmxazb4ph6xxxx', 'ecs disk list --status Available --type data -o ids', 'ecs disk list --tag env=prod --zone cn-hangzhou-h'],
});
