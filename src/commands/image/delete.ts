import { defineCommand } from '../types.js';
import { bulkDelete, callOrDry } from '../shared/storage.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Delete custom images (DeleteImage); a copy in progress is cancelled (CancelCopyImage)')
      .argument('<ids...>', 'custom image IDs')
      .option('--force', 'also when instances were created from it (they can then no longer re-initialise their system disk)')
      .addHelpText('after', `
A shared image must be unshared first. Its snapshots can be deleted afterwards. Asks for
confirmation on a terminal; without one, --yes is required.

Examples:
  ecs image delete m-bp1abcdefghijklmnopq
  ecs image delete m-bp1abcdefghijklmnopq --force --yes`);
  },
  async run(ctx, [ids], o) {
    const api = await ctx.api();
    await bulkDelete(ctx, ids, {
      verb: 'image delete',
      kind: 'image',
      idField: 'ImageId',
      consequence: 'This cannot be undone.',
      call: async (id, dry) => {
        const { findImage } = await import('../shared/storage.js');
        const img = await findImage(ctx, api, id);
        if (img && img.Status === 'Creating' && img.IsCopied) {
          if (dry) return 'would cancel the copy (dry run)';
          await api.call('CancelCopyImage', { RegionId: ctx.region, ImageId: id }, { signal: ctx.abort.signal });
          return 'copy cancelled';
        }
        const r = await callOrDry(ctx, api, 'DeleteImage', { RegionId: ctx.region, ImageId: id, Force: o.force ? true : undefined });
        return r ? 'deleted' : 'would delete (dry run)';
      },
    });
  },
});
