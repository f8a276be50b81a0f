import { defineDelete } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { disk, type Disk } from '../../resources/disk.js';

export default defineDelete({
  resource: disk,
  verb: 'disk delete',
  description: 'Delete (release) data disks (DeleteDisk)',
  action: 'DeleteDisk',
  params: (id) => ({ DiskId: id }),
  apiDryRun: false,
  dryCheck: (d: Disk) => {
    if (d.InstanceId) throw new ApiError('DiskStillAttached', `The disk is still attached: ${d.DiskId} is ${d.Status} on ${d.InstanceId}; detach it first`, 403);
    if (d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${d.DiskId} is ${d.Status}`, 403);
  },
  confirm: () => ({ action: 'Delete', consequence: 'Their data cannot be recovered.' }),
  actsOn: ['Available'],
  help: `Permanent: the data cannot be recovered. Automatic snapshots go with a disk that has
DeleteAutoSnapshot set; manual snapshots are kept. Asks for confirmation on a terminal;
without one, --yes is required.`,
  examples: ['ecs disk delete d-bp1abcdefghijklmnopq', 'ecs disk delete d-bp1abcdefghijklmnopq d-bp1bcdefghijklmnopqr --yes'],
});
