// The stored instance record (compact: the store must hold 10,000 of them) and the
// status machine shared by every instance action. API views are built on read (view.ts).
//
// Asynchronous work is stored as a queue of [endsAtMs, statusAfter, applyPending?] steps
// computed when the operation starts ("started at, takes N s × time-scale") and resolved
// by advance(), which the settler calls on every load and the actions call right after
// they queue work (so time-scale 0 is instant within the same request).

import { untracked } from '../../journal.js';
import { ApiError } from '../../../core/errors.js';
import { findZone } from '../../catalogue/index.js';
import type { SimState } from '../../state.js';
import { own } from '../../own.js';
import { inCollectionOrder, recordsBy } from '../../lookup.js';
import { DISK_BY_INSTANCE } from '../../indexes.js';

export type InstanceStatus = 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped';
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'];

/** [endsAtMs, statusAfter, 1 = apply pending password/VNC changes when reached] */
export type Step = [number, InstanceStatus, 1?];

/**
 * Compact on purpose (the store holds 10,000 of these): values that can be derived are not
 * stored — the region comes from the zone, the VPC from the vSwitch, the OS names of public
 * images from the catalogue, the system disk from state.disks (inst + type 'system'); the
 * name defaults to the ID and the host name to iZ<id>Z.
 */
export interface InstanceRecord {
  id: string;
  zone: string;
  /** InstanceName when set (default: the instance ID). */
  name?: string;
  /** HostName when set (default: iZ<id without "i-">Z). */
  host?: string;
  desc?: string;
  type: string;
  image: string;
  /** OS of the image at creation ('linux' | 'windows'), kept in case the image goes away. */
  os: 'linux' | 'windows';
  /** OS names, stored only for images outside the public catalogue (custom images). */
  osName?: string;
  osEn?: string;
  vsw: string;
  ip: string;
  /** Public IP, when created with InternetMaxBandwidthOut > 0. */
  pub?: string;
  bw?: number;
  sg: string[];
  kp?: string;
  charge: 'PostPaid' | 'PrePaid';
  /** Creation time (ms since epoch, simulated clock). */
  ct: number;
  /** Last time the instance reached Running. */
  st?: number;
  status: InstanceStatus;
  q?: Step[];
  /** PrePaid expiry (ms, always 00:00 UTC+8). */
  exp?: number;
  /** AutoReleaseTime (ms, whole minute). */
  rel?: number;
  /** Auto-renew (subscription only): renewed by `d` `u` at each expiry instead of being stopped. */
  ar?: { d: number; u: 'Week' | 'Month' | 'Year' };
  /** RenewalStatus NotRenewal (no expiry reminders; behaves as auto-renew off). */
  noRenew?: 1;
  /** InternetMaxBandwidthIn when set explicitly (default: 10, or the outbound value above 10). */
  bwIn?: number;
  /** The current VNC URL's session token (DescribeInstanceVncUrl). */
  vncTok?: string;
  /** Forced stop after expiry: locked until renewed. */
  lock?: 'financial';
  stopMode?: 'KeepCharging' | 'StopCharging';
  tags?: [string, string][];
  /** Login-user password hashes by user name (never plaintext). */
  pw?: Record<string, string>;
  vnc?: string;
  /**
   * Changes waiting for an API reboot (or a stop and start): salted hashes; `kpWas` is the key
   * pair (or '' for none) still in effect after AttachKeyPair/DetachKeyPair on a running
   * instance (`kp` already names the new one).
   */
  pend?: { pw?: string; vnc?: string; kpWas?: string };
  /** Instance RAM role (AttachInstanceRamRole). */
  ram?: string;
  /** ImageOptions.LoginAsNonRoot: the login user is ecs-user and root's password cannot be reset. */
  nonRoot?: 1;
  /** Set when the Cloud Assistant agent is NOT installed (public images ship with it). */
  noCa?: 1;
  delProt?: 1;
}

const regionOfZone = new Map<string, string>();
/** The region of an instance (from its zone). */
export function regionOf(r: { zone: string }): string {
  let region = regionOfZone.get(r.zone);
  if (region === undefined) {
    region = findZone(r.zone)?.region.RegionId ?? r.zone.replace(/-?[a-z]$/, '');
    regionOfZone.set(r.zone, region);
  }
  return region;
}

export function vpcOf(state: SimState, r: InstanceRecord): string {
  return own(state.vswitches, r.vsw)?.VpcId ?? '';
}

