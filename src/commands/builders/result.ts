// The result of a verb that creates or changes something without a descriptor-shaped answer
// (create, copy, share, import …): --dry-run through the API's DryRun, the record as data
// for -o json|yaml|tsv|ids and --query, one line on stderr for the table format.

import type { ApiParams, ApiResponse, EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import { rawCall } from './fetch.js';

/**
 * Call an action that has DryRun: with --dry-run, DryRun=true and DryRunOperation means
 * "would succeed" (returns undefined); otherwise the answer.
 */
export async function callWithDryRun(ctx: Context, api: EcsApi, action: string, params: ApiParams): Promise<ApiResponse | undefined> {
  const dry = Boolean(ctx.globals.dryRun);
  try {
    const r = await rawCall(api)(action, { ...params, DryRun: dry ? true : undefined }, { signal: ctx.abort.signal });
    if (dry) throw new CliError(`${action} answered without checking DryRun; nothing is known to have been validated`, { code: 'DryRunNotHonoured' });
    return r;
  } catch (e) {
    if (dry && (e as CliError).code === 'DryRunOperation') return undefined;
    throw e;
  }
}

/** The record on stdout for -o json|yaml|tsv|ids and --query; for the table format, `text` on stderr. */
export async function printResult(ctx: Context, raw: Record<string, unknown>, text: string, id?: string): Promise<void> {
  const data = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  if (ctx.globals.query || ctx.outputFormat !== 'table') {
    await ctx.renderRecord(data, Object.entries(data), id);
    return;
  }
  ctx.note(text);
}

/** A dry run: what would happen (nothing was changed). */
export async function printDryRun(ctx: Context, data: Record<string, unknown>, text: string, id?: string): Promise<void> {
  await printResult(ctx, { ...data, DryRun: true }, `${text} (dry run: nothing was changed)`, id);
}
