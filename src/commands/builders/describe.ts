// `<noun> describe ID...`: the resource's describe fields as "Label: value" lines (one
// block per ID), the API object with -o json/yaml (an array for several IDs), --query.

import type { Command } from 'commander';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import type { AnyResource } from '../../resources/types.js';
import { defineCommand, type CommandModule, type CompletionDecl } from '../types.js';
import { addExamples, mergeCompletion } from './common.js';
import { fetchByIds, idOf } from './fetch.js';

export interface DescribeSpec {
  resource: AnyResource;
  description?: string;
  /** One ID only (`<id>`), or several (`<ids...>`, the default). */
  single?: boolean;
  /**
   * More about each item from other actions (an image's share list): the item returned
   * is what -o json prints and what the descriptor's fields() are given.
   */
  enrich?: (ctx: Context, api: EcsApi, item: any) => Promise<any>;
  help?: string;
  examples: string[];
  completion?: CompletionDecl;
}

export function defineDescribe(spec: DescribeSpec): CommandModule {
  const d = spec.resource;
  return defineCommand({
    configure(cmd: Command) {
      if (spec.description) cmd.description(spec.description);
      cmd.argument(spec.single ? '<id>' : '<ids...>', spec.single ? `${d.noun} ID` : `${d.noun} IDs`);
      addExamples(cmd, spec.examples, spec.help);
    },
    completion: mergeCompletion({ args: [{ resource: d.name }] }, spec.completion),
    async run(ctx, [raw]) {
      const ids = spec.single ? [raw as string] : (raw as string[]);
      const api = await ctx.api();
      let items = await fetchByIds(ctx, api, d, ids);
      if (spec.enrich) items = await Promise.all(items.map((it) => spec.enrich!(ctx, api, it)));
      if (items.length === 1) {
        await ctx.renderRecord(items[0], d.fields(items[0]), idOf(d, items[0]));
        return;
      }
      const f = ctx.outputFormat;
      if (ctx.globals.query || f === 'json' || f === 'yaml' || f === 'ids') {
        await ctx.render(items, { columns: d.columns, id: d.idField });
        return;
      }
      for (const [n, it] of items.entries()) {
        if (n > 0) ctx.io.stdout.write('\n');
        await ctx.renderRecord(it, d.fields(it), idOf(d, it));
      }
    },
  });
}
