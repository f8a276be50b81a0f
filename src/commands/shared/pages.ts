// Fetch every page of a Describe* action and merge the items (the JSON contract: a list
// verb prints all pages). Uses MaxResults + NextToken where the action has it (one pass,
// no counting), PageNumber/PageSize otherwise.

import type { ApiParams, ApiResponse, EcsApi } from '../../api/types.js';
import { getPath } from '../../core/output.js';

export interface ListAllOptions {
  action: string;
  params: ApiParams;
  /** Where the items are: "Instances.Instance". */
  itemsPath: string;
  /** 'token': MaxResults/NextToken; 'page': PageNumber/PageSize. */
  paging: 'token' | 'page';
  pageSize?: number;
  signal?: AbortSignal;
  /** Stop after this many items (none: all). */
  limit?: number;
}

export async function listAll<T = Record<string, any>>(api: EcsApi, o: ListAllOptions): Promise<T[]> {
  const size = o.pageSize ?? 100;
  const out: T[] = [];
  const items = (res: ApiResponse) => (getPath(res, o.itemsPath) as T[] | undefined) ?? [];
  if (o.paging === 'token') {
    let token: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const res = await api.call(o.action, { ...o.params, MaxResults: size, NextToken: token }, { signal: o.signal });
      out.push(...items(res));
      token = res.NextToken || undefined;
      if (!token || seen.has(token) || (o.limit !== undefined && out.length >= o.limit)) break;
      seen.add(token);
    }
  } else {
    for (let page = 1; ; page++) {
      const res = await api.call(o.action, { ...o.params, PageNumber: page, PageSize: size }, { signal: o.signal });
      const got = items(res);
      out.push(...got);
      const total = Number(res.TotalCount ?? 0);
      if (got.length === 0 || got.length < size || out.length >= total || (o.limit !== undefined && out.length >= o.limit)) break;
    }
  }
  return o.limit !== undefined ? out.slice(0, o.limit) : out;
}

/** Split a list into chunks (APIs take at most 100 IDs per call). */
export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
