import { defineCommand } from '../types.js';
import { collectTag, positiveInt } from '../shared/parse.js';
import { dryResult, getDisk, getSnapshot, pct, waitForProgress } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';
import { snapshotFields } from './fields.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Snapshot a disk (CreateSnapshot)')
      .argument('<disk>', 'disk ID (system or data; one at a time)')
      .option('--name <name>', 'snapshot name (2–128 characters, starting with a letter, not with "auto")')
      .option('--description <text>', 'description')
      .option('--retention-days <n>', 'delete it automatically after N days (default: kept until deleted)', positiveInt('--retention-days', 1, 65536))
      .option('--tag <key=value>', 'tag (repeatable)', collectTag)
      .addHelpText('after', `
The first snapshot of a disk is full (about a minute per GiB: 40 GiB ≈ 40 minutes), later
ones are incremental. Disk performance drops a little meanwhile. While another snapshot of
the disk (an automatic one included) runs, a new one is refused. At most 64 per disk.
With --wait, shows the progress and returns when it is accomplished.

Examples:
  ecs snapshot create d-bp1abcdefghijklmnopq --name before-upgrade
  ecs snapshot create d-bp1abcdefghijklmnopq --wait -o ids`);
  },
  async run(ctx, [disk], o) {
    const api = await ctx.api();
    if (ctx.globals.dryRun) {
      // CreateSnapshot has no DryRun in the API: check locally and stop before the call.
      const d = await getDisk(ctx, api, disk);
      if (d.Status !== 'In_use' && d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${disk} is ${d.Status}`, 403);
      await dryResult(ctx, { DiskId: disk }, `would snapshot ${disk}`, disk);
      return;
    }
    const r = await api.call('CreateSnapshot', { DiskId: disk, SnapshotName: o.name, Description: o.description, RetentionDays: o.retentionDays, Tag: o.tag }, { signal: ctx.abort.signal });
    const id = String(r.SnapshotId);
    if (ctx.globals.wait) {
      await waitForProgress(ctx, `Creating snapshot ${id} of ${disk}`, async () => {
        const s = await getSnapshot(ctx, api, id);
        return { pct: pct(s.Progress), done: s.Status === 'accomplished', failed: s.Status === 'failed' ? 'the snapshot failed' : undefined };
      });
    }
    const s = await getSnapshot(ctx, api, id);
    await ctx.renderRecord(s, snapshotFields(s), id);
  },
});
