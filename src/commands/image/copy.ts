import { defineCommand } from '../types.js';
import { callWithDryRun, printDryRun, printResult } from '../builders/index.js';
import { waitForImage } from './progress.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Copy a custom image to another region (CopyImage)')
      .argument('<id>', 'custom image ID (Available)')
      .requiredOption('--to <region>', 'destination region')
      .option('--name <name>', 'name of the copy')
      .option('--description <text>', 'description of the copy')
      .addHelpText('after', `
Asynchronous: the copy is Creating in the destination region until 100%; \`ecs image delete
--region REGION COPY\` (or CancelCopyImage) cancels it meanwhile. Images of 100 GiB or more
need a support ticket. With --wait, shows the progress and returns when the copy is Available.

Examples:
  ecs image copy m-bp1abcdefghijklmnopq --to cn-shanghai --wait`);
  },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    const r = await callWithDryRun(ctx, api, 'CopyImage', { RegionId: ctx.region, ImageId: id, DestinationRegionId: o.to, DestinationImageName: o.name, DestinationDescription: o.description });
    if (!r) {
      await printDryRun(ctx, { ImageId: id, DestinationRegionId: o.to }, `would copy ${id} to ${o.to}`, id);
      return;
    }
    const copy = String(r.ImageId);
    if (ctx.globals.wait) await waitForImage(ctx, api, copy, `Copying ${id} to ${o.to} as ${copy}`, o.to);
    await printResult(ctx, { ImageId: copy, SourceImageId: id, RegionId: o.to }, `${id}: copying to ${o.to} as ${copy}`, copy);
  },
});
