// A change to one resource (rename, modify, auto-release, renew, vnc-password …):
// the resource is looked up first (its NotFound code for an unknown ID, whatever the ID
// looks like), --dry-run sends DryRun=true where the API has it and otherwise stops
// before the call, and the result is data: -o json/yaml print an object, the table form
// a line on stderr.

import type { Command } from 'commander';
import type { ApiParams, ApiResponse } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import type { CliError } from '../../core/errors.js';
import type { AnyResource } from '../../resources/types.js';
import { defineCommand, type CommandModule, type CompletionDecl } from '../types.js';
import { addExamples, mergeCompletion } from './common.js';
import { fetchOne, rawCall } from './fetch.js';

export interface ChangePlan {
  action: string;
  params: ApiParams;
  /** The action takes DryRun (ecs-api-models.md). */
  apiDryRun: boolean;
  /** "rename i-1 to web-2" (dry-run text: "would rename …"). */
  what: string;
  /** Fields of the JSON result besides the ID (the new values). */
  result?: Record<string, unknown>;
  /** Line on stderr after the change (table output); a function gets the result data. */
  done: string | ((data: Record<string, unknown>) => string);
  /** Include the answer's RequestId in the result data (default true). */
  requestId?: boolean;
  /** Nothing to change, only to show (a verb that reads when given no change): these fields. */
  show?: Record<string, unknown>;
  /** Table output as "Label: value" lines on stdout (instead of the `done` line). */
  record?: (data: Record<string, unknown>) => [string, unknown][];
  /** After the call: more result fields (e.g. the new expiry), read from the answer or a Describe. */
  after?: (res: ApiResponse) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

export interface ChangeSpec {
  resource: AnyResource;
  description?: string;
  /** Declare more arguments (after `<id>`) and options. */
  configure?: (cmd: Command) => void;
  /** Check the arguments and options before any call (throw UsageError). */
  check?: (args: any[], o: Record<string, any>) => void;
  /** What to do, from the arguments, options and the resource as it is now. */
  plan: (ctx: Context, id: string, args: any[], o: Record<string, any>, item: any) => ChangePlan | Promise<ChangePlan>;
  help?: string;
  examples: string[];
  completion?: CompletionDecl;
}

/** Apply one planned change (dry run included) and print its result. */
export async function applyChange(ctx: Context, d: AnyResource, id: string, plan: ChangePlan): Promise<void> {
  const api = await ctx.api();
  const dry = Boolean(ctx.globals.dryRun);
  const base = { [d.idField]: id, ...(plan.result ?? {}) };
  if (plan.show) {
    await printResult(ctx, d, { ...base, ...plan.show }, plan.done, plan.record);
    return;
  }
  if (dry) {
    if (plan.apiDryRun) {
      try {
        await rawCall(api)(plan.action, { ...plan.params, DryRun: true }, { signal: ctx.abort.signal });
      } catch (e) {
        if ((e as CliError).code !== 'DryRunOperation') throw e;
      }
    }
    await printResult(ctx, d, { ...base, DryRun: true, Action: plan.action }, `dry run: would ${plan.what} (nothing was changed)`);
    return;
  }
  const res = await rawCall(api)(plan.action, plan.params, { signal: ctx.abort.signal });
  const more = plan.after ? await plan.after(res) : {};
  await printResult(ctx, d, { ...base, ...more, ...(plan.requestId === false ? {} : { RequestId: res.RequestId }) }, plan.done, plan.record);
}

async function printResult(ctx: Context, d: AnyResource, data: Record<string, unknown>, line: ChangePlan['done'], record?: ChangePlan['record']): Promise<void> {
  if (ctx.outputFormat === 'table' && !ctx.globals.query) {
    if (record && !data.DryRun) await ctx.renderRecord(data, record(data), String(data[d.idField]));
    else ctx.note(typeof line === 'function' ? line(data) : line);
    return;
  }
  await ctx.render(data, { columns: Object.keys(data).map((k) => ({ header: k, get: k })), id: d.idField }, true);
}

export function defineChange(spec: ChangeSpec): CommandModule {
  const d = spec.resource;
  return defineCommand({
    configure(cmd: Command) {
      if (spec.description) cmd.description(spec.description);
      cmd.argument('<id>', `${d.noun} ID`);
      spec.configure?.(cmd);
      addExamples(cmd, spec.examples, spec.help);
    },
    completion: mergeCompletion({ args: [{ resource: d.name }] }, spec.completion),
    async run(ctx, args, o) {
      const id = args[0] as string;
      spec.check?.(args.slice(1), o);
      const api = await ctx.api();
      const item = await fetchOne(ctx, api, d, id);
      const plan = await spec.plan(ctx, id, args.slice(1), o, item);
      await applyChange(ctx, d, id, plan);
    },
  });
}
