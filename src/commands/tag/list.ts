import { addExamples, rawCall } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { addTypeOption, TAG_TYPES, typeOf, type TagType } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('[resources...]', 'only these resources (IDs; key pair names with --type keypair)').option('--key <key>', 'only tags with this key (case-insensitive)').option('--value <value>', 'with --key: only this value');
    addTypeOption(cmd);
    addExamples(cmd, ['ecs tag list', 'ecs tag list --key env', 'ecs tag list i-bp67acfmxazb4ph6xxxx', 'ecs tag list --type keypair -o json'],
      '-o json prints TagResource objects ({ResourceId, ResourceType, TagKey, TagValue}).');
  },
  async run(ctx, [resources], o) {
    const api = await ctx.api();
    const call = rawCall(api);
    const wanted = (resources as string[] | undefined) ?? [];
    const byType = new Map<TagType, string[]>();
    if (wanted.length) for (const r of wanted) byType.set(typeOf(r, o.type), [...(byType.get(typeOf(r, o.type)) ?? []), r]);
    else for (const t of o.type ? [o.type as TagType] : TAG_TYPES) byType.set(t, []);
    const rows: Record<string, string>[] = [];
    for (const [type, ids] of byType) {
      const parts = ids.length ? Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => ids.slice(i * 50, i * 50 + 50)) : [[]];
      for (const part of parts) {
        let token: string | undefined;
        const seen = new Set<string>();
        do {
          const r = await call('ListTagResources', { RegionId: ctx.region, ResourceType: type, ResourceId: part.length ? part : undefined, NextToken: token, Tag: o.key ? [{ Key: o.key, Value: o.value }] : undefined }, { signal: ctx.abort.signal });
          for (const t of r.TagResources?.TagResource ?? []) rows.push({ ResourceId: t.ResourceId ?? '', ResourceType: t.ResourceType ?? type, TagKey: t.TagKey ?? '', TagValue: t.TagValue ?? '' });
          token = r.NextToken || undefined;
          if (token && seen.has(token)) break;
          if (token) seen.add(token);
        } while (token);
      }
    }
    const shown = o.key ? rows.filter((r) => r.TagKey!.toLowerCase() === String(o.key).toLowerCase() && (o.value === undefined || r.TagValue === o.value)) : rows;
    if (!shown.length && ctx.outputFormat === 'table' && !ctx.globals.query) ctx.note(`No tags in ${ctx.region} match.`);
    await ctx.render(shown, {
      columns: [{ header: 'Resource', get: 'ResourceId' }, { header: 'Type', get: 'ResourceType' }, { header: 'Key', get: 'TagKey' }, { header: 'Value', get: 'TagValue' }],
      id: 'ResourceId',
    });
  },
});
