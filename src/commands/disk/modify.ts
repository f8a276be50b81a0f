import { nonEmpty } from '../shared/parse.js';
import { defineChange } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { disk } from '../../resources/disk.js';
import { dryCheckTexts } from '../shared/dry-names.js';

const changes = (o: Record<string, any>) =>
  Object.fromEntries(
    Object.entries({
      DiskName: o.name, Description: o.description, DeleteWithInstance: o.deleteWithInstance, DeleteAutoSnapshot: o.deleteAutoSnapshots, EnableAutoSnapshot: o.autoSnapshots,
    }).filter(([, v]) => v !== undefined),
  );

export default defineChange({
  resource: disk,
  description: "Change a disk's name, description and release behaviour (ModifyDiskAttribute)",
  configure(cmd) {
    cmd
      .option('--name <name>', 'disk name', nonEmpty('--name'))
      .option('--description <text>', 'description', nonEmpty('--description'))
      .option('--delete-with-instance', 'release it with its instance')
      .option('--no-delete-with-instance', 'keep it when its instance is released')
      .option('--delete-auto-snapshots', 'delete its automatic snapshots with the disk')
      .option('--no-delete-auto-snapshots', 'keep its automatic snapshots (recommended for backups)')
      .option('--auto-snapshots', 'let its automatic snapshot policy run')
      .option('--no-auto-snapshots', 'pause its automatic snapshot policy');
  },
  check(_args, o) {
    if (!Object.keys(changes(o)).length) {
      throw new UsageError('nothing to change: give --name, --description, --[no-]delete-with-instance, --[no-]delete-auto-snapshots or --[no-]auto-snapshots');
    }
  },
  plan(ctx, id, _args, o) {
    if (ctx.globals.dryRun) dryCheckTexts([['diskName', o.name], ['description', o.description]]);
    return {
      action: 'ModifyDiskAttribute',
      params: { DiskId: id, ...changes(o) },
      apiDryRun: false,
      what: `update ${id}`,
      result: changes(o),
      requestId: false,
      done: `${id}: updated`,
    };
  },
  examples: ['ecs disk modify d-bp1abcdefghijklmnopq --name db-data --no-delete-with-instance', 'ecs disk modify d-bp1abcdefghijklmnopq --delete-auto-snapshots'],
});
