// The storage model shared by disks, snapshots, automatic snapshot policies and images:
// snapshot and policy records, the durations of asynchronous storage work, the "busy"
// queue the settler resolves, and the per-disk snapshot index.
//
// Asynchronous work (a snapshot in progress, a disk attaching, an image being copied …) is
// stored as "started at, done at" and listed in state.storageBusy ([doneAtMs, collection,
// id]); the settler, which runs on every load, resolves the entries that are due. The list
// holds only work in flight, so a store with 100,000 snapshots is never scanned to settle.
//
// The disk record, removing a disk and the release cascade are here too (not in disks.ts or
// disks-system.ts): the settlers need them on every request, and this module imports little.

import { own as sharedOwn } from '../own.js';
import { createHash } from 'node:crypto';
import { ApiError } from '../../core/errors.js';
import { newId } from '../ids.js';
import { settingValue } from '../settings.js';
import type { SimState } from '../state.js';
import * as stateModule from '../state.js';
import { MAX_SIM_TIME_MS } from '../state.js';
import { regionOf } from './instances/model.js';
import { recordsBy } from '../lookup.js';
import { DISK_BY_INSTANCE } from '../indexes.js';

export interface DiskRecord {
  id: string;
  /** Derived from the zone when absent. */
  region?: string;
  zone: string;
  name?: string;
  desc?: string;
  /** Category: cloud_essd, cloud_efficiency … */
  cat: string;
  pl?: string;
  size: number;
  type: 'system' | 'data';
  status: 'In_use' | 'Available' | 'Attaching' | 'Detaching' | 'Creating' | 'ReIniting';
  /** Instance it is attached to. */
  inst?: string;
  dev?: string;
  /** DeleteWithInstance */
  dwi: boolean;
  /** DeleteAutoSnapshot */
  das?: boolean;
  ct: number;
  /** Attached time; absent = the creation time (a system disk is attached when created). */
  att?: number;
  det?: number;
  /** Source image; absent on an attached system disk = its instance's image. */
  image?: string;
  /** DiskChargeType; absent = PostPaid. */
  charge?: 'PostPaid' | 'PrePaid';
  exp?: number;
  enc?: boolean;
  tags?: [string, string][];
}

