// RemoteBackend against the in-process served simulator and against a recording test double.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../../src/api/endpoints.js';
import { RemoteBackend, retryDelay, DEFAULT_RETRY } from '../../../src/api/remote.js';
import type { ResolvedConfig } from '../../../src/core/config.js';
import { ApiError, CliError, ExitCode } from '../../../src/core/errors.js';
import { AK, SK, startServer } from './server-helper.js';

function cfg(o: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    profileName: 'default',
    profileExists: false,
    backend: 'remote',
    region: 'cn-hangzhou',
    accessKeyId: AK,
    accessKeySecret: SK,
    signature: 'v3',
    sources: {},
    ...o,
  };
}

function client(endpoint: string, o: Partial<ResolvedConfig> = {}, env: NodeJS.ProcessEnv = {}, debug?: (l: string) => void) {
  return new RemoteBackend({ config: cfg({ endpoint, ...o }), env, debug });
}

async function failure(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    return e as CliError;
  }
  throw new Error('expected a failure');
}

describe('endpoint resolution', () => {
  it('regional pattern, documented special cases and overrides', () => {
    expect(resolveEndpoint('eu-central-1').hostHeader).toBe('ecs.eu-central-1.aliyuncs.com');
    expect(resolveEndpoint('cn-hangzhou').hostHeader).toBe('ecs-cn-hangzhou.aliyuncs.com');
    expect(resolveEndpoint('cn-wuhan').hostHeader).toBe('ecs.aliyuncs.com');
    expect(resolveEndpoint('cn-hangzhou').protocol).toBe('https:');
    expect(resolveEndpoint('cn-hangzhou', 'ecs.cn-shanghai.aliyuncs.com')).toMatchObject({ protocol: 'https:', port: 443, hostHeader: 'ecs.cn-shanghai.aliyuncs.com' });
    expect(resolveEndpoint('x', '127.0.0.1:8787')).toMatchObject({ protocol: 'http:', host: '127.0.0.1', port: 8787, hostHeader: '127.0.0.1:8787' });
    expect(resolveEndpoint('x', 'https://localhost:9443')).toMatchObject({ protocol: 'https:', port: 9443 });
  });
  it('refuses plain HTTP to anything but loopback, and garbage', () => {
    expect(() => resolveEndpoint('cn-hangzhou', 'http://ecs.aliyuncs.com')).toThrow(/refusing plain HTTP/);
    expect(() => resolveEndpoint('cn-hangzhou', 'ftp://x')).toThrow(/scheme/);
    expect(() => resolveEndpoint('cn-hangzhou', 'a b')).toThrow(/invalid endpoint/);
    expect(() => resolveEndpoint('CN HANGZHOU')).toThrow(/invalid region/);
  });
});

