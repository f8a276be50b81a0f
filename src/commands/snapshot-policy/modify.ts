import { nonEmpty } from '../shared/parse.js';
import { defineChange } from '../builders/index.js';
import { UsageError } from '../../core/errors.js';
import { snapshotPolicy, type AutoSnapshotPolicy } from '../../resources/snapshot-policy.js';
import { asJson, parseDays, parseHours, parseRetention, parseTz, toUtc8 } from './shared.js';
import { dryCheckTexts } from '../shared/dry-names.js';

export default defineChange({
  resource: snapshotPolicy,
  description: 'Change a policy (ModifyAutoSnapshotPolicyEx)',
  configure(cmd) {
    cmd
      .option('--hours <list>', 'hours 0–23 (UTC+8 unless --tz)', parseHours)
      .option('--days <list>', 'weekdays: 1–7 or mon,…,sun, or all', parseDays)
      .option('--retention <days>', '1–65536 days, or "forever"', parseRetention)
      .option('--tz <offset>', 'the hours and days are in this UTC offset; converted to UTC+8', parseTz)
      .option('--name <name>', 'policy name', nonEmpty('--name'));
  },
  check(_args, o) {
    if (o.hours === undefined && o.days === undefined && o.retention === undefined && o.name === undefined) {
      throw new UsageError('nothing to change: give --hours, --days, --retention or --name');
    }
  },
  plan(ctx, policy, _args, o, current: AutoSnapshotPolicy) {
    if (ctx.globals.dryRun) dryCheckTexts([['policyName', o.name]]);
    let hours: number[] | undefined = o.hours;
    let days: number[] | undefined = o.days;
    if (o.tz !== undefined && (hours || days)) {
      const parse = (v: unknown) => (JSON.parse(String(v)) as string[]).map(Number);
      ({ hours, days } = toUtc8(hours ?? parse(current.TimePoints), days ?? parse(current.RepeatWeekdays), o.tz));
    }
    return {
      action: 'ModifyAutoSnapshotPolicyEx',
      params: {
        regionId: ctx.region, autoSnapshotPolicyId: policy, autoSnapshotPolicyName: o.name,
        timePoints: hours ? asJson(hours) : undefined, repeatWeekdays: days ? asJson(days) : undefined, retentionDays: o.retention,
      },
      apiDryRun: false,
      what: `update ${policy}`,
      done: `${policy}: updated`,
    };
  },
  examples: ['ecs snapshot-policy modify sp-bp1abcdefghijklmnopq --hours 3 --retention forever'],
});