export function disks(state: SimState): Record<string, DiskRecord> {
  return state.disks as Record<string, DiskRecord>;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Durations (seconds at time scale 1). The guide gives one figure: a full (first) snapshot
 * takes about 1 minute per GB ("40 GB ≈ 40 minutes", L1693). Incremental snapshots "grow
 * with the data changed" (no figure): one tenth of that, at least a minute. The disk
 * transitions have no documented figure; they are short.
 */
export const STORAGE_DURATIONS = {
  fullSnapshotPerGiB: 60,
  incrementalSnapshotPerGiB: 6,
  minSnapshot: 60,
  diskCreating: 10,
  diskAttaching: 5,
  diskDetaching: 5,
  diskReIniting: 30,
  /** Copying an image: per GiB of its snapshots. */
  imageCopyPerGiB: 30,
  /** ImportImage "usually takes 1-4 hours" (L2812): 1 hour plus 30 s per GiB (500 GiB ≈ 5 h cap below). */
  importBase: 3600,
  importPerGiB: 20,
  exportPerGiB: 15,
} as const;

export interface SnapshotRecord {
  id: string;
  region: string;
  /** Source disk ID (kept after the disk is gone). */
  disk: string;
  dtype: 'system' | 'data';
  dsize: number;
  /** Instance the source disk was attached to when the snapshot was taken. */
  inst?: string;
  name?: string;
  desc?: string;
  kind: 'auto' | 'user';
  ct: number;
  /** When it is (or was) accomplished. */
  done: number;
  status: 'progressing' | 'accomplished' | 'failed';
  /** Retention days (automatic snapshots; -1 or absent = permanent). */
  ret?: number;
  /** Custom images built on this snapshot. */
  img?: string[];
  /** Disks created from this snapshot (count of live ones). */
  mk?: number;
  tags?: [string, string][];
  /** Full (first snapshot of the disk) or incremental. */
  full?: 1;
  /** System-disk snapshots: the image the disk was created from (OS facts of images built on it). */
  src?: string;
}

export interface PolicyRecord {
  id: string;
  region: string;
  name: string;
  /** Hours 0–23 in UTC+8. */
  hours: number[];
  /** Weekdays 1 (Monday) – 7 (Sunday) in UTC+8. */
  days: number[];
  /** Retention days, -1 = permanent. */
  ret: number;
  ct: number;
  /** The last time point (ms) the scheduler has handled. */
  last: number;
  /** Disks the policy is applied to. */
  disks: string[];
  tags?: [string, string][];
}

export type BusyEntry = [number, string, string];

// ---- collections ---------------------------------------------------------------------

export function snapshots(state: SimState): Record<string, SnapshotRecord> {
  state.snapshots ??= {};
  return state.snapshots as Record<string, SnapshotRecord>;
}

export function policies(state: SimState): Record<string, PolicyRecord> {
  state.autoSnapshotPolicies ??= {};
  return state.autoSnapshotPolicies as Record<string, PolicyRecord>;
}

/** Own-property lookup (src/simulator/own.ts): untrusted IDs never reach the prototype. */
export function own<T>(coll: Record<string, T> | undefined, id: string | undefined): T | undefined {
  return id === undefined ? undefined : sharedOwn(coll, id);
}

/** Extra fields of a disk record used by the storage actions (stored on the same record). */
export interface StorageDisk extends DiskRecord {
  /** Source snapshot. */
  snap?: string;
  /** Snapshot IDs of this disk, oldest first (the per-disk index). */
  snaps?: string[];
  /** Automatic snapshot policy. */
  pol?: string;
  /** EnableAutoSnapshot (absent = true). */
  eas?: boolean;
  /** Status after the transition in progress, and when it ends. */
  next?: DiskRecord['status'];
  until?: number;
  /** A snapshot was ever taken (later ones are incremental). */
  hadSnap?: 1;
}

export function disk(state: SimState, id: string | undefined): StorageDisk | undefined {
  return own(disks(state), id) as StorageDisk | undefined;
}

export function diskNotFound(id: string): ApiError {
  return new ApiError('InvalidDiskId.NotFound', `The specified disk does not exist. (${id})`, 404);
}

export function getDisk(state: SimState, id: string | undefined, regionId?: string): StorageDisk {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "DiskId" that is mandatory for processing this request is not supplied.', 400);
  const d = disk(state, id);
  if (!d || (regionId && (d.region ?? regionOf(d)) !== regionId)) throw diskNotFound(id);
  return d;
}

export function snapshotNotFound(id: string): ApiError {
  return new ApiError('InvalidSnapshotId.NotFound', `The specified SnapshotId does not exist. (${id})`, 404);
}

export function getSnapshot(state: SimState, id: string | undefined, regionId?: string): SnapshotRecord {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "SnapshotId" that is mandatory for processing this request is not supplied.', 400);
  const s = own(snapshots(state), id);
  if (!s || (regionId && s.region !== regionId)) throw snapshotNotFound(id);
  return s;
}

// ---- busy queue ----------------------------------------------------------------------

export function busy(state: SimState): BusyEntry[] {
  state.storageBusy ??= [];
  return state.storageBusy as BusyEntry[];
}

export function addBusy(state: SimState, at: number, collection: string, id: string): void {
  busy(state).push([at, collection, id]);
}

export function removeBusy(state: SimState, collection: string, id: string): void {
  const b = state.storageBusy as BusyEntry[] | undefined;
  if (!b) return;
  const i = b.findIndex((e) => e[1] === collection && e[2] === id);
  if (i >= 0) b.splice(i, 1);
}

export function scaled(seconds: number, scale: number): number {
  return Math.round(seconds * 1000 * scale);
}

/** Progress 0–100 of work started at `start`, done at `done`. */
export function progressAt(start: number, done: number, nowMs: number): number {
  if (nowMs >= done || done <= start) return 100;
  return Math.max(0, Math.min(99, Math.floor(((nowMs - start) / (done - start)) * 100)));
}

// ---- disks ---------------------------------------------------------------------------

/** Start a disk transition (Creating → Available, Attaching → In_use …). */
export function transition(state: SimState, d: StorageDisk, now: number, during: DiskRecord['status'], after: DiskRecord['status'], seconds: number, scale: number): void {
  const ms = scaled(seconds, scale);
  if (ms <= 0) {
    d.status = after;
    delete d.next;
    delete d.until;
    return;
  }
  d.status = during;
  d.next = after;
  d.until = now + ms;
  addBusy(state, d.until, 'disks', d.id);
}

/** The disk's snapshots that still exist, oldest first. */
export function snapshotsOfDisk(state: SimState, d: StorageDisk): SnapshotRecord[] {
  const all = snapshots(state);
  const out: SnapshotRecord[] = [];
  for (const id of d.snaps ?? []) {
    const s = own(all, id);
    if (s) out.push(s);
  }
  return out;
}

/** Delete a snapshot record and drop it from its disk's index and the busy queue. */
export function dropSnapshot(state: SimState, s: SnapshotRecord): void {
  delete snapshots(state)[s.id];
  const d = disk(state, s.disk);
  if (d?.snaps) {
    const i = d.snaps.indexOf(s.id);
    if (i >= 0) d.snaps.splice(i, 1);
    if (!d.snaps.length) delete d.snaps;
  }
  if (s.status === 'progressing') removeBusy(state, 'snapshots', s.id);
}

/** A detach completes: the disk keeps no instance or device. */
export function finishDetach(d: StorageDisk, at: number): void {
  delete d.inst;
  delete d.dev;
  d.det = at;
}

/** Remove a disk for good: its policy link, its automatic snapshots when asked. */
export function removeDisk(state: SimState, d: StorageDisk, autoSnapshotsToo: boolean): void {
  if (d.pol) {
    const pol = own(policies(state), d.pol);
    if (pol) pol.disks = pol.disks.filter((x) => x !== d.id);
  }
  if (d.snap) {
    const s = own(snapshots(state), d.snap);
    if (s && s.mk) s.mk--;
  }
  for (const s of snapshotsOfDisk(state, d)) {
    if (s.img?.length) continue; // part of an image (being created): it stays
    if (s.status === 'progressing') dropSnapshot(state, s); // cancelled with its disk
    else if (autoSnapshotsToo && s.kind === 'auto' && !s.img?.length) dropSnapshot(state, s);
  }
  delete disks(state)[d.id];
}

/**
 * Release cascade when an instance goes away: disks with DeleteWithInstance are deleted
 * (with their automatic snapshots; manual snapshots are kept), the others are detached and
 * become Available.
 */
export function cascadeRelease(state: SimState, instanceId: string, nowMs: number, instanceImage?: string): void {
  for (const d of recordsBy<DiskRecord>(state, DISK_BY_INSTANCE, instanceId)) {
    if (d.dwi) {
      // Released with the instance; its automatic snapshots are cleared with it (L2202),
      // manual ones are kept.
      removeDisk(state, d as StorageDisk, true);
    } else {
      d.status = 'Available';
      if (d.type === 'system' && !d.image && instanceImage) d.image = instanceImage;
      if (d.att === undefined) d.att = d.ct;
      delete d.inst;
      delete d.dev;
      d.det = nowMs;
    }
  }
}

export interface NewSnapshot {
  name?: string;
  desc?: string;
  kind: 'auto' | 'user';
  ret?: number;
  tags?: [string, string][];
}

/** Take a snapshot of a disk at `at` (ms): full the first time, incremental after. */
export function takeSnapshot(state: SimState, d: StorageDisk, at: number, scale: number, o: NewSnapshot, id: string, nowMs = at): SnapshotRecord {
  const first = !(d.snaps && d.snaps.length) && !d.hadSnap;
  const secs = Math.max(STORAGE_DURATIONS.minSnapshot, d.size * (first ? STORAGE_DURATIONS.fullSnapshotPerGiB : STORAGE_DURATIONS.incrementalSnapshotPerGiB));
  const done = at + scaled(secs, scale);
  const s: SnapshotRecord = {
    id,
    region: d.region ?? regionOf(d),
    disk: d.id,
    dtype: d.type,
    dsize: d.size,
    kind: o.kind,
    ct: at,
    done,
    status: done <= nowMs ? 'accomplished' : 'progressing',
  };
  if (d.inst) s.inst = d.inst;
  if (d.type === 'system') {
    const src = d.image ?? (d.inst ? (own(state.instances as Record<string, { image?: string }>, d.inst)?.image) : undefined);
    if (src) s.src = src;
  }
  if (first) s.full = 1;
  if (o.name) s.name = o.name;
  if (o.desc) s.desc = o.desc;
  if (o.ret !== undefined && o.ret !== -1) s.ret = o.ret;
  if (o.tags?.length) s.tags = o.tags;
  snapshots(state)[id] = s;
  (d.snaps ??= []).push(id);
  d.hadSnap = 1;
  if (s.status === 'progressing') addBusy(state, done, 'snapshots', id);
  return s;
}

/** A snapshot of this disk is still being created at `at`. */
export function snapshotRunning(state: SimState, d: StorageDisk, at: number): SnapshotRecord | undefined {
  const list = snapshotsOfDisk(state, d);
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i]!;
    if (s.done > at && s.ct <= at) return s;
  }
  return undefined;
}

