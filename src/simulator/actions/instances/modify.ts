// ModifyInstanceAttribute, ModifyInstanceVncPasswd, ModifyInstanceAutoReleaseTime,
// RenewInstance.
//
// Offline password reset = ModifyInstanceAttribute Password: the instance must not be
// Starting; the new password (kept only as a salted hash) is PENDING until the instance is
// rebooted through the API (RebootInstance) or stopped and started through the API — a
// reboot inside the OS does not apply it (guide §7.5, protocol §2). It applies to the login
// user chosen at creation (root, ecs-user with ImageOptions.LoginAsNonRoot, Administrator);
// root's password cannot be reset on an ecs-user instance. The VNC password works the same.

import { ApiError } from '../../../core/errors.js';
import { regionOrThrow } from '../../catalogue/index.js';
import { hashSecret, vncPasswordValid } from '../../password.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import { expiryAfter, EXPIRY_STOP_MS, incorrectStatus, instances, notFound, regionOf, systemDiskOf, vpcOf, type InstanceRecord } from './model.js';
import {
  checkAutoReleaseTime, checkClientToken, checkDescription, checkHostName, checkInstanceName, checkPassword, paramsFingerprint, quota,
} from './validate.js';
import { own } from '../../own.js';

function byId(c: ActionContext): InstanceRecord {
  const id = c.params.str('InstanceId', { required: true });
  const r = own(instances(c.state), id);
  if (!r) throw notFound(id);
  return r;
}

export function modifyInstanceAttribute(c: ActionContext): Record<string, unknown> {
  const { params: p } = c;
  const r = byId(c);
  const name = p.str('InstanceName');
  const desc = p.str('Description');
  const host = p.str('HostName');
  const password = p.str('Password');
  const sgs = p.repeat('SecurityGroupIds');
  const delProt = p.has('DeletionProtection') ? p.bool('DeletionProtection') : undefined;
  if (name !== undefined) checkInstanceName(name);
  if (desc !== undefined) checkDescription(desc);
  if (host !== undefined) checkHostName(host, r.os);
  if (password !== undefined) {
    checkPassword(password, r.os);
    if (r.status === 'Starting' || r.status === 'Pending') throw incorrectStatus(r, 'the password cannot be changed while the instance is starting');
  }
  if (sgs.length) {
    const sgLimit = quota(c.state, 'quota.security-groups-per-instance', 5);
    if (new Set(sgs).size > sgLimit) throw new ApiError('InvalidParameter', `The specified parameter "SecurityGroupIds" is not valid. (at most ${sgLimit} security groups per instance)`, 400);
    for (const id of sgs) {
      const g = own(c.state.securityGroups, id);
      if (!g || (g.RegionId && g.RegionId !== regionOf(r))) throw new ApiError('InvalidSecurityGroupId.NotFound', `The specified SecurityGroupId does not exist. (${id})`, 404);
      if (g.VpcId && g.VpcId !== vpcOf(c.state, r)) throw new ApiError('InvalidParameter.Mismatch', 'Specified security group and instance are not in the same VPC.', 400);
    }
  }
  if (name !== undefined) r.name = name;
  if (desc !== undefined) r.desc = desc;
  if (host !== undefined) r.host = host;
  if (sgs.length) r.sg = [...new Set(sgs)];
  if (delProt !== undefined) {
    if (delProt && r.charge === 'PrePaid') throw new ApiError('InvalidParameter', 'Deletion protection applies to pay-as-you-go instances only.', 400);
    if (delProt) r.delProt = 1;
    else delete r.delProt;
  }
  if (password !== undefined) r.pend = { ...(r.pend ?? {}), pw: hashSecret(password) };
  return {};
}

