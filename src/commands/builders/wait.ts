// Waiting for resources to reach a status (or to be gone): one Describe per round for the
// IDs still pending (src/core/waiter.ts backoff; a timeout is exit 5 with ONE message),
// and the `<noun> wait` verb.

import { Option, type Command } from 'commander';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError, WaitTimeoutError } from '../../core/errors.js';
import { waitUntil } from '../../core/waiter.js';
import { GONE, type AnyResource } from '../../resources/types.js';
import { defineCommand, type CommandModule } from '../types.js';
import { addExamples } from './common.js';
import { fetchByIds, itemsById, statusOf } from './fetch.js';

export { GONE };

export interface WaitForOptions {
  /**
   * Statuses from which the target can no longer be reached without another action (a
   * verb that just started Running fails fast on Stopped). Default: none.
   */
  dead?: (status: string, target: string) => boolean;
}

/** Until every ID has the target status (or is gone, for GONE). */
export async function waitForStatus(ctx: Context, api: EcsApi, d: AnyResource, ids: string[], target: string, o: WaitForOptions = {}): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const what = unique.length === 1 ? `${d.noun} ${unique[0]} to be ${target}` : `${unique.length} ${d.plural} to be ${target}`;
  const progress = await ctx.progress(`Waiting for ${what}`);
  let pending = [...unique];
  try {
    await waitUntil({
      what,
      timeoutMs: ctx.waitTimeoutMs,
      signal: ctx.abort.signal,
      check: async () => {
        const found = await itemsById(ctx, api, d, pending);
        const still: string[] = [];
        for (const id of pending) {
          const item = found.get(id);
          const s = item === undefined ? undefined : statusOf(d, item);
          if (target === GONE ? s === undefined : s === target) continue;
          if (s === undefined) throw new CliError(`${d.noun} ${id} no longer exists (while waiting for ${target})`, { code: d.errors.notFound });
          if (o.dead?.(s, target)) throw new CliError(`${d.noun} ${id} is ${s}; it will not become ${target} by itself`, { code: d.errors.wrongStatus ?? 'IncorrectStatus' });
          still.push(id);
        }
        pending = still;
        if (unique.length > 1) progress.update(`Waiting for ${what} (${unique.length - pending.length}/${unique.length} done)`);
        return pending.length === 0 ? true : undefined;
      },
    });
    const state = target === GONE ? 'gone' : target;
    progress.succeed(unique.length === 1 ? `${capital(d.noun)} ${unique[0]} is ${state}` : `${unique.length} ${d.plural} are ${state}`);
  } catch (e) {
    // One message: the error says what timed out and what is still pending.
    progress.stop();
    if (e instanceof WaitTimeoutError && pending.length) {
      throw new WaitTimeoutError(`${e.message}${unique.length > 1 ? ` (still waiting: ${pending.join(', ')})` : ''}`);
    }
    throw e;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface WaitSpec {
  resource: AnyResource;
  help?: string;
  examples: string[];
}

/** `<noun> wait ID... --status S`: exit 0 when all have it, 5 on timeout; `-o json` prints the items. */
export function defineWait(spec: WaitSpec): CommandModule {
  const d = spec.resource;
  const statuses = [...(d.statuses ?? []), GONE];
  return defineCommand({
    configure(cmd: Command) {
      cmd
        .argument('<ids...>', `${d.noun} IDs`)
        .addOption(new Option('--status <status>', `status to wait for (${GONE}: until it is gone)`).choices(statuses).makeOptionMandatory());
      addExamples(
        cmd,
        spec.examples,
        spec.help ?? `Polls with backoff until every ${d.noun} has the status; gives up after --wait-timeout\nseconds (default 600) with exit code 5. -o json prints the ${d.plural} once they have it.`,
      );
    },
    completion: { args: [{ resource: d.name }] },
    async run(ctx, [rawIds], o) {
      const ids = [...new Set(rawIds as string[])];
      const api = await ctx.api();
      // Unknown IDs fail now, not after the timeout.
      if (o.status !== GONE) await fetchByIds(ctx, api, d, ids);
      await waitForStatus(ctx, api, d, ids, o.status);
      if (ctx.outputFormat === 'table' && !ctx.globals.query) return;
      const items = o.status === GONE ? ids.map((id) => ({ [d.idField]: id, [d.statusField ?? 'Status']: GONE })) : await fetchByIds(ctx, api, d, ids);
      await ctx.render(items, { columns: d.columns, id: d.idField });
    },
  });
}

export interface ProgressPoll {
  /** 0–100 */
  pct: number;
  done: boolean;
  /** Set when the task failed or was cancelled: the reason. */
  failed?: string;
}

/**
 * Wait for a long task (a snapshot, an image, a copy, an import/export task), showing its
 * percentage: "Creating snapshot s-… 45%" on a terminal; a start line and a done line
 * otherwise; nothing with -q. Timeout → exit 5; Ctrl-C → 130.
 */
export async function waitForProgress(ctx: Context, what: string, poll: () => Promise<ProgressPoll>): Promise<void> {
  const progress = await ctx.progress(what);
  let last = 0;
  try {
    await waitUntil({
      what,
      timeoutMs: ctx.waitTimeoutMs,
      signal: ctx.abort.signal,
      check: async () => {
        const p = await poll();
        if (p.failed) throw new CliError(`${what}: ${p.failed}`, { code: 'TaskFailed' });
        last = p.pct;
        progress.update(`${what} ${p.pct}%`);
        return p.done ? true : undefined;
      },
    });
    progress.succeed(`${what} 100% done`);
  } catch (e) {
    progress.fail(`${what} stopped at ${last}%`);
    throw e;
  }
}

/** A Progress field ("45%", "45") as 0–100. */
export function percent(v: unknown): number {
  const n = parseInt(String(v ?? '0'), 10);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}
