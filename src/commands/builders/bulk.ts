// One action over many IDs (start, stop, reboot, delete …): confirmation first for the
// destructive ones, a mixed-status refusal before any change, --dry-run (DryRun=true where
// the API has it; DryRunOperation means "would succeed"), bounded concurrency, one result
// per ID with the status it is in afterwards, --wait for the target status.
//
// Reporting is the same for one ID and for many: the result table on stdout (one row per
// ID), and for failures one error line on stderr and exit 1.

import type { Command } from 'commander';
import type { ApiParams, EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError, ExitCode } from '../../core/errors.js';
import type { AnyResource } from '../../resources/types.js';
import { defineCommand, type CommandModule, type CompletionDecl } from '../types.js';
import { addConcurrencyOption, addExamples, DEFAULT_CONCURRENCY, mergeCompletion } from './common.js';
import { itemsById, notFound, rawCall, statusOf } from './fetch.js';
import { GONE, waitForStatus } from './wait.js';

export interface BulkResult {
  Id: string;
  Ok: boolean;
  /** "ok", "dry run: would stop", "failed". */
  Result: string;
  /** The status afterwards (after --wait: the target), when known. */
  Status?: string;
  Code?: string;
  Message?: string;
  RequestId?: string;
  error?: CliError;
}

/** Run fn for each item with at most `concurrency` in flight; results keep the input order. */
export async function mapBounded<T, R>(xs: T[], concurrency: number, fn: (x: T, i: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      if (signal?.aborted) return;
      const i = next++;
      out[i] = await fn(xs[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, xs.length)) }, worker));
  return out;
}

/** A thrown error as a failed result (the API's code and message). */
export function failure(id: string, e: unknown): BulkResult {
  const c = e as CliError;
  return { Id: id, Ok: false, Result: 'failed', Code: c.code ?? 'Error', Message: c.message, RequestId: c.requestId, error: c instanceof CliError ? c : undefined };
}

/** fn per ID (bounded); an API error becomes that ID's failed result, Ctrl-C stops everything. */
export async function runBulk(ctx: Context, ids: string[], fn: (id: string) => Promise<Partial<BulkResult> | string>, concurrency = DEFAULT_CONCURRENCY): Promise<BulkResult[]> {
  return mapBounded(
    ids,
    concurrency,
    async (id) => {
      try {
        const r = await fn(id);
        return typeof r === 'string' ? { Id: id, Ok: true, Result: r } : { Id: id, Ok: true, Result: 'ok', ...r };
      } catch (e) {
        if (!(e instanceof CliError) || e.exitCode === ExitCode.INTERRUPTED) throw e;
        return failure(id, e);
      }
    },
    ctx.abort.signal,
  );
}

/** The error for a run with failures (undefined when all succeeded); the same shape for one ID and many. */
export function bulkError(results: BulkResult[], verb: string): CliError | undefined {
  const failed = results.filter((r) => r && !r.Ok);
  if (!failed.length) return undefined;
  const data = results.map(({ error: _e, ...r }) => r);
  if (results.length === 1) {
    const f = failed[0]!;
    // The error itself (its message names the ID; its exit code: 2 for a usage error).
    return f.error ?? new CliError(`${f.Id}: ${f.Message}`, { code: f.Code, requestId: f.RequestId, data });
  }
  const list = failed.map((f) => `${f.Id} (${f.Code})`).join(', ');
  return new CliError(`${verb}: ${failed.length} of ${results.length} failed: ${list}`, {
    code: failed.every((f) => f.Code === failed[0]!.Code) ? failed[0]!.Code : 'PartialFailure',
    data,
  });
}

/** One row per ID (table/tsv), the result objects (json/yaml), the IDs that succeeded (ids). */
export async function renderBulk(ctx: Context, results: BulkResult[], idField: string): Promise<void> {
  const rows = results.filter(Boolean).map((r) => ({
    [idField]: r.Id,
    Result: r.Result,
    ...(r.Status !== undefined ? { Status: r.Status } : {}),
    ...(r.Ok ? {} : { Code: r.Code, Message: r.Message }),
  }));
  if (ctx.outputFormat === 'ids' && !ctx.globals.query) {
    ctx.io.stdout.write(results.filter((r) => r?.Ok).map((r) => r.Id + '\n').join(''));
    return;
  }
  await ctx.render(rows, {
    columns: [
      { header: 'ID', get: idField },
      { header: 'RESULT', get: 'Result' },
      { header: 'STATUS', get: 'Status' },
      { header: 'DETAIL', get: (r: any) => (r.Code ? `${r.Code}: ${r.Message}` : '') },
    ],
    id: idField,
  });
}

