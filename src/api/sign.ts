// Request signatures of the ECS OpenAPI, shared by the remote client (signing) and the
// served simulator (verifying): V1 HMAC-SHA1 over the canonicalized parameters, and V3
// ACS3-HMAC-SHA256 over a canonical request. Reference: ecs-openapi-protocol.md §1.4/§1.5.

import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './wire.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Sort keys by UTF-16 code unit order (= byte order for the ASCII names the API uses). */
function sortedKeys(o: Record<string, string>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** key=value&… with both sides percent-encoded, keys sorted; Signature excluded (V1). */
export function canonicalQuery(params: Record<string, string>, exclude?: string): string {
  return sortedKeys(params)
    .filter((k) => k !== exclude)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

/** V1 string to sign: METHOD&%2F&enc(canonicalized query). */
export function v1StringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params, 'Signature'))}`;
}

/** V1 signature: Base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function v1Signature(method: string, params: Record<string, string>, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(v1StringToSign(method, params), 'utf8').digest('base64');
}

// crypto.hash (Node ≥ 20.12): a one-shot digest without a Hash object per call.
const oneShot = (crypto as { hash?: (alg: string, data: string | Buffer, enc: 'hex') => string }).hash;

export function sha256Hex(data: string | Buffer): string {
  return oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

/** Header names a V3 signature covers: host, content-type and every x-acs-* header. */
export function isSignedHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'host' || n === 'content-type' || n.startsWith('x-acs-');
}

export interface V3Input {
  method: string;
  /** Canonical URI, "/" for RPC. */
  path?: string;
  query: Record<string, string>;
  /** Lower-case names; only the signed ones are used. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (the x-acs-content-sha256 header). */
  payloadHash: string;
  /** Names to sign, lower case; default: every signable header present. */
  signedHeaders?: string[];
}

export function v3CanonicalRequest(i: V3Input): { canonical: string; signedHeaders: string } {
  const names = (i.signedHeaders ?? Object.keys(i.headers).filter(isSignedHeader)).map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(i.headers[n] ?? '').trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [i.method.toUpperCase(), i.path ?? '/', canonicalQuery(i.query), canonicalHeaders, signedHeaders, i.payloadHash].join('\n');
  return { canonical, signedHeaders };
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** The V3 signature and the Authorization header value. */
export function v3Sign(i: V3Input, accessKeyId: string, secret: string): { signature: string; signedHeaders: string; authorization: string; stringToSign: string } {
  const { canonical, signedHeaders } = v3CanonicalRequest(i);
  const stringToSign = v3StringToSign(canonical);
  const signature = createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
  return {
    signature,
    signedHeaders,
    stringToSign,
    authorization: `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

/** Parse "ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…"; undefined if malformed. */
export function parseV3Authorization(value: string): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const parts: Record<string, string> = Object.create(null);
  for (const p of m[1]!.split(',')) {
    const i = p.indexOf('=');
    if (i > 0) parts[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) return undefined;
  return { accessKeyId: parts.Credential, signedHeaders: parts.SignedHeaders.split(';').map((s) => s.trim().toLowerCase()).filter(Boolean), signature: parts.Signature };
}

/** Timestamp in the API's format: 2016-02-23T12:46:24Z. */
export function isoSeconds(d: Date = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let r = 0;
  for (let i = 0; i < a.length; i++) r |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return r === 0;
}
