// `<noun> list`: every page of the Describe action, filters as options, optional IDs,
// --columns, every -o format and --query (src/core/output.ts).

import type { Command } from 'commander';
import type { ApiParams, EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import type { AnyResource } from '../../resources/types.js';
import { defineCommand, type CommandModule, type CompletionDecl, type CompletionTarget } from '../types.js';
import { collectTag, oneOf, type TagKV } from '../shared/parse.js';
import { addColumnsOption, addExamples, mergeCompletion, selectColumns } from './common.js';
import { eachPage, itemsById, listAll } from './fetch.js';
import { JsonListText } from '../../core/output.js';

export interface ListFilter {
  /** commander flags: "--status <status>". */
  flags: string;
  description: string;
  /** The request parameter it sets; or compute parameters yourself in `params`. */
  param?: string;
  /** commander value parser (may throw InvalidArgumentError). */
  parse?: (value: string, previous: any) => unknown;
  /** The values it takes (case-insensitive; completion offers them). */
  choices?: readonly string[];
  /** Turn the parsed value into the parameter's value. */
  toParam?: (value: any) => unknown;
  /** What completion offers for its value. */
  complete?: CompletionTarget;
}

export interface ListSpec {
  resource: AnyResource;
  /** Help description (the summary in the registry is the short form). */
  description?: string;
  /** Accept IDs as positional arguments (default true when the resource selects by IDs). */
  ids?: boolean;
  filters?: ListFilter[];
  /** More request parameters from the options. */
  params?: (o: Record<string, any>, ctx: Context) => ApiParams;
  /** Filter/augment the items after the fetch (client-side filters). */
  refine?: (ctx: Context, api: EcsApi, items: any[], o: Record<string, any>) => Promise<any[]>;
  /** Check options before any call (throw UsageError). */
  check?: (o: Record<string, any>) => void;
  help?: string;
  examples: string[];
  completion?: CompletionDecl;
}

function longFlag(flags: string): string {
  return flags.split(/[ ,|]+/).find((f) => f.startsWith('--'))!;
}

function optionName(flags: string): string {
  const long = flags.split(/[ ,|]+/).find((f) => f.startsWith('--'))!;
  return long.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Request parameters from the filter options. */
export function filterParams(filters: ListFilter[] | undefined, o: Record<string, any>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const f of filters ?? []) {
    const v = o[optionName(f.flags)];
    if (v === undefined || !f.param) continue;
    p[f.param] = f.toParam ? f.toParam(v) : v;
  }
  return p;
}

export function defineList(spec: ListSpec): CommandModule {
  const d = spec.resource;
  const takesIds = spec.ids ?? d.describe.byIds.style !== 'client';
  const optionTargets: Record<string, CompletionTarget> = {};
  for (const f of spec.filters ?? []) {
    const target = f.complete ?? (f.choices ? { values: f.choices } : undefined);
    if (target) optionTargets[longFlag(f.flags)] = target;
  }
  return defineCommand({
    configure(cmd: Command) {
      if (spec.description) cmd.description(spec.description);
      if (takesIds) cmd.argument('[ids...]', `only these ${d.plural}`);
      for (const f of spec.filters ?? []) {
        const parse = f.parse ?? (f.choices ? oneOf(longFlag(f.flags), f.choices) : undefined);
        if (parse) cmd.option(f.flags, f.description, parse as any);
        else cmd.option(f.flags, f.description);
      }
      addColumnsOption(cmd, d.columns);
      addExamples(cmd, spec.examples, spec.help);
    },
    completion: mergeCompletion({ args: takesIds ? [{ resource: d.name }] : [], options: optionTargets }, spec.completion),
    async run(ctx, args, o) {
      spec.check?.(o);
      const columns = selectColumns(d.columns, o.columns);
      const api = await ctx.api();
      const params = { ...filterParams(spec.filters, o), ...(spec.params?.(o, ctx) ?? {}) };
      const unfiltered = Object.values(params).every((v) => v === undefined);
      const wanted = takesIds ? [...new Set((args[0] as string[] | undefined) ?? [])] : [];
      // A whole list as JSON, not on a terminal: each page becomes text as it arrives
      // (JsonListText), so 10,000 items are never all alive as objects at once.
      if (!wanted.length && !spec.refine && ctx.outputFormat === 'json' && !ctx.globals.query && !ctx.io.stdoutIsTTY) {
        const { candidatesOf, rememberCandidates } = await import('../../completion/sources.js');
        const text = new JsonListText();
        const cands: ReturnType<typeof candidatesOf> = [];
        await eachPage(ctx, api, d, params, (page) => {
          text.add(page);
          if (unfiltered) for (const c of candidatesOf(page, d)) cands.push(c);
        });
        if (unfiltered) await rememberCandidates(ctx.env, ctx.globals, d, cands);
        text.write(ctx.io);
        return;
      }
      let items: any[];
      if (wanted.length) {
        const found = await itemsById(ctx, api, d, wanted, params);
        items = wanted.map((id) => found.get(id)).filter((x) => x !== undefined);
      } else {
        items = await listAll(ctx, api, d, params);
      }
      // A full list keeps completion's cache fresh (the next TAB needs no fetch).
      if (!wanted.length && unfiltered && !spec.refine) {
        const { rememberForCompletion } = await import('../../completion/sources.js');
        await rememberForCompletion(ctx.env, ctx.globals, d, items);
      }
      if (spec.refine) items = await spec.refine(ctx, api, items, o);
      if (!items.length && ctx.outputFormat === 'table' && !ctx.globals.query) {
        ctx.note(`No ${d.plural}${d.describe.regional ? ` in ${ctx.region}` : ''} match.`);
      }
      await ctx.render(items, { columns, id: d.idField });
    },
  });
}

/** The `--tag key[=value]` filter (repeatable; a key alone matches any value: no Value is sent). */
export function tagFilter(plural: string): ListFilter {
  return {
    flags: '--tag <key[=value]>',
    description: `only ${plural} with this tag; a key alone matches any value (repeatable: all must match)`,
    param: 'Tag',
    parse: collectTag,
    toParam: (tags: TagKV[]) => tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })),
  };
}
