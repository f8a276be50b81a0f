// The simulator's durable state: one JSON document. Resource records are stored in a
// compact internal form; the API views (DescribeInstances' Instance object etc.) are
// built from them by the action modules.

export interface ClientTokenRecord {
  action: string;
  /** Hash of the request parameters (without ClientToken), to detect IdempotentParameterMismatch. */
  fingerprint: string;
  response: Record<string, unknown>;
  at: string;
}

export interface SimState {
  version: 1;
  createdAt: string;
  /** Added to the wall clock: `ecs simulator advance` moves simulated time forward. */
  clockOffsetMs: number;
  /** `ecs simulator set KEY VALUE` (time-scale, quota.*, faults). */
  settings: Record<string, string>;
  /** Per-collection records keyed by ID (instances, disks, securityGroups, keyPairs, vpcs …). */
  instances: Record<string, any>;
  disks: Record<string, any>;
  snapshots: Record<string, any>;
  images: Record<string, any>;
  securityGroups: Record<string, any>;
  keyPairs: Record<string, any>;
  vpcs: Record<string, any>;
  vswitches: Record<string, any>;
  invocations: Record<string, any>;
  /** `${action}:${token}` → first answer. */
  clientTokens: Record<string, ClientTokenRecord>;
  /** Other collections added by later resources. */
  [collection: string]: any;
}

export function emptyState(now: Date): SimState {
  return {
    version: 1,
    createdAt: now.toISOString(),
    clockOffsetMs: 0,
    settings: {},
    instances: {},
    disks: {},
    snapshots: {},
    images: {},
    securityGroups: {},
    keyPairs: {},
    vpcs: {},
    vswitches: {},
    invocations: {},
    clientTokens: {},
  };
}

/**
 * A deep copy of JSON data. Used instead of structuredClone for records: inside a mutation
 * the state is a change-tracking Proxy (src/simulator/journal.ts), which structuredClone
 * cannot copy.
 */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ---- shape checks at load (src/simulator/store.ts) -----------------------------------------
//
// A store file edited by hand or damaged on disk must give one clear error, never a raw
// JavaScript error later in an action. Checked at load: the top-level keys the store itself
// relies on, the known collections (an object of records, each an object keyed by its ID),
// and per-collection record checks for the fields every action dereferences. Keys added by
// later resources are accepted as they are; a resource may register its own record check.

/** Collections whose values are records (objects keyed by ID); settings holds strings. */
export const RECORD_COLLECTIONS = new Set(Object.keys(emptyState(new Date(0))).filter((k) => !['version', 'createdAt', 'clockOffsetMs', 'settings'].includes(k)));

/** Keys a record ID or a collection name can never be (they would reach Object.prototype). */
export function forbiddenKey(k: string): boolean {
  return k === '__proto__';
}

/** Per-collection record checks: return why a record is unusable, or undefined. */
const RECORD_CHECKS = new Map<string, (rec: Record<string, any>, id: string) => string | undefined>();

/** Register a record check for a collection (and make the collection a record collection). */
export function registerRecordCheck(collection: string, check: (rec: Record<string, any>, id: string) => string | undefined): void {
  RECORD_COLLECTIONS.add(collection);
  RECORD_CHECKS.set(collection, check);
}

