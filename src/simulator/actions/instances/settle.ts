// Time-driven instance transitions, applied on every load of the state:
// - queued status steps (Pending → Starting → Running, Stopping → Stopped …);
// - subscription expiry (guide §6.2): runs normally for 15 days after ExpiredTime, is then
//   stopped and locked (financial) until renewed, and is released 30 days after expiry;
// - automatic release (guide §6.5): at the first :00 or :30 at or after AutoReleaseTime.

import type { SimState } from '../../state.js';
import { advance, EXPIRY_RELEASE_MS, EXPIRY_STOP_MS, instances, nextHalfHour, type InstanceRecord } from './model.js';
import { releaseInstance } from './lifecycle.js';

export function settleInstances(state: SimState, now: Date): void {
  const all = instances(state);
  if (!all) return;
  const nowMs = now.getTime();
  let doomed: InstanceRecord[] | undefined;
  for (const id in all) {
    const r = all[id]!;
    if (r.q) advance(r, nowMs);
    if (r.exp !== undefined && r.charge === 'PrePaid') {
      if (nowMs >= r.exp + EXPIRY_RELEASE_MS) {
        (doomed ??= []).push(r);
        continue;
      }
      if (nowMs >= r.exp + EXPIRY_STOP_MS && !r.lock) {
        r.lock = 'financial';
        r.status = 'Stopped';
        delete r.q;
      }
    }
    if (r.rel !== undefined && nowMs >= nextHalfHour(r.rel)) (doomed ??= []).push(r);
  }
  if (doomed) for (const r of doomed) releaseInstance(state, r, nowMs);
}
