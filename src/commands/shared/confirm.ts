// Confirm-then-act for destructive verbs: asked on a terminal (default No); without one
// `--yes` is required and the verb stops at once with exit 2, before any API call.
// A dry run changes nothing and is not asked about.

import type { Context } from '../../core/context.js';

export async function confirmDestructive(ctx: Context, o: { verb: string; action: string; ids: string[]; kind?: string; consequence?: string }): Promise<void> {
  if (ctx.globals.dryRun) return;
  const kind = o.kind ?? 'instance';
  const list = o.ids.length <= 5 ? o.ids.join(', ') : `${o.ids.slice(0, 5).join(', ')} and ${o.ids.length - 5} more`;
  const subject = o.ids.length === 1 ? `${kind} ${list}` : `${o.ids.length} ${kind}s (${list})`;
  await ctx.confirm(`${o.action} ${subject}?${o.consequence ? ` ${o.consequence}` : ''}`, `ecs ${o.verb}`);
}
