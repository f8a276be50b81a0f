import { defineDelete, rawCall } from '../builders/index.js';
import { image } from '../../resources/image.js';

// A copy still Creating is cancelled (CancelCopyImage) instead of deleted; DeleteImage has DryRun.
export default defineDelete({
  resource: image,
  verb: 'image delete',
  description: 'Delete custom images (DeleteImage); a copy in progress is cancelled (CancelCopyImage)',
  configure(cmd) {
    cmd.option('--force', 'also when instances were created from it (they can then no longer re-initialise their system disk)');
  },
  action: 'DeleteImage',
  params: (id, o, ctx) => ({ RegionId: ctx.region, ImageId: id, Force: o.force ? true : undefined }),
  apiDryRun: true,
  instead: async (ctx, api, id, img) => {
    if (img.Status !== 'Creating' || !img.IsCopied) return undefined;
    if (ctx.globals.dryRun) return 'dry run: would cancel the copy';
    await rawCall(api)('CancelCopyImage', { RegionId: ctx.region, ImageId: id }, { signal: ctx.abort.signal });
    return 'copy cancelled';
  },
  help: `A shared image must be unshared first. Its snapshots can be deleted afterwards. Asks for
confirmation on a terminal; without one, --yes is required.`,
  examples: ['ecs image delete m-bp1abcdefghijklmnopq', 'ecs image delete m-bp1abcdefghijklmnopq --force --yes'],
});
