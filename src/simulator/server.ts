// `ecs simulator serve`: the simulator behind the real ECS OpenAPI wire protocol.
//
//   wire (GET/POST, query + x-www-form-urlencoded body) → gateway checks (signature V1 or
//   V3, credentials, timestamp window, nonce reuse, Action/Version) → faults (throttle,
//   fail-rate, latency) → Simulator.dispatch (the same code the embedded backend runs)
//   → JSON response or the real JSON error shape {RequestId, HostId, Code, Message, Recommend}.
//
// Decisions where the reference is silent (see the report / COMMANDS.md):
//  - Unknown parameters are ignored, as the POP gateway passes only declared ones on.
//  - Responses are always JSON (Format=XML is not implemented; every SDK asks for JSON).
//  - A body over MAX_BODY_BYTES gets HTTP 413 RequestEntityTooLarge and the connection closes.
//  - Mutations are group-committed: mutations that arrive while one is being written run
//    one after another on the same loaded state and are persisted with one write + fsync
//    (Store.mutateBatched, src/simulator/store.ts). Each answer is sent only after its write is durable; a mutation
//    that fails is dropped from its batch and the rest re-run without it, so the result is
//    exactly that of running them one by one. The store lock still serialises processes.
//  - Read-only answers are cached per (action, parameters) while the store is unchanged
//    (inode/size/mtime) for at most READ_CACHE_MS, so time-driven transitions show up at
//    most that late; only the RequestId differs between cached answers.

import { statSync } from 'node:fs';
import { crc32, gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, CliError } from '../core/errors.js';
import { API_VERSION, isReadOnlyAction, REGION_REQUIRED } from '../api/protocol.js';
import { EMPTY_SHA256, parseV3Authorization, safeEqual, sha256Hex, v1Signature, v1StringToSign, v3CanonicalRequest, v3Sign, v3StringToSign } from '../api/sign.js';
import { newRequestId } from './ids.js';
import { nullObject } from './own.js';
import { Simulator } from './simulator.js';
import type { SimState } from './state.js';
import type { Store } from './store.js';

export const MAX_BODY_BYTES = 1024 * 1024;
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
export const READ_CACHE_MS = 200;
/** How long one probe of the store's version serves (see SimulatorServer.stateKey). */
export const PROBE_MS = 2;

/**
 * A gzip member holding `data` uncompressed (one stored deflate block, ≤ 65535 bytes): the
 * per-request head (with its RequestId) is sent this way in front of the cached, compressed
 * rest of the answer — a multi-member gzip body, which gunzip reads as one text.
 */
function storedGzipMember(data: Buffer): Buffer {
  const len = data.length;
  const head = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1, len & 255, (len >> 8) & 255, ~len & 255, (~len >> 8) & 255]);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data) >>> 0, 0);
  tail.writeUInt32LE(len, 4);
  return Buffer.concat([head, data, tail]);
}

const EMPTY = Buffer.alloc(0);

/** Answers shorter than this are sent uncompressed. */
const GZIP_MIN = 4096;

/** Read-only actions whose answers must not be reused (fresh URLs, one-time data). */
const UNCACHEABLE = new Set(['DescribeInstanceVncUrl', 'DescribeUserData']);

export interface ServedCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, requests must carry this STS token. */
  securityToken?: string;
}

export interface Faults {
  /** Requests per second before Throttling.User (0 = unlimited). */
  throttle?: number;
  /** Added delay per request, ms. */
  latency?: number;
  /** Fraction 0..1 of requests answered 503 ServiceUnavailable. */
  failRate?: number;
}

export interface ServerOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  host: string;
  port: number;
  credentials: ServedCredentials;
  /** Flags; each one set overrides the simulator setting of the same name. */
  faults?: Faults;
  defaultRegion?: string;
  /** Talk (stderr). */
  log?: (line: string) => void;
  /** Called as each request arrives, with its number (--debug; tests wait on it, not on time). */
  onRequest?: (n: number) => void;
  /** Injectable for tests. */
  random?: () => number;
  /** Clock of the throttle's token bucket (tests: a fixed clock, so no refill happens by chance). */
  now?: () => number;
}

