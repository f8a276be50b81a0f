import { Option } from 'commander';
import { defineCommand } from '../types.js';
import { confirmDestructive } from '../shared/confirm.js';
import { positiveInt } from '../shared/parse.js';
import { readSecret, validateInstancePassword } from '../shared/secret.js';
import { actionResult, dryResult, getImage } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';
import { fetchInstances } from '../shared/instances.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Change the OS: replace the system disk of a Stopped instance with a new one from an image (ReplaceSystemDisk)')
      .argument('<id>', 'instance ID (Stopped)')
      .requiredOption('--image <id>', 'public, custom or shared image (not one with data disks)')
      .option('--size <GiB>', 'new system disk size (at least the image\'s)', positiveInt('--size', 1, 2048))
      .option('--password-stdin', 'read the new login password from standard input')
      .option('--password-file <file>', 'read the new login password from a file (mode 0600)')
      .addOption(new Option('--password [value]', 'prompt for the new login password; a value is refused'))
      .option('--keypair <name>', 'log in with this key pair (Linux)')
      .addHelpText('after', `
The system disk gets a new disk ID: the old disk, its data and its automatic snapshots are
deleted (manual snapshots are kept but cannot roll the new disk back), and the automatic
snapshot policy must be applied again. The IP addresses stay. Linux ↔ Windows only in
mainland China regions. Data disks must be mounted again (Linux). Asks for confirmation on a
terminal; without one, --yes is required.

Examples:
  ecs instance replace-system-disk i-bp67acfmxazb4ph6xxxx --image ubuntu_24_04_x64_20G_alibase_20240812.vhd --password-file ./pw --yes
  ecs instance replace-system-disk i-bp67acfmxazb4ph6xxxx --image m-bp1abcdefghijklmnopq --keypair my-key`);
  },
  async run(ctx, [id], o) {
    const secret = await readSecret(ctx, o, { what: 'new login password', promptByDefault: false });
    if (secret) validateInstancePassword(secret.value);
    const api = await ctx.api();
    const [inst] = await fetchInstances(ctx, api, [id]);
    if (!inst) throw new ApiError('InvalidInstanceId.NotFound', `The specified InstanceId does not exist: ${id}`, 404);
    await confirmDestructive(ctx, { verb: 'instance replace-system-disk', action: 'Replace the system disk of', ids: [id], consequence: 'Its system disk data and automatic snapshots are deleted.' });
    if (ctx.globals.dryRun) {
      if (inst.Status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation: ${id} is ${inst.Status}; stop it first`, 403);
      const img = await getImage(ctx, api, o.image);
      if ((img.DiskDeviceMappings?.DiskDeviceMapping ?? []).some((m: any) => m.Type === 'data')) {
        throw new ApiError('OperationDenied', `The specified image contains the snapshot of the data disk, does not support this operation: ${o.image}`, 400);
      }
      await dryResult(ctx, { InstanceId: id, ImageId: o.image }, `would replace the system disk of ${id} with ${o.image}`, id);
      return;
    }
    const r = await api.call('ReplaceSystemDisk', {
      InstanceId: id, ImageId: o.image, Password: secret?.value, KeyPairName: o.keypair, SystemDisk: o.size ? { Size: o.size } : undefined,
    }, { signal: ctx.abort.signal });
    await actionResult(ctx, { InstanceId: id, ImageId: o.image, DiskId: r.DiskId }, `${id}: new system disk ${r.DiskId} from ${o.image}; apply the automatic snapshot policy again if it had one`, id);
  },
});