const isStr = (v: unknown) => typeof v === 'string';
// Instances: the fields every instance action dereferences, when present, have their types
// (records made by tests may hold only some fields). Written for speed: it runs on every
// record at load.
const notStr = (v: unknown) => v !== undefined && typeof v !== 'string';
const notObj = (v: unknown) => v !== undefined && (v === null || typeof v !== 'object');
// a time every Date formatting accepts (1e300 gave "Invalid time value" in instance list)
const notTime = (v: unknown) => v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= MAX_SIM_TIME_MS));
registerRecordCheck('instances', (r, id) => {
  if (r.id !== id && r.id !== undefined) return `its id is ${JSON.stringify(r.id)}`;
  if (notStr(r.zone) || notStr(r.type) || notStr(r.status) || notStr(r.charge) || notStr(r.name) || notStr(r.image) || notStr(r.vsw) || notStr(r.ip) || notStr(r.os)) {
    return `${['zone', 'type', 'status', 'charge', 'name', 'image', 'vsw', 'ip', 'os'].find((f) => notStr(r[f]))} is not a string`;
  }
  if (notTime(r.ct) || notTime(r.st) || notTime(r.exp) || notTime(r.rel)) return `${['ct', 'st', 'exp', 'rel'].find((f) => notTime(r[f]))} is not a time (milliseconds in the years 1970 to 9999)`;
  if (r.sg !== undefined && !Array.isArray(r.sg)) return 'sg is not a list';
  const q = r.q;
  if (q !== undefined) {
    if (!Array.isArray(q)) return 'q is not a list of steps';
    for (let i = 0; i < q.length; i++) if (!Array.isArray(q[i]) || typeof q[i][0] !== 'number') return 'q is not a list of steps';
  }
  const tags = r.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return 'tags is not a list of pairs';
    for (let i = 0; i < tags.length; i++) if (!Array.isArray(tags[i])) return 'tags is not a list of pairs';
  }
  if (notObj(r.pw)) return 'pw is not an object';
  if (notObj(r.pend)) return 'pend is not an object';
  return undefined;
});

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** The latest simulated time the clock may reach (API times are 4-digit years). */
export const MAX_SIM_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Why one record of a collection is unusable, or undefined. */
export function recordProblem(collection: string, id: string, rec: unknown): string | undefined {
  if (forbiddenKey(id)) return `${collection} holds the record ID "${id}"`;
  if (collection === 'settings') return isStr(rec) ? undefined : `setting ${id} is ${describe(rec)}, not a string`;
  if (!RECORD_COLLECTIONS.has(collection)) return undefined;
  if (!isPlainObject(rec)) return `${collection}.${id} is ${describe(rec)}, not a record`;
  const why = RECORD_CHECKS.get(collection)?.(rec as Record<string, any>, id);
  return why ? `${collection}.${id}: ${why}` : undefined;
}

/** Why a top-level value is unusable, or undefined (checks every record of a collection). */
export function topLevelProblem(key: string, v: unknown): string | undefined {
  if (forbiddenKey(key)) return `it holds the key "${key}"`;
  switch (key) {
    case 'rev':
      return isStr(v) ? undefined : `rev is ${describe(v)}`;
    case 'version':
      return v === 1 ? undefined : `unsupported version ${JSON.stringify(v)} (expected 1)`;
    case 'createdAt':
      return isStr(v) ? undefined : `createdAt is ${describe(v)}, not a time`;
    case 'clockOffsetMs':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `clockOffsetMs is ${describe(v)}, not a number`;
      if (Date.now() + v > MAX_SIM_TIME_MS || Date.now() + v < 0) return `clockOffsetMs ${v} puts the simulated clock outside the years 1970 to 9999`;
      return undefined;
  }
  if (key === 'settings' || RECORD_COLLECTIONS.has(key)) {
    if (!isPlainObject(v)) return `${key} is ${describe(v)}, not an object keyed by ID`;
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return `${key} holds the record ID "__proto__"`;
    const ids = Object.keys(v);
    if (key === 'settings') {
      for (let i = 0; i < ids.length; i++) if (typeof v[ids[i]!] !== 'string') return recordProblem(key, ids[i]!, v[ids[i]!]);
      return undefined;
    }
    const check = RECORD_CHECKS.get(key);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const rec = v[id];
      // JSON.parse makes only plain objects and arrays: an object that is not an array is a record.
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return recordProblem(key, id, rec);
      const why = check?.(rec as Record<string, any>, id);
      if (why) return `${key}.${id}: ${why}`;
    }
    return undefined;
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, '__proto__')) return `${key} holds the key "__proto__"`;
  return undefined;
}

/** Why a loaded state is unusable, or undefined. Fills in missing standard collections. */
export function stateProblem(doc: unknown): string | undefined {
  if (!isPlainObject(doc)) return `it holds ${describe(doc)}, not a state object`;
  if (Object.prototype.hasOwnProperty.call(doc, '__proto__')) return 'it holds the key "__proto__"';
  for (const k in doc) {
    const why = topLevelProblem(k, doc[k]);
    if (why) return why;
  }
  return undefined;
}

/** Missing standard keys (a hand-written or older file) get their empty values, in place. */
export function fillDefaults(state: Record<string, unknown>): void {
  const base = emptyState(new Date(0)) as Record<string, unknown>;
  for (const k in base) {
    if (k === 'createdAt' || k === 'version') continue;
    if (state[k] === undefined) state[k] = base[k];
  }
}