/** V1 common parameters: not passed on to the action. */
const V1_COMMON = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'SignatureType', 'Timestamp', 'SecurityToken']);

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

class GatewayError extends ApiError {}
const gw = (code: string, message: string, status = 400) => new GatewayError(code, message, status);

function parseForm(s: string, out: Record<string, string>): void {
  if (!s) return;
  for (const part of s.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    const v = i < 0 ? '' : part.slice(i + 1);
    let dk: string;
    let dv: string;
    try {
      dk = decodeURIComponent(k.replace(/\+/g, ' '));
      dv = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw gw('InvalidParameter', `The request contains a malformed percent-encoding near "${part.slice(0, 40)}".`);
    }
    out[dk] = dv;
  }
}

/** Token bucket (capacity = one second's worth) that tells rejected clients when to come back, spread out. */
export class Throttle {
  private tokens: number;
  private last: number;
  private nextHint = 0;
  constructor(private rps: number, private now = () => Date.now()) {
    this.tokens = Math.max(1, rps);
    this.last = this.now();
  }
  setRate(rps: number): void {
    if (rps !== this.rps) {
      // Switching throttling on starts with a full bucket (one second's worth).
      this.tokens = this.rps <= 0 ? Math.max(1, rps) : Math.min(this.tokens, Math.max(1, rps));
      this.last = this.now();
      this.rps = rps;
    }
  }
  /** 0 when admitted, else the retry-after in ms. */
  take(): number {
    if (this.rps <= 0) return 0;
    const t = this.now();
    const cap = Math.max(1, this.rps);
    this.tokens = Math.min(cap, this.tokens + ((t - this.last) * this.rps) / 1000);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    const interval = 1000 / this.rps;
    const untilToken = ((1 - this.tokens) * 1000) / this.rps;
    // Each rejected client gets its own slot so they do not all return at the same instant.
    this.nextHint = Math.max(this.nextHint, t + untilToken);
    const wait = Math.ceil(this.nextHint - t);
    this.nextHint += interval;
    if (this.nextHint - t > 60_000) this.nextHint = t + 60_000;
    return Math.max(1, wait);
  }
}

export class SimulatorServer {
  readonly simulator: Simulator;
  private server?: Server;
  private readonly nonces = new Map<string, number>();
  private lastPrune = 0;
  /** Read-only answers without their RequestId: the JSON text after the opening brace. */
  private readCache = new Map<string, { stateKey: string; at: number; rest: Buffer; gz?: Buffer }>();
  private inFlight = 0;
  private idle?: () => void;
  private closing = false;
  private throttle = new Throttle(0, () => (this.opts?.now ? this.opts.now() : Date.now()));
  readonly stats = { requests: 0, ok: 0, errors: 0, throttled: 0, injected: 0 };

  constructor(readonly opts: ServerOptions) {
    this.simulator = new Simulator({ dir: opts.dir, env: opts.env, defaultRegion: opts.defaultRegion, groupCommit: true });
  }

