// Resource candidates for completion, described by the ECS API action that lists them, so a
// resource works as soon as its Describe action exists in the backend (an unknown action
// yields nothing). Results are cached in $XDG_CACHE_HOME/ecs/<profile>/<region>/<kind>.json
// for a few minutes; on a miss one bounded fetch is made. Any failure means no candidates:
// completion never prompts and never writes to stderr.

import { readdirSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, resolveConfig, simulatorDir, type ConfigFlags, type ResolvedConfig } from '../core/config.js';

export interface Source {
  action: string;
  /** Path of the item list in the response, e.g. "Instances.Instance". */
  list: string;
  id: string;
  /** Field shown as the candidate's description. */
  label?: string;
  /** Status field, kept so verbs can offer only what they act on (stop → Running). */
  status?: string;
  /** Extra request parameters. */
  params?: Record<string, string | number>;
  /** The action pages with PageNumber/PageSize (otherwise NextToken, when the response has one). */
  paged?: boolean;
}

export const SOURCES = {
  instances: { action: 'DescribeInstances', list: 'Instances.Instance', id: 'InstanceId', label: 'InstanceName', status: 'Status', paged: true },
  images: { action: 'DescribeImages', list: 'Images.Image', id: 'ImageId', label: 'ImageName', paged: true },
  keypairs: { action: 'DescribeKeyPairs', list: 'KeyPairs.KeyPair', id: 'KeyPairName', paged: true },
  'security-groups': { action: 'DescribeSecurityGroups', list: 'SecurityGroups.SecurityGroup', id: 'SecurityGroupId', label: 'SecurityGroupName', paged: true },
  disks: { action: 'DescribeDisks', list: 'Disks.Disk', id: 'DiskId', label: 'DiskName', status: 'Status', paged: true },
  snapshots: { action: 'DescribeSnapshots', list: 'Snapshots.Snapshot', id: 'SnapshotId', label: 'SnapshotName', paged: true },
  'snapshot-policies': { action: 'DescribeAutoSnapshotPolicyEx', list: 'AutoSnapshotPolicies.AutoSnapshotPolicy', id: 'AutoSnapshotPolicyId', label: 'AutoSnapshotPolicyName', paged: true },
  // LocalName in English, as `ecs region list` and `ecs zone list` print it (the API's default is Chinese).
  regions: { action: 'DescribeRegions', list: 'Regions.Region', id: 'RegionId', label: 'LocalName', params: { AcceptLanguage: 'en-US' } },
  zones: { action: 'DescribeZones', list: 'Zones.Zone', id: 'ZoneId', label: 'LocalName', params: { AcceptLanguage: 'en-US' } },
  'instance-types': { action: 'DescribeInstanceTypes', list: 'InstanceTypes.InstanceType', id: 'InstanceTypeId', label: 'InstanceTypeFamily' },
} satisfies Record<string, Source>;

export type Kind = keyof typeof SOURCES;
export type Candidate = [value: string, description?: string, status?: string];

export const CACHE_TTL_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 1500;
const MAX_PAGES = 5;
const PAGE_SIZE = 100;

interface CacheFile {
  fetchedAt: number;
  /** Which backend answered: a different one makes the entry a miss. */
  backend: string;
  items: Candidate[];
}

export function cachePath(env: NodeJS.ProcessEnv, cfg: Pick<ResolvedConfig, 'profileName' | 'region'>, kind: Kind): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+$/, '_');
  return join(cacheDir(env), safe(cfg.profileName), safe(cfg.region), `${kind}.json`);
}

function backendKey(cfg: ResolvedConfig, env: NodeJS.ProcessEnv): string {
  return cfg.backend === 'simulator' ? `simulator:${simulatorDir(env)}` : `remote:${cfg.endpoint ?? ''}:${cfg.accessKeyId ?? ''}`;
}

