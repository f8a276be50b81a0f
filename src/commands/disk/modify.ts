import { defineCommand } from '../types.js';
import { actionResult, dryResult, getDisk } from '../shared/storage.js';
import { UsageError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Change a disk\'s name, description and release behaviour (ModifyDiskAttribute)')
      .argument('<id>', 'disk ID')
      .option('--name <name>', 'disk name')
      .option('--description <text>', 'description')
      .option('--delete-with-instance', 'release it with its instance')
      .option('--no-delete-with-instance', 'keep it when its instance is released')
      .option('--delete-auto-snapshots', 'delete its automatic snapshots with the disk')
      .option('--no-delete-auto-snapshots', 'keep its automatic snapshots (recommended for backups)')
      .option('--auto-snapshots', 'let its automatic snapshot policy run')
      .option('--no-auto-snapshots', 'pause its automatic snapshot policy')
      .addHelpText('after', `
Examples:
  ecs disk modify d-bp1abcdefghijklmnopq --name db-data --no-delete-with-instance
  ecs disk modify d-bp1abcdefghijklmnopq --delete-auto-snapshots`);
  },
  async run(ctx, [id], o) {
    const params = {
      DiskId: id, DiskName: o.name, Description: o.description,
      DeleteWithInstance: o.deleteWithInstance, DeleteAutoSnapshot: o.deleteAutoSnapshots, EnableAutoSnapshot: o.autoSnapshots,
    };
    if (Object.values(params).filter((v) => v !== undefined).length === 1) {
      throw new UsageError('nothing to change: give --name, --description, --[no-]delete-with-instance, --[no-]delete-auto-snapshots or --[no-]auto-snapshots');
    }
    const api = await ctx.api();
    if (ctx.globals.dryRun) {
      await getDisk(ctx, api, id);
      await dryResult(ctx, params, `would update ${id}`, id);
      return;
    }
    await api.call('ModifyDiskAttribute', params, { signal: ctx.abort.signal });
    await actionResult(ctx, params, `${id}: updated`, id);
  },
});
