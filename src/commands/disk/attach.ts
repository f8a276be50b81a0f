import { defineCommand } from '../types.js';
import { actionResult, dryResult, getDisk, waitForDisks } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Attach an Available disk to an instance of the same zone (AttachDisk)')
      .argument('<id>', 'disk ID (Available)')
      .argument('<instance>', 'instance ID (Running or Stopped, same zone)')
      .option('--device <name>', 'device /dev/xvdb … /dev/xvdz (default: the first free one)')
      .option('--delete-with-instance', 'release the disk with the instance')
      .addHelpText('after', `
An instance takes at most 16 data disks; a disk attaches to one instance at a time. Then
partition, format and mount it inside the OS (Linux), or format it (Windows).
With --wait, returns when the disk is In_use.

Examples:
  ecs disk attach d-bp1abcdefghijklmnopq i-bp67acfmxazb4ph6xxxx
  ecs disk attach d-bp1abcdefghijklmnopq i-bp67acfmxazb4ph6xxxx --device /dev/xvdc --wait`);
  },
  async run(ctx, [id, instance], o) {
    const api = await ctx.api();
    const params = { DiskId: id, InstanceId: instance, Device: o.device, DeleteWithInstance: o.deleteWithInstance ? true : undefined };
    if (ctx.globals.dryRun) {
      // AttachDisk has no DryRun in the API: check locally and stop before the call.
      const d = await getDisk(ctx, api, id);
      if (d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${id} is ${d.Status}; only an Available disk can be attached`, 403);
      const r = await api.call('DescribeInstances', { RegionId: ctx.region, InstanceIds: JSON.stringify([instance]) }, { signal: ctx.abort.signal });
      const i = ((r.Instances as any)?.Instance ?? [])[0];
      if (!i) throw new ApiError('InvalidInstanceId.NotFound', `The specified InstanceId does not exist: ${instance}`, 404);
      if (i.ZoneId !== d.ZoneId) throw new ApiError('InvalidInstanceId.MismatchZone', `The disk and the instance are not in the same zone: ${id} in ${d.ZoneId}, ${instance} in ${i.ZoneId}`, 403);
      await dryResult(ctx, { DiskId: id, InstanceId: instance }, `would attach ${id} to ${instance}`, id);
      return;
    }
    await api.call('AttachDisk', params, { signal: ctx.abort.signal });
    if (ctx.globals.wait) await waitForDisks(ctx, api, [id], 'In_use');
    const d = await getDisk(ctx, api, id);
    await actionResult(ctx, { DiskId: id, InstanceId: instance, Device: d.Device, Status: d.Status }, `${id}: ${d.Status === 'In_use' ? 'attached' : 'attaching'} to ${instance} as ${d.Device}`, id);
  },
});
