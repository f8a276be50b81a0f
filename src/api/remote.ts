// RemoteBackend: signed RPC to the ECS OpenAPI (the real cloud, or `ecs simulator serve`).
// Our own small client — the official SDK costs ~0.4 s to load and is not on this path.
//
//  - V3 ACS3-HMAC-SHA256 (default): POST /?<params> with x-acs-* headers, empty body
//    (params move to a form body when they would make the URL too long).
//  - V1 HMAC-SHA1 (--signature v1): POST / with everything in a form body, as pop-core does.
//  - Retries: Throttling* always (honouring x-acs-retry-after, ms); network errors, timeouts
//    and 5xx only when repeating cannot do the work twice — read-only Describe*/List* calls
//    and calls carrying a ClientToken (generated for every create-type call that takes one).
//    Every attempt is signed afresh (new nonce and timestamp).

import { randomBytes, randomUUID } from 'node:crypto';
import type { ResolvedConfig } from '../core/config.js';
import { ApiError, AuthError, CliError, InterruptedError, UsageError } from '../core/errors.js';
import { redact, redactQuery } from '../core/redact.js';
import { sanitize } from '../core/sanitize.js';
import { resolveEndpoint, type Endpoint } from './endpoints.js';
import { API_VERSION, isReadOnlyAction, REGION_REQUIRED } from './protocol.js';
import { responseShapeProblem } from './shapes.js';
import { HttpClient, ResponseTooLargeError, TransportError, type HttpResponse } from './http.js';
import { EMPTY_SHA256, isoSeconds, sha256Hex, v1Signature, v3Sign } from './sign.js';
import type { ApiParams, ApiResponse, CallOptions, EcsApi } from './types.js';
import { flattenParams, percentEncode } from './wire.js';

export { API_VERSION, isReadOnlyAction } from './protocol.js';

export interface RemoteBackendOptions {
  config: ResolvedConfig;
  env: NodeJS.ProcessEnv;
  debug?: (line: string) => void;
  signal?: AbortSignal;
}

/** Actions that accept ClientToken and create or change something (reference §1.8, api models). */
export const CLIENT_TOKEN_ACTIONS = new Set([
  'RunInstances', 'CreateInstance', 'DeleteInstances', 'RenewInstance', 'ModifyInstanceSpec', 'ModifyPrepayInstanceSpec',
  'ReplaceSystemDisk', 'CreateDisk', 'ResizeDisk', 'CreateSnapshot', 'CreateImage', 'CopyImage', 'ImportImage',
  'CreateSecurityGroup', 'AuthorizeSecurityGroup', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroup',
  'RevokeSecurityGroupEgress', 'CreateCommand', 'InvokeCommand', 'RunCommand',
]);

export interface RetryPolicy {
  /** Attempts in all when throttled ("come back later" is always safe to follow)… */
  throttleAttempts: number;
  /** …as long as the waits add up to no more than this. */
  throttleBudgetMs: number;
  /** Attempts in all on network errors, timeouts and 5xx (safe calls only). */
  errorAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { throttleAttempts: 100, throttleBudgetMs: 60_000, errorAttempts: 3, baseDelayMs: 200, maxDelayMs: 20_000 };

/** Delay before retry number `n` (1-based): x-acs-retry-after when given, else capped exponential; plus jitter. */
export function retryDelay(n: number, retryAfterMs: number | undefined, p: RetryPolicy = DEFAULT_RETRY, rand = Math.random): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    // The server said when; a little jitter keeps waiting clients from arriving in lock-step.
    return Math.min(p.maxDelayMs, retryAfterMs + Math.floor(rand() * Math.min(50, retryAfterMs * 0.2 + 5)));
  }
  const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (n - 1));
  return Math.floor(cap / 2 + rand() * (cap / 2)); // "equal jitter"
}