/** Print every result, then fail (exit 1) if any failed. */
export async function finishBulk(ctx: Context, results: BulkResult[], verb: string, idField: string): Promise<void> {
  await renderBulk(ctx, results, idField);
  const err = bulkError(results, verb);
  if (err) throw err;
}

/** Confirm-then-act for destructive verbs (asked on a terminal, default No; --yes otherwise). A dry run is not asked about. */
export async function confirmDestructive(ctx: Context, o: { verb: string; action: string; ids: string[]; noun: string; plural: string; consequence?: string }): Promise<void> {
  if (ctx.globals.dryRun) return;
  const list = o.ids.length <= 5 ? o.ids.join(', ') : `${o.ids.slice(0, 5).join(', ')} and ${o.ids.length - 5} more`;
  const subject = o.ids.length === 1 ? `${o.noun} ${list}` : `${o.ids.length} ${o.plural} (${list})`;
  await ctx.confirm(`${o.action} ${subject}?${o.consequence ? ` ${o.consequence}` : ''}`, `ecs ${o.verb}`);
}

/**
 * The guide's rule for batches: several resources only when they all share one status.
 * Refuses a mixed batch before any change, naming the odd ones out (those not in `expected`
 * when some are, else those outside the most common status).
 */
export function refuseMixedStatus(d: AnyResource, items: Map<string, unknown>, ids: string[], verb: string, expected?: readonly string[]): void {
  const status = new Map<string, string>();
  for (const id of ids) {
    const it = items.get(id);
    if (it !== undefined) status.set(id, statusOf(d, it));
  }
  const distinct = new Set(status.values());
  if (distinct.size <= 1) return;
  let good: Set<string>;
  const inExpected = [...status.values()].filter((s) => expected?.includes(s));
  if (expected && inExpected.length) good = new Set(expected);
  else {
    const counts = new Map<string, number>();
    for (const s of status.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    good = new Set([[...counts].sort((a, b) => b[1] - a[1])[0]![0]]);
  }
  const odd = [...status].filter(([, s]) => !good.has(s)).map(([id, s]) => `${id} is ${s}`);
  const goodText = [...good].join(' or ');
  throw new CliError(
    `${verb}: the ${d.plural} do not share one status (${odd.join(', ')}; the others are ${goodText}); nothing was changed. Act on them separately, or add --partial to try each one`,
    { code: d.errors.wrongStatus ?? 'IncorrectStatus' },
  );
}

export interface ActionSpec {
  resource: AnyResource;
  /** "instance stop" (messages, confirmation hint). */
  verb: string;
  /** Help description; the registry's summary is the short form. */
  description?: string;
  /** Declare the verb's own options (the builder adds <ids...>, --concurrency, --partial). */
  configure?: (cmd: Command) => void;
  /** The API action per ID and its parameters (the ID parameter included). */
  action: string;
  params: (id: string, o: Record<string, any>, ctx: Context) => ApiParams;
  /** The action takes DryRun (ecs-api-models.md); otherwise --dry-run checks the IDs and stops. */
  apiDryRun: boolean;
  /** Ask first: the question's verb ("Stop") and what follows. */
  confirm?: (o: Record<string, any>) => { action: string; consequence?: string };
  /** "would stop" for the dry-run result. */
  dryText: string;
  /**
   * An action without DryRun in the API: what --dry-run checks locally for each item before
   * it says "would …" (throw the API's error: ApiError with its real code).
   */
  dryCheck?: (item: any, o: Record<string, any>, ctx: Context) => void | Promise<void>;
  /**
   * For some items, do something else than `action` (deleting an image copy in progress
   * cancels the copy): return the result text, or undefined to run the action. It must
   * honour --dry-run itself.
   */
  instead?: (ctx: Context, api: EcsApi, id: string, item: any, o: Record<string, any>) => Promise<string | undefined>;
  /** --wait target status (GONE for deletes). */
  waitFor?: string;
  /** While waiting: statuses from which the target will not follow (fail fast). */
  waitDead?: (status: string, target: string) => boolean;
  /** Statuses the action acts on: completion offers these first; a batch outside them in part is refused (unless --partial). */
  actsOn?: readonly string[];
  /** Refuse a batch whose statuses differ (the guide's rule for start, stop, reboot, reset-password). */
  sameStatus?: boolean;
  help?: string;
  examples: string[];
  completion?: CompletionDecl;
}

/** Status to show after an action without --wait: what the resource is now (one Describe). */
async function currentStatuses(ctx: Context, api: EcsApi, d: AnyResource, results: BulkResult[]): Promise<void> {
  if (!d.statusField) return;
  const ok = results.filter((r) => r.Ok).map((r) => r.Id);
  if (!ok.length) return;
  const now = await itemsById(ctx, api, d, ok);
  for (const r of results) if (r.Ok) r.Status = now.has(r.Id) ? statusOf(d, now.get(r.Id)) : GONE;
}

export function addPartialOption(cmd: Command, plural: string): void {
  cmd.option('--partial', `when the ${plural}' statuses differ, try each one anyway and report those that fail`);
}

export function defineAction(spec: ActionSpec): CommandModule {
  const d = spec.resource;
  return defineCommand({
    configure(cmd: Command) {
      if (spec.description) cmd.description(spec.description);
      cmd.argument('<ids...>', `${d.noun} IDs${spec.actsOn ? ` (${spec.actsOn.join(' or ')})` : ''}`);
      spec.configure?.(cmd);
      if (spec.sameStatus) addPartialOption(cmd, d.plural);
      addConcurrencyOption(cmd);
      addExamples(cmd, spec.examples, spec.help);
    },
    completion: mergeCompletion({ args: [{ resource: d.name, statuses: spec.actsOn }] }, spec.completion),
    async run(ctx, [rawIds], o) {
      const ids = [...new Set(rawIds as string[])];
      const verb = `ecs ${spec.verb}`;
      const dry = Boolean(ctx.globals.dryRun);
      const api = await ctx.api();
      // Look first: unknown IDs fail without a call, a mixed batch is refused before any change.
      const items = await itemsById(ctx, api, d, ids);
      if (spec.sameStatus && !o.partial) refuseMixedStatus(d, items, ids, verb, spec.actsOn);
      if (spec.confirm) {
        const c = spec.confirm(o);
        const present = ids.filter((id) => items.has(id));
        if (present.length) await confirmDestructive(ctx, { verb: spec.verb, action: c.action, ids: present, noun: d.noun, plural: d.plural, consequence: c.consequence });
      }
      const call = rawCall(api);
      const results = await runBulk(
        ctx,
        ids,
        async (id) => {
          if (!items.has(id)) throw notFound(ctx, d, [id]);
          const other = await spec.instead?.(ctx, api, id, items.get(id), o);
          if (other !== undefined) return { Result: other };
          if (dry && !spec.apiDryRun) {
            await spec.dryCheck?.(items.get(id), o, ctx);
            return { Result: `dry run: ${spec.dryText}`, Status: statusOf(d, items.get(id)) || undefined };
          }
          try {
            await call(spec.action, { ...spec.params(id, o, ctx), ...(dry ? { DryRun: true } : {}) }, { signal: ctx.abort.signal });
          } catch (e) {
            if (dry && (e as CliError).code === 'DryRunOperation') return { Result: `dry run: ${spec.dryText}`, Status: statusOf(d, items.get(id)) || undefined };
            throw e;
          }
          if (dry) return { Result: `dry run: ${spec.dryText}`, Status: statusOf(d, items.get(id)) || undefined };
          return { Result: 'ok' };
        },
        o.concurrency,
      );
      if (!dry) {
        const ok = results.filter((r) => r.Ok).map((r) => r.Id);
        if (ctx.globals.wait && spec.waitFor && ok.length) {
          try {
            await waitForStatus(ctx, api, d, ok, spec.waitFor, { dead: spec.waitDead });
            for (const r of results) if (r.Ok) r.Status = spec.waitFor;
          } catch (e) {
            // Still show what was done before the wait gave up (the exit code is the wait's).
            await currentStatuses(ctx, api, d, results).catch(() => undefined);
            await renderBulk(ctx, results, d.idField);
            throw e;
          }
        } else {
          await currentStatuses(ctx, api, d, results);
        }
      }
      await finishBulk(ctx, results, verb, d.idField);
    },
  });
}

/** `<noun> delete`: a bulk action that asks first and waits until the resources are gone. */
export function defineDelete(spec: Omit<ActionSpec, 'waitFor' | 'confirm' | 'dryText'> & { confirm?: ActionSpec['confirm']; dryText?: string }): CommandModule {
  return defineAction({
    confirm: () => ({ action: 'Delete', consequence: 'This cannot be undone.' }),
    dryText: 'would delete',
    ...spec,
    waitFor: GONE,
  });
}
