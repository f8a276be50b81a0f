import { ApiError, UsageError } from '../../core/errors.js';
import { defineChange, fetchOne } from '../builders/index.js';
import { oneOf } from '../shared/parse.js';
import { instance, type Instance } from '../../resources/instance.js';

/** What the service renews by (guide: 1 month or 1 year): PeriodUnit Month with Period 1 or 12, or Year with 1. */
const PERIODS: Record<string, number[]> = { Month: [1, 12], Year: [1] };

export default defineChange({
  resource: instance,
  configure(cmd) {
    cmd
      .option('--period <n>', 'how long: 1 or 12 with Month (default 1), 1 with Year')
      .option('--period-unit <unit>', 'Month (default) or Year', oneOf('--period-unit', ['Month', 'Year']), 'Month')
      .option('--auto <on|off>', 'turn automatic renewal at expiry on or off instead of renewing now (--period: months per renewal)', oneOf('--auto', ['on', 'off']))
      .option('--client-token <token>', 'idempotency token');
  },
  check(_args, o) {
    const allowed = PERIODS[o.periodUnit]!;
    const n = o.period === undefined ? 1 : Number(o.period);
    if (!allowed.includes(n)) {
      throw new UsageError(`--period ${o.period} is not offered with --period-unit ${o.periodUnit}: the service renews by 1 month or 1 year (--period 1 or 12 with Month, 1 with Year)`, 'InvalidPeriod');
    }
    o.period = n;
    if (o.auto !== undefined && o.clientToken !== undefined) throw new UsageError('--client-token is for renewing now, not with --auto');
  },
  async plan(ctx, id, _args, o, item: Instance) {
    const months = o.periodUnit === 'Year' ? o.period * 12 : o.period;
    // Neither RenewInstance nor ModifyInstanceAutoRenewAttribute has DryRun: check the charge type as they do.
    if (ctx.globals.dryRun && item.InstanceChargeType !== 'PrePaid') {
      throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the instance. (${id} is pay-as-you-go; only subscription instances are renewed)`, 403);
    }
    if (o.auto !== undefined) {
      const on = o.auto === 'on';
      return {
        action: 'ModifyInstanceAutoRenewAttribute',
        params: { RegionId: ctx.region, InstanceId: id, AutoRenew: on, ...(on ? { Duration: months, PeriodUnit: 'Month' } : {}), RenewalStatus: on ? 'AutoRenewal' : 'Normal' },
        apiDryRun: false,
        what: on ? `turn on automatic renewal of ${id} (${months} month${months > 1 ? 's' : ''} at each expiry)` : `turn off automatic renewal of ${id}`,
        result: { AutoRenewEnabled: on, ...(on ? { Duration: months, PeriodUnit: 'Month' } : {}) },
        done: on ? `${id}: renews automatically at expiry, ${months} month${months > 1 ? 's' : ''} at a time.` : `${id}: automatic renewal off.`,
      };
    }
    return {
      action: 'RenewInstance',
      params: { InstanceId: id, Period: months, PeriodUnit: 'Month', ClientToken: o.clientToken },
      apiDryRun: false,
      what: `renew ${id} for ${o.period} ${o.periodUnit.toLowerCase()}${o.period > 1 ? 's' : ''} (expires ${item.ExpiredTime ?? 'unknown'} now)`,
      done: `${id}: renewed.`,
      record: (r) => [['ID', id], ['Charge type', r.InstanceChargeType], ['Expires', r.ExpiredTime], ['Status', r.Status]],
      after: async () => {
        const now = await fetchOne<Instance>(ctx, await ctx.api(), instance, id);
        return { InstanceChargeType: now.InstanceChargeType, ExpiredTime: now.ExpiredTime, Status: now.Status };
      },
    };
  },
  completion: { options: { '--period': { values: ['1', '12'] }, '--period-unit': { values: ['Month', 'Year'] }, '--auto': { values: ['on', 'off'] } } },
  help: `Renews a subscription by 1 month or 1 year (the periods the service offers); within 15
days after expiry the new period starts at the old expiry, later at the renewal time.
Prints the new expiry time. --auto on|off sets automatic renewal at expiry instead.`,
  examples: [
    'ecs instance renew i-bp67acfmxazb4ph6xxxx',
    'ecs instance renew i-bp67acfmxazb4ph6xxxx --period 1 --period-unit Year',
    'ecs instance renew i-bp67acfmxazb4ph6xxxx --auto on --period 1',
  ],
});