export function modifyInstanceVncPasswd(c: ActionContext): Record<string, unknown> {
  regionOrThrow(c.regionId);
  const r = byId(c);
  if (regionOf(r) !== c.regionId) throw notFound(r.id);
  const vnc = c.params.str('VncPassword', { required: true });
  if (!vncPasswordValid(vnc)) {
    throw new ApiError('IncorrectVncPassword.Malformed', 'The specified parameter VncPassword is not valid. (exactly 6 letters or digits, no special characters)', 400);
  }
  if (r.status === 'Pending' || r.status === 'Starting' || r.status === 'Stopping') throw incorrectStatus(r);
  r.pend = { ...(r.pend ?? {}), vnc: hashSecret(vnc) };
  return {};
}

/**
 * Set, overwrite or (with no AutoReleaseTime) cancel the automatic release time of a
 * pay-as-you-go instance. The release itself runs at the next :00 or :30 (settle.ts).
 */
export function modifyInstanceAutoReleaseTime(c: ActionContext): Record<string, unknown> {
  if (c.params.has('RegionId')) regionOrThrow(c.regionId);
  const r = byId(c);
  if (r.charge !== 'PostPaid') throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the instance. (${r.id} is a subscription instance)`, 403);
  const raw = c.params.str('AutoReleaseTime');
  if (raw === undefined) delete r.rel;
  else r.rel = checkAutoReleaseTime(raw, c.now.getTime());
  return {};
}

/**
 * RenewInstance: 1 month or 1 year (guide §6.3: "更新期間は1ヶ月もしくは1年間のみ"), as
 * PeriodUnit Month with Period 1 or 12, or PeriodUnit Year with Period 1. Renewed before
 * the forced stop (expiry + 15 days), the new cycle starts at the old expiry; after it, at
 * the renewal time, and ends rounded up to the next 00:00 UTC+8 (guide §6.2). Renewal
 * lifts the expiry lock; the instance stays Stopped until started.
 */
export function renewInstance(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  const r = byId(c);
  const token = p.str('ClientToken');
  let key: string | undefined;
  let fp: string | undefined;
  if (token !== undefined) {
    checkClientToken(token);
    key = `RenewInstance:${token}`;
    fp = paramsFingerprint(p.raw);
    const prior = own(state.clientTokens, key);
    if (prior) {
      if (prior.fingerprint !== fp) throw new ApiError('IdempotenceParamNotMatch', 'Request uses a client token in a previous request but is not identical to that request.', 400);
      return { ...prior.response };
    }
  }
  if (r.charge !== 'PrePaid' || r.exp === undefined) {
    throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the instance. (${r.id} is pay-as-you-go; only subscription instances are renewed)`, 403);
  }
  const unit = p.str('PeriodUnit') ?? 'Month';
  if (unit !== 'Month' && unit !== 'Year') throw new ApiError('InvalidPeriodUnit.ValueNotSupported', 'The specified parameter PeriodUnit is not valid. (Month or Year)', 400);
  const period = p.int('Period', { code: 'InvalidPeriod', message: 'The specified period is not valid.' }) ?? 1;
  const ok = unit === 'Month' ? period === 1 || period === 12 : period === 1;
  if (!ok) throw new ApiError('InvalidPeriod', 'The specified period is not valid. (renew for 1 month or 1 year)', 400);
  const nowMs = c.now.getTime();
  const afterForcedStop = r.lock !== undefined || nowMs >= r.exp + EXPIRY_STOP_MS;
  r.exp = afterForcedStop ? expiryAfter(nowMs, period, unit) : expiryAfter(r.exp, period, unit);
  delete r.lock;
  const sys = systemDiskOf(state, r);
  if (sys) sys.exp = r.exp;
  const response = { OrderId: String(200000000000000 + Math.floor(Math.random() * 99999999999999)) };
  if (key && fp) state.clientTokens[key] = { action: 'RenewInstance', fingerprint: fp, response, at: c.now.toISOString() };
  return response;
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  ModifyInstanceAttribute: modifyInstanceAttribute,
  ModifyInstanceVncPasswd: modifyInstanceVncPasswd,
  ModifyInstanceAutoReleaseTime: modifyInstanceAutoReleaseTime,
  RenewInstance: renewInstance,
});
