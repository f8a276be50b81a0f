import { defineCommand } from '../types.js';
import { oneOf, positiveInt } from '../shared/parse.js';
import { actionResult, dryResult, getDisk } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Grow a disk (ResizeDisk); disks never shrink')
      .argument('<id>', 'disk ID')
      .requiredOption('--size <GiB>', 'new size in GiB (larger than now)', positiveInt('--size', 1, 65536))
      .option('--type <type>', 'offline (default: the OS sees it after a restart through the API) or online (Running instance, at once)', oneOf('--type', ['offline', 'online']))
      .addHelpText('after', `
After resizing, extend the partition and file system inside the OS.

Examples:
  ecs disk resize d-bp1abcdefghijklmnopq --size 200
  ecs disk resize d-bp1abcdefghijklmnopq --size 200 --type online`);
  },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    const d = await getDisk(ctx, api, id);
    if (o.size <= Number(d.Size)) {
      throw new ApiError('InvalidDiskSize.TooSmall', `Specified new disk size is less than the original disk size: ${id} is ${d.Size} GiB; a disk can only grow`, 403);
    }
    if (ctx.globals.dryRun) {
      await dryResult(ctx, { DiskId: id, Size: d.Size, NewSize: o.size }, `would resize ${id} from ${d.Size} to ${o.size} GiB`, id);
      return;
    }
    await api.call('ResizeDisk', { DiskId: id, NewSize: o.size, Type: o.type }, { signal: ctx.abort.signal });
    const offlineRunning = (o.type ?? 'offline') === 'offline' && d.InstanceId;
    await actionResult(ctx, { DiskId: id, Size: o.size }, `${id}: resized to ${o.size} GiB.${offlineRunning ? ` The OS sees the new size after a restart through the API (ecs instance reboot ${d.InstanceId}); then extend the file system.` : ''}`, id);
  },
});
