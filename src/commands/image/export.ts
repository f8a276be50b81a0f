import { defineCommand } from '../types.js';
import { oneOf } from '../shared/parse.js';
import { callWithDryRun, printDryRun, printResult } from '../builders/index.js';
import { waitForTask } from './progress.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Export a custom image to an OSS bucket of its region (ExportImage)')
      .argument('<id>', 'custom image ID (without data disks)')
      .requiredOption('--bucket <name>', 'OSS bucket in the image\'s region')
      .option('--prefix <prefix>', 'object name prefix: the file is stored as PREFIX-<generated name>')
      .option('--format <format>', 'raw (default), vhd, qcow2, vmdk or vdi', oneOf('--format', ['raw', 'vhd', 'qcow2', 'vmdk', 'vdi']))
      .addHelpText('after', `
The account must be whitelisted (simulator: \`ecs simulator set feature.image-export on\`);
OSS storage and traffic are billed. Images with data disks cannot be exported. With --wait,
shows the progress and returns when the task is finished.

Examples:
  ecs image export m-bp1abcdefghijklmnopq --bucket my-bucket --prefix backup --wait`);
  },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    const r = await callWithDryRun(ctx, api, 'ExportImage', { RegionId: ctx.region, ImageId: id, OSSBucket: o.bucket, OSSPrefix: o.prefix, ImageFormat: o.format });
    if (!r) {
      await printDryRun(ctx, { ImageId: id, OSSBucket: o.bucket }, `would export ${id} to ${o.bucket}`, id);
      return;
    }
    if (ctx.globals.wait) await waitForTask(ctx, api, String(r.TaskId), `Exporting ${id} to ${o.bucket}`);
    await printResult(ctx, { ImageId: id, TaskId: r.TaskId }, `${id}: exporting to ${o.bucket} (task ${r.TaskId})`, id);
  },
});