// ---- accounts ------------------------------------------------------------------------

/**
 * A stable ID derived from a seed (automatic snapshots are created by the settler, which
 * also runs on reads: the same time point must give the same ID every time).
 */
export function derivedId(prefix: string, regionId: string, seed: string): string {
  const code = newId(prefix, regionId).slice(prefix.length + 1, prefix.length + 3);
  const h = createHash('sha256').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 18; i++) out += alphabet[h[i]! % alphabet.length];
  return `${prefix}-${code}${out}`;
}

/** Start/stop/reboot are refused while an image is being created from the instance (L2317). */
export function checkNotCreatingImage(r: { id: string; status: string }): void {
  const cimg = (r as { cimg?: string }).cimg;
  if (cimg) {
    throw new ApiError(
      'IncorrectInstanceStatus',
      `The current status of the resource does not support this operation. (${r.id} is ${r.status}; image ${cimg} is being created from it: do not start, stop or restart it until the image is Available)`,
      403,
    );
  }
}

export function accountId(state: SimState): string {
  return settingValue(state, 'account-id');
}

// ---- shape checks of the storage records at load --------------------------------------
// A hand-edited or damaged store must give one clear error naming the record, never a raw
// JavaScript error later in an action. src/simulator/state.ts (helper "store") runs record
// checks at load; they are registered here when that hook exists.

