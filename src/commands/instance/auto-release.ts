import { UsageError } from '../../core/errors.js';
import { defineChange } from '../builders/index.js';
import { apiTime, describeTime, nextHalfHour, parseTime } from '../shared/time.js';
import { instance, type Instance } from '../../resources/instance.js';

export default defineChange({
  resource: instance,
  configure(cmd) {
    cmd
      .option('--at <time>', 'release time: ISO 8601 (2026-11-24T10:00:00Z, 2026-11-24T18:00+08:00) or relative (+30m, +2h, +1d)')
      .option('--cancel', 'cancel the scheduled release');
  },
  check(_args, o) {
    if (o.at !== undefined && o.cancel) throw new UsageError('choose --at TIME or --cancel, not both');
    // The service keeps whole minutes.
    if (o.at !== undefined) o.when = new Date(Math.floor(parseTime(o.at, new Date(), '--at').getTime() / 60_000) * 60_000);
  },
  plan(ctx, id, _args, o, item: Instance) {
    if (o.at === undefined && !o.cancel) {
      // Only showing: nothing to change (a dry run is the same).
      const t = item.AutoReleaseTime;
      return {
        action: '',
        params: {},
        apiDryRun: false,
        what: '',
        done: '',
        show: { AutoReleaseTime: t ?? '' },
        record: () => [['ID', id], ['Auto-release', t ? describeTime(t) : 'not scheduled']],
      };
    }
    const when: Date | undefined = o.when;
    return {
      action: 'ModifyInstanceAutoReleaseTime',
      params: { RegionId: ctx.region, InstanceId: id, AutoReleaseTime: when ? apiTime(when) : undefined },
      apiDryRun: false,
      what: when ? `schedule the release of ${id} at ${apiTime(when)}` : `cancel the automatic release of ${id}`,
      result: { AutoReleaseTime: when ? apiTime(when) : '' },
      done: when
        ? `${id}: will be released at ${describeTime(apiTime(when))}; billing stops then, and the service executes the release at the next :00 or :30 (${apiTime(nextHalfHour(when))}).`
        : `${id}: automatic release cancelled.`,
    };
  },
  help: `Setting a time again overwrites the previous one. Billing stops at the set time; the
service executes releases at the next :00 or :30. Only pay-as-you-go (PostPaid) instances.
Without --at or --cancel, shows the current setting.`,
  examples: [
    'ecs instance auto-release i-bp67acfmxazb4ph6xxxx --at +2h',
    'ecs instance auto-release i-bp67acfmxazb4ph6xxxx --at 2026-12-01T00:00:00Z',
    'ecs instance auto-release i-bp67acfmxazb4ph6xxxx --cancel',
  ],
});
