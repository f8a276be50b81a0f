import { defineCommand } from '../types.js';
import { confirmDestructive } from '../shared/confirm.js';
import { actionResult, dryResult, getDisk, waitForDisks } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Detach a data disk from its instance (DetachDisk)')
      .argument('<id>', 'disk ID (an In_use data disk; never a system disk)')
      .option('--instance <id>', 'the instance (default: the one the disk is attached to)')
      .addHelpText('after', `
Unmount it first (Linux: umount), or stop I/O (Windows): data in flight is lost. A detached
disk is still billed. Asks for confirmation on a terminal; without one, --yes is required.
With --wait, returns when the disk is Available.

Examples:
  ecs disk detach d-bp1abcdefghijklmnopq
  ecs disk detach d-bp1abcdefghijklmnopq --yes --wait`);
  },
  async run(ctx, [id], o) {
    const api = await ctx.api();
    const d = await getDisk(ctx, api, id);
    const instance = o.instance ?? d.InstanceId;
    if (!instance) throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}, not attached`, 403);
    await confirmDestructive(ctx, { verb: 'disk detach', action: 'Detach', ids: [id], kind: 'disk', consequence: 'Unmount it first: data being written is lost.' });
    if (ctx.globals.dryRun) {
      if (d.Type === 'system') throw new ApiError('OperationDenied', `The type of the disk does not support the operation: ${id} is a system disk`, 403);
      if (d.Status !== 'In_use') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}`, 403);
      await dryResult(ctx, { DiskId: id, InstanceId: instance }, `would detach ${id} from ${instance}`, id);
      return;
    }
    await api.call('DetachDisk', { DiskId: id, InstanceId: instance }, { signal: ctx.abort.signal });
    if (ctx.globals.wait) await waitForDisks(ctx, api, [id], 'Available');
    const after = await getDisk(ctx, api, id);
    await actionResult(ctx, { DiskId: id, InstanceId: instance, Status: after.Status }, `${id}: ${after.Status === 'Available' ? 'detached' : 'detaching'} from ${instance}`, id);
  },
});
