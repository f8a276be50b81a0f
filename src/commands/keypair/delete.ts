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
    if (ctx.globals.dryRun) results = unique.map((n) => ({ Id: n, Ok: true, Result: 'dry run: would delete' }));
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