export function nameOf(r: InstanceRecord): string {
  return r.name ?? r.id;
}

export function hostOf(r: InstanceRecord): string {
  return r.host ?? `iZ${r.id.slice(2)}Z`;
}

/** The system disk record of an instance, if any. */
export function systemDiskOf(state: SimState, r: InstanceRecord): Record<string, any> | undefined {
  return recordsBy<Record<string, any>>(state, DISK_BY_INSTANCE, r.id).find((d) => d.type === 'system');
}

/**
 * Per loaded state object and revision (the store caches the parse of an unchanged file and
 * stamps every write with a new `rev`): on a plain state (no stored index), the earliest
 * simulated time at which the settler has work; and DescribeInstances' filtered lists, so
 * that a 100-page listing scans 10,000 records once. A write (new rev) or a settle that
 * changes something drops them; without a rev (a state never written) nothing is cached.
 */
const settleMemo = new WeakMap<object, { rev: string; at: number }>();
const listMemo = new WeakMap<object, { rev: string; lists: Map<string, InstanceRecord[]> }>();

export function settleDue(tracked: SimState): number | undefined {
  const state = untracked(tracked); // inside a mutation the state is a change-tracking proxy
  const m = settleMemo.get(state);
  return m && state.rev && m.rev === state.rev ? m.at : undefined;
}
export function setSettleDue(tracked: SimState, at: number): void {
  const state = untracked(tracked);
  if (state.rev) settleMemo.set(state, { rev: state.rev, at });
}

export function cachedLists(tracked: SimState): Map<string, InstanceRecord[]> | undefined {
  const state = untracked(tracked);
  if (!state.rev) return undefined;
  const m = listMemo.get(state);
  if (m && m.rev === state.rev) return m.lists;
  const lists = new Map<string, InstanceRecord[]>();
  listMemo.set(state, { rev: state.rev, lists });
  return lists;
}
export function dropCachedLists(state: SimState): void {
  listMemo.delete(untracked(state));
}

export function instances(state: SimState): Record<string, InstanceRecord> {
  return state.instances as Record<string, InstanceRecord>;
}

/** The instance records for a read-only scan (no change tracking; do not modify them). */
export function instancesForScan(state: SimState): Readonly<Record<string, Readonly<InstanceRecord>>> {
  return untracked(state).instances as Record<string, InstanceRecord>;
}

/**
 * The records of `collection` with these IDs (own entries only, each once), in collection
 * order, reading only those records. One record needs no ordering; several are put in
 * collection order by the collection's key list (Reflect.ownKeys reads no record).
 */
export function recordsByIds<R>(state: SimState, collection: string, ids: Iterable<string>): R[] {
  const coll = (state as Record<string, any>)[collection] as Record<string, R> | undefined;
  const found: [string, R][] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const r = own(coll, id);
    if (r !== undefined) found.push([id, r]);
  }
  if (found.length < 2) return found.map(([, r]) => r);
  const byId = new Map(found);
  return inCollectionOrder(state, collection, [...byId.keys()]).map((id) => byId.get(id)!);
}

export function loginUser(r: Pick<InstanceRecord, 'os' | 'nonRoot'>): string {
  if (r.os === 'windows') return 'Administrator';
  return r.nonRoot ? 'ecs-user' : 'root';
}

/** Realistic durations in seconds, multiplied by the time scale. */
export const DURATIONS = {
  pending: 8,
  starting: 20,
  stopping: 15,
  forceStopping: 3,
  rebootStopping: 10,
} as const;

export function notFound(id: string): ApiError {
  return new ApiError('InvalidInstanceId.NotFound', `The specified InstanceId does not exist. (${id})`, 404);
}

export function incorrectStatus(r: InstanceRecord, what?: string): ApiError {
  return new ApiError(
    'IncorrectInstanceStatus',
    `The current status of the resource does not support this operation.${what ? ` (${r.id} is ${r.status}; ${what})` : ` (${r.id} is ${r.status})`}`,
    403,
  );
}

/** Find an instance of this region, or InvalidInstanceId.NotFound. */
export function getInstance(state: SimState, id: string | undefined, regionId: string): InstanceRecord {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "InstanceId" that is mandatory for processing this request is not supplied.', 400);
  const all = instances(state);
  const r = Object.hasOwn(all, id) ? all[id] : undefined;
  if (!r || regionOf(r) !== regionId) throw notFound(id);
  return r;
}