function envMs(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number of milliseconds, got "${v}"`);
  return n;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new InterruptedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

const MAX_QUERY = 4096;

/** Redacted for --debug; ClientToken is kept (it is not a secret, and it ties retries together). */
function forLog(qs: string): string {
  return qs
    .split('&')
    .map((kv) => (kv.startsWith('ClientToken=') ? kv : redactQuery(kv)))
    .join('&');
}

export class RemoteBackend implements EcsApi {
  readonly kind = 'remote' as const;
  readonly regionId: string;
  private readonly endpoint: Endpoint;
  private readonly http: HttpClient;
  private readonly connectTimeoutMs: number;
  private readonly readTimeoutMs: number;
  retry: RetryPolicy = DEFAULT_RETRY;

  constructor(private readonly opts: RemoteBackendOptions) {
    this.regionId = opts.config.region;
    this.endpoint = resolveEndpoint(opts.config.region, opts.config.endpoint);
    this.http = new HttpClient(this.endpoint);
    this.connectTimeoutMs = envMs(opts.env, 'ECS_CONNECT_TIMEOUT_MS', 5_000);
    this.readTimeoutMs = envMs(opts.env, 'ECS_READ_TIMEOUT_MS', 30_000);
  }

  private credentials(): { id: string; secret: string; token?: string } {
    const c = this.opts.config;
    if (!c.accessKeyId || !c.accessKeySecret) {
      const what = c.accessKeyId ? 'an AccessKey secret' : 'credentials';
      throw new AuthError(
        `the remote backend needs ${what}: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS), or run: ecs config init`,
      );
    }
    return { id: c.accessKeyId, secret: c.accessKeySecret, token: c.securityToken };
  }

  private log(line: string): void {
    this.opts.debug?.(line);
  }

  async call<T extends ApiResponse = ApiResponse>(action: string, params?: ApiParams, callOpts: CallOptions = {}): Promise<T> {
    const cred = this.credentials();
    const flat = flattenParams(params);
    // Always sent (the service requires it wherever the model does, see REGION_REQUIRED).
    if (flat.RegionId === undefined) flat.RegionId = this.regionId;
    const regionParam = REGION_REQUIRED.get(action);
    if (regionParam !== undefined && flat[regionParam] === undefined) flat[regionParam] = this.regionId;
    if (CLIENT_TOKEN_ACTIONS.has(action) && !flat.ClientToken) flat.ClientToken = randomUUID();
    const signal = callOpts.signal ?? this.opts.signal;
    const safe = isReadOnlyAction(action) || Boolean(flat.ClientToken);

    let attempt = 0;
    let lastRetryDelay = 0;
    let throttledFor = 0;
    let throttles = 0; // throttled answers so far
    let failures = 0; // network errors, timeouts and 5xx so far
    for (;;) {
      attempt++;
      let res: HttpResponse;
      try {
        res = await this.send(action, flat, cred, signal, attempt, lastRetryDelay);
      } catch (e) {
        if (e instanceof ResponseTooLargeError) throw new CliError(`${action}: ${e.message}`, { code: e.code });
        if (!(e instanceof TransportError)) throw e;
        if (e.kind === 'aborted' || signal?.aborted) throw new InterruptedError();
        // A connect failure never reached the service; anything later may have.
        const reachable = e.kind === 'read-timeout' || (e.kind === 'network' && !e.staleConnection && e.errno !== 'ECONNREFUSED' && e.errno !== 'ENOTFOUND');
        const mayRetry = !reachable || safe;
        failures++;
        if (mayRetry && failures < this.retry.errorAttempts) {
          lastRetryDelay = retryDelay(failures, undefined, this.retry);
          this.log(`retry ${failures}/${this.retry.errorAttempts - 1} after ${lastRetryDelay} ms: ${e.message}`);
          await sleep(lastRetryDelay, signal);
          continue;
        }
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        const hint = !mayRetry ? `; not retried because ${action} may have been applied — check before repeating` : '';
        throw new CliError(`${action}: ${e.message}${tries}${hint}`, {
          code: e.kind === 'read-timeout' || e.kind === 'connect-timeout' ? 'RequestTimeout' : 'NetworkError',
        });
      }
      if (res.status >= 200 && res.status < 300) return this.parseOk<T>(action, res);
      const err = this.parseError(action, res);
      const throttled = /Throttling/.test(err.code ?? '');
      const serverSide = res.status >= 500;
      const retryAfterRaw = res.headers['x-acs-retry-after'];
      const retryAfter = retryAfterRaw !== undefined ? Number(retryAfterRaw) : undefined;
      if (throttled) throttles++;
      else if (serverSide) failures++;
      const count = throttled ? throttles : failures;
      const limit = throttled ? this.retry.throttleAttempts : serverSide && safe ? this.retry.errorAttempts : 1;
      const delay = retryDelay(count, throttled ? retryAfter : undefined, this.retry);
      if (count > 0 && count < limit && (!throttled || throttledFor + delay <= this.retry.throttleBudgetMs)) {
        lastRetryDelay = delay;
        if (throttled) throttledFor += delay;
        this.log(`retry ${count}/${limit - 1} after ${lastRetryDelay} ms: ${err.code} (HTTP ${res.status})`);
        await sleep(lastRetryDelay, signal);
        continue;
      }
      if (attempt > 1 || throttled) {
        const waited = throttled ? `, ${Math.round(throttledFor / 100) / 10} s of waiting` : '';
        throw new ApiError(err.code!, `${err.message} (gave up after ${attempt} attempt${attempt > 1 ? 's' : ''}${waited})`, err.httpStatus, {
          requestId: err.requestId, hostId: err.hostId, recommend: err.recommend, data: err.data,
        });
      }
      throw err;
    }
  }

  private async send(
    action: string,
    flat: Record<string, string>,
    cred: { id: string; secret: string; token?: string },
    signal: AbortSignal | undefined,
    attempt: number,
    lastDelay: number,
  ): Promise<HttpResponse> {
    const ep = this.endpoint;
    const headers: Record<string, string> = {
      host: ep.hostHeader,
      accept: 'application/json',
      'accept-encoding': 'gzip',
      'user-agent': `ecs-cli node/${process.version}`,
      'x-acs-action': action,
      'x-acs-version': API_VERSION,
    };
    if (attempt > 1) {
      headers['x-acs-retry-attempts'] = String(attempt - 1);
      headers['x-acs-retry-delay'] = String(lastDelay);
    }
    let path = '/';
    let body = '';
    if (this.opts.config.signature === 'v1') {
      const all: Record<string, string> = {
        ...flat,
        Action: action,
        Version: API_VERSION,
        Format: 'JSON',
        AccessKeyId: cred.id,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: randomBytes(16).toString('hex'),
        Timestamp: isoSeconds(),
      };
      if (cred.token) all.SecurityToken = cred.token;
      all.Signature = v1Signature('POST', all, cred.secret);
      body = formEncode(all);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      const qs = formEncode(flat);
      const inQuery = qs.length <= MAX_QUERY;
      if (inQuery) path = qs ? `/?${qs}` : '/';
      else {
        body = qs;
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      headers['x-acs-date'] = isoSeconds();
      headers['x-acs-signature-nonce'] = randomBytes(16).toString('hex');
      headers['x-acs-content-sha256'] = body ? sha256Hex(body) : EMPTY_SHA256;
      if (cred.token) headers['x-acs-security-token'] = cred.token;
      const s = v3Sign({ method: 'POST', query: inQuery ? flat : {}, headers, payloadHash: headers['x-acs-content-sha256'] }, cred.id, cred.secret);
      headers.authorization = s.authorization;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    if (this.opts.debug) {
      const [p, q] = path.split('?');
      this.log(`→ POST ${ep.protocol}//${ep.hostHeader}${p}${q ? '?' + forLog(q) : ''} (${action}, signature ${this.opts.config.signature})`);
      this.log(`  headers ${JSON.stringify(redact(headers))}`);
      if (body) this.log(`  body ${forLog(body)}`);
    }
    const t0 = Date.now();
    const res = await this.http.send({ method: 'POST', path, headers, body, connectTimeoutMs: this.connectTimeoutMs, readTimeoutMs: this.readTimeoutMs, signal });
    if (this.opts.debug) {
      let shown = res.body;
      try {
        shown = JSON.stringify(redact(JSON.parse(res.body)));
      } catch {
        /* not JSON: shown as is */
      }
      const length = shown.length;
      // The answer is the server's text: no control characters on the terminal, at most 4,000 characters.
      shown = sanitize(shown, { max: 4000 });
      if (length > 4000) shown += ` (${length} chars)`;
      this.log(`← HTTP ${res.status} in ${Date.now() - t0} ms ${shown}`);
    }
    return res;
  }

  private parseOk<T>(action: string, res: HttpResponse): T {
    let v: unknown;
    try {
      v = JSON.parse(res.body);
    } catch {
      throw new CliError(`${action}: the endpoint ${this.endpoint.hostHeader} answered HTTP ${res.status} with a body that is not JSON: ${res.body.slice(0, 120)}`, { code: 'InvalidResponse', httpStatus: res.status });
    }
    // Check what the verbs rely on (src/api/shapes.ts): a malformed answer is never an empty result.
    const problem = responseShapeProblem(action, v);
    if (problem) {
      throw new CliError(`${action}: the endpoint ${this.endpoint.hostHeader} answered HTTP ${res.status} with a malformed answer: ${problem}`, { code: 'InvalidResponse', httpStatus: res.status });
    }
    return v as T;
  }

  private parseError(action: string, res: HttpResponse): ApiError {
    let v: any;
    try {
      v = JSON.parse(res.body);
    } catch {
      v = undefined;
    }
    // Everything here is the server's text: cleaned of control characters and cut at the source,
    // so that no later printer (the error line, --debug's stack, -o json) shows it raw.
    if (!v || typeof v !== 'object' || Array.isArray(v) || typeof v.Code !== 'string') {
      const text = sanitize(res.body, { max: 160 }).replace(/\s+/g, ' ').trim();
      return new ApiError(res.status >= 500 ? 'ServiceUnavailable' : 'InvalidResponse', `${action}: HTTP ${res.status} from ${this.endpoint.hostHeader}${text ? `: ${text}` : ''}`, res.status);
    }
    const str = (x: unknown, max: number) => (typeof x === 'string' ? sanitize(x, { max }) : undefined);
    const data: Record<string, unknown> = Object.create(null);
    let extra = 0;
    for (const [k, x] of Object.entries(v)) {
      if (!['Code', 'Message', 'RequestId', 'HostId', 'Recommend'].includes(k)) {
        data[k] = x;
        extra++;
      }
    }
    return new ApiError(sanitize(v.Code, { max: 100 }), sanitize(String(v.Message ?? v.Code)), res.status, {
      requestId: str(v.RequestId, 100),
      hostId: str(v.HostId, 200),
      recommend: str(v.Recommend, 500),
      data: extra ? { ...data } : undefined,
    });
  }

  async close(): Promise<void> {
    this.http.close();
  }
}
