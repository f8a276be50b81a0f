import { Option } from 'commander';
import { confirmDestructive, defineChange, fetchOne, waitForStatus } from '../builders/index.js';
import { readSecret } from '../shared/secret.js';
import { ApiError } from '../../core/errors.js';
import { disk, type Disk } from '../../resources/disk.js';
import { validateInstancePassword } from '../../resources/instance-password.js';
import { instance, type Instance } from '../../resources/instance.js';

export default defineChange({
  resource: disk,
  description: 'Re-initialise a disk to its state at creation (ReInitDisk)',
  configure(cmd) {
    cmd
      .option('--password-stdin', 'system disk: read the new login password from standard input')
      .option('--password-file <file>', 'system disk: read the new login password from a file (mode 0600)')
      .addOption(new Option('--password [value]', 'system disk: prompt for the new login password; a value is refused'))
      .option('--keypair <name>', 'system disk (Linux): key pair to log in with')
      .option('--start', 'start the instance afterwards (AutoStartInstance)');
  },
  async plan(ctx, id, _args, o, d: Disk) {
    const secret = await readSecret(ctx, o, { what: 'new login password', promptByDefault: false });
    if (secret) validateInstancePassword(secret.value);
    if (d.Type !== 'system' && (secret || o.keypair)) throw new ApiError('InvalidParameter', `--password and --keypair are for a system disk; ${id} is a data disk`, 400);
    await confirmDestructive(ctx, { verb: 'disk reinit', action: 'Re-initialise', ids: [id], noun: disk.noun, plural: disk.plural, consequence: 'All data on it is lost.' });
    if (ctx.globals.dryRun && d.Status !== 'In_use') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}`, 403);
    const api = await ctx.api();
    if (ctx.globals.dryRun && d.InstanceId) {
      const inst = await fetchOne<Instance>(ctx, api, instance, d.InstanceId);
      if (inst.Status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${inst.InstanceId} is ${inst.Status}; re-initialising a disk needs a Stopped instance)`, 403);
    }
    return {
      action: 'ReInitDisk',
      params: { DiskId: id, Password: secret?.value, KeyPairName: o.keypair, AutoStartInstance: o.start ? true : undefined },
      apiDryRun: false,
      what: `re-initialise ${id}`,
      requestId: false,
      after: async () => {
        if (ctx.globals.wait) await waitForStatus(ctx, api, disk, [id], 'In_use');
        return {};
      },
      done: `${id}: re-initialised`,
    };
  },
  help: `A system disk goes back to its image, a data disk to its source snapshot or to empty; its
automatic snapshots are kept. The data on the disk is lost, so it asks for confirmation on
a terminal; without one, --yes is required. With --wait, returns when the disk is In_use.`,
  completion: { args: [{ resource: 'disk', statuses: ['In_use'] }], options: { '--keypair': { resource: 'keypair' }, '--password-file': 'file' } },
  examples: ['ecs disk reinit d-bp1abcdefghijklmnopq --password-file ./pw --yes', 'ecs disk reinit d-bp1abcdefghijklmnopq --keypair my-key --start'],
});
