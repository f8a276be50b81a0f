import { defineChange } from '../builders/index.js';
import { oneOf } from '../shared/parse.js';
import { image } from '../../resources/image.js';
import { waitForTask } from './progress.js';

const FORMATS = ['raw', 'vhd', 'qcow2', 'vmdk', 'vdi'];

export default defineChange({
  resource: image,
  description: 'Export a custom image to an OSS bucket of its region (ExportImage)',
  configure(cmd) {
    cmd
      .requiredOption('--bucket <name>', "OSS bucket in the image's region")
      .option('--prefix <prefix>', 'object name prefix: the file is stored as PREFIX-<generated name>')
      .option('--format <format>', 'raw (default), vhd, qcow2, vmdk or vdi', oneOf('--format', FORMATS));
  },
  plan: (ctx, id, _args, o) => ({
    action: 'ExportImage',
    params: { RegionId: ctx.region, ImageId: id, OSSBucket: o.bucket, OSSPrefix: o.prefix, ImageFormat: o.format },
    apiDryRun: true,
    what: `export ${id} to ${o.bucket}`,
    requestId: false,
    after: async (res) => {
      if (ctx.globals.wait) await waitForTask(ctx, await ctx.api(), String(res.TaskId), `Exporting ${id} to ${o.bucket}`);
      return { TaskId: res.TaskId };
    },
    done: (r) => `${id}: exporting to ${o.bucket} (task ${r.TaskId})`,
  }),
  help: `The account must be whitelisted (simulator: \`ecs simulator set feature.image-export on\`);
OSS storage and traffic are billed. Images with data disks cannot be exported. With --wait,
shows the progress and returns when the task is finished.`,
  completion: { options: { '--format': { values: FORMATS } } },
  examples: ['ecs image export m-bp1abcdefghijklmnopq --bucket my-bucket --prefix backup --wait'],
});
