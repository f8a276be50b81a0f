// Time-driven instance transitions, applied on every load of the state:
// - queued status steps (Pending → Starting → Running, Stopping → Stopped …);
// - subscription expiry (guide §6.2): runs normally for 15 days after ExpiredTime, is then
//   stopped and locked (financial) until renewed, and is released 30 days after expiry;
// - auto-renewal (guide §6.4): renewed at expiry instead (renewal.ts);
// - automatic release (guide §6.5): at the first :00 or :30 at or after AutoReleaseTime.

import type { SimState } from '../../state.js';
import { advance, dropCachedLists, EXPIRY_RELEASE_MS, EXPIRY_STOP_MS, instances, instancesForScan, nextHalfHour, setSettleDue, settleDue, type InstanceRecord } from './model.js';
import { releaseInstance } from './lifecycle.js';
import { autoRenew } from './renewal.js';

export function settleInstances(state: SimState, now: Date): void {
  const all = instances(state);
  if (!all) return;
  const nowMs = now.getTime();
  const due = settleDue(state);
  if (due !== undefined && nowMs < due) return;
  let next = Infinity;
  let changed = false;
  let doomed: InstanceRecord[] | undefined;
  // Scan the plain records (a change-tracking proxy would cost a trap per property read) and
  // change only the ones that are due through `all`, so the change is recorded.
  const scan = instancesForScan(state);
  for (const id in scan) {
    const raw = scan[id]!;
    const dueNow =
      (raw.q !== undefined && raw.q.length > 0 && raw.q[0]![0] <= nowMs) ||
      (raw.exp !== undefined && raw.charge === 'PrePaid') ||
      raw.rel !== undefined;
    if (!dueNow) {
      if (raw.q?.length) next = Math.min(next, raw.q[0]![0]);
      continue;
    }
    const r = all[id]!;
    if (r.q) {
      const before = r.q.length;
      advance(r, nowMs);
      if (!r.q || r.q.length !== before) changed = true;
      if (r.q) next = Math.min(next, r.q[0]![0]);
    }
    if (r.exp !== undefined && r.charge === 'PrePaid') {
      // Auto-renewal happens at expiry, so an auto-renewed instance is never stopped.
      if (autoRenew(state, r, nowMs)) changed = true;
      if (r.ar && !r.lock) {
        next = Math.min(next, r.exp);
        continue;
      }
      if (nowMs >= r.exp + EXPIRY_RELEASE_MS) {
        (doomed ??= []).push(r);
        continue;
      }
      if (nowMs >= r.exp + EXPIRY_STOP_MS) {
        if (!r.lock) {
          r.lock = 'financial';
          r.status = 'Stopped';
          delete r.q;
          changed = true;
        }
        next = Math.min(next, r.exp + EXPIRY_RELEASE_MS);
      } else {
        next = Math.min(next, r.exp + EXPIRY_STOP_MS);
      }
    }
    if (r.rel !== undefined) {
      const at = nextHalfHour(r.rel);
      if (nowMs >= at) (doomed ??= []).push(r);
      else next = Math.min(next, at);
    }
  }
  if (doomed) {
    for (const r of doomed) releaseInstance(state, r, nowMs);
    changed = true;
  }
  if (changed) dropCachedLists(state);
  setSettleDue(state, next);
}
