import { addExamples, rawCall } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { addTypeOption, checkKey, typeOf } from './shared.js';

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
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would remove ${o.all ? 'every tag' : list.join(', ')} from ${type} ${resource}`);
      return;
    }
    const api = await ctx.api();
    await rawCall(api)('UntagResources', { RegionId: ctx.region, ResourceType: type, ResourceId: [resource], ...(o.all ? { All: true } : { TagKey: list }) }, { signal: ctx.abort.signal });
    ctx.note(`Removed ${o.all ? 'every tag' : list.join(', ')} from ${resource}.`);
  },
});
