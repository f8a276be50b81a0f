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
/** Data disks by billing method (`charge`, default PostPaid): the data-disk quotas. */
export const DATA_DISK_BY_CHARGE: IndexDef = { collection: 'disks', name: 'disks.data-charge', keys: (d) => (d.type === 'data' ? (str(d.charge) ?? 'PostPaid') : undefined) };
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
/** Pay-as-you-go instances by `${zone}|${type}`: the instance and vCPU quotas (countsBy). */
export const POSTPAID_BY_ZONE_TYPE: IndexDef = { collection: 'instances', name: 'instances.postpaid', keys: (r) => (r.charge === 'PostPaid' && typeof r.zone === 'string' && typeof r.type === 'string' ? `${r.zone}|${r.type}` : undefined) };
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
];

/**
 * Instances with time-driven work: the next queued status step (`q`), subscription expiry
 * (`exp` of a PrePaid instance: auto-renewal, the stop 15 days later, the release 30 days
 * later) and automatic release (`rel`). Earlier than the work is safe (the settler looks and
 * does nothing); later would be a bug.
 */
export const INSTANCE_DUE: DueDef = {
  collection: 'instances',
  name: 'instances.due',
  at: (r) => {
    let at = Infinity;
    if (Array.isArray(r.q) && Array.isArray(r.q[0]) && typeof r.q[0][0] === 'number') at = r.q[0][0];
    if (r.charge === 'PrePaid' && typeof r.exp === 'number') at = Math.min(at, r.exp);
    if (r.rel !== undefined) at = Math.min(at, typeof r.rel === 'number' ? r.rel : -Infinity);
    return at === Infinity ? undefined : at;
  },
};

export const ALL_DUES: readonly DueDef[] = [INSTANCE_DUE];
