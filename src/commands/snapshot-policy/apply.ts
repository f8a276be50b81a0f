import { defineCommand } from '../types.js';
import { actionResult, disksById, dryResult, getPolicy } from '../shared/storage.js';
import { ApiError } from '../../core/errors.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Apply a policy to disks (ApplyAutoSnapshotPolicy); a disk\'s previous policy is replaced')
      .argument('<policy>', 'policy ID')
      .argument('<disks...>', 'disk IDs')
      .addHelpText('after', `
A disk has at most one policy. Unused basic cloud disks are not snapshotted.

Examples:
  ecs snapshot-policy apply sp-bp1abcdefghijklmnopq d-bp1abcdefghijklmnopq`);
  },
  async run(ctx, [policy, disks]) {
    const api = await ctx.api();
    const ids = [...new Set(disks as string[])];
    if (ctx.globals.dryRun) {
      await getPolicy(ctx, api, policy);
      const found = await disksById(ctx, api, ids);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw new ApiError('InvalidDiskId.NotFound', `The specified disk does not exist: ${missing.join(', ')}`, 404);
      await dryResult(ctx, { AutoSnapshotPolicyId: policy, DiskIds: ids }, `would apply ${policy} to ${ids.join(', ')}`);
      return;
    }
    await api.call('ApplyAutoSnapshotPolicy', { regionId: ctx.region, autoSnapshotPolicyId: policy, diskIds: JSON.stringify(ids) }, { signal: ctx.abort.signal });
    await actionResult(ctx, { AutoSnapshotPolicyId: policy, DiskIds: ids }, `${policy}: applied to ${ids.join(', ')}`);
  },
});
