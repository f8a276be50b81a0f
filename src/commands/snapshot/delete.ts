import { defineDelete } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { snapshot, type Snapshot } from '../../resources/snapshot.js';

export default defineDelete({
  resource: snapshot,
  verb: 'snapshot delete',
  description: 'Delete snapshots (DeleteSnapshot); one in progress is cancelled',
  configure(cmd) {
    cmd.option('--force', 'also when disks were created from it (they can then no longer be re-initialised)');
  },
  action: 'DeleteSnapshot',
  params: (id, o) => ({ SnapshotId: id, Force: o.force ? true : undefined }),
  apiDryRun: false,
  dryCheck: (s: Snapshot, o) => {
    if (s.Usage === 'image' || s.Usage === 'image_disk') throw new ApiError('SnapshotCreatedImage', `The snapshot has been used to create user defined image(s): ${s.SnapshotId}; delete the image first`, 403);
    if (s.Usage === 'disk' && !o.force) throw new ApiError('SnapshotCreatedDisk', `The snapshot has been used to create disk(s): ${s.SnapshotId}; use --force`, 403);
  },
  help: `Permanent. A snapshot a custom image is built on cannot be deleted until the image is.
Asks for confirmation on a terminal; without one, --yes is required.`,
  examples: ['ecs snapshot delete s-bp1abcdefghijklmnopq', 'ecs snapshot delete s-bp1abcdefghijklmnopq s-bp1bcdefghijklmnopqr --yes'],
});
