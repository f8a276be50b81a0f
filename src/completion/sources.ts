// Resource candidates for completion, from the resource descriptors (src/resources/): the
// Describe action, its paging, the ID, label and status fields. A resource works as soon as
// its descriptor is registered and its action exists in the backend (an unknown action
// yields nothing). Results are cached in $XDG_CACHE_HOME/ecs/<profile>/<region>/<name>.json
// for a few minutes; on a miss one bounded fetch is made. Any failure means no candidates:
// completion never prompts and never writes to stderr.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawApi } from '../api/types.js';
import { cacheDir, resolveConfig, simulatorDir, type ConfigFlags, type ResolvedConfig } from '../core/config.js';
import { resourceNamed } from '../resources/index.js';
import type { AnyResource } from '../resources/types.js';

export type Candidate = [value: string, description?: string, status?: string];

export const CACHE_TTL_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 1500;
const MAX_PAGES = 5;

interface CacheFile {
  fetchedAt: number;
  /** Which backend answered: a different one makes the entry a miss. */
  backend: string;
  /** The embedded simulator's store version when fetched (Store.version()): a change is a miss. */
  storeVersion?: string;
  items: Candidate[];
}

export function cachePath(env: NodeJS.ProcessEnv, cfg: Pick<ResolvedConfig, 'profileName' | 'region'>, name: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+$/, '_');
  return join(cacheDir(env), safe(cfg.profileName), safe(cfg.region), `${safe(name)}.json`);
}

function backendKey(cfg: ResolvedConfig, env: NodeJS.ProcessEnv): string {
  return cfg.backend === 'simulator' ? `simulator:${simulatorDir(env)}` : `remote:${cfg.endpoint ?? ''}:${cfg.accessKeyId ?? ''}`;
}

/** The simulator store's version (the store says; completion knows nothing of its files). */
async function storeVersion(cfg: ResolvedConfig, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (cfg.backend !== 'simulator') return undefined;
  try {
    const { Store } = await import('../simulator/store.js');
    return new Store(simulatorDir(env)).version();
  } catch {
    return undefined;
  }
}

async function readCache(env: NodeJS.ProcessEnv, cfg: ResolvedConfig, name: string, now: number): Promise<Candidate[] | undefined> {
  try {
    const c = JSON.parse(readFileSync(cachePath(env, cfg, name), 'utf8')) as CacheFile;
    if (c.backend !== backendKey(cfg, env) || !Array.isArray(c.items)) return undefined;
    if (now - c.fetchedAt > CACHE_TTL_MS || c.fetchedAt > now) return undefined;
    // The embedded simulator's state changed since: the cached list may be stale.
    if (cfg.backend === 'simulator' && c.storeVersion !== (await storeVersion(cfg, env))) return undefined;
    return c.items;
  } catch {
    return undefined;
  }
}

/** Store candidates (list verbs use it too, to keep completion fresh). Never throws. */
export async function writeCache(env: NodeJS.ProcessEnv, cfg: ResolvedConfig, name: string, items: Candidate[], now = Date.now()): Promise<void> {
  try {
    const path = cachePath(env, cfg, name);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const body: CacheFile = { fetchedAt: now, backend: backendKey(cfg, env), storeVersion: await storeVersion(cfg, env), items };
    writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // a cache is optional
  }
}

function getPath(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const p of path.split('.')) cur = cur == null || !Object.hasOwn(cur, p) ? undefined : cur[p];
  return cur;
}

/** Candidates from a list of API items: the ID, its label (a name) and its status. */
export function candidatesOf(items: unknown, d: AnyResource): Candidate[] {
  if (!Array.isArray(items)) return [];
  const out: Candidate[] = [];
  for (const it of items) {
    if (it === null || typeof it !== 'object') continue;
    const rec = it as Record<string, unknown>;
    const id = rec[d.idField];
    if (typeof id !== 'string' || id === '') continue;
    const l = d.completion?.label ? d.completion.label(rec) : d.nameField ? rec[d.nameField] : undefined;
    const label = typeof l === 'string' && l !== id ? l : '';
    const status = d.statusField ? rec[d.statusField] : undefined;
    if (typeof status === 'string' && status !== '') out.push([id, label, status]);
    else out.push(label ? [id, label] : [id]);
  }
  return out;
}

type Caller = (action: string, params: Record<string, unknown>) => Promise<unknown>;

/** Every page (bounded to MAX_PAGES) of a resource's Describe action through `call`. */
export async function fetchAll(call: Caller, d: AnyResource, region: string): Promise<Candidate[]> {
  const items: Candidate[] = [];
  const paging = d.describe.paging;
  const base: Record<string, unknown> = { ...(d.describe.regional ? { RegionId: region } : {}), ...(d.describe.params ?? {}) };
  let nextToken: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const params = { ...base };
    if (paging.style === 'page') Object.assign(params, { PageNumber: page, PageSize: paging.pageSize });
    if (paging.style === 'token') Object.assign(params, { MaxResults: paging.pageSize, NextToken: nextToken });
    const res = (await call(d.describe.action, params)) as Record<string, unknown>;
    const got = candidatesOf(getPath(res, d.describe.itemPath), d);
    items.push(...got);
    if (paging.style === 'none') break;
    if (paging.style === 'token') {
      nextToken = typeof res?.NextToken === 'string' && res.NextToken !== '' ? res.NextToken : undefined;
      if (!nextToken) break;
      continue;
    }
    const total = Number(res?.TotalCount);
    if (got.length < paging.pageSize || !Number.isFinite(total) || items.length >= total) break;
  }
  return items;
}

/**
 * For list verbs: remember the items a full (unfiltered) list just returned, so the next TAB
 * needs no fetch (reference/cli-conventions.md §4.4). Never throws.
 */
export async function rememberForCompletion(env: NodeJS.ProcessEnv, flags: ConfigFlags, d: AnyResource, apiItems: unknown[]): Promise<void> {
  await rememberCandidates(env, flags, d, candidatesOf(apiItems, d));
}

/** The same, from candidates already taken out of the items (candidatesOf), page by page. */
export async function rememberCandidates(env: NodeJS.ProcessEnv, flags: ConfigFlags, d: AnyResource, cands: Candidate[]): Promise<void> {
  const cfg = configFor(flags, env);
  if (!cfg) return;
  await writeCache(env, cfg, d.name, cands);
}

/** The resolved config for a command line's flags, or undefined when it cannot be resolved. */
export function configFor(flags: ConfigFlags, env: NodeJS.ProcessEnv): ResolvedConfig | undefined {
  try {
    return resolveConfig(flags, env);
  } catch {
    return undefined;
  }
}

/** Candidates of a resource (by descriptor name): cache, else one bounded fetch from the active backend; [] on any failure. */
export async function candidates(name: string, flags: ConfigFlags, env: NodeJS.ProcessEnv): Promise<Candidate[]> {
  const d = resourceNamed(name);
  if (!d) return [];
  const cfg = configFor(flags, env);
  if (!cfg) return [];
  const now = Date.now();
  const cached = await readCache(env, cfg, name, now);
  if (cached) return cached;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { Context } = await import('../core/context.js');
    const { nullIO } = await import('./null-io.js');
    const ctx = new Context(nullIO(), { ...flags, input: false, quiet: true }, env);
    const work = (async () => {
      const api = (await ctx.api()) as unknown as RawApi;
      try {
        return await fetchAll((action, params) => api.call(action, params, { signal: ctx.abort.signal }), d, cfg.region);
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
    await writeCache(env, cfg, name, items, now);
    return items;
  } catch {
    return [];
  } finally {
    if (timer) clearTimeout(timer);
  }
}
