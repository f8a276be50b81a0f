import { defineChange } from '../builders/index.js';
import { image } from '../../resources/image.js';
import { waitForImage } from './progress.js';

export default defineChange({
  resource: image,
  description: 'Copy a custom image to another region (CopyImage)',
  configure(cmd) {
    cmd
      .requiredOption('--to <region>', 'destination region')
      .option('--name <name>', 'name of the copy')
      .option('--description <text>', 'description of the copy');
  },
  plan: (ctx, id, _args, o) => ({
    action: 'CopyImage',
    params: { RegionId: ctx.region, ImageId: id, DestinationRegionId: o.to, DestinationImageName: o.name, DestinationDescription: o.description },
    apiDryRun: true,
    what: `copy ${id} to ${o.to}`,
    requestId: false,
    // The result names the copy (in the destination region).
    after: async (res) => {
      const copy = String(res.ImageId);
      if (ctx.globals.wait) await waitForImage(ctx, await ctx.api(), copy, `Copying ${id} to ${o.to} as ${copy}`, o.to);
      return { ImageId: copy, SourceImageId: id, RegionId: o.to };
    },
    done: (r) => `${id}: copying to ${o.to} as ${r.ImageId}`,
  }),
  help: `Asynchronous: the copy is Creating in the destination region until 100%; \`ecs image delete
--region REGION COPY\` (or CancelCopyImage) cancels it meanwhile. Images of 100 GiB or more
need a support ticket. With --wait, shows the progress and returns when the copy is Available.`,
  completion: { args: [{ resource: 'image', statuses: ['Available'] }], options: { '--to': { resource: 'region' } } },
  examples: ['ecs image copy m-bp1abcdefghijklmnopq --to cn-shanghai --wait'],
});
