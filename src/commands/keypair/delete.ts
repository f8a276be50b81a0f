import { addExamples, confirmDestructive, fetchByIds, finishBulk, rawCall, type BulkResult } from '../builders/index.js';
import { keypair } from '../../resources/keypair.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<names...>', 'key pair names');
    addExamples(
      cmd,
      ['ecs keypair delete old-key', 'ecs keypair list --name "tmp-*" -o ids | xargs ecs keypair delete --yes'],
      'Deleted key pairs cannot be recovered. A key pair bound to an instance is refused\n(DependencyViolation): detach it first. Asks first on a terminal; --yes otherwise.',
    );
  },
  completion: { args: [{ resource: 'keypair' }] },
  async run(ctx, [names]) {
    const unique = [...new Set(names as string[])];
    const api = await ctx.api();
    await fetchByIds(ctx, api, keypair, unique);
    await confirmDestructive(ctx, { verb: 'keypair delete', action: 'Delete', ids: unique, noun: 'key pair', plural: 'key pairs', consequence: 'This cannot be undone.' });
    let results: BulkResult[];
    if (ctx.globals.dryRun) {
      // DeleteKeyPairs has no DryRun: a key pair bound to an instance is refused (DependencyViolation).
      results = [];
      for (const n of unique) {
        const r = await rawCall(api)('DescribeInstances', { RegionId: ctx.region, KeyPairName: n, PageSize: 10 }, { signal: ctx.abort.signal });
        const bound = (r.Instances?.Instance ?? [])[0]?.InstanceId as string | undefined;
        results.push(bound
          ? { Id: n, Ok: false, Result: 'failed', Code: 'DependencyViolation', Message: `The specified key pair is bound to an instance; detach it first. (${n} is bound to ${bound})` }
          : { Id: n, Ok: true, Result: 'dry run: would delete' });
      }
    }
    else {
      results = [];
      for (let i = 0; i < unique.length; i += 100) {
        const part = unique.slice(i, i + 100);
        await rawCall(api)('DeleteKeyPairs', { RegionId: ctx.region, KeyPairNames: JSON.stringify(part) }, { signal: ctx.abort.signal });
        results.push(...part.map((n) => ({ Id: n, Ok: true, Result: 'deleted' })));
      }
    }
    await finishBulk(ctx, results, 'ecs keypair delete', 'KeyPairName');
  },
});
