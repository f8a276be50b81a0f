// Auto-renewal of subscription instances (guide §6.4; the API actions
// ModifyInstanceAutoRenewAttribute and DescribeInstanceAutoRenewAttribute, and the
// AutoRenew / AutoRenewPeriod parameters of RunInstances and CreateInstance).
//
// - Subscription (PrePaid) instances only.
// - Monthly subscriptions renew by months, yearly by years (guide §6.4); the API takes the
//   period as Duration + PeriodUnit.
// - It can be turned on any time after purchase "until the instance is stopped" (L1378):
//   refused once the instance is stopped and locked for expiry (expiry + 15 days).
// - The clock renews at expiry (settle.ts): an auto-renewed instance is never force-stopped.
//   The new cycle starts at the old expiry, as a manual renewal within 15 days does.
// - RenewalStatus (AutoRenewal | Normal | NotRenewal) takes priority over AutoRenew.

import { ApiError } from '../../../core/errors.js';
import { regionOrThrow } from '../../catalogue/index.js';
import type { Params } from '../../params.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import { pageOf } from '../../paging.js';
import { instances, instancesForScan, notFound, regionOf, type InstanceRecord } from './model.js';
import { autoRenew } from './settle.js';
import { checkDuration, type PeriodUnit } from './validate.js';
import type { SimState } from '../../state.js';

const RENEWAL_STATUSES = ['AutoRenewal', 'Normal', 'NotRenewal'] as const;
type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

function isUnit(u: string): u is PeriodUnit {
  return u === 'Week' || u === 'Month' || u === 'Year';
}

function renewalStatus(r: InstanceRecord): RenewalStatus {
  return r.ar ? 'AutoRenewal' : r.noRenew ? 'NotRenewal' : 'Normal';
}

/** The comma-separated InstanceId of the renewal actions (at most 100). */
function idList(p: Params, required: boolean): string[] | undefined {
  const raw = p.str('InstanceId', { required });
  if (raw === undefined || raw === '') return undefined;
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > 100) throw new ApiError('InvalidParameter', 'The specified parameter "InstanceId" is not valid. (at most 100 instance IDs)', 400);
  return ids;
}

function subscriptionOf(state: SimState, id: string, regionId: string): InstanceRecord {
  const r = Object.hasOwn(state.instances, id) ? instances(state)[id] : undefined;
  if (!r || regionOf(r) !== regionId) throw notFound(id);
  if (r.charge !== 'PrePaid' || r.exp === undefined) {
    throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the instance. (${id} is pay-as-you-go; auto-renewal applies to subscription instances)`, 403);
  }
  return r;
}

export function modifyInstanceAutoRenewAttribute(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const ids = idList(p, true)!;
  const statusRaw = p.str('RenewalStatus');
  if (statusRaw !== undefined && !(RENEWAL_STATUSES as readonly string[]).includes(statusRaw)) {
    throw new ApiError('InvalidParameter', 'The specified parameter "RenewalStatus" is not valid. (AutoRenewal, Normal or NotRenewal)', 400);
  }
  const status: RenewalStatus = (statusRaw as RenewalStatus | undefined) ?? (p.bool('AutoRenew') ? 'AutoRenewal' : 'Normal');
  const unitRaw = p.str('PeriodUnit') ?? 'Month';
  if (!isUnit(unitRaw)) throw new ApiError('InvalidPeriodUnit.ValueNotSupported', 'The specified parameter PeriodUnit is not valid. (Week, Month or Year)', 400);
  const duration = p.int('Duration', { code: 'InvalidParameter', message: 'The specified parameter "Duration" is not valid.' });
  const d = status === 'AutoRenewal' ? checkDuration(duration, unitRaw, 'Duration') : undefined;
  // Check every instance before changing any.
  const recs = ids.map((id) => subscriptionOf(state, id, c.regionId));
  if (status === 'AutoRenewal') {
    for (const r of recs) {
      if (r.lock) {
        throw new ApiError(
          'IncorrectInstanceStatus',
          `The current status of the resource does not support this operation. (${r.id} was stopped for expiry; auto-renewal can be turned on only until then: renew it manually)`,
          403,
        );
      }
    }
  }
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
  for (const r of recs) {
    delete r.noRenew;
    if (status === 'AutoRenewal') r.ar = { d: d!, u: unitRaw };
    else delete r.ar;
    if (status === 'NotRenewal') r.noRenew = 1;
  }
  // A renewal that is already due (turned on within the 15 days after expiry) happens now.
  for (const r of recs) autoRenew(state, r, c.now.getTime());
  return {};
}

export function describeInstanceAutoRenewAttribute(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const ids = idList(p, false);
  const statusRaw = p.str('RenewalStatus');
  if (statusRaw !== undefined && !(RENEWAL_STATUSES as readonly string[]).includes(statusRaw)) {
    throw new ApiError('InvalidParameter', 'The specified parameter "RenewalStatus" is not valid. (AutoRenewal, Normal or NotRenewal)', 400);
  }
  let recs: InstanceRecord[];
  if (ids) {
    recs = ids.map((id) => subscriptionOf(state, id, c.regionId));
  } else {
    recs = [];
    const all = instancesForScan(state);
    for (const id in all) {
      const r = all[id]!;
      if (r.charge === 'PrePaid' && r.exp !== undefined && regionOf(r) === c.regionId) recs.push(r as InstanceRecord);
    }
    recs.sort((a, b) => b.ct - a.ct || (a.id < b.id ? 1 : -1));
  }
  if (statusRaw !== undefined) recs = recs.filter((r) => renewalStatus(r) === statusRaw);
  const page = pageOf(p, recs.length, { defaultSize: 10, maxSize: 100, style: 'page' });
  return {
    InstanceRenewAttributes: {
      InstanceRenewAttribute: recs.slice(page.start, page.end).map((r) => ({
        InstanceId: r.id,
        AutoRenewEnabled: r.ar !== undefined,
        Duration: r.ar?.d ?? 0,
        PeriodUnit: r.ar?.u ?? 'Month',
        RenewalStatus: renewalStatus(r),
      })),
    },
    ...page.fields,
    TotalCount: recs.length,
  };
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  ModifyInstanceAutoRenewAttribute: modifyInstanceAutoRenewAttribute,
  DescribeInstanceAutoRenewAttribute: describeInstanceAutoRenewAttribute,
});
