import { addExamples, finishBulk, type BulkResult } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { callPerInstance, lookInstances, roleArg } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<role>', 'RAM role name').argument('<ids...>', 'instance IDs');
    addExamples(cmd, ['ecs ram-role detach EcsRamRoleDocumentTesting i-bp67acfmxazb4ph6xxxx']);
  },
  completion: { args: [undefined, { resource: 'instance' }] },
  async run(ctx, [role, ids]) {
    role = roleArg(role);
    const api = await ctx.api();
    const list = await lookInstances(ctx, api, ids as string[]);
    const results: BulkResult[] = ctx.globals.dryRun
      ? list.map((id) => ({ Id: id, Ok: true, Result: `dry run: would detach ${role}` }))
      : await callPerInstance(ctx, api, 'DetachInstanceRamRole', role as string, list, 'detached');
    await finishBulk(ctx, results, 'ecs ram-role detach', 'InstanceId');
  },
});
