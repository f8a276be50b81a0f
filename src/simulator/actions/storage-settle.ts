// The storage settler: resolves the asynchronous storage work that is due (snapshots
// accomplished, disk transitions, images available, image tasks finished), keeps the
// progress of images in flight current, and runs the automatic snapshot policies.

import type { SimState } from '../state.js';
import { instances } from './instances/model.js';
import { quota } from '../settings.js';
import {
  DAY, derivedId, disk, dropSnapshot, finishDetach, HOUR, own, progressAt, snapshotRunning, snapshots, snapshotsOfDisk, takeSnapshot, type BusyEntry, type PolicyRecord,
} from './storage.js';

export interface ImageMeta {
  /** Owner account. */
  owner: string;
  /** [account, sharedAtMs] */
  share?: [string, number][];
  /** Snapshots the image is made of (system first). */
  snaps?: string[];
  /** Creating → Available at this time (ms). */
  done?: number;
  start?: number;
  /** Source instance (CreateImage from an instance): start/stop/reboot are blocked until done. */
  inst?: string;
  /** Copy: the source image and region. */
  copyOf?: string;
  /** Has data-disk snapshots (cannot be exported nor replace a system disk). */
  data?: 1;
  /** Imported: the task. */
  task?: string;
  /** Export in progress: the task. */
  exporting?: string;
}

export function imageMeta(state: SimState): Record<string, ImageMeta> {
  state.imageMeta ??= {};
  return state.imageMeta as Record<string, ImageMeta>;
}

export interface TaskRecord {
  id: string;
  region: string;
  action: 'ImportImage' | 'ExportImage' | 'CopyImage';
  image: string;
  start: number;
  done: number;
  status: 'Processing' | 'Finished' | 'Failed' | 'Cancelled';
}

export function tasks(state: SimState): Record<string, TaskRecord> {
  state.tasks ??= {};
  return state.tasks as Record<string, TaskRecord>;
}

function resolve(state: SimState, e: BusyEntry): void {
  const [at, coll, id] = e;
  if (coll === 'snapshots') {
    const s = own(snapshots(state), id);
    if (s && s.status === 'progressing') s.status = 'accomplished';
  } else if (coll === 'disks') {
    const d = disk(state, id);
    if (d && d.until !== undefined && d.until <= at && d.next) {
      if (d.status === 'Detaching') finishDetach(d, d.until);
      d.status = d.next;
      delete d.next;
      delete d.until;
    }
  } else if (coll === 'images') {
    const img = own(state.images as Record<string, any>, id);
    const meta = own(imageMeta(state), id);
    if (img && img.Status === 'Creating') {
      img.Status = 'Available';
      img.Progress = '100%';
    }
    if (meta) {
      if (meta.inst) {
        const r = own(instances(state), meta.inst) as (Record<string, unknown> & { cimg?: string }) | undefined;
        if (r && r.cimg === id) delete r.cimg;
      }
      delete meta.done;
      delete meta.start;
    }
  } else if (coll === 'expire') {
    // Retention of a manual snapshot: released unless an image or a disk depends on it.
    const s = own(snapshots(state), id);
    if (s && !s.img?.length && !s.mk) dropSnapshot(state, s);
  } else if (coll === 'tasks') {
    const t = own(tasks(state), id);
    if (t && t.status === 'Processing') t.status = 'Finished';
    const meta = t ? own(imageMeta(state), t.image) : undefined;
    if (t && meta && meta.exporting === t.id) delete meta.exporting;
  }
}

