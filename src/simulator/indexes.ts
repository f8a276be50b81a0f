// The secondary indexes and due times the store keeps (src/simulator/lookup.ts explains how
// handlers use them; src/simulator/lazy.ts how they are stored). Key functions only read the
// record and must not import action modules: the store writes these with every snapshot, in
// processes that load no actions (`ecs simulator import`).
//
// A new index: add it here and to ALL_INDEXES; snapshots written before it existed answer it
// by a scan until the next snapshot is written.

import type { DueDef, IndexDef } from './lookup.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Disks by the instance they are attached to (`inst`). */
export const DISK_BY_INSTANCE: IndexDef = { collection: 'disks', name: 'disks.inst', keys: (d) => str(d.inst) };
/** Data disks by billing method (`charge`, default PostPaid; '' when it is not a string): the data-disk quotas. */
export const DATA_DISK_BY_CHARGE: IndexDef = { collection: 'disks', name: 'disks.data-charge', keys: (d) => (d.type === 'data' ? (d.charge == null ? 'PostPaid' : (str(d.charge) ?? '')) : undefined) };
/** Snapshots by the instance their disk was on when taken (`inst`). */
export const SNAPSHOT_BY_INSTANCE: IndexDef = { collection: 'snapshots', name: 'snapshots.inst', keys: (s) => str(s.inst) };
/** Snapshots by source disk (`disk`), including disks since deleted. */
export const SNAPSHOT_BY_DISK: IndexDef = { collection: 'snapshots', name: 'snapshots.disk', keys: (s) => str(s.disk) };
/** Instances by security group (`sg`, several per instance). */
export const INSTANCE_BY_SG: IndexDef = { collection: 'instances', name: 'instances.sg', keys: (r) => (Array.isArray(r.sg) ? r.sg : undefined) };
/** Instances by vSwitch (`vsw`). */
export const INSTANCE_BY_VSWITCH: IndexDef = { collection: 'instances', name: 'instances.vsw', keys: (r) => str(r.vsw) };
/** Instances by `${vsw}|${ip}`: is a private IP taken in a vSwitch. */
export const INSTANCE_BY_IP: IndexDef = { collection: 'instances', name: 'instances.ip', keys: (r) => (typeof r.vsw === 'string' && typeof r.ip === 'string' ? `${r.vsw}|${r.ip}` : undefined) };
/**
 * Pay-as-you-go instances by `${zone}|${type}`: the instance and vCPU quotas (countsBy). Every
 * PostPaid record has a key (a missing zone or type is ''), so the counts add up to the living
 * pay-as-you-go instances.
 */
export const POSTPAID_BY_ZONE_TYPE: IndexDef = { collection: 'instances', name: 'instances.postpaid', keys: (r) => (r.charge === 'PostPaid' ? `${str(r.zone) ?? ''}|${str(r.type) ?? ''}` : undefined) };
/** Instances by source image (`image`). */
export const INSTANCE_BY_IMAGE: IndexDef = { collection: 'instances', name: 'instances.image', keys: (r) => str(r.image) };
/** Instances by key pair: the bound one (`kp`) and one still in effect until a restart (`pend.kpWas`). */
export const INSTANCE_BY_KEYPAIR: IndexDef = {
  collection: 'instances',
  name: 'instances.kp',
  keys: (r) => {
    const was = r.pend !== null && typeof r.pend === 'object' ? str(r.pend.kpWas) : undefined;
    const kp = str(r.kp);
    return was && was !== kp ? (kp ? [kp, was] : [was]) : kp;
  },
};

/** Cloud Assistant invocations by the instances they ran on (`inst[].id`, each once). */
export const INVOCATION_BY_INSTANCE: IndexDef = {
  collection: 'invocations',
  name: 'invocations.inst',
  keys: (i) => (Array.isArray(i.inst) ? [...new Set<string>(i.inst.map((x: any) => (x !== null && typeof x === 'object' ? str(x.id) : undefined)).filter((x: unknown): x is string => x !== undefined))] : undefined),
};

export const ALL_INDEXES: readonly IndexDef[] = [
  DISK_BY_INSTANCE,
  DATA_DISK_BY_CHARGE,
  SNAPSHOT_BY_INSTANCE,
  SNAPSHOT_BY_DISK,
  INSTANCE_BY_SG,
  INSTANCE_BY_VSWITCH,
  INSTANCE_BY_IP,
  POSTPAID_BY_ZONE_TYPE,
  INSTANCE_BY_IMAGE,
  INSTANCE_BY_KEYPAIR,
  INVOCATION_BY_INSTANCE,
];

/** Subscription expiry: the settler stops an expired instance 15 days and releases it 30 days after ExpiredTime (instances/model.ts EXPIRY_STOP_MS, EXPIRY_RELEASE_MS). */
const EXPIRY_STOP_MS = 15 * 86_400_000;
const EXPIRY_RELEASE_MS = 30 * 86_400_000;
const HALF_HOUR_MS = 30 * 60_000;

/**
 * Instances with time-driven work, at the moment the settler (instances/settle.ts) has
 * something to do: the next queued status step (`q`); for a PrePaid instance with an expiry
 * (`exp`), the auto-renewal at expiry (`ar`, not locked), else the stop 15 days later (not
 * yet locked), else the release 30 days later (locked); the automatic release at the first
 * :00 or :30 at or after `rel`. Earlier than the work is safe (the settler looks and does
 * nothing); later would be a bug. Exact rather than merely early, so that an expired
 * instance waiting for its stop is not read on every load for 15 simulated days.
 */
export const INSTANCE_DUE: DueDef = {
  collection: 'instances',
  name: 'instances.due',
  at: (r) => {
    let at = Infinity;
    if (Array.isArray(r.q) && Array.isArray(r.q[0]) && typeof r.q[0][0] === 'number') at = r.q[0][0];
    if (r.charge === 'PrePaid' && typeof r.exp === 'number') {
      at = Math.min(at, r.ar && !r.lock ? r.exp : r.lock ? r.exp + EXPIRY_RELEASE_MS : r.exp + EXPIRY_STOP_MS);
    } else if (r.charge === 'PrePaid' && r.exp !== undefined) at = -Infinity; // malformed: let the settler look
    if (r.rel !== undefined) at = Math.min(at, typeof r.rel === 'number' ? Math.ceil(r.rel / HALF_HOUR_MS) * HALF_HOUR_MS : -Infinity);
    return at === Infinity ? undefined : at;
  },
};

export const ALL_DUES: readonly DueDef[] = [INSTANCE_DUE];
