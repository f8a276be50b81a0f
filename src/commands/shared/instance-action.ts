// start / stop / reboot / delete: one API call per instance with bounded concurrency,
// one result line per instance, confirmation first for the destructive ones, --dry-run
// (DryRun=true; DryRunOperation means "would succeed"), --wait for the target status.

import type { ApiParams } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import { finishBulk, runBulk } from './bulk.js';
import { confirmDestructive } from './confirm.js';
import { waitForInstances } from './instances.js';

export interface InstanceActionSpec {
  /** "instance stop" (for messages). */
  verb: string;
  /** API action: "StopInstance". */
  action: string;
  params?: (id: string) => ApiParams;
  /** Ask first (stop, reboot, delete): the question's verb ("Stop") and what follows. */
  confirm?: { action: string; consequence?: string };
  /** Result text on success ("stopping") and on a dry run ("would stop"). */
  done: string;
  dry: string;
  /** --wait target status, or 'Deleted'. */
  waitFor: string;
  concurrency?: number;
}

export async function instanceAction(ctx: Context, rawIds: string[], spec: InstanceActionSpec): Promise<void> {
  const ids = [...new Set(rawIds)];
  if (spec.confirm) await confirmDestructive(ctx, { verb: spec.verb, action: spec.confirm.action, ids, consequence: spec.confirm.consequence });
  const api = await ctx.api();
  const dry = Boolean(ctx.globals.dryRun);
  const results = await runBulk(
    ctx,
    ids,
    async (id) => {
      try {
        await api.call(spec.action, { InstanceId: id, ...(spec.params?.(id) ?? {}), DryRun: dry ? true : undefined }, { signal: ctx.abort.signal });
      } catch (e) {
        if (dry && (e as CliError).code === 'DryRunOperation') return `${spec.dry} (dry run)`;
        throw e;
      }
      return dry ? `${spec.dry} (dry run)` : spec.done;
    },
    { concurrency: spec.concurrency },
  );
  const ok = results.filter((r) => r.Ok).map((r) => r.Id);
  if (ctx.globals.wait && !dry && ok.length) {
    try {
      await waitForInstances(ctx, api, ok, spec.waitFor);
      for (const r of results) if (r.Ok) r.Result = spec.waitFor === 'Deleted' ? 'released' : spec.waitFor;
    } catch (e) {
      // Still show what was done before the wait gave up (exit code of the wait error).
      await finishBulk(ctx, results, `ecs ${spec.verb}`).catch(() => undefined);
      throw e;
    }
  }
  await finishBulk(ctx, results, `ecs ${spec.verb}`);
}

