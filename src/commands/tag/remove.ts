import { addExamples, printResult, rawCall } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { addTypeOption, checkKey, checkTagTarget, typeOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<resource>', 'resource ID (i-, d-, s-, m-, sg-) or key pair name with --type keypair').argument('[keys...]', 'tag keys (at most 5 per call)').option('--all', 'remove every tag');
    addTypeOption(cmd);
    addExamples(cmd, ['ecs tag remove i-bp67acfmxazb4ph6xxxx env team', 'ecs tag remove sg-bp67acfmxazb4ph6xxxx --all']);
  },
  async run(ctx, [resource, keys], o) {
    const type = typeOf(resource as string, o.type);
    const list = (keys as string[] | undefined) ?? [];
    if (!list.length && !o.all) throw new UsageError('give the tag keys to remove, or --all');
    if (list.length && o.all) throw new UsageError('give tag keys or --all, not both');
    for (const k of list) {
      try {
        checkKey(k);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    const api = await ctx.api();
    const data = { ResourceId: resource, ResourceType: type, ...(o.all ? { All: true } : { TagKeys: list }) };
    if (ctx.globals.dryRun) {
      await checkTagTarget(ctx, api, type, resource as string);
      await printResult(ctx, { ...data, DryRun: true }, `dry run: would remove ${o.all ? 'every tag' : list.join(', ')} from ${type} ${resource}`, resource as string);
      return;
    }
    await rawCall(api)('UntagResources', { RegionId: ctx.region, ResourceType: type, ResourceId: [resource], ...(o.all ? { All: true } : { TagKey: list }) }, { signal: ctx.abort.signal });
    await printResult(ctx, data, `Removed ${o.all ? 'every tag' : list.join(', ')} from ${resource}.`, resource as string);
  },
});
