// Start / Stop / Reboot / Delete, single and batch, and the release cascade.
//
// Status rules (guide §7.2–§7.4, §22.1): start only from Stopped; stop and reboot only from
// Running; otherwise IncorrectInstanceStatus (403). A reboot or a start through the API
// applies pending password / VNC password changes when the instance is Running again.
// Delete needs Stopped unless Force; subscription instances cannot be released by hand
// until they have expired (ChargeTypeViolation).

import { ApiError } from '../../../core/errors.js';
import { regionOrThrow } from '../../catalogue/index.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import { cloneJson } from '../../state.js';
import { checkNotCreatingImage } from '../storage.js';
import { DURATIONS, getInstance, incorrectStatus, instances, notFound, queue, regionOf, type InstanceRecord, type InstanceStatus } from './model.js';
import { own } from '../../own.js';
import { releaseInstance } from './settle.js';

type Op = (c: ActionContext, r: InstanceRecord) => void;

function checkNotLocked(r: InstanceRecord): void {
  if (r.lock) throw new ApiError('InstanceExpiredOrInArrears', `The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode). (${r.id})`, 403);
}

export const startOp: Op = (c, r) => {
  checkNotCreatingImage(r);
  if (r.lock) throw new ApiError('InstanceExpired', `The prePaid instance has been expired. (${r.id}: renew it first)`, 403);
  if (r.status !== 'Stopped') throw incorrectStatus(r, 'only a Stopped instance can be started');
  queue(r, c.now, c.scale, 'Starting', [[DURATIONS.starting, 'Running', 1]]);
};

export const stopOp: Op = (c, r) => {
  checkNotLocked(r);
  checkNotCreatingImage(r);
  if (r.status !== 'Running') throw incorrectStatus(r, 'only a Running instance can be stopped');
  const force = c.params.bool('ForceStop');
  const mode = c.params.str('StoppedMode', { oneOf: ['KeepCharging', 'StopCharging'], code: 'InvalidStoppedMode.Malformed', message: 'The specified parameter "StoppedMode" is not valid.' });
  if (r.charge === 'PostPaid') {
    if (mode) r.stopMode = mode as InstanceRecord['stopMode'];
    else delete r.stopMode;
  }
  queue(r, c.now, c.scale, 'Stopping', [[force ? DURATIONS.forceStopping : DURATIONS.stopping, 'Stopped']]);
};

export const rebootOp: Op = (c, r) => {
  checkNotLocked(r);
  checkNotCreatingImage(r);
  if (r.status !== 'Running') throw incorrectStatus(r, 'only a Running instance can be rebooted');
  const force = c.params.bool('ForceStop') || c.params.bool('ForceReboot');
  queue(r, c.now, c.scale, 'Stopping', [
    [force ? DURATIONS.forceStopping : DURATIONS.rebootStopping, 'Starting'],
    [DURATIONS.starting, 'Running', 1],
  ]);
};

function checkDeletable(c: ActionContext, r: InstanceRecord): void {
  if (r.delProt) throw new ApiError('InvalidOperation.DeletionProtection', `The instance has deletion protection enabled; disable it first. (${r.id})`, 403);
  if (r.charge === 'PrePaid' && !(r.exp !== undefined && c.now.getTime() >= r.exp)) {
    throw new ApiError('ChargeTypeViolation', `The operation is not permitted due to charge type of the instance. (${r.id} is a subscription instance; it is released automatically 30 days after it expires)`, 403);
  }
  if (r.status === 'Pending') throw new ApiError('IncorrectInstanceStatus.Initializing', `The specified instance status does not support this operation. (${r.id} is Pending)`, 403);
  const force = c.params.bool('Force');
  if (r.status !== 'Stopped' && !force) throw incorrectStatus(r, 'stop it first, or use Force to release it while running');
}

function dryRun(c: ActionContext): void {
  if (c.params.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
}

/** StartInstance / StopInstance / RebootInstance: one instance, empty response. */
function single(op: Op) {
  return (c: ActionContext) => {
    if (c.params.has('RegionId')) regionOrThrow(c.regionId);
    const id = c.params.str('InstanceId', { required: true });
    const r = own(instances(c.state), id);
    // These actions take no RegionId: the instance ID alone identifies it.
    if (!r) throw notFound(id);
    if (c.params.bool('DryRun')) {
      op(c, cloneJson(r));
      dryRun(c);
    }
    op(c, r);
    return {};
  };
}

function batchIds(c: ActionContext): string[] {
  const ids = c.params.repeat('InstanceId');
  if (!ids.length) throw new ApiError('MissingParameter', 'The input parameter "InstanceId.N" that is mandatory for processing this request is not supplied.', 400);
  if (ids.length > 100) throw new ApiError('InvalidParameter', 'The specified parameter "InstanceId.N" is not valid. (at most 100 instances)', 400);
  return [...new Set(ids)];
}

/**
 * StartInstances / StopInstances / RebootInstances. BatchOptimization AllTogether (default):
 * every instance is checked first and any failure fails the whole call; SuccessFirst: each
 * instance separately, with its own Code/Message.
 */
function batch(op: Op) {
  return (c: ActionContext) => {
    regionOrThrow(c.regionId);
    const ids = batchIds(c);
    const mode = c.params.str('BatchOptimization', { oneOf: ['AllTogether', 'SuccessFirst'] }) ?? 'AllTogether';
    const all = instances(c.state);
    const out: Record<string, unknown>[] = [];
    if (mode === 'AllTogether') {
      // Validate on copies first so that nothing changes when one of them is refused.
      for (const id of ids) {
        const r = own(all, id);
        if (!r || regionOf(r) !== c.regionId) throw notFound(id);
        op(c, cloneJson(r));
      }
      dryRun(c);
    } else {
      dryRun(c);
    }
    for (const id of ids) {
      const r = own(all, id);
      if (!r || regionOf(r) !== c.regionId) {
        out.push({ InstanceId: id, Code: 'InvalidInstanceId.NotFound', Message: 'The specified InstanceId does not exist.', PreviousStatus: '', CurrentStatus: '' });
        continue;
      }
      const previous: InstanceStatus = r.status;
      try {
        op(c, r);
        out.push({ InstanceId: id, Code: '200', Message: 'success', PreviousStatus: previous, CurrentStatus: r.status });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        out.push({ InstanceId: id, Code: e.code, Message: e.message, PreviousStatus: previous, CurrentStatus: r.status });
      }
    }
    return { InstanceResponses: { InstanceResponse: out } };
  };
}

export function deleteInstance(c: ActionContext): Record<string, unknown> {
  const id = c.params.str('InstanceId', { required: true });
  const r = own(instances(c.state), id);
  if (!r) throw notFound(id);
  checkDeletable(c, r);
  dryRun(c);
  releaseInstance(c.state, r, c.now.getTime());
  return {};
}

export function deleteInstances(c: ActionContext): Record<string, unknown> {
  regionOrThrow(c.regionId);
  const ids = batchIds(c);
  const recs = ids.map((id) => getInstance(c.state, id, c.regionId));
  for (const r of recs) checkDeletable(c, r);
  dryRun(c);
  for (const r of recs) releaseInstance(c.state, r, c.now.getTime());
  return {};
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  StartInstance: single(startOp),
  StopInstance: single(stopOp),
  RebootInstance: single(rebootOp),
  StartInstances: batch(startOp),
  StopInstances: batch(stopOp),
  RebootInstances: batch(rebootOp),
  DeleteInstance: deleteInstance,
  DeleteInstances: deleteInstances,
});
