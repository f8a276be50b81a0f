import { confirmDestructive, defineChange } from '../builders/index.js';
import { disk } from '../../resources/disk.js';

export default defineChange({
  resource: disk,
  description: 'Roll a disk back to one of its own snapshots (ResetDisk)',
  configure(cmd) {
    cmd.requiredOption('--snapshot <id>', 'a snapshot of this same disk');
  },
  async plan(ctx, id, _args, o) {
    await confirmDestructive(ctx, { verb: 'disk reset', action: 'Roll back', ids: [id], noun: disk.noun, plural: disk.plural, consequence: `Its current data is replaced by snapshot ${o.snapshot} and cannot be recovered.` });
    return {
      action: 'ResetDisk',
      params: { DiskId: id, SnapshotId: o.snapshot },
      apiDryRun: true,
      what: `roll ${id} back to ${o.snapshot}`,
      result: { SnapshotId: o.snapshot },
      requestId: false,
      done: `${id}: rolled back to ${o.snapshot}`,
    };
  },
  help: `The instance must be Stopped. Irreversible: the disk's current data cannot be recovered, so
it asks for confirmation on a terminal; without one, --yes is required.`,
  completion: { options: { '--snapshot': { resource: 'snapshot' } } },
  examples: ['ecs disk reset d-bp1abcdefghijklmnopq --snapshot s-bp1abcdefghijklmnopq', 'ecs disk reset d-bp1abcdefghijklmnopq --snapshot s-bp1abcdefghijklmnopq --yes'],
});
