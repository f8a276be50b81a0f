// Reading resources through their descriptor: every page of the Describe action, or the
// items with given IDs (in the order asked, chunked to the action's limit), with the
// resource's own NotFound code for IDs that do not exist.

import type { ApiParams, ApiResponse, EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import type { AnyResource } from '../../resources/types.js';

/** The untyped entry of the API for the generic code (descriptors checked the names). */
type RawCall = (action: string, params: ApiParams, opts?: { signal?: AbortSignal }) => Promise<ApiResponse>;
export function rawCall(api: EcsApi): RawCall {
  return api.call.bind(api) as unknown as RawCall;
}

export interface ListOptions {
  /** Stop after this many items. */
  limit?: number;
}

/**
 * The items of one answer, or an error naming the action when the answer has the wrong shape
 * (a 200 that is not `{ Container: { Item: [...] } }` is not an empty list).
 */
function itemsOf<T>(d: AnyResource, res: ApiResponse): T[] {
  const [container, list] = d.describe.itemPath.split('.') as [string, string];
  const bad = (what: string) => new CliError(`${d.describe.action} answered with an unexpected shape (${what})`, { code: 'InvalidResponse' });
  if (res === null || typeof res !== 'object' || Array.isArray(res)) throw bad('not an object');
  const outer = (res as Record<string, unknown>)[container];
  if (outer === null || typeof outer !== 'object' || Array.isArray(outer)) throw bad(`${container} is not an object`);
  const v = (outer as Record<string, unknown>)[list];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw bad(`${d.describe.itemPath} is not a list`);
  return v as T[];
}

function baseParams(ctx: Context, d: AnyResource, params: ApiParams): Record<string, unknown> {
  return { ...(d.describe.regional ? { RegionId: ctx.region } : {}), ...(d.describe.params ?? {}), ...params };
}

/**
 * Every page of the Describe action with these filters, each page's items handed to `onPage`
 * as it arrives (a listing that writes as it goes keeps no page it has written). `limit`
 * stops after that many items (the last page handed over may go beyond it).
 */
export async function eachPage<T = any>(ctx: Context, api: EcsApi, d: AnyResource, params: ApiParams, onPage: (items: T[]) => void, o: ListOptions = {}): Promise<void> {
  const call = rawCall(api);
  const p = baseParams(ctx, d, params);
  const signal = ctx.abort.signal;
  let seen = 0;
  const done = () => o.limit !== undefined && seen >= o.limit;
  const take = (items: T[]) => {
    seen += items.length;
    onPage(items);
  };
  const paging = d.describe.paging;
  if (paging.style === 'none') {
    take(itemsOf<T>(d, await call(d.describe.action, p, { signal })));
  } else if (paging.style === 'token') {
    const tokens = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const res = await call(d.describe.action, { ...p, MaxResults: paging.pageSize, NextToken: token }, { signal });
      take(itemsOf<T>(d, res));
      token = typeof res.NextToken === 'string' && res.NextToken !== '' ? res.NextToken : undefined;
      if (!token || tokens.has(token) || done()) break;
      tokens.add(token);
    }
  } else {
    for (let page = 1; ; page++) {
      const res = await call(d.describe.action, { ...p, PageNumber: page, PageSize: paging.pageSize }, { signal });
      const got = itemsOf<T>(d, res);
      take(got);
      const total = Number(res.TotalCount ?? 0);
      if (got.length === 0 || got.length < paging.pageSize || seen >= total || done()) break;
    }
  }
}

/** Every page of the Describe action with these filters. */
export async function listAll<T = any>(ctx: Context, api: EcsApi, d: AnyResource, params: ApiParams = {}, o: ListOptions = {}): Promise<T[]> {
  const out: T[] = [];
  await eachPage<T>(ctx, api, d, params, (items) => {
    for (const x of items) out.push(x);
  }, o);
  return o.limit !== undefined ? out.slice(0, o.limit) : out;
}

/** Split a list into chunks (APIs take at most N IDs per call). */
export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** The items with these IDs, keyed by ID (a Map: IDs are untrusted strings). Missing IDs are absent. */
export async function itemsById<T = any>(ctx: Context, api: EcsApi, d: AnyResource, ids: string[], filters: ApiParams = {}): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const map = new Map<string, T>();
  const by = d.describe.byIds;
  const keep = (items: T[]) => {
    for (const it of items) {
      const id = (it as Record<string, unknown>)[d.idField];
      if (typeof id === 'string' && unique.includes(id)) map.set(id, it);
    }
  };
  const extra = { ...(d.describe.byIdsParams ?? {}), ...filters };
  if (by.style === 'client') {
    keep(await listAll<T>(ctx, api, d, extra));
  } else if (by.style === 'single') {
    for (const id of unique) keep(await listAll<T>(ctx, api, d, { ...extra, [by.param]: id }));
  } else {
    for (const part of chunks(unique, by.max)) {
      const value = by.style === 'json' ? JSON.stringify(part) : by.style === 'comma' ? part.join(',') : part;
      keep(await listAll<T>(ctx, api, d, { ...extra, [by.param]: value }));
    }
  }
  return map;
}

/** The resource's NotFound error for these IDs. */
export function notFound(ctx: Context, d: AnyResource, ids: string[]): CliError {
  const where = d.describe.regional ? ` in region ${ctx.region}` : '';
  return new CliError(
    ids.length === 1 ? `${d.noun} ${ids[0]} does not exist${where}` : `${d.plural} ${ids.join(', ')} do not exist${where}`,
    { code: d.errors.notFound },
  );
}

/** The items with these IDs in the order asked; any unknown ID is the resource's NotFound error. */
export async function fetchByIds<T = any>(ctx: Context, api: EcsApi, d: AnyResource, ids: string[]): Promise<T[]> {
  const found = await itemsById<T>(ctx, api, d, ids);
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw notFound(ctx, d, missing);
  return unique.map((id) => found.get(id)!);
}

/** One item by ID (the resource's NotFound error otherwise). */
export async function fetchOne<T = any>(ctx: Context, api: EcsApi, d: AnyResource, id: string): Promise<T> {
  return (await fetchByIds<T>(ctx, api, d, [id]))[0]!;
}

/** The ID of an item. */
export function idOf(d: AnyResource, item: unknown): string {
  return String((item as Record<string, unknown>)[d.idField] ?? '');
}

/** The status of an item ('' when the resource has none). */
export function statusOf(d: AnyResource, item: unknown): string {
  return d.statusField ? String((item as Record<string, unknown>)[d.statusField] ?? '') : '';
}
