// One action over many IDs: bounded concurrency, one result per ID, a non-zero exit when
// any failed. A single ID that fails is reported as that one error (one line on stderr).

import type { Context } from '../../core/context.js';
import { CliError, ExitCode } from '../../core/errors.js';

export const DEFAULT_CONCURRENCY = 8;

export interface BulkResult {
  Id: string;
  Ok: boolean;
  /** Short outcome: "stopping", "password set", "would stop (dry run)". */
  Result: string;
  Code?: string;
  Message?: string;
  RequestId?: string;
  /** The original error (kept for a single-ID run). */
  error?: CliError;
}

/** Run fn for each ID with at most `concurrency` in flight; results keep the input order. */
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

/** Turn a thrown error into a failed result (the API's code and message). */
export function failure(id: string, e: unknown): BulkResult {
  const c = e as CliError;
  return { Id: id, Ok: false, Result: 'failed', Code: c.code ?? 'Error', Message: c.message, RequestId: c.requestId, error: c instanceof CliError ? c : undefined };
}

export async function runBulk(
  ctx: Context,
  ids: string[],
  fn: (id: string) => Promise<string>,
  o: { concurrency?: number } = {},
): Promise<BulkResult[]> {
  return mapBounded(
    ids,
    o.concurrency ?? DEFAULT_CONCURRENCY,
    async (id) => {
      try {
        return { Id: id, Ok: true, Result: await fn(id) };
      } catch (e) {
        if (!(e instanceof CliError) || e.exitCode === ExitCode.INTERRUPTED) throw e;
        return failure(id, e);
      }
    },
    ctx.abort.signal,
  );
}

/** The error for a run with failures: the original one for a single ID, a summary otherwise. */
export function bulkError(results: BulkResult[], verb: string): CliError | undefined {
  const failed = results.filter((r) => r && !r.Ok);
  if (!failed.length) return undefined;
  if (results.length === 1) {
    const f = failed[0]!;
    return f.error ?? new CliError(`${f.Id}: ${f.Message}`, { code: f.Code, requestId: f.RequestId });
  }
  const list = failed.map((f) => `${f.Id} (${f.Code})`).join(', ');
  return new CliError(`${verb}: ${failed.length} of ${results.length} failed: ${list}`, {
    code: failed.every((f) => f.Code === failed[0]!.Code) ? failed[0]!.Code : 'PartialFailure',
    data: results.map(({ error: _e, ...r }) => r),
  });
}

/** One line per ID on stdout (table/tsv), or the result objects (-o json/yaml), ids of successes for -o ids. */
export async function renderBulk(ctx: Context, results: BulkResult[], idField = 'InstanceId'): Promise<void> {
  const rows = results.filter(Boolean).map((r) => ({
    [idField]: r.Id,
    Result: r.Result,
    ...(r.Ok ? {} : { Code: r.Code, Message: r.Message }),
  }));
  if (ctx.outputFormat === 'ids') {
    ctx.io.stdout.write(results.filter((r) => r?.Ok).map((r) => r.Id + '\n').join(''));
    return;
  }
  await ctx.render(rows, {
    columns: [
      { header: 'ID', get: idField },
      { header: 'RESULT', get: 'Result' },
      { header: 'DETAIL', get: (r: any) => (r.Code ? `${r.Code}: ${r.Message}` : '') },
    ],
    id: idField,
  });
}

/**
 * The usual ending: a single ID that failed is just its error (stderr, nothing on stdout);
 * otherwise every result is printed and any failure makes the exit non-zero.
 */
export async function finishBulk(ctx: Context, results: BulkResult[], verb: string, print = true): Promise<void> {
  const err = bulkError(results, verb);
  if (err && results.length === 1) throw err;
  if (print) await renderBulk(ctx, results);
  if (err) throw err;
}
