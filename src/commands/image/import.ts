import { defineCommand } from '../types.js';
import { oneOf, positiveInt } from '../shared/parse.js';
import { callWithDryRun, printDryRun, printResult } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { waitForTask } from './progress.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Import an image file from OSS as a custom image (ImportImage)')
      .requiredOption('--oss <bucket/object>', 'OSS location of the image file, bucket/object (same region and account)')
      .requiredOption('--os-type <type>', 'linux or windows', oneOf('--os-type', ['linux', 'windows']))
      .option('--platform <name>', 'CentOS, Ubuntu, Debian, SUSE, FreeBSD, CoreOS, Customized Linux, Others Linux; Windows Server 2008/2012 …')
      .option('--format <format>', 'RAW or VHD (convert others with qemu-img)', oneOf('--format', ['RAW', 'VHD']), 'RAW')
      .option('--size <GiB>', 'system disk size from the image\'s virtual size: Linux 20–500, Windows 40–500', positiveInt('--size', 1, 2048))
      .option('--arch <arch>', 'x86_64 (default) or i386', oneOf('--arch', ['x86_64', 'i386']))
      .option('--name <name>', 'image name')
      .option('--description <text>', 'description')
      .addHelpText('after', `
Importing is enabled by a support ticket (simulator: \`ecs simulator set feature.image-import on\`).
It usually takes 1–4 hours. With --wait, shows the progress and returns when it is done.

Examples:
  ecs image import --oss my-bucket/images/centos7.raw --os-type linux --platform CentOS --size 40 --name centos7-base`);
  },
  async run(ctx, _args, o) {
    const slash = String(o.oss).indexOf('/');
    if (slash <= 0 || slash === String(o.oss).length - 1) throw new UsageError(`--oss takes bucket/object, got "${o.oss}"`);
    const bucket = String(o.oss).slice(0, slash);
    const object = String(o.oss).slice(slash + 1);
    const api = await ctx.api();
    const r = await callWithDryRun(ctx, api, 'ImportImage', {
      RegionId: ctx.region, ImageName: o.name, Description: o.description, OSType: o.osType, Platform: o.platform, Architecture: o.arch,
      DiskDeviceMapping: [{ OSSBucket: bucket, OSSObject: object, Format: o.format, DiskImageSize: o.size }],
    });
    if (!r) {
      await printDryRun(ctx, { OSSBucket: bucket, OSSObject: object }, `would import ${o.oss}`);
      return;
    }
    if (ctx.globals.wait) await waitForTask(ctx, api, String(r.TaskId), `Importing ${o.oss} as ${r.ImageId}`);
    await printResult(ctx, { ImageId: r.ImageId, TaskId: r.TaskId }, `importing ${o.oss} as ${r.ImageId} (task ${r.TaskId}; it usually takes 1–4 hours)`, String(r.ImageId));
  },
});
