import { defineCommand } from '../types.js';
import { bulkDelete, getSnapshot } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Delete snapshots (DeleteSnapshot); one in progress is cancelled')
      .argument('<ids...>', 'snapshot IDs')
      .option('--force', 'also when disks were created from it (they can then no longer be re-initialised)')
      .addHelpText('after', `
Permanent. A snapshot a custom image is built on cannot be deleted until the image is.
Asks for confirmation on a terminal; without one, --yes is required.

Examples:
  ecs snapshot delete s-bp1abcdefghijklmnopq
  ecs snapshot delete s-bp1abcdefghijklmnopq s-bp1bcdefghijklmnopqr --yes`);
  },
  async run(ctx, [ids], o) {
    const api = await ctx.api();
    await bulkDelete(ctx, ids, {
      verb: 'snapshot delete',
      kind: 'snapshot',
      idField: 'SnapshotId',
      consequence: 'This cannot be undone.',
      call: async (id, dry) => {
        if (dry) {
          const s = await getSnapshot(ctx, api, id);
          if (s.Usage === 'image' || s.Usage === 'image_disk') throw new ApiError('SnapshotCreatedImage', `The snapshot has been used to create user defined image(s): ${id}; delete the image first`, 403);
          if (s.Usage === 'disk' && !o.force) throw new ApiError('SnapshotCreatedDisk', `The snapshot has been used to create disk(s): ${id}; use --force`, 403);
          return 'would delete (dry run)';
        }
        await api.call('DeleteSnapshot', { SnapshotId: id, Force: o.force ? true : undefined }, { signal: ctx.abort.signal });
        return 'deleted';
      },
    });
  },
});
