import { addExamples, printResult, rawCall } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { addTypeOption, checkTagTarget, parsePair, typeOf } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<resource>', 'resource ID (i-, d-, s-, m-, sg-) or key pair name with --type keypair').argument('<pairs...>', 'KEY=VALUE (at most 5 per call)');
    addTypeOption(cmd);
    addExamples(cmd, ['ecs tag add i-bp67acfmxazb4ph6xxxx env=prod team=web', 'ecs tag add deploy owner=ops --type keypair'],
      'A resource has at most 10 tags; at most 5 are added per call. Keys are case-insensitive:\nadding an existing key overwrites its value.');
  },
  async run(ctx, [resource, pairs], o) {
    const type = typeOf(resource as string, o.type);
    const tags = (pairs as string[]).map(parsePair);
    const seen = new Set<string>();
    for (const t of tags) {
      if (seen.has(t.Key.toLowerCase())) throw new UsageError(`tag key ${t.Key} is given twice`);
      seen.add(t.Key.toLowerCase());
    }
    const api = await ctx.api();
    if (ctx.globals.dryRun) {
      await checkTagTarget(ctx, api, type, resource as string);
      await printResult(ctx, { ResourceId: resource, ResourceType: type, Tags: tags, DryRun: true }, `dry run: would tag ${type} ${resource} with ${tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}`, resource as string);
      return;
    }
    await rawCall(api)('TagResources', { RegionId: ctx.region, ResourceType: type, ResourceId: [resource], Tag: tags }, { signal: ctx.abort.signal });
    const rows = tags.map((t) => ({ ResourceId: resource, ResourceType: type, TagKey: t.Key, TagValue: t.Value }));
    await ctx.render(rows, { columns: [{ header: 'Resource', get: 'ResourceId' }, { header: 'Key', get: 'TagKey' }, { header: 'Value', get: 'TagValue' }], id: 'TagKey' });
  },
});
