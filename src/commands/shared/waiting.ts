// --wait for many resources at once: poll one Describe call per round (src/core/waiter.ts
// backoff and timeout → exit 5) until every ID has the target status, or is gone.

import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import { waitUntil } from '../../core/waiter.js';

/** A status to wait for, or GONE (released / deleted). */
export const GONE = 'Deleted';

export interface WaitForStatusOptions {
  ids: string[];
  target: string;
  /** Kind for messages: "instance". */
  kind: string;
  /** Current status per ID; an ID missing from the map is gone. */
  statuses: (ids: string[]) => Promise<Map<string, string>>;
  /** Statuses from which the target can no longer be reached without another action. */
  dead?: (status: string) => boolean;
}

export async function waitForStatus(ctx: Context, o: WaitForStatusOptions): Promise<void> {
  if (!o.ids.length) return;
  const what = o.ids.length === 1 ? `${o.kind} ${o.ids[0]} to be ${o.target}` : `${o.ids.length} ${o.kind}s to be ${o.target}`;
  const progress = await ctx.progress(`Waiting for ${what}`);
  let pending = [...o.ids];
  try {
    await waitUntil({
      what,
      timeoutMs: ctx.waitTimeoutMs,
      signal: ctx.abort.signal,
      check: async () => {
        const st = await o.statuses(pending);
        const still: string[] = [];
        for (const id of pending) {
          const s = st.get(id);
          if (o.target === GONE ? s === undefined : s === o.target) continue;
          if (s === undefined) throw new CliError(`${o.kind} ${id} no longer exists (while waiting for ${o.target})`, { code: 'InvalidInstanceId.NotFound' });
          if (o.dead?.(s)) throw new CliError(`${o.kind} ${id} is ${s}; it will not become ${o.target} by itself`, { code: 'IncorrectInstanceStatus' });
          still.push(id);
        }
        pending = still;
        if (o.ids.length > 1) progress.update(`Waiting for ${what} (${o.ids.length - pending.length}/${o.ids.length} done)`);
        return pending.length === 0 ? true : undefined;
      },
    });
    const state = o.target === GONE ? 'gone' : o.target;
    progress.succeed(o.ids.length === 1 ? `${capital(o.kind)} ${o.ids[0]} is ${state}` : `${o.ids.length} ${o.kind}s are ${state}`);
  } catch (e) {
    progress.fail(`Gave up waiting for ${what}${pending.length ? ` (still waiting: ${pending.join(', ')})` : ''}`);
    throw e;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