/** Queue work: durations in seconds (already relative to `now`). */
export function queue(r: InstanceRecord, now: Date, scale: number, first: InstanceStatus, steps: [number, InstanceStatus, 1?][]): void {
  r.status = first;
  let t = now.getTime();
  r.q = steps.map(([sec, s, apply]) => {
    t += Math.round(sec * 1000 * scale);
    return apply ? [t, s, 1] : [t, s];
  });
  advance(r, now.getTime());
}

/** Resolve queued steps that have ended by `nowMs`. */
export function advance(r: InstanceRecord, nowMs: number): void {
  const q = r.q;
  if (!q) return;
  while (q.length && q[0]![0] <= nowMs) {
    const [at, s, apply] = q.shift()!;
    r.status = s;
    if (s === 'Running') r.st = at;
    if (apply) applyPending(r);
  }
  if (!q.length) delete r.q;
}

/** Password / VNC changes made through the API take effect at the next API reboot or start. */
export function applyPending(r: InstanceRecord): void {
  if (!r.pend) return;
  // A key pair that takes effect disables password login (security spec §2.1).
  if (r.pend.kpWas !== undefined && r.kp) delete r.pw;
  if (r.pend.pw) {
    r.pw = { ...(r.pw ?? {}), [loginUser(r)]: r.pend.pw };
  }
  if (r.pend.vnc) r.vnc = r.pend.vnc;
  delete r.pend;
}

export function pendingChanges(r: InstanceRecord): string[] {
  const out: string[] = [];
  if (r.pend?.pw) out.push('Password');
  if (r.pend?.vnc) out.push('VncPassword');
  if (r.pend?.kpWas !== undefined) out.push('KeyPair');
  return out;
}

/** The key pair in effect now (a pending attach/detach waits for an API reboot). */
export function effectiveKeyPair(r: InstanceRecord): string {
  return r.pend?.kpWas !== undefined ? r.pend.kpWas : (r.kp ?? '');
}

// ---- time helpers -------------------------------------------------------------------

/** Minute-precision UTC, as DescribeInstances prints times: 2024-04-14T22:32Z. */
export function minuteIso(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  let s = minuteMemo.get(minute);
  if (s === undefined) {
    s = new Date(minute * 60_000).toISOString().slice(0, 16) + 'Z';
    if (minuteMemo.size > 4096) minuteMemo.clear();
    minuteMemo.set(minute, s);
  }
  return s;
}
/** Listings format the same few minutes thousands of times (instances created in batches). */
const minuteMemo = new Map<number, string>();

/** Seconds-precision UTC: 2024-04-14T22:32:05Z. */
export function secondIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** ExpiredTime shown for pay-as-you-go instances by the real service. */
export const POSTPAID_EXPIRED_TIME = '2099-12-31T15:59Z';

const UTC8 = 8 * 3600_000;
const DAY = 86_400_000;

/** The next 00:00 UTC+8 at or after `ms`. */
export function ceilToMidnightUtc8(ms: number): number {
  const local = ms + UTC8;
  const floor = Math.floor(local / DAY) * DAY;
  return (floor === local ? floor : floor + DAY) - UTC8;
}

/** Add calendar months/weeks in UTC+8 (subscription periods are counted in Beijing time). */
export function addPeriod(ms: number, period: number, unit: 'Month' | 'Week' | 'Year'): number {
  if (unit === 'Week') return ms + period * 7 * DAY;
  const months = unit === 'Year' ? period * 12 : period;
  const d = new Date(ms + UTC8);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime() - UTC8;
}

/** Expiry after buying `period` from `startMs`: +period, rounded up to 00:00 UTC+8. */
export function expiryAfter(startMs: number, period: number, unit: 'Month' | 'Week' | 'Year'): number {
  return ceilToMidnightUtc8(addPeriod(startMs, period, unit));
}

/** Auto-release runs at :00 and :30 of every hour: the first such boundary at or after `ms`. */
export function nextHalfHour(ms: number): number {
  const half = 30 * 60_000;
  return Math.ceil(ms / half) * half;
}

export const EXPIRY_STOP_MS = 15 * DAY;
export const EXPIRY_RELEASE_MS = 30 * DAY;

/**
 * Parse an ISO 8601 UTC time as the API takes it: yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-ddTHH:mmZ.
 * Returns ms truncated to the minute, or undefined when malformed.
 */
export function parseUtcMinute(v: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, 0);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return ms;
}