describe('RemoteBackend against the served simulator', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it.each(['v3', 'v1'] as const)('DescribeRegions with signature %s', async (signature) => {
    const api = client(srv.endpoint, { signature });
    const r = await api.call('DescribeRegions', {});
    expect(r.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(r.Regions.Region.map((x: any) => x.RegionId)).toContain('cn-hangzhou');
    await api.close();
  });

  it('STS token is sent and checked when the server requires one', async () => {
    const t = await startServer();
    (t.server.opts.credentials as any).securityToken = 'sts-token-1';
    try {
      for (const signature of ['v3', 'v1'] as const) {
        expect((await client(t.endpoint, { signature, securityToken: 'sts-token-1' }).call('DescribeRegions')).Regions).toBeTruthy();
        const e = await failure(client(t.endpoint, { signature, securityToken: 'other' }).call('DescribeRegions'));
        expect(e.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
      }
    } finally {
      await t.stop();
    }
  });

  it('maps a wrong secret to SignatureDoesNotMatch with RequestId/HostId/Recommend, exit 4', async () => {
    const e = await failure(client(srv.endpoint, { accessKeySecret: 'wrong' }).call('DescribeRegions'));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(e.httpStatus).toBe(400);
    expect(e.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(e.hostId).toBe(srv.endpoint);
    expect(e.recommend).toContain('SignatureDoesNotMatch');
    expect(e.exitCode).toBe(ExitCode.AUTH);
  });

  it('missing credentials: AuthError naming the env vars and ecs config init, exit 4', async () => {
    const e = await failure(client(srv.endpoint, { accessKeyId: undefined, accessKeySecret: undefined }).call('DescribeRegions'));
    expect(e.exitCode).toBe(ExitCode.AUTH);
    expect(e.message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(e.message).toContain('ecs config init');
  });

  it('unknown action → InvalidAction.NotFound 404, exit 1', async () => {
    const e = await failure(client(srv.endpoint).call('DescribeUnicorns'));
    expect([e.code, e.httpStatus, e.exitCode]).toEqual(['InvalidAction.NotFound', 404, 1]);
  });

  it('--debug logs redact the secret, the signature and passwords', async () => {
    const lines: string[] = [];
    const api = client(srv.endpoint, {}, {}, (l) => lines.push(l));
    await failure(api.call('ModifyInstanceAttribute', { InstanceId: 'i-nope', Password: 'Sup3r$ecret!' }));
    const log = lines.join('\n');
    expect(log).toContain('ModifyInstanceAttribute');
    expect(log).toContain('InstanceId=i-nope');
    expect(log).not.toContain('Sup3r');
    expect(log).not.toContain(SK);
    expect(log).not.toMatch(/Signature=[0-9a-f]{64}/);
    lines.length = 0;
    await failure(api.call('RunInstances', { ImageId: 'nope', ClientToken: 'tok-123', Password: 'Sup3r$ecret!' }));
    expect(lines.join('\n')).toContain('ClientToken=tok-123');
    expect(lines.join('\n')).not.toContain('Sup3r');
    for (const signature of ['v1'] as const) {
      const l2: string[] = [];
      await client(srv.endpoint, { signature }, {}, (l) => l2.push(l)).call('DescribeRegions');
      expect(l2.join('\n')).not.toMatch(/Signature=[A-Za-z0-9%]{10,}/);
    }
  });
});

describe('RemoteBackend retries and faults', () => {
  it('throttled requests are retried honouring x-acs-retry-after until they pass', async () => {
    const t = await startServer({ throttle: 4 });
    try {
      const api = client(t.endpoint);
      const results = await Promise.all(Array.from({ length: 10 }, () => api.call('DescribeRegions')));
      expect(results.every((r) => r.Regions)).toBe(true);
      expect(t.server.stats.throttled).toBeGreaterThan(0);
      expect(t.server.stats.ok).toBe(10);
    } finally {
      await t.stop();
    }
  });

  it('throttling beyond the waiting budget is reported as Throttling.User, exit 1', async () => {
    const t = await startServer({ throttle: 1 });
    try {
      const api = client(t.endpoint);
      api.retry = { ...DEFAULT_RETRY, throttleBudgetMs: 1500 };
      await api.call('DescribeRegions'); // spends the one token of this second
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => api.call('DescribeRegions')));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as CliError);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]!.code).toBe('Throttling.User');
      expect(failed[0]!.exitCode).toBe(1);
      expect(failed[0]!.message).toMatch(/gave up after \d+ attempts?, [\d.]+ s of waiting/);
    } finally {
      await t.stop();
    }
  });

  it('5xx: read-only calls retried then reported; unsafe calls not retried', async () => {
    const t = await startServer({ failRate: 1 });
    try {
      const api = client(t.endpoint);
      api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
      const e = await failure(api.call('DescribeRegions'));
      expect(e.code).toBe('ServiceUnavailable');
      expect(e.message).toContain('gave up after 3 attempts');
      expect(t.server.stats.requests).toBe(3);
      const e2 = await failure(api.call('ModifyInstanceAttribute', { InstanceId: 'i-x', InstanceName: 'n' }));
      expect([e2.code, e2.httpStatus, e2.exitCode]).toEqual(['ServiceUnavailable', 503, 1]);
      expect(t.server.stats.requests).toBe(4);
    } finally {
      await t.stop();
    }
  });

  it('read timeout: a clear RequestTimeout error after retries (safe call) or at once (unsafe call)', async () => {
    const t = await startServer({ latency: 1500 });
    try {
      const api = client(t.endpoint, {}, { ECS_READ_TIMEOUT_MS: '200' });
      api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
      const e = await failure(api.call('DescribeRegions'));
      expect(e.code).toBe('RequestTimeout');
      expect(e.message).toMatch(/read timeout.*after 3 attempts/);
      const e2 = await failure(api.call('ModifyInstanceAttribute', { InstanceId: 'i-x', InstanceName: 'n' }));
      expect(e2.code).toBe('RequestTimeout');
      expect(e2.message).toContain('not retried');
    } finally {
      await t.stop();
    }
  });

  it('a create call that times out is retried with the same ClientToken: created once', async () => {
    const t = await startServer({ latency: 500 });
    try {
      const api = client(t.endpoint, {}, { ECS_READ_TIMEOUT_MS: '200' });
      api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
      const e = await failure(api.call('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g6.large', Amount: 2 }));
      expect(e.code).toBe('RequestTimeout');
      expect(e.message).toContain('after 3 attempts');
      await new Promise((r) => setTimeout(r, 1200)); // let the server finish all three
      expect(t.server.stats.ok).toBe(3);
      const patient = client(t.endpoint);
      const d = await patient.call('DescribeInstances', { PageSize: 100 });
      expect(d.TotalCount).toBe(2);
    } finally {
      await t.stop();
    }
  });

  it('connection refused: retried (never reached the service), then a clear error', async () => {
    const api = client('127.0.0.1:1');
    api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
    const e = await failure(api.call('RunInstances', { ImageId: 'x' }));
    expect(e.code).toBe('NetworkError');
    expect(e.message).toMatch(/ECONNREFUSED.*after 3 attempts/);
  });

  it('a create call gets one ClientToken, repeated unchanged on every retry; a caller token is kept', async () => {
    const seen: Record<string, string>[] = [];
    const double = createServer((req: IncomingMessage, res) => {
      const q = Object.fromEntries(new URL(req.url!, 'http://x').searchParams);
      seen.push({ ...q, nonce: String(req.headers['x-acs-signature-nonce']) });
      req.resume();
      req.on('end', () => {
        const fail = seen.length % 2 === 1;
        res.writeHead(fail ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fail ? { Code: 'ServiceUnavailable', Message: 'try later', RequestId: 'R1' } : { RequestId: 'R2', InstanceIdSets: { InstanceIdSet: ['i-1'] } }));
      });
    });
    await new Promise<void>((r) => double.listen(0, '127.0.0.1', r));
    const port = (double.address() as AddressInfo).port;
    try {
      const api = client(`127.0.0.1:${port}`);
      api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
      const r = await api.call('RunInstances', { ImageId: 'img', Amount: 2 });
      expect(r.InstanceIdSets.InstanceIdSet).toEqual(['i-1']);
      expect(seen).toHaveLength(2);
      expect(seen[0]!.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen[1]!.ClientToken).toBe(seen[0]!.ClientToken);
      expect(seen[1]!.nonce).not.toBe(seen[0]!.nonce);
      expect(seen[0]!.RegionId).toBe('cn-hangzhou');
      await api.call('RunInstances', { ImageId: 'img', ClientToken: 'mine' });
      await api.call('RunInstances', { ImageId: 'img', ClientToken: 'mine' });
      expect(seen.length).toBeGreaterThanOrEqual(4);
      expect(new Set(seen.slice(2).map((s) => s.ClientToken))).toEqual(new Set(['mine']));
      // Not a create call: no token added.
      seen.length = 0;
      await failure(client(`127.0.0.1:${port}`).call('ModifyInstanceAttribute', { InstanceId: 'i' }));
      expect(seen[0]!.ClientToken).toBeUndefined();
    } finally {
      await new Promise((r) => double.close(r));
    }
  });

  it('a kept-alive connection the server already closed is retried even for an unsafe call', async () => {
    let requests = 0;
    const perSocket = new WeakMap<object, number>();
    const double = createServer((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n === 2) return void req.socket.destroy(); // as if the idle connection had been closed
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: `R${requests}` }));
      });
    });
    await new Promise<void>((r) => double.listen(0, '127.0.0.1', r));
    try {
      const api = client(`127.0.0.1:${(double.address() as AddressInfo).port}`);
      api.retry = { ...DEFAULT_RETRY, baseDelayMs: 5 };
      expect((await api.call('ModifyInstanceAttribute', { InstanceId: 'i-1', InstanceName: 'a' })).RequestId).toBe('R1');
      expect((await api.call('ModifyInstanceAttribute', { InstanceId: 'i-1', InstanceName: 'b' })).RequestId).toBe('R3');
      await api.close();
    } finally {
      await new Promise((r) => double.close(r));
    }
  });

  it('retry delays: retry-after honoured with small jitter, otherwise capped exponential', () => {
    expect(retryDelay(1, 100, DEFAULT_RETRY, () => 0)).toBe(100);
    expect(retryDelay(1, 100, DEFAULT_RETRY, () => 0.999)).toBeLessThanOrEqual(125);
    expect(retryDelay(1, 10_000_000, DEFAULT_RETRY, () => 0)).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(retryDelay(1, undefined, DEFAULT_RETRY, () => 0)).toBe(100);
    expect(retryDelay(3, undefined, DEFAULT_RETRY, () => 1)).toBe(800);
    expect(retryDelay(30, undefined, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});
