import { defineCommand } from '../types.js';
import { bulkDelete, getDisk } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Delete (release) data disks (DeleteDisk)')
      .argument('<ids...>', 'disk IDs (Available: detach them first)')
      .addHelpText('after', `
Permanent: the data cannot be recovered. Automatic snapshots go with a disk that has
DeleteAutoSnapshot set; manual snapshots are kept. Asks for confirmation on a terminal;
without one, --yes is required.

Examples:
  ecs disk delete d-bp1abcdefghijklmnopq
  ecs disk delete d-bp1abcdefghijklmnopq d-bp1bcdefghijklmnopqr --yes`);
  },
  async run(ctx, [ids]) {
    const api = await ctx.api();
    await bulkDelete(ctx, ids, {
      verb: 'disk delete',
      kind: 'disk',
      idField: 'DiskId',
      consequence: 'Their data cannot be recovered.',
      call: async (id, dry) => {
        if (dry) {
          const d = await getDisk(ctx, api, id);
          if (d.InstanceId) throw new ApiError('DiskStillAttached', `The disk is still attached: ${id} is ${d.Status} on ${d.InstanceId}; detach it first`, 403);
          if (d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}`, 403);
          return 'would delete (dry run)';
        }
        await api.call('DeleteDisk', { DiskId: id }, { signal: ctx.abort.signal });
        return 'deleted';
      },
    });
  },
});
