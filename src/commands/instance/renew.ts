import { defineCommand } from '../types.js';
import { fetchInstances } from '../shared/instances.js';
import { oneOf, positiveInt } from '../shared/parse.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'subscription (PrePaid) instance ID')
      .option('--period <n>', 'how long (Month: 1-9, 12, 24, 36, 48, 60; Year: 1-5)', positiveInt('--period', 1, 60), 1)
      .option('--period-unit <unit>', 'Month (default) or Year', oneOf('--period-unit', ['Month', 'Year']), 'Month')
      .option('--client-token <token>', 'idempotency token')
      .addHelpText('after', `
Renews by months or years; within 15 days after expiry the new period starts at the old
expiry, later at the renewal time. Prints the new expiry time.

Examples:
  ecs instance renew i-bp67acfmxazb4ph6xxxx --period 1 --period-unit Month
  ecs instance renew i-bp67acfmxazb4ph6xxxx --period 1 --period-unit Year`);
  },
  async run(ctx, [id], o) {
    const months = o.periodUnit === 'Year' ? o.period * 12 : o.period;
    const api = await ctx.api();
    await api.call('RenewInstance', { InstanceId: id, Period: months, PeriodUnit: 'Month', ClientToken: o.clientToken }, { signal: ctx.abort.signal });
    const [inst] = await fetchInstances(ctx, api, [id]);
    await ctx.renderRecord(inst!, [['ID', id], ['Charge type', inst!.InstanceChargeType], ['Expires', inst!.ExpiredTime], ['Status', inst!.Status]], id);
  },
});
