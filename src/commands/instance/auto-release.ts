import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { fetchInstances } from '../shared/instances.js';
import { apiTime, describeTime, nextHalfHour, parseTime } from '../shared/time.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'instance ID (pay-as-you-go)')
      .option('--at <time>', 'release time: ISO 8601 (2026-11-24T10:00:00Z, 2026-11-24T18:00+08:00) or relative (+30m, +2h, +1d)')
      .option('--cancel', 'cancel the scheduled release')
      .addHelpText('after', `
Setting a time again overwrites the previous one. Billing stops at the set time; the
service executes releases at the next :00 or :30. Only pay-as-you-go (PostPaid) instances.
Without --at or --cancel, shows the current setting.

Examples:
  ecs instance auto-release i-bp67acfmxazb4ph6xxxx --at +2h
  ecs instance auto-release i-bp67acfmxazb4ph6xxxx --at 2026-12-01T00:00:00Z
  ecs instance auto-release i-bp67acfmxazb4ph6xxxx --cancel`);
  },
  async run(ctx, [id], o) {
    if (o.at !== undefined && o.cancel) throw new UsageError('choose --at TIME or --cancel, not both');
    if (o.at === undefined && !o.cancel) {
      const api = await ctx.api();
      const [inst] = await fetchInstances(ctx, api, [id]);
      const t = inst!.AutoReleaseTime as string | undefined;
      await ctx.renderRecord(
        { InstanceId: id, AutoReleaseTime: t ?? '' },
        [['ID', id], ['Auto-release', t ? describeTime(t) : 'not scheduled']],
        id,
      );
      return;
    }
    // The service keeps whole minutes.
    const at = o.cancel ? undefined : parseTime(o.at, new Date(), '--at');
    const when = at ? new Date(Math.floor(at.getTime() / 60_000) * 60_000) : undefined;
    const api = await ctx.api();
    await api.call('ModifyInstanceAutoReleaseTime', { RegionId: ctx.region, InstanceId: id, AutoReleaseTime: when ? apiTime(when) : undefined }, { signal: ctx.abort.signal });
    if (!when) {
      ctx.note(`${id}: automatic release cancelled.`);
      return;
    }
    ctx.note(
      `${id}: will be released at ${describeTime(apiTime(when))}; billing stops then, and the service executes the release at the next :00 or :30 (${apiTime(nextHalfHour(when))}).`,
    );
  },
});
