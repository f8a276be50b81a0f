import { defineChange, fetchByIds } from '../builders/index.js';
import { disk } from '../../resources/disk.js';
import { snapshotPolicy } from '../../resources/snapshot-policy.js';

export default defineChange({
  resource: snapshotPolicy,
  description: "Apply a policy to disks (ApplyAutoSnapshotPolicy); a disk's previous policy is replaced",
  configure(cmd) {
    cmd.argument('<disks...>', 'disk IDs');
  },
  async plan(ctx, policy, [disks]) {
    const ids = [...new Set(disks as string[])];
    // Unknown disks fail now (InvalidDiskId.NotFound), under --dry-run too.
    await fetchByIds(ctx, await ctx.api(), disk, ids);
    return {
      action: 'ApplyAutoSnapshotPolicy',
      params: { regionId: ctx.region, autoSnapshotPolicyId: policy, diskIds: JSON.stringify(ids) },
      apiDryRun: false,
      what: `apply ${policy} to ${ids.join(', ')}`,
      result: { DiskIds: ids },
      done: `${policy}: applied to ${ids.join(', ')}`,
    };
  },
  help: 'A disk has at most one policy. Unused basic cloud disks are not snapshotted.',
  completion: { args: [{ resource: 'snapshot-policy' }, { resource: 'disk' }] },
  examples: ['ecs snapshot-policy apply sp-bp1abcdefghijklmnopq d-bp1abcdefghijklmnopq'],
});
