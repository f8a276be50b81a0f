import { defineCommand } from '../types.js';
import { actionResult, dryResult, getPolicy } from '../shared/storage.js';
import { UsageError } from '../../core/errors.js';
import { asJson, parseDays, parseHours, parseRetention, parseTz, toUtc8 } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Change a policy (ModifyAutoSnapshotPolicyEx)')
      .argument('<policy>', 'policy ID')
      .option('--hours <list>', 'hours 0–23 (UTC+8 unless --tz)', parseHours)
      .option('--days <list>', 'weekdays: 1–7 or mon,…,sun, or all', parseDays)
      .option('--retention <days>', '1–65536 days, or "forever"', parseRetention)
      .option('--tz <offset>', 'the hours and days are in this UTC offset; converted to UTC+8', parseTz)
      .option('--name <name>', 'policy name')
      .addHelpText('after', `
Examples:
  ecs snapshot-policy modify sp-bp1abcdefghijklmnopq --hours 3 --retention forever`);
  },
  async run(ctx, [policy], o) {
    if (o.hours === undefined && o.days === undefined && o.retention === undefined && o.name === undefined) {
      throw new UsageError('nothing to change: give --hours, --days, --retention or --name');
    }
    const api = await ctx.api();
    const current = await getPolicy(ctx, api, policy);
    let hours: number[] | undefined = o.hours;
    let days: number[] | undefined = o.days;
    if (o.tz !== undefined && (hours || days)) {
      const conv = toUtc8(hours ?? JSON.parse(current.TimePoints).map(Number), days ?? JSON.parse(current.RepeatWeekdays).map(Number), o.tz);
      hours = conv.hours;
      days = conv.days;
    }
    const params = {
      regionId: ctx.region, autoSnapshotPolicyId: policy, autoSnapshotPolicyName: o.name,
      timePoints: hours ? asJson(hours) : undefined, repeatWeekdays: days ? asJson(days) : undefined, retentionDays: o.retention,
    };
    if (ctx.globals.dryRun) {
      await dryResult(ctx, { AutoSnapshotPolicyId: policy }, `would update ${policy}`, policy);
      return;
    }
    await api.call('ModifyAutoSnapshotPolicyEx', params, { signal: ctx.abort.signal });
    await actionResult(ctx, { AutoSnapshotPolicyId: policy }, `${policy}: updated`, policy);
  },
});