  async listen(): Promise<AddressInfo> {
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      this.handle(req, res).catch((e: Error) => {
        // Only a failure to write the answer gets here (the client went away): keep serving.
        this.opts.log?.(`cannot answer a request: ${e?.message ?? String(e)}`);
        res.destroy();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  /** Stop accepting, let in-flight requests finish (up to graceMs), close connections. */
  async close(graceMs = 10_000): Promise<void> {
    const server = this.server;
    if (!server || this.closing) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (this.idle = r));
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await drained;
    server.closeIdleConnections();
    await closed;
    clearTimeout(timer);
  }

  /**
   * The store's version (snapshot and journal), probed at most once every PROBE_MS: requests
   * within that window share one probe (five syscalls). Another process's write to the store
   * is seen at most PROBE_MS late; the probe is dropped after every answer that ran the
   * simulator, so a mutation made through this server is seen by the next request at once.
   */
  private probe?: string;
  private probedAt = 0;
  private stateKey(): string {
    const now = performance.now();
    if (this.probe === undefined || now - this.probedAt > PROBE_MS) {
      this.probe = this.simulator.store.version();
      this.probedAt = now;
    }
    return this.probe;
  }

  /** The fault settings, read from the store only when its version changed. */
  private faultSettings?: { key: string; settings: Record<string, string> };

  /** Effective faults: flags override the simulator settings throttle / latency / fail-rate. */
  private faults(): Required<Faults> {
    const f = this.opts.faults ?? {};
    let settings: Record<string, string> = {};
    if (f.throttle === undefined || f.latency === undefined || f.failRate === undefined) {
      const key = this.stateKey();
      if (this.faultSettings?.key !== key) {
        try {
          this.faultSettings = { key, settings: this.simulator.store.read().settings ?? {} };
        } catch {
          this.faultSettings = { key, settings: {} };
        }
      }
      settings = this.faultSettings.settings;
    }
    const num = (v: string | undefined) => {
      const n = Number(v);
      return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : 0;
    };
    return {
      throttle: f.throttle ?? num(settings.throttle),
      latency: f.latency ?? num(settings.latency),
      failRate: Math.min(1, f.failRate ?? num(settings['fail-rate'])),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.stats.requests++;
    this.opts.onRequest?.(this.stats.requests);
    const requestId = newRequestId();
    const hostId = req.headers.host ?? `${this.opts.host}:${this.opts.port}`;
    try {
      const { action, params } = await this.gateway(req);
      const faults = this.faults();
      this.throttle.setRate(faults.throttle);
      const wait = this.throttle.take();
      if (wait > 0) {
        this.stats.throttled++;
        throw Object.assign(gw('Throttling.User', 'Request was denied due to user flow control.', 400), { retryAfter: wait });
      }
      if (faults.failRate > 0 && (this.opts.random ?? Math.random)() < faults.failRate) {
        this.stats.injected++;
        throw gw('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 503);
      }
      if (faults.latency > 0) await new Promise((r) => setTimeout(r, faults.latency));
      // The model's required RegionId (issue 7 §4.4): the embedded backend always has a region,
      // a wire request must name it.
      const regionParam = REGION_REQUIRED.get(action);
      if (regionParam !== undefined && !params[regionParam]) {
        throw gw('MissingParameter', `The input parameter "${regionParam}" that is mandatory for processing this request is not supplied.`);
      }
      const cached = isReadOnlyAction(action) && !UNCACHEABLE.has(action) ? await this.cachedRead(action, params, requestId) : undefined;
      if (cached !== undefined) {
        this.stats.ok++;
        const head = Buffer.from(`{"RequestId":"${requestId}"${cached.rest.length > 1 ? ',' : ''}`);
        if (cached.rest.length >= GZIP_MIN && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          cached.gz ??= gzipSync(cached.rest, { level: 4 });
          this.sendJson(res, 200, Buffer.concat([storedGzipMember(head), cached.gz]), requestId, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
        } else {
          this.sendJson(res, 200, Buffer.concat([head, cached.rest]), requestId);
        }
      } else {
        const body = await this.simulator.dispatch(action, params, requestId);
        this.probe = undefined;
        this.stats.ok++;
        this.send(res, 200, body, requestId);
      }
    } catch (e) {
      this.stats.errors++;
      let err: ApiError;
      if (e instanceof ApiError) err = e;
      else if (e instanceof CliError && e.code === 'ServiceUnavailable') err = gw('ServiceUnavailable', e.message, 503);
      else {
        this.opts.log?.(`internal error on request ${requestId}: ${(e as Error)?.stack ?? String(e)}`);
        err = gw('InternalError', 'The request processing has failed due to some unknown error, exception or failure.', 500);
      }
      const rid = err.requestId ?? requestId;
      const headers: Record<string, string> = {};
      const retryAfter = (e as { retryAfter?: number }).retryAfter;
      if (retryAfter !== undefined) headers['x-acs-retry-after'] = String(retryAfter);
      if (err.code === 'RequestEntityTooLarge') headers.connection = 'close';
      const out: Record<string, unknown> = {
        RequestId: rid,
        HostId: hostId,
        Code: err.code,
        Message: err.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code ?? '')}&product=Ecs&requestId=${rid}`,
      };
      if (err.data && typeof err.data === 'object' && !Array.isArray(err.data)) Object.assign(out, err.data);
      this.send(res, err.httpStatus ?? 400, out, rid, headers);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.idle) {
        const f = this.idle;
        this.idle = undefined;
        f();
      }
    }
  }

  /** A read-only answer (without RequestId) from the cache, or dispatched and cached. */
  private async cachedRead(action: string, params: Record<string, string>, requestId: string): Promise<{ rest: Buffer; gz?: Buffer }> {
    const stateKey = this.stateKey(); // snapshot and journal
    const key = `${action}\n${Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')}`;
    const now = Date.now();
    const hit = this.readCache.get(key);
    if (hit && hit.stateKey === stateKey && now - hit.at <= READ_CACHE_MS) return hit;
    const { RequestId: _rid, ...body } = await this.simulator.dispatch(action, params, requestId);
    const entry = { stateKey, at: now, rest: Buffer.from(JSON.stringify(body).slice(1)) };
    if (this.readCache.size > 1000) this.readCache.clear();
    this.readCache.set(key, entry);
    return entry;
  }

  private send(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): void {
    this.sendJson(res, status, JSON.stringify(body), requestId, headers);
  }

  private sendJson(res: ServerResponse, status: number, text: string | Buffer, requestId: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-acs-request-id': requestId,
      ...(this.closing ? { connection: 'close' } : {}),
      ...headers,
    });
    res.end(text);
  }

  private readBody(req: IncomingMessage): Promise<Buffer> | Buffer {
    // Most RPC calls (V3 with the parameters in the query) have no body: no stream to wait for.
    if (req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined) {
      req.resume();
      return EMPTY;
    }
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES) {
        req.resume();
        return reject(gw('RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, 413));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on('data', (c: Buffer) => {
        if (failed) return;
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          failed = true;
          reject(gw('RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, 413));
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => failed || resolve(Buffer.concat(chunks)));
      req.on('error', (e) => failed || reject(gw('InvalidParameter', `The request body could not be read: ${e.message}`)));
    });
  }

  /** Parse and authenticate: the action and its (non-common) parameters, or a gateway error. */
  private async gateway(req: IncomingMessage): Promise<{ action: string; params: Record<string, string> }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const path = qi < 0 ? url : url.slice(0, qi);
    const rawQuery = qi < 0 ? '' : url.slice(qi + 1);
    const body = await this.readBody(req);
    if (method !== 'GET' && method !== 'POST') throw gw('UnsupportedHTTPMethod', 'This http method is not supported.', 403);
    if (path !== '/') throw gw('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', 404);
    // Null-prototype maps: parameter names are the client's ("__proto__=…" is just a name).
    const query = nullObject();
    parseForm(rawQuery, query);
    const form = nullObject();
    const ctype = String(req.headers['content-type'] ?? '').toLowerCase();
    if (body.length > 0) {
      if (ctype && !ctype.startsWith('application/x-www-form-urlencoded')) {
        throw gw('InvalidParameter', `The request body content type "${ctype.split(';')[0]}" is not supported; use application/x-www-form-urlencoded.`);
      }
      parseForm(body.toString('utf8'), form);
    }
    const merged = Object.assign(nullObject(), query, form);
    const auth = req.headers.authorization;
    if (auth !== undefined) return this.verifyV3(req, method, auth, query, merged, body);
    return this.verifyV1(method, merged);
  }

  private checkTimestamp(value: string, name: string): void {
    if (!TIMESTAMP_RE.test(value)) throw gw('InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted (${name}).`);
    const t = Date.parse(value);
    if (!Number.isFinite(t)) throw gw('InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted (${name}).`);
    if (Math.abs(Date.now() - t) > TIMESTAMP_WINDOW_MS) throw gw('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }

  private checkNonce(accessKeyId: string, nonce: string): void {
    const now = Date.now();
    if (now - this.lastPrune > 60_000 || this.nonces.size > 200_000) {
      for (const [k, exp] of this.nonces) if (exp < now) this.nonces.delete(k);
      this.lastPrune = now;
    }
    const key = `${accessKeyId}\n${nonce}`;
    const exp = this.nonces.get(key);
    if (exp !== undefined && exp >= now) throw gw('SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.set(key, now + 2 * TIMESTAMP_WINDOW_MS);
  }

  private checkKey(accessKeyId: string, token: string | undefined): void {
    const c = this.opts.credentials;
    if (accessKeyId !== c.accessKeyId) throw gw('InvalidAccessKeyId.NotFound', 'Specified access key is not found.', 404);
    if (c.securityToken !== undefined) {
      if (!token) throw gw('InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.');
      if (token !== c.securityToken) throw gw('InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
    }
  }

  private checkActionVersion(action: string | undefined, version: string | undefined, actionName: string, versionName: string): string {
    if (!action) throw gw('MissingParameter', `The input parameter "${actionName}" that is mandatory for processing this request is not supplied.`);
    if (!version) throw gw('MissingParameter', `The input parameter "${versionName}" that is mandatory for processing this request is not supplied.`);
    if (version !== API_VERSION) throw gw('InvalidVersion', 'Specified parameter Version is not valid.');
    if (!/^[A-Za-z][A-Za-z0-9]{0,127}$/.test(action)) throw gw('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', 404);
    return action;
  }

  private verifyV1(method: string, p: Record<string, string>): { action: string; params: Record<string, string> } {
    const action = this.checkActionVersion(p.Action, p.Version, 'Action', 'Version');
    for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'Timestamp']) {
      if (!p[name]) throw gw('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    if (p.SignatureMethod !== 'HMAC-SHA1' || (p.SignatureVersion !== undefined && p.SignatureVersion !== '1.0')) {
      throw gw('IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    this.checkTimestamp(p.Timestamp!, 'Timestamp');
    this.checkKey(p.AccessKeyId!, p.SecurityToken);
    const expected = v1Signature(method, p, this.opts.credentials.accessKeySecret);
    if (!safeEqual(expected, p.Signature!)) {
      throw gw('SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${v1StringToSign(method, p)}`);
    }
    this.checkNonce(p.AccessKeyId!, p.SignatureNonce!);
    const params = nullObject();
    for (const [k, v] of Object.entries(p)) if (!V1_COMMON.has(k)) params[k] = v;
    return { action, params };
  }

  private verifyV3(
    req: IncomingMessage,
    method: string,
    auth: string,
    query: Record<string, string>,
    merged: Record<string, string>,
    body: Buffer,
  ): { action: string; params: Record<string, string> } {
    // Header names come from the client (SignedHeaders=…): own properties only ("constructor").
    const h = (n: string) => {
      const v = Object.prototype.hasOwnProperty.call(req.headers, n) ? req.headers[n] : undefined;
      return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : undefined;
    };
    const a = parseV3Authorization(auth);
    if (!a) throw gw('IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const action = this.checkActionVersion(h('x-acs-action'), h('x-acs-version'), 'x-acs-action', 'x-acs-version');
    const required = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
    for (const name of required) {
      if (!h(name)) throw gw('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
      if (!a.signedHeaders.includes(name)) throw gw('IncompleteSignature', `The request signature does not conform to Aliyun standards: header ${name} must be signed.`);
    }
    this.checkTimestamp(h('x-acs-date')!, 'x-acs-date');
    this.checkKey(a.accessKeyId, h('x-acs-security-token'));
    const payloadHash = h('x-acs-content-sha256')!;
    const actual = body.length ? sha256Hex(body) : EMPTY_SHA256;
    if (payloadHash.toLowerCase() !== actual) {
      throw gw('SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.');
    }
    const headers = nullObject();
    for (const n of a.signedHeaders) headers[n] = h(n) ?? '';
    const input = { method, query, headers, payloadHash, signedHeaders: a.signedHeaders };
    const { signature } = v3Sign(input, a.accessKeyId, this.opts.credentials.accessKeySecret);
    if (!safeEqual(signature, a.signature.toLowerCase())) {
      const sts = v3StringToSign(v3CanonicalRequest(input).canonical);
      throw gw('SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
    }
    this.checkNonce(a.accessKeyId, h('x-acs-signature-nonce')!);
    return { action, params: merged };
  }
}
