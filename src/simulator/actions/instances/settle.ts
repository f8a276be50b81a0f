// Time-driven instance transitions, applied on every load of the state:
// - queued status steps (Pending → Starting → Running, Stopping → Stopped …);
// - subscription expiry (guide §6.2): runs normally for 15 days after ExpiredTime, is then
//   stopped and locked (financial) until renewed, and is released 30 days after expiry;
// - auto-renewal (guide §6.4): renewed at expiry instead (autoRenew below; the attribute is
//   set with renewal.ts);
// - automatic release (guide §6.5): at the first :00 or :30 at or after AutoReleaseTime.

import type { SimState } from '../../state.js';
import { dueAt, dueIds, indexed } from '../../lookup.js';
import { untracked } from '../../journal.js';
import { INSTANCE_DUE } from '../../indexes.js';
import { hasOwn, own } from '../../own.js';
import {
  advance, dropCachedLists, expiryAfter, EXPIRY_RELEASE_MS, EXPIRY_STOP_MS, instances, nextHalfHour, setSettleDue, settleDue, systemDiskOf, type InstanceRecord,
} from './model.js';
import { cascadeRelease } from '../storage.js';

/** Release an instance now: disks and automatic snapshots per the cascade rules. */
export function releaseInstance(state: SimState, r: InstanceRecord, nowMs: number): void {
  delete instances(state)[r.id];
  cascadeRelease(state, r.id, nowMs, r.image);
}

/**
 * The clock's part: an auto-renewed subscription whose expiry has come is renewed from the
 * old expiry, as many periods as needed to reach the present. Returns whether it renewed.
 */
export function autoRenew(state: SimState, r: InstanceRecord, nowMs: number): boolean {
  if (!r.ar || r.exp === undefined || r.charge !== 'PrePaid' || r.lock || nowMs < r.exp) return false;
  let exp = r.exp;
  while (nowMs >= exp) exp = expiryAfter(exp, r.ar.d, r.ar.u);
  r.exp = exp;
  const sys = systemDiskOf(state, r);
  if (sys) sys.exp = exp;
  return true;
}

export function settleInstances(state: SimState, now: Date): void {
  const all = instances(state);
  if (!all) return;
  const nowMs = now.getTime();
  // Only the instances whose work is due (INSTANCE_DUE gives the settler's own times), in
  // collection order: the others would be looked at and left as they are. On a plain state
  // that is a scan, so the time of the next work is remembered for the loaded state (the
  // pages of a listing settle it again and again).
  const plain = !indexed(state, 'instances');
  let ids: string[];
  let next = Infinity;
  if (plain) {
    const due = settleDue(state);
    if (due !== undefined && nowMs < due) return;
    ids = [];
    const scan = untracked(state).instances as Record<string, unknown>;
    for (const id in scan) {
      const at = dueAt(INSTANCE_DUE, scan[id]);
      if (at === undefined) continue;
      if (at <= nowMs) ids.push(id);
      else if (at < next) next = at;
    }
  } else {
    ids = dueIds(state, INSTANCE_DUE, nowMs);
  }
  let changed = false;
  let doomed: InstanceRecord[] | undefined;
  for (const id of ids) {
    const r = own(all, id);
    if (!r) continue;
    const dueNow = (r.q !== undefined && r.q.length > 0 && r.q[0]![0] <= nowMs) || (r.exp !== undefined && r.charge === 'PrePaid') || r.rel !== undefined;
    if (!dueNow) continue;
    if (r.q) {
      const before = r.q.length;
      advance(r, nowMs);
      if (!r.q || r.q.length !== before) changed = true;
    }
    if (r.exp !== undefined && r.charge === 'PrePaid') {
      // Auto-renewal happens at expiry, so an auto-renewed instance is never stopped.
      if (autoRenew(state, r, nowMs)) changed = true;
      if (r.ar && !r.lock) continue;
      if (nowMs >= r.exp + EXPIRY_RELEASE_MS) {
        (doomed ??= []).push(r);
        continue;
      }
      if (nowMs >= r.exp + EXPIRY_STOP_MS && !r.lock) {
        r.lock = 'financial';
        r.status = 'Stopped';
        delete r.q;
        changed = true;
      }
    }
    if (r.rel !== undefined && nowMs >= nextHalfHour(r.rel)) (doomed ??= []).push(r);
  }
  if (doomed) {
    for (const r of doomed) releaseInstance(state, r, nowMs);
    changed = true;
  }
  if (changed) dropCachedLists(state);
  if (plain) {
    const scan = untracked(state).instances as Record<string, unknown>;
    for (const id of ids) {
      const at = hasOwn(scan, id) ? dueAt(INSTANCE_DUE, scan[id]) : undefined;
      if (at !== undefined && at < next) next = at;
    }
    setSettleDue(state, next);
  }
}
