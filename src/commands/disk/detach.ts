import { confirmDestructive, defineChange, fetchOne, waitForStatus } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { disk, type Disk } from '../../resources/disk.js';

export default defineChange({
  resource: disk,
  description: 'Detach a data disk from its instance (DetachDisk)',
  configure(cmd) {
    cmd.option('--instance <id>', 'the instance (default: the one the disk is attached to)');
  },
  async plan(ctx, id, _args, o, d: Disk) {
    const inst = o.instance ?? d.InstanceId;
    if (!inst) throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}, not attached`, 403);
    await confirmDestructive(ctx, { verb: 'disk detach', action: 'Detach', ids: [id], noun: disk.noun, plural: disk.plural, consequence: 'Unmount it first: data being written is lost.' });
    if (ctx.globals.dryRun) {
      if (d.Type === 'system') throw new ApiError('OperationDenied', `The type of the disk does not support the operation: ${id} is a system disk`, 403);
      if (d.Status !== 'In_use') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}`, 403);
    }
    const api = await ctx.api();
    return {
      action: 'DetachDisk',
      params: { DiskId: id, InstanceId: inst },
      apiDryRun: false,
      what: `detach ${id} from ${inst}`,
      result: { InstanceId: inst },
      requestId: false,
      after: async () => {
        if (ctx.globals.wait) await waitForStatus(ctx, api, disk, [id], 'Available');
        return { Status: (await fetchOne(ctx, api, disk, id)).Status };
      },
      done: (r) => `${id}: ${r.Status === 'Available' ? 'detached' : 'detaching'} from ${inst}`,
    };
  },
  help: `Unmount it first (Linux: umount), or stop I/O (Windows): data in flight is lost. A detached
disk is still billed. Asks for confirmation on a terminal; without one, --yes is required.
With --wait, returns when the disk is Available.`,
  completion: { args: [{ resource: 'disk', statuses: ['In_use'] }], options: { '--instance': { resource: 'instance' } } },
  examples: ['ecs disk detach d-bp1abcdefghijklmnopq', 'ecs disk detach d-bp1abcdefghijklmnopq --yes --wait'],
});
