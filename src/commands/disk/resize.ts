import { defineChange } from '../builders/index.js';
import { oneOf, positiveInt } from '../shared/parse.js';
import { ApiError } from '../../core/errors.js';
import { disk, type Disk } from '../../resources/disk.js';

export default defineChange({
  resource: disk,
  description: 'Grow a disk (ResizeDisk); disks never shrink',
  configure(cmd) {
    cmd
      .requiredOption('--size <GiB>', 'new size in GiB (larger than now)', positiveInt('--size', 1, 65536))
      .option('--type <type>', 'offline (default: the OS sees it after a restart through the API) or online (Running instance, at once)', oneOf('--type', ['offline', 'online']));
  },
  plan(_ctx, id, _args, o, d: Disk) {
    if (o.size <= Number(d.Size)) {
      throw new ApiError('InvalidDiskSize.TooSmall', `Specified new disk size is less than the original disk size: ${id} is ${d.Size} GiB; a disk can only grow`, 403);
    }
    const offlineRunning = (o.type ?? 'offline') === 'offline' && d.InstanceId;
    return {
      action: 'ResizeDisk',
      params: { DiskId: id, NewSize: o.size, Type: o.type },
      apiDryRun: false,
      what: `resize ${id} from ${d.Size} to ${o.size} GiB`,
      result: { Size: o.size },
      requestId: false,
      done: `${id}: resized to ${o.size} GiB.${offlineRunning ? ` The OS sees the new size after a restart through the API (ecs instance reboot ${d.InstanceId}); then extend the file system.` : ''}`,
    };
  },
  help: 'After resizing, extend the partition and file system inside the OS.',
  completion: { options: { '--type': { values: ['offline', 'online'] } } },
  examples: ['ecs disk resize d-bp1abcdefghijklmnopq --size 200', 'ecs disk resize d-bp1abcdefghijklmnopq --size 200 --type online'],
});
