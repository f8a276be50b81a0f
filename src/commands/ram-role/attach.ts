import { addExamples, finishBulk, type BulkResult } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { callPerInstance, lookInstances, roleArg, rolesOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<role>', 'RAM role name (a role ECS may assume)').argument('<ids...>', 'instance IDs').option('--replace', 'an instance that has another role gets this one instead (detach, then attach)');
    addExamples(cmd, ['ecs ram-role attach EcsRamRoleDocumentTesting i-bp67acfmxazb4ph6xxxx', 'ecs ram-role attach NewRole i-bp67acfmxazb4ph6xxxx --replace'],
      'An instance has at most one RAM role; without --replace an instance that has another role\nfails (the others still get it). Applications on the instance read temporary credentials from\nthe metadata service.');
  },
  completion: { args: [undefined, { resource: 'instance' }] },
  async run(ctx, [role, ids], o) {
    role = roleArg(role);
    const api = await ctx.api();
    const list = await lookInstances(ctx, api, ids as string[]);
    const current = await rolesOf(ctx, api, list);
    const results: BulkResult[] = [];
    const todo: string[] = [];
    const swap: string[] = [];
    for (const id of list) {
      const now = current.get(id) ?? '';
      if (now === role) results.push({ Id: id, Ok: true, Result: `already has ${role}` });
      else if (now && !o.replace) results.push({ Id: id, Ok: false, Result: 'failed', Code: 'InvalidParameter.RamRoleAlreadyAttached', Message: `has the RAM role ${now}; add --replace to swap it` });
      else {
        todo.push(id);
        if (now) swap.push(id);
      }
    }
    if (ctx.globals.dryRun) {
      for (const id of todo) results.push({ Id: id, Ok: true, Result: swap.includes(id) ? `dry run: would replace ${current.get(id)} with ${role}` : `dry run: would attach ${role}` });
    } else if (todo.length) {
      for (const id of swap) {
        const [d] = await callPerInstance(ctx, api, 'DetachInstanceRamRole', current.get(id)!, [id], 'detached');
        if (!d!.Ok) {
          results.push(d!);
          todo.splice(todo.indexOf(id), 1);
        }
      }
      results.push(...(await callPerInstance(ctx, api, 'AttachInstanceRamRole', role as string, todo, 'attached')));
    }
    const order = new Map(list.map((id, i) => [id, i]));
    results.sort((a, b) => order.get(a.Id)! - order.get(b.Id)!);
    await finishBulk(ctx, results, 'ecs ram-role attach', 'InstanceId');
  },
});
