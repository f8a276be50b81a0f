import { defineCommand } from '../types.js';
import { addExamples, fetchOne, percent, printDryRun, waitForProgress } from '../builders/index.js';
import { collectTag, positiveInt } from '../shared/parse.js';
import { ApiError } from '../../core/errors.js';
import { disk } from '../../resources/disk.js';
import { snapshot } from '../../resources/snapshot.js';
import { dryCheckTexts } from '../shared/dry-names.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Snapshot a disk (CreateSnapshot)')
      .argument('<disk>', 'disk ID (system or data; one at a time)')
      .option('--name <name>', 'snapshot name (2–128 characters, starting with a letter, not with "auto")')
      .option('--description <text>', 'description')
      .option('--retention-days <n>', 'delete it automatically after N days (default: kept until deleted)', positiveInt('--retention-days', 1, 65536))
      .option('--tag <key=value>', 'tag (repeatable)', collectTag);
    addExamples(
      cmd,
      ['ecs snapshot create d-bp1abcdefghijklmnopq --name before-upgrade', 'ecs snapshot create d-bp1abcdefghijklmnopq --wait -o ids'],
      `The first snapshot of a disk is full (about a minute per GiB: 40 GiB ≈ 40 minutes), later
ones are incremental. Disk performance drops a little meanwhile. While another snapshot of
the disk (an automatic one included) runs, a new one is refused. At most 64 per disk.
With --wait, shows the progress and returns when it is accomplished.`,
    );
  },
  completion: { args: [{ resource: 'disk' }] },
  async run(ctx, [diskId], o) {
    const api = await ctx.api();
    if (ctx.globals.dryRun) {
      // CreateSnapshot has no DryRun in the API: check locally and stop before the call.
      dryCheckTexts([['snapshotName', o.name], ['description', o.description]]);
      const d = await fetchOne(ctx, api, disk, diskId);
      if (d.Status !== 'In_use' && d.Status !== 'Available') throw new ApiError('IncorrectDiskStatus', `The current disk status does not support this operation: ${diskId} is ${d.Status}`, 403);
      await printDryRun(ctx, { DiskId: diskId }, `would snapshot ${diskId}`, diskId);
      return;
    }
    const r = await api.call('CreateSnapshot', { DiskId: diskId, SnapshotName: o.name, Description: o.description, RetentionDays: o.retentionDays, Tag: o.tag }, { signal: ctx.abort.signal });
    const id = String(r.SnapshotId);
    if (ctx.globals.wait) {
      await waitForProgress(ctx, `Creating snapshot ${id} of ${diskId}`, async () => {
        const s = await fetchOne(ctx, api, snapshot, id);
        return { pct: percent(s.Progress), done: s.Status === 'accomplished', failed: s.Status === 'failed' ? 'the snapshot failed' : undefined };
      });
    }
    const s = await fetchOne(ctx, api, snapshot, id);
    await ctx.renderRecord(s, snapshot.fields(s), id);
  },
});
