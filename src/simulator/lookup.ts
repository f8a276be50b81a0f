// Secondary lookups over the simulator's collections: "the disks of instance X", "how many
// pay-as-you-go instances of each zone and type", "the instances whose time-driven work is
// due". Handlers ask here instead of scanning a collection, so that a single-record command
// costs the same at 100 and at 100,000 records (issue 12 part 1).
//
// The indexes and due times are declared once, in src/simulator/indexes.ts. When the state
// was loaded lazily from a snapshot with an index file (src/simulator/lazy.ts), a lookup is a
// binary search in that file plus a check of the records changed since it was written; on a
// plain state (a test's hand-made state, a store without an index) it is a scan with the same
// answer. Either way the answer is in collection order (insertion order), like a scan's.
//
// Records come back through `state[collection]`, so inside a mutation (a change-tracking
// proxy) changes made to them are recorded.

import { untracked } from './journal.js';
import type { SimState } from './state.js';

/** A secondary index: the keys a record of `collection` is found under. */
export interface IndexDef<R = any> {
  readonly collection: string;
  /** Unique name, stored in the index file. */
  readonly name: string;
  /** The keys the record is found under (none: undefined or an empty list). Must only read the record. */
  keys(rec: R): string | readonly string[] | undefined;
}

/** When a record of `collection` next has time-driven work (ms), or undefined for never. */
export interface DueDef<R = any> {
  readonly collection: string;
  readonly name: string;
  at(rec: R): number | undefined;
}

/**
 * What a lazily loaded collection answers (src/simulator/lazy.ts); undefined when its index
 * was written without that lookup, and then the functions below scan.
 */
export interface LazyLookups {
  idsBy(def: IndexDef, key: string): string[] | undefined;
  countBy(def: IndexDef, key: string): number | undefined;
  countsBy(def: IndexDef): Map<string, number> | undefined;
  dueIds(def: DueDef, nowMs: number): string[] | undefined;
  /** Present IDs in collection order. */
  inOrder(ids: string[]): string[];
  /** Every record in collection order. */
  values(): unknown[];
}

/** The key under which a lazily loaded collection exposes its LazyLookups. */
export const LAZY = Symbol.for('ecs.simulator.lazy');

function lazyOf(state: SimState, collection: string): LazyLookups | undefined {
  const coll = (untracked(state) as Record<string, any>)[collection];
  return coll !== null && typeof coll === 'object' ? (coll[LAZY] as LazyLookups | undefined) : undefined;
}

/**
 * Whether a collection answers lookups from a stored index, or by a scan (a plain state: a
 * test's hand-made state, a store without an index). A handler that would ask many lookups in
 * a row reads the collection once instead on a plain state, where every lookup is a scan.
 */
export function indexed(state: SimState, collection: string): boolean {
  return lazyOf(state, collection) !== undefined;
}

/** The keys of a record under an index, as a list. */
export function keyList(def: IndexDef, rec: unknown): readonly string[] {
  if (rec === null || typeof rec !== 'object') return [];
  let k: string | readonly string[] | undefined;
  try {
    k = def.keys(rec);
  } catch {
    return [];
  }
  if (k === undefined) return [];
  if (typeof k === 'string') return [k];
  return Array.isArray(k) ? k.filter((x) => typeof x === 'string') : [];
}

function scan(state: SimState, collection: string): Record<string, unknown> {
  const c = (untracked(state) as Record<string, any>)[collection];
  return c !== null && typeof c === 'object' ? c : {};
}

/** IDs of the records found under `key`, in collection order. */
export function idsBy(state: SimState, def: IndexDef, key: string): string[] {
  const known = lazyOf(state, def.collection)?.idsBy(def, key);
  if (known) return known;
  const all = scan(state, def.collection);
  const out: string[] = [];
  for (const id in all) if (keyList(def, all[id]).includes(key)) out.push(id);
  return out;
}

/** The records found under `key`, in collection order (through `state`, so changes are tracked). */
export function recordsBy<R = any>(state: SimState, def: IndexDef<R>, key: string): R[] {
  const ids = idsBy(state, def, key);
  const coll = (state as Record<string, any>)[def.collection] as Record<string, R> | undefined;
  const out: R[] = [];
  if (!coll) return out;
  for (const id of ids) {
    const r = coll[id];
    if (r !== undefined) out.push(r);
  }
  return out;
}

/** How many records are found under `key`. */
export function countBy(state: SimState, def: IndexDef, key: string): number {
  const known = lazyOf(state, def.collection)?.countBy(def, key);
  if (known !== undefined) return known;
  const all = scan(state, def.collection);
  let n = 0;
  for (const id in all) if (keyList(def, all[id]).includes(key)) n++;
  return n;
}

/** Every key of the index with how many records are found under it. */
export function countsBy(state: SimState, def: IndexDef): Map<string, number> {
  const known = lazyOf(state, def.collection)?.countsBy(def);
  if (known) return known;
  const all = scan(state, def.collection);
  const out = new Map<string, number>();
  for (const id in all) for (const k of keyList(def, all[id])) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** IDs of the records whose time-driven work is due at `nowMs` (at ≤ nowMs), in collection order. */
export function dueIds(state: SimState, def: DueDef, nowMs: number): string[] {
  const known = lazyOf(state, def.collection)?.dueIds(def, nowMs);
  if (known) return known;
  const all = scan(state, def.collection);
  const out: string[] = [];
  for (const id in all) {
    const at = dueAt(def, all[id]);
    if (at !== undefined && at <= nowMs) out.push(id);
  }
  return out;
}

/** A record's due time under a DueDef (undefined when it has none or is malformed). */
export function dueAt(def: DueDef, rec: unknown): number | undefined {
  if (rec === null || typeof rec !== 'object') return undefined;
  try {
    const at = def.at(rec);
    return typeof at === 'number' && !Number.isNaN(at) ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every record of a collection in collection order: Object.values, but on a lazily loaded
 * collection read by a read-only request, without the Proxy's traps (a listing of 10,000
 * records). Through a change tracker (a mutation) it is Object.values of the tracked object,
 * so changes to the records are tracked.
 */
export function allRecords<R = any>(state: SimState, collection: string): R[] {
  if (untracked(state) === state) {
    const lazy = lazyOf(state, collection);
    if (lazy) return lazy.values() as R[];
  }
  const coll = (state as Record<string, any>)[collection] as Record<string, R> | undefined;
  return coll !== null && typeof coll === 'object' ? Object.values(coll) : [];
}

/** Present IDs of a collection in collection order (on a lazily loaded collection, without listing it). */
export function inCollectionOrder(state: SimState, collection: string, ids: string[]): string[] {
  const lazy = lazyOf(state, collection);
  if (lazy) return lazy.inOrder(ids);
  const want = new Set(ids);
  const out: string[] = [];
  for (const id in scan(state, collection)) if (want.has(id)) out.push(id);
  return out;
}
