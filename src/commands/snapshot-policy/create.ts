import { defineCommand } from '../types.js';
import { addExamples, fetchOne, printDryRun } from '../builders/index.js';
import { collectTag } from '../shared/parse.js';
import { snapshotPolicy } from '../../resources/snapshot-policy.js';
import { asJson, parseDays, parseHours, parseRetention, parseTz, toUtc8 } from './shared.js';
import { dryCheckTexts } from '../shared/dry-names.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Create an automatic snapshot policy (CreateAutoSnapshotPolicy)')
      .requiredOption('--hours <list>', 'hours 0–23 to snapshot at, e.g. 2,14 (UTC+8 unless --tz)', parseHours)
      .option('--days <list>', 'weekdays: 1–7 or mon,…,sun, or all (default all)', parseDays)
      .option('--retention <days>', 'keep automatic snapshots 1–65536 days, or "forever" (default 30, the console\'s default)', parseRetention)
      .option('--tz <offset>', 'the hours and days are in this UTC offset (e.g. +09:00); converted to UTC+8', parseTz)
      .option('--name <name>', 'policy name (2–128 characters, starting with a letter)')
      .option('--tag <key=value>', 'tag (repeatable)', collectTag);
    addExamples(
      cmd,
      ['ecs snapshot-policy create --name nightly --hours 2 --retention 7', 'ecs snapshot-policy create --hours 0 --days mon --tz +09:00   # = Sunday 23:00 UTC+8'],
      `Snapshots run at the given hours in UTC+8 (China Standard Time). A time point is skipped
while the disk's previous snapshot still runs. A disk keeps 64 snapshots: beyond that the
oldest automatic one is deleted. At most 100 policies per region.`,
    );
  },
  async run(ctx, _args, o) {
    const { hours, days } = o.tz !== undefined ? toUtc8(o.hours, o.days ?? [1, 2, 3, 4, 5, 6, 7], o.tz) : { hours: o.hours as number[], days: (o.days ?? [1, 2, 3, 4, 5, 6, 7]) as number[] };
    const retention = o.retention ?? 30;
    const params = { regionId: ctx.region, autoSnapshotPolicyName: o.name, timePoints: asJson(hours), repeatWeekdays: asJson(days), retentionDays: retention, Tag: o.tag };
    if (ctx.globals.dryRun) {
      // CreateAutoSnapshotPolicy has no DryRun in the API: the options were checked; stop here.
      dryCheckTexts([['policyName', o.name]]);
      await printDryRun(ctx, { TimePoints: params.timePoints, RepeatWeekdays: params.repeatWeekdays, RetentionDays: retention }, `would create the policy (UTC+8 hours ${hours.join(',')}, weekdays ${days.join(',')})`);
      return;
    }
    const api = await ctx.api();
    const r = await api.call('CreateAutoSnapshotPolicy', params, { signal: ctx.abort.signal });
    const p = await fetchOne(ctx, api, snapshotPolicy, String(r.AutoSnapshotPolicyId));
    await ctx.renderRecord(p, snapshotPolicy.fields(p), p.AutoSnapshotPolicyId);
  },
});