const notStr = (v: unknown) => typeof v !== 'string';
const notNum = (v: unknown) => typeof v !== 'number' || !Number.isFinite(v);
const optStr = (v: unknown) => v !== undefined && typeof v !== 'string';
const optNum = (v: unknown) => v !== undefined && (typeof v !== 'number' || !Number.isFinite(v));
const notStrList = (v: unknown) => !Array.isArray(v) || v.some((x) => typeof x !== 'string');
const optStrList = (v: unknown) => v !== undefined && notStrList(v);
const notIntList = (v: unknown, min: number, max: number) => !Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < min || x > max);
const optTime = (v: unknown) => v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= MAX_SIM_TIME_MS));
const optPairs = (v: unknown) => v !== undefined && (!Array.isArray(v) || v.some((x) => !Array.isArray(x)));

export const STORAGE_RECORD_CHECKS: [string, (r: Record<string, any>, id: string) => string | undefined][] = [
  ['images', (r, id) => {
    if (r.ImageId !== undefined && r.ImageId !== id) return `its ImageId is ${JSON.stringify(r.ImageId)}`;
    for (const f of ['RegionId', 'ImageName', 'OSType', 'Status', 'ImageOwnerAlias', 'CreationTime']) if (optStr(r[f])) return `${f} is not a string`;
    if (optNum(r.Size)) return 'Size is not a number';
    const m = r.DiskDeviceMappings;
    if (m !== undefined && (m === null || typeof m !== 'object' || (m.DiskDeviceMapping !== undefined && (!Array.isArray(m.DiskDeviceMapping) || m.DiskDeviceMapping.some((x: unknown) => x === null || typeof x !== 'object'))))) {
      return 'DiskDeviceMappings is not {DiskDeviceMapping: [mappings]}';
    }
    if (r.Tags !== undefined && (r.Tags === null || typeof r.Tags !== 'object' || Array.isArray(r.Tags))) return 'Tags is not an object';
    return undefined;
  }],
  ['disks', (r, id) => {
    if (r.id !== id) return `its id is ${JSON.stringify(r.id)}`;
    if (notStr(r.zone) || notStr(r.cat) || notStr(r.type) || notStr(r.status)) return 'zone, cat, type or status is not a string';
    if (notNum(r.size) || notNum(r.ct)) return 'size or ct is not a number';
    if (!(r.ct >= 0 && r.ct <= MAX_SIM_TIME_MS)) return 'ct is not a time (milliseconds in the years 1970 to 9999)';
    if (optStr(r.region) || optStr(r.name) || optStr(r.desc) || optStr(r.inst) || optStr(r.dev) || optStr(r.pl) || optStr(r.pol)) return 'region, name, desc, inst, dev, pl or pol has the wrong type';
    if (optTime(r.att) || optTime(r.exp) || optPairs(r.tags) || (r.dwi !== undefined && typeof r.dwi !== 'boolean')) return 'att, exp, tags or dwi has the wrong type';
    return undefined;
  }],
  ['snapshots', (r, id) => {
    if (r.id !== id) return `its id is ${JSON.stringify(r.id)}`;
    if (notStr(r.disk) || notStr(r.region) || notStr(r.kind) || notStr(r.status) || notStr(r.dtype)) return 'disk, region, kind, status or dtype is not a string';
    if (notNum(r.ct) || notNum(r.done) || notNum(r.dsize)) return 'ct, done or dsize is not a number';
    if (optTime(r.ct) || optTime(r.done)) return 'ct or done is not a time (milliseconds in the years 1970 to 9999)';
    if (optStrList(r.img) || optNum(r.mk) || optNum(r.ret) || optStr(r.inst) || optPairs(r.tags)) return 'img, mk, ret, inst or tags has the wrong type';
    return undefined;
  }],
  ['autoSnapshotPolicies', (r, id) => {
    if (r.id !== id) return `its id is ${JSON.stringify(r.id)}`;
    if (notStr(r.region) || notStr(r.name)) return 'region or name is not a string';
    if (notIntList(r.hours, 0, 23) || notIntList(r.days, 1, 7)) return 'hours (0–23) or days (1–7) is not a list of whole numbers';
    if (notNum(r.ret) || notNum(r.ct) || notNum(r.last)) return 'ret, ct or last is not a number';
    if (optTime(r.ct) || optTime(r.last)) return 'ct or last is not a time (milliseconds in the years 1970 to 9999)';
    if (notStrList(r.disks)) return 'disks is not a list of disk IDs';
    return undefined;
  }],
  ['imageMeta', (r) => {
    if (notStr(r.owner)) return 'owner is not a string';
    if (optPairs(r.share) || optStrList(r.snaps) || optNum(r.done) || optNum(r.start)) return 'share, snaps, done or start has the wrong type';
    return undefined;
  }],
  ['tasks', (r, id) => {
    if (r.id !== id) return `its id is ${JSON.stringify(r.id)}`;
    if (notStr(r.image) || notStr(r.action) || notStr(r.status) || notStr(r.region)) return 'image, action, status or region is not a string';
    if (notNum(r.start) || notNum(r.done)) return 'start or done is not a number';
    return undefined;
  }],
];

// (Looked up by name: the hook arrives with helper "store"'s branch.)
const registerRecordCheck = Object.entries(stateModule).find(([k]) => k === 'registerRecordCheck')?.[1] as
  | ((c: string, f: (r: Record<string, any>, id: string) => string | undefined) => void)
  | undefined;
if (typeof registerRecordCheck === 'function') for (const [c, f] of STORAGE_RECORD_CHECKS) registerRecordCheck(c, f);
