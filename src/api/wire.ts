// Wire encoding of RPC parameters shared by the remote client, the served simulator and
// the embedded simulator (which receives exactly what the server would receive).

import type { ApiParams, ApiValue } from './types.js';

function put(out: Record<string, string>, key: string, v: ApiValue): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => put(out, `${key}.${i + 1}`, x));
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) put(out, `${key}.${k}`, x);
    return;
  }
  out[key] = String(v);
}

/** {A:[1,2], B:{C:'x'}, D:[{E:1}]} → {"A.1":"1","A.2":"2","B.C":"x","D.1.E":"1"} */
export function flattenParams(params: ApiParams | undefined): Record<string, string> {
  // Null-prototype: a key taken from user data ("__proto__") stays a plain entry.
  const out = Object.create(null) as Record<string, string>;
  if (!params) return out;
  for (const [k, v] of Object.entries(params)) put(out, k, v);
  return out;
}

/** RFC 3986 percent-encoding as the ECS signatures need it (space → %20, * → %2A, ~ kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
