import { Option } from 'commander';
import { confirmDestructive, defineChange, fetchOne, itemsById } from '../builders/index.js';
import { positiveInt } from '../shared/parse.js';
import { readSecret } from '../shared/secret.js';
import { ApiError } from '../../core/errors.js';
import { image, type Image } from '../../resources/image.js';
import { instance, type Instance } from '../../resources/instance.js';
import { validateInstancePassword } from '../../resources/instance-password.js';
import { keypair } from '../../resources/keypair.js';

export default defineChange({
  resource: instance,
  description: 'Change the OS: replace the system disk of a Stopped instance with a new one from an image (ReplaceSystemDisk)',
  configure(cmd) {
    cmd
      .requiredOption('--image <id>', 'public, custom or shared image (not one with data disks)')
      .option('--size <GiB>', "new system disk size (at least the image's)", positiveInt('--size', 1, 2048))
      .option('--password-stdin', 'read the new login password from standard input')
      .option('--password-file <file>', 'read the new login password from a file (mode 0600)')
      .addOption(new Option('--password [value]', 'prompt for the new login password; a value is refused'))
      .option('--keypair <name>', 'log in with this key pair (Linux)');
  },
  async plan(ctx, id, _args, o, inst: Instance) {
    const secret = await readSecret(ctx, o, { what: 'new login password', promptByDefault: false });
    if (secret) validateInstancePassword(secret.value);
    await confirmDestructive(ctx, { verb: 'instance replace-system-disk', action: 'Replace the system disk of', ids: [id], noun: instance.noun, plural: instance.plural, consequence: 'Its system disk data and automatic snapshots are deleted.' });
    if (ctx.globals.dryRun) {
      // ReplaceSystemDisk has no DryRun in the API: check locally and stop before the call.
      if (inst.Status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation: ${id} is ${inst.Status}; stop it first`, 403);
      const img = await fetchOne<Image>(ctx, await ctx.api(), image, o.image);
      if ((img.DiskDeviceMappings?.DiskDeviceMapping ?? []).some((m) => m.Type === 'data')) {
        throw new ApiError('OperationDenied', `The specified image contains the snapshot of the data disk, does not support this operation: ${o.image}`, 400);
      }
      if (o.size !== undefined && o.size < Number(img.Size)) {
        throw new ApiError('InvalidSystemDiskSize.LessThanImageSize', `The specified parameter SystemDisk.Size is less than the image size. (${o.size} < ${img.Size} GiB)`, 404);
      }
      if (o.keypair !== undefined && !(await itemsById(ctx, await ctx.api(), keypair, [o.keypair])).has(o.keypair)) {
        throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist. (${o.keypair})`, 400);
      }
    }
    return {
      action: 'ReplaceSystemDisk',
      params: { InstanceId: id, ImageId: o.image, Password: secret?.value, KeyPairName: o.keypair, SystemDisk: o.size ? { Size: o.size } : undefined },
      apiDryRun: false,
      what: `replace the system disk of ${id} with ${o.image}`,
      result: { ImageId: o.image },
      requestId: false,
      after: (res) => ({ DiskId: res.DiskId }),
      done: (r) => `${id}: new system disk ${r.DiskId} from ${o.image}; apply the automatic snapshot policy again if it had one`,
    };
  },
  help: `The system disk gets a new disk ID: the old disk, its data and its automatic snapshots are
deleted (manual snapshots are kept but cannot roll the new disk back), and the automatic
snapshot policy must be applied again. The IP addresses stay. Linux ↔ Windows only in
mainland China regions. Data disks must be mounted again (Linux). Asks for confirmation on a
terminal; without one, --yes is required.`,
  completion: { args: [{ resource: 'instance', statuses: ['Stopped'] }], options: { '--image': { resource: 'image' }, '--keypair': { resource: 'keypair' }, '--password-file': 'file' } },
  examples: [
    'ecs instance replace-system-disk i-bp67acfmxazb4ph6xxxx --image ubuntu_24_04_x64_20G_alibase_20240812.vhd --password-file ./pw --yes',
    'ecs instance replace-system-disk i-bp67acfmxazb4ph6xxxx --image m-bp1abcdefghijklmnopq --keypair my-key',
  ],
});
