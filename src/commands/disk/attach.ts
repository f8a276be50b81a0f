import { defineChange, fetchOne, waitForStatus } from '../builders/index.js';
import { ApiError } from '../../core/errors.js';
import { disk, type Disk } from '../../resources/disk.js';
import { instance } from '../../resources/instance.js';

export default defineChange({
  resource: disk,
  description: 'Attach an Available disk to an instance of the same zone (AttachDisk)',
  configure(cmd) {
    cmd
      .argument('<instance>', 'instance ID (Running or Stopped, same zone)')
      .option('--device <name>', 'device /dev/xvdb … /dev/xvdz (default: the first free one)')
      .option('--delete-with-instance', 'release the disk with the instance');
  },
  async plan(ctx, id, [inst], o, d: Disk) {
    const api = await ctx.api();
    if (ctx.globals.dryRun) {
      // AttachDisk has no DryRun in the API: check locally and stop before the call.
      if (d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}; only an Available disk can be attached`, 403);
      const i = await fetchOne(ctx, api, instance, inst);
      if (i.ZoneId !== d.ZoneId) throw new ApiError('InvalidInstanceId.MismatchZone', `The disk and the instance are not in the same zone: ${id} in ${d.ZoneId}, ${inst} in ${i.ZoneId}`, 403);
    }
    return {
      action: 'AttachDisk',
      params: { DiskId: id, InstanceId: inst, Device: o.device, DeleteWithInstance: o.deleteWithInstance ? true : undefined },
      apiDryRun: false,
      what: `attach ${id} to ${inst}`,
      result: { InstanceId: inst },
      requestId: false,
      after: async () => {
        if (ctx.globals.wait) await waitForStatus(ctx, api, disk, [id], 'In_use');
        const now = await fetchOne(ctx, api, disk, id);
        return { Device: now.Device, Status: now.Status };
      },
      done: (r) => `${id}: ${r.Status === 'In_use' ? 'attached' : 'attaching'} to ${inst} as ${r.Device}`,
    };
  },
  help: `An instance takes at most 16 data disks; a disk attaches to one instance at a time. Then
partition, format and mount it inside the OS (Linux), or format it (Windows).
With --wait, returns when the disk is In_use.`,
  completion: { args: [{ resource: 'disk', statuses: ['Available'] }, { resource: 'instance' }] },
  examples: ['ecs disk attach d-bp1abcdefghijklmnopq i-bp67acfmxazb4ph6xxxx', 'ecs disk attach d-bp1abcdefghijklmnopq i-bp67acfmxazb4ph6xxxx --device /dev/xvdc --wait'],
});
