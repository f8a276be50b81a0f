import { defineList, tagFilter } from '../builders/index.js';
import { snapshot, SNAPSHOT_STATUSES } from '../../resources/snapshot.js';

export default defineList({
  resource: snapshot,
  description: 'List snapshots of the region (DescribeSnapshots)',
  filters: [
    { flags: '--disk <id>', description: 'snapshots of this disk', param: 'DiskId', complete: { resource: 'disk' } },
    { flags: '--instance <id>', description: "snapshots of this instance's disks", param: 'InstanceId', complete: { resource: 'instance' } },
    { flags: '--kind <kind>', description: 'auto (policy) or manual', param: 'SnapshotType', choices: ['auto', 'manual'], toParam: (k: string) => (k === 'manual' ? 'user' : k) },
    { flags: '--disk-type <type>', description: 'system or data', param: 'SourceDiskType', choices: ['system', 'data'] },
    { flags: '--status <status>', description: SNAPSHOT_STATUSES.join(', '), param: 'Status', choices: SNAPSHOT_STATUSES },
    { flags: '--usage <usage>', description: 'image, disk, image_disk or none (what was made from it)', param: 'Usage', choices: ['image', 'disk', 'image_disk', 'none'] },
    tagFilter('snapshots'),
  ],
  examples: ['ecs snapshot list --disk d-bp1abcdefghijklmnopq', 'ecs snapshot list --instance i-bp67acfmxazb4ph6xxxx --kind auto -o ids'],
});
