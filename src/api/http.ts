// One HTTP(S) exchange with connect and read timeouts, over node:http/https (lazily
// imported: https pulls in TLS, which a simulator-only run never needs). Keep-alive agents
// are owned by the caller so a bulk command reuses connections.

import type { Agent as HttpAgent, IncomingHttpHeaders } from 'node:http';
import { CliError } from '../core/errors.js';
import { formatBytes, READ_LIMITS } from '../core/read.js';
import type { Endpoint } from './endpoints.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path with query string, e.g. "/?Action=…". */
  path: string;
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  signal?: AbortSignal;
  /** Largest answer accepted, compressed and decompressed (default READ_LIMITS.response). */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why an exchange failed without an HTTP answer. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect-timeout' | 'read-timeout' | 'network' | 'aborted',
    readonly errno?: string,
    /** A kept-alive connection the server had already closed: the request never reached it. */
    readonly staleConnection = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * An answer larger than the cap (compressed or decompressed). Not a TransportError: it is
 * never retried, since asking again would only fetch (and inflate) the same bytes again.
 */
export class ResponseTooLargeError extends CliError {
  constructor(readonly host: string, readonly maxBytes: number) {
    super(`the answer from ${host} is larger than ${formatBytes(maxBytes)}: refused`, { code: 'InvalidResponse' });
    this.name = 'ResponseTooLargeError';
  }
}

export class HttpClient {
  private agent?: HttpAgent;
  private mod?: typeof import('node:http') | typeof import('node:https');

  constructor(readonly endpoint: Endpoint) {}

  private async module() {
    if (!this.mod) {
      this.mod = this.endpoint.protocol === 'https:' ? await import('node:https') : await import('node:http');
      this.agent = new this.mod.Agent({ keepAlive: true, maxSockets: 64 });
    }
    return this.mod;
  }

  async send(r: HttpRequest): Promise<HttpResponse> {
    const mod = await this.module();
    const ep = this.endpoint;
    return new Promise<HttpResponse>((resolve, reject) => {
      if (r.signal?.aborted) return reject(new TransportError('request aborted', 'aborted'));
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err: Error | undefined, res?: HttpResponse) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        r.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(res!);
      };
      const req = mod.request({
        host: ep.host,
        port: ep.port,
        method: r.method,
        path: r.path,
        headers: r.headers,
        agent: this.agent,
        servername: ep.protocol === 'https:' ? ep.host : undefined,
      } as any);
      const fail = (e: TransportError) => {
        finish(e);
        req.destroy();
      };
      const onAbort = () => fail(new TransportError('request aborted', 'aborted'));
      r.signal?.addEventListener('abort', onAbort, { once: true });
      const armRead = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => fail(new TransportError(`no response from ${ep.hostHeader} within ${r.readTimeoutMs / 1000} s (read timeout)`, 'read-timeout')), r.readTimeoutMs);
      };
      timer = setTimeout(() => fail(new TransportError(`cannot connect to ${ep.hostHeader} within ${r.connectTimeoutMs / 1000} s (connect timeout)`, 'connect-timeout')), r.connectTimeoutMs);
      req.on('socket', (s) => {
        if ((s as any).connecting) s.once('connect', armRead);
        else armRead();
      });
      let answered = false;
      req.on('error', (e: NodeJS.ErrnoException) => {
        const stale = !answered && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
        fail(new TransportError(`cannot reach ${ep.hostHeader}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim(), 'network', e.code, stale));
      });
      req.on('response', (res) => {
        answered = true;
        const max = r.maxBodyBytes ?? READ_LIMITS.response;
        const tooLarge = () => {
          finish(new ResponseTooLargeError(ep.hostHeader, max));
          req.destroy();
          res.destroy();
        };
        // Refused while reading: the declared length first, then every byte received.
        if (Number(res.headers['content-length'] ?? 0) > max) return tooLarge();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (done) return;
          size += c.length;
          if (size > max) return tooLarge();
          chunks.push(c);
        });
        res.on('end', () => {
          if (done) return;
          const raw = Buffer.concat(chunks, size);
          if (!/\bgzip\b/i.test(String(res.headers['content-encoding'] ?? ''))) {
            return finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8') });
          }
          import('node:zlib').then(
            (z) => {
              let text: Buffer;
              try {
                // maxOutputLength stops inflating at the cap: a gzip bomb never grows past it.
                text = z.gunzipSync(raw, { maxOutputLength: max });
              } catch (e) {
                if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge();
                return fail(new TransportError(`cannot decompress the answer from ${ep.hostHeader}: ${(e as Error).message}`, 'network'));
              }
              finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: text.toString('utf8') });
            },
            (e: Error) => fail(new TransportError(`cannot decompress the answer from ${ep.hostHeader}: ${e.message}`, 'network')),
          );
        });
        res.on('error', (e) => fail(new TransportError(`connection to ${ep.hostHeader} broke: ${e.message}`, 'network')));
      });
      req.end(r.body);
    });
  }

  close(): void {
    this.agent?.destroy();
  }
}
