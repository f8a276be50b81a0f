import { defineCommand } from '../types.js';
import { actionResult, disksById, dryResult } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Take disks out of their automatic snapshot policy (CancelAutoSnapshotPolicy)')
      .argument('<disks...>', 'disk IDs')
      .addHelpText('after', `
Their existing automatic snapshots are kept.

Examples:
  ecs snapshot-policy cancel d-bp1abcdefghijklmnopq`);
  },
  async run(ctx, [disks]) {
    const api = await ctx.api();
    const ids = [...new Set(disks as string[])];
    if (ctx.globals.dryRun) {
      const found = await disksById(ctx, api, ids);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw new ApiError('InvalidDiskId.NotFound', `The specified disk does not exist: ${missing.join(', ')}`, 404);
      await dryResult(ctx, { DiskIds: ids }, `would cancel the policy of ${ids.join(', ')}`);
      return;
    }
    await api.call('CancelAutoSnapshotPolicy', { regionId: ctx.region, diskIds: JSON.stringify(ids) }, { signal: ctx.abort.signal });
    await actionResult(ctx, { DiskIds: ids }, `${ids.join(', ')}: no automatic snapshot policy`);
  },
});
