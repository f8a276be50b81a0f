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