export function settleStorage(state: SimState, now: Date, scale: number): void {
  const nowMs = now.getTime();
  const b = state.storageBusy as BusyEntry[] | undefined;
  if (Array.isArray(b) && b.length) {
    // Malformed entries (a hand-edited store) are dropped.
    const wellFormed = (e: unknown): e is BusyEntry => Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string' && typeof e[2] === 'string';
    let due = false;
    for (const e of b) if (!wellFormed(e) || e[0] <= nowMs) due = true;
    if (due) {
      const sorted = b.filter(wellFormed).sort((x, y) => x[0] - y[0]);
      const keep: BusyEntry[] = [];
      for (const e of sorted) {
        if (e[0] <= nowMs) resolve(state, e);
        else keep.push(e);
      }
      state.storageBusy = keep;
    }
    // Progress of the images still being created.
    for (const e of state.storageBusy as BusyEntry[]) {
      if (!Array.isArray(e) || e[1] !== 'images') continue;
      const img = own(state.images as Record<string, any>, e[2]);
      const meta = own(imageMeta(state), e[2]);
      if (img && meta?.done !== undefined && meta.start !== undefined) {
        const pct = `${progressAt(meta.start, meta.done, nowMs)}%`;
        if (img.Progress !== pct) img.Progress = pct;
      }
    }
  }
  runPolicies(state, nowMs, scale);
}

// ---- the scheduler of the automatic snapshot policies (snapshot-policies.ts) ---------------

const UTC8 = 8 * HOUR;

/** Hour (0–23) and ISO weekday (1 Monday – 7 Sunday) of a time in UTC+8. */
export function utc8Point(ms: number): { hour: number; weekday: number } {
  const d = new Date(ms + UTC8);
  const wd = d.getUTCDay();
  return { hour: d.getUTCHours(), weekday: wd === 0 ? 7 : wd };
}

/**
 * Run every policy's time points between its last run and now (whole hours), then apply
 * retention. Called by the settler on every load; cheap when no hour boundary has passed.
 */
export function runPolicies(state: SimState, nowMs: number, scale: number): void {
  const all = state.autoSnapshotPolicies as Record<string, PolicyRecord> | undefined;
  if (!all) return;
  const hourNow = Math.floor(nowMs / HOUR) * HOUR;
  for (const id in all) {
    const pol = all[id]!;
    // A hand-edited record that lacks what the scheduler needs is left alone.
    if (!pol || typeof pol.last !== 'number' || !Array.isArray(pol.disks) || !Array.isArray(pol.hours) || !Array.isArray(pol.days)) continue;
    if (pol.last >= hourNow) continue;
    const from = pol.last;
    pol.last = hourNow;
    if (!pol.disks.length) continue;
    const limit = quota(state, 'quota.snapshots-per-disk', 64);
    for (let t = from + HOUR; t <= hourNow; t += HOUR) {
      const { hour, weekday } = utc8Point(t);
      if (!pol.hours.includes(hour) || !pol.days.includes(weekday)) continue;
      for (const diskId of pol.disks) {
        const d = disk(state, diskId);
        if (!d || d.eas === false) continue;
        if (d.ct > t) continue;
        if (d.cat === 'cloud' && !d.inst && d.att === undefined) continue; // unused basic cloud disk
        if (snapshotRunning(state, d, t)) continue; // the previous one still runs: skip this point
        const list = snapshotsOfDisk(state, d);
        if (list.length >= limit) {
          const oldestAuto = list.find((s) => s.kind === 'auto' && !s.img?.length && !s.mk);
          if (!oldestAuto) continue;
          dropSnapshot(state, oldestAuto);
        }
        const s = takeSnapshot(state, d, t, scale, { kind: 'auto', ret: pol.ret }, derivedId('s', pol.region, `${pol.id}/${d.id}/${t}`), nowMs);
        (s as typeof s & { pol?: string }).pol = pol.id;
      }
    }
    // Retention: automatic snapshots older than the policy's days go.
    if (pol.ret > 0) {
      for (const diskId of pol.disks) {
        const d = disk(state, diskId);
        if (!d) continue;
        for (const s of snapshotsOfDisk(state, d)) {
          if (s.kind === 'auto' && s.ret !== undefined && s.ct + s.ret * DAY <= nowMs && !s.img?.length && !s.mk) dropSnapshot(state, s);
        }
      }
    }
  }
}
