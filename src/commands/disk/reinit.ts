import { defineCommand } from '../types.js';
import { confirmDestructive } from '../shared/confirm.js';
import { actionResult, dryResult, getDisk, waitForDisks } from '../shared/storage.js';
import { readSecret, validateInstancePassword } from '../shared/secret.js';
import { ApiError } from '../../core/errors.js';
import { Option } from 'commander';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Re-initialise a disk to its state at creation (ReInitDisk)')
      .argument('<id>', 'disk ID (In_use; its instance Stopped)')
      .option('--password-stdin', 'system disk: read the new login password from standard input')
      .option('--password-file <file>', 'system disk: read the new login password from a file (mode 0600)')
      .addOption(new Option('--password [value]', 'system disk: prompt for the new login password; a value is refused'))
      .option('--keypair <name>', 'system disk (Linux): key pair to log in with')
      .option('--start', 'start the instance afterwards (AutoStartInstance)')
      .addHelpText('after', `
A system disk goes back to its image, a data disk to its source snapshot or to empty; its
automatic snapshots are kept. The data on the disk is lost, so it asks for confirmation on
a terminal; without one, --yes is required. With --wait, returns when the disk is In_use.

Examples:
  ecs disk reinit d-bp1abcdefghijklmnopq --password-file ./pw --yes
  ecs disk reinit d-bp1abcdefghijklmnopq --keypair my-key --start`);
  },
  async run(ctx, [id], o) {
    const secret = await readSecret(ctx, o, { what: 'new login password', promptByDefault: false });
    if (secret) validateInstancePassword(secret.value);
    const api = await ctx.api();
    const d = await getDisk(ctx, api, id);
    if (d.Type !== 'system' && (secret || o.keypair)) throw new ApiError('InvalidParameter', `--password and --keypair are for a system disk; ${id} is a data disk`, 400);
    await confirmDestructive(ctx, { verb: 'disk reinit', action: 'Re-initialise', ids: [id], kind: 'disk', consequence: 'All data on it is lost.' });
    if (ctx.globals.dryRun) {
      if (d.Status !== 'In_use') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}`, 403);
      await dryResult(ctx, { DiskId: id }, `would re-initialise ${id}`, id);
      return;
    }
    await api.call('ReInitDisk', { DiskId: id, Password: secret?.value, KeyPairName: o.keypair, AutoStartInstance: o.start ? true : undefined }, { signal: ctx.abort.signal });
    if (ctx.globals.wait) await waitForDisks(ctx, api, [id], 'In_use');
    await actionResult(ctx, { DiskId: id }, `${id}: re-initialised`, id);
  },
});