/** Newest change to the simulator's store: its snapshot or the journal appended to since. */
function storeMtimeMs(dir: string): number {
  let newest = mtimeMs(join(dir, 'state.json'));
  try {
    for (const f of readdirSync(dir)) if (f.startsWith('journal-')) newest = Math.max(newest, mtimeMs(join(dir, f)));
  } catch {
    /* no store yet */
  }
  return newest;
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readCache(env: NodeJS.ProcessEnv, cfg: ResolvedConfig, kind: Kind, now: number): Candidate[] | undefined {
  try {
    const c = JSON.parse(readFileSync(cachePath(env, cfg, kind), 'utf8')) as CacheFile;
    if (c.backend !== backendKey(cfg, env) || !Array.isArray(c.items)) return undefined;
    if (now - c.fetchedAt > CACHE_TTL_MS || c.fetchedAt > now) return undefined;
    // The embedded simulator's state changed since: the cached list may be stale.
    if (cfg.backend === 'simulator' && storeMtimeMs(simulatorDir(env)) > c.fetchedAt) return undefined;
    return c.items;
  } catch {
    return undefined;
  }
}

/** Store candidates (also usable by list verbs to keep completion fresh). Never throws. */
export function writeCache(env: NodeJS.ProcessEnv, cfg: ResolvedConfig, kind: Kind, items: Candidate[], now = Date.now()): void {
  try {
    const path = cachePath(env, cfg, kind);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const body: CacheFile = { fetchedAt: now, backend: backendKey(cfg, env), items };
    writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // a cache is optional
  }
}

function getPath(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const p of path.split('.')) cur = cur == null ? undefined : cur[p];
  return cur;
}

/** Candidates from one response. */
export function extract(res: unknown, src: Source): Candidate[] {
  const list = getPath(res, src.list);
  if (!Array.isArray(list)) return [];
  const out: Candidate[] = [];
  for (const it of list) {
    const id = it?.[src.id];
    if (typeof id !== 'string' || id === '') continue;
    const l = src.label ? it[src.label] : undefined;
    const label = typeof l === 'string' && l !== id ? l : '';
    const status = src.status ? it[src.status] : undefined;
    if (typeof status === 'string' && status !== '') out.push([id, label, status]);
    else out.push(label ? [id, label] : [id]);
  }
  return out;
}

type Caller = (action: string, params: Record<string, string | number>) => Promise<unknown>;

/** Every page (bounded) of a source through `call`. */
export async function fetchAll(call: Caller, src: Source): Promise<Candidate[]> {
  const items: Candidate[] = [];
  let nextToken: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const params: Record<string, string | number> = { ...src.params };
    if (src.paged) {
      params.PageSize = PAGE_SIZE;
      params.PageNumber = page;
    }
    if (nextToken) params.NextToken = nextToken;
    const res = (await call(src.action, params)) as Record<string, unknown>;
    const got = extract(res, src);
    items.push(...got);
    const total = Number(res?.TotalCount);
    nextToken = typeof res?.NextToken === 'string' && res.NextToken !== '' ? res.NextToken : undefined;
    if (nextToken) continue;
    if (!src.paged || got.length < PAGE_SIZE || !Number.isFinite(total) || items.length >= total) break;
  }
  return items;
}

/**
 * For list verbs: remember the items a full (unfiltered) list just returned, so the next TAB
 * needs no fetch (reference/cli-conventions.md §4.4). Never throws.
 */
export function rememberForCompletion(env: NodeJS.ProcessEnv, flags: ConfigFlags, kind: Kind, apiItems: unknown[]): void {
  const cfg = configFor(flags, env);
  if (!cfg) return;
  const src: Source = SOURCES[kind];
  writeCache(env, cfg, kind, extract(setPath(src.list, apiItems), src));
}

function setPath(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((acc, key) => ({ [key]: acc }), value) as Record<string, unknown>;
}

/** The resolved config for a command line's flags, or undefined when it cannot be resolved. */
export function configFor(flags: ConfigFlags, env: NodeJS.ProcessEnv): ResolvedConfig | undefined {
  try {
    return resolveConfig(flags, env);
  } catch {
    return undefined;
  }
}

/** Candidates of a kind: cache, else one bounded fetch from the active backend; [] on any failure. */
export async function candidates(kind: Kind, flags: ConfigFlags, env: NodeJS.ProcessEnv): Promise<Candidate[]> {
  const cfg = configFor(flags, env);
  if (!cfg) return [];
  const now = Date.now();
  const cached = readCache(env, cfg, kind, now);
  if (cached) return cached;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { Context } = await import('../core/context.js');
    const { nullIO } = await import('./null-io.js');
    const ctx = new Context(nullIO(), { ...flags, input: false, quiet: true }, env);
    const work = (async () => {
      const api = await ctx.api();
      try {
        return await fetchAll((action, params) => api.call(action, params, { signal: ctx.abort.signal }), SOURCES[kind]);
      } finally {
        await ctx.close();
      }
    })();
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        ctx.abort.abort();
        resolve(undefined);
      }, FETCH_TIMEOUT_MS);
      timer.unref();
    });
    const items = await Promise.race([work, timeout]);
    work.catch(() => undefined);
    if (!items) return [];
    writeCache(env, cfg, kind, items, now);
    return items;
  } catch {
    return [];
  } finally {
    if (timer) clearTimeout(timer);
  }
}
