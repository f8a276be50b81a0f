// Gateway checks of `ecs simulator serve` with hand-made requests (no SDK, no client code
// beyond the signer whose golden vectors are tested in sign.test.ts).
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SHA256, isoSeconds, sha256Hex, v1Signature, v3Sign } from '../../../src/api/sign.js';
import { percentEncode } from '../../../src/api/wire.js';
import { MAX_BODY_BYTES } from '../../../src/simulator/server.js';
import { AK, SK, startServer } from './server-helper.js';

type Srv = Awaited<ReturnType<typeof startServer>>;
let srv: Srv;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.stop();
});

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode!, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (p: Record<string, string>) => Object.entries(p).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');

function v1Params(action: string, extra: Record<string, string> = {}, o: { secret?: string; nonce?: string; ts?: string; method?: string; ak?: string } = {}) {
  const p: Record<string, string> = {
    Action: action,
    Version: '2014-05-26',
    Format: 'JSON',
    AccessKeyId: o.ak ?? AK,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: o.ts ?? isoSeconds(),
    ...extra,
  };
  p.Signature = v1Signature(o.method ?? 'POST', p, o.secret ?? SK);
  return p;
}

function v3Request(action: string, query: Record<string, string>, o: { secret?: string; nonce?: string; date?: string; body?: string; tamper?: boolean } = {}) {
  const body = o.body ?? '';
  const headers: Record<string, string> = {
    host: srv.endpoint,
    'x-acs-action': action,
    'x-acs-version': '2014-05-26',
    'x-acs-date': o.date ?? isoSeconds(),
    'x-acs-signature-nonce': o.nonce ?? randomUUID().replace(/-/g, ''),
    'x-acs-content-sha256': body ? sha256Hex(body) : EMPTY_SHA256,
  };
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  const s = v3Sign({ method: 'POST', query, headers, payloadHash: headers['x-acs-content-sha256']! }, AK, o.secret ?? SK);
  headers.authorization = s.authorization;
  const qs = form(o.tamper ? { ...query, Extra: '1' } : query);
  return send('POST', qs ? `/?${qs}` : '/', headers, body);
}

describe('served simulator gateway', () => {
  it('answers a V1 POST form request (pop-core style)', async () => {
    const r = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeRegions', { RegionId: 'cn-hangzhou' })));
    expect(r.status).toBe(200);
    expect(r.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(r.json.Regions.Region.length).toBeGreaterThan(5);
  });

  it('answers a V1 GET request with everything in the query', async () => {
    const p = v1Params('DescribeRegions', { RegionId: 'cn-hangzhou' }, { method: 'GET' });
    const r = await send('GET', `/?${form(p)}`, {});
    expect(r.status).toBe(200);
    expect(r.json.Regions.Region.some((x: any) => x.RegionId === 'cn-hangzhou')).toBe(true);
  });

  it('merges query and form body parameters (V1 signature covers both)', async () => {
    const p = v1Params('DescribeRegions', { RegionId: 'cn-hangzhou' });
    const { Signature, AccessKeyId, ...rest } = p;
    const r = await send('POST', `/?${form({ Signature: Signature!, AccessKeyId: AccessKeyId! })}`, { 'content-type': 'application/x-www-form-urlencoded' }, form(rest));
    expect(r.status).toBe(200);
  });

  it('answers a V3 request (params in the query) and a V3 request with a form body', async () => {
    const a = await v3Request('DescribeRegions', { RegionId: 'cn-hangzhou' });
    expect(a.status).toBe(200);
    expect(a.json.Regions.Region.length).toBeGreaterThan(5);
    const b = await v3Request('DescribeRegions', {}, { body: form({ RegionId: 'cn-hangzhou' }) });
    expect(b.status).toBe(200);
  });

  it('SignatureDoesNotMatch (V1 and V3) with the real error shape', async () => {
    const a = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeRegions', {}, { secret: 'wrong' })));
    expect(a.status).toBe(400);
    expect(a.json).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: srv.endpoint });
    expect(a.json.Message).toContain('server string to sign is:POST&%2F&');
    expect(a.json.Recommend).toContain('SignatureDoesNotMatch');
    expect(a.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const b = await v3Request('DescribeRegions', { RegionId: 'cn-hangzhou' }, { secret: 'wrong' });
    expect(b.json.Code).toBe('SignatureDoesNotMatch');
    const c = await v3Request('DescribeRegions', { RegionId: 'cn-hangzhou' }, { tamper: true });
    expect(c.json.Code).toBe('SignatureDoesNotMatch');
  });

  it('InvalidAccessKeyId.NotFound, IncompleteSignature, MissingParameter', async () => {
    const a = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeRegions', {}, { ak: 'LTAInobody' })));
    expect([a.status, a.json.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    const b = await send('POST', '/?RegionId=x', { authorization: 'ACS3-HMAC-SHA256 garbage', 'x-acs-action': 'DescribeRegions', 'x-acs-version': '2014-05-26' });
    expect([b.status, b.json.Code]).toEqual([400, 'IncompleteSignature']);
    const p = v1Params('DescribeRegions');
    delete p.SignatureNonce;
    const c = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(p));
    expect([c.status, c.json.Code]).toEqual([400, 'MissingParameter']);
    expect(c.json.Message).toContain('"SignatureNonce"');
    const d = await send('GET', '/', {});
    expect([d.status, d.json.Code]).toEqual([400, 'MissingParameter']);
  });

  it('InvalidTimeStamp.Expired outside the 15-minute window, accepted inside it', async () => {
    const old = isoSeconds(new Date(Date.now() - 16 * 60 * 1000));
    const a = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeRegions', {}, { ts: old })));
    expect([a.status, a.json.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
    const b = await v3Request('DescribeRegions', {}, { date: isoSeconds(new Date(Date.now() + 16 * 60 * 1000)) });
    expect(b.json.Code).toBe('InvalidTimeStamp.Expired');
    const c = await v3Request('DescribeRegions', {}, { date: isoSeconds(new Date(Date.now() - 14 * 60 * 1000)) });
    expect(c.status).toBe(200);
    const d = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeRegions', {}, { ts: '23 Nov 2026' })));
    expect(d.json.Code).toBe('InvalidTimeStamp.Format');
  });

  it('SignatureNonceUsed on replay (V1 and V3)', async () => {
    const body = form(v1Params('DescribeRegions', {}, { nonce: 'fixed-nonce-1' }));
    expect((await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body)).status).toBe(200);
    const again = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect([again.status, again.json.Code]).toEqual([400, 'SignatureNonceUsed']);
    expect((await v3Request('DescribeRegions', {}, { nonce: 'n3' })).status).toBe(200);
    expect((await v3Request('DescribeRegions', {}, { nonce: 'n3' })).json.Code).toBe('SignatureNonceUsed');
  });

  it('unknown action, wrong version, unsupported method, other paths', async () => {
    const a = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(v1Params('DescribeUnicorns')));
    expect([a.status, a.json.Code]).toEqual([404, 'InvalidAction.NotFound']);
    const p = v1Params('DescribeRegions', { Version: '2099-01-01' });
    const b = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form(p));
    expect([b.status, b.json.Code]).toEqual([400, 'InvalidVersion']);
    const c = await send('DELETE', '/', {});
    expect([c.status, c.json.Code]).toEqual([403, 'UnsupportedHTTPMethod']);
    const d = await send('GET', '/admin', {});
    expect([d.status, d.json.Code]).toEqual([404, 'InvalidAction.NotFound']);
  });

  it('malformed input: bad percent-encoding, non-form body, oversize body; server keeps running', async () => {
    const a = await send('GET', '/?Action=%ZZ', {});
    expect([a.status, a.json.Code]).toEqual([400, 'InvalidParameter']);
    const b = await send('POST', '/', { 'content-type': 'application/json' }, '{"Action":"DescribeRegions"}');
    expect([b.status, b.json.Code]).toEqual([400, 'InvalidParameter']);
    const big = 'x'.repeat(MAX_BODY_BYTES + 10);
    const c = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, `UserData=${big}`);
    expect([c.status, c.json.Code]).toEqual([413, 'RequestEntityTooLarge']);
    const ok = await v3Request('DescribeRegions', {});
    expect(ok.status).toBe(200);
  });

  it('garbage on the socket and clients that vanish mid-request do not stop the server', async () => {
    const raw = await new Promise<string>((resolve) => {
      const sock = connect(srv.port, '127.0.0.1', () => sock.write('NOT HTTP AT ALL\r\n\r\n'));
      let got = '';
      sock.on('data', (d) => (got += d));
      sock.on('close', () => resolve(got));
      sock.on('error', () => resolve(got));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    await new Promise<void>((resolve) => {
      const sock = connect(srv.port, '127.0.0.1', () => {
        sock.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nAction=Desc');
        setTimeout(() => {
          sock.destroy();
          resolve();
        }, 50);
      });
    });
    expect((await v3Request('DescribeRegions', {})).status).toBe(200);
  });

  it('ignores unknown parameters, as the POP gateway does', async () => {
    const r = await v3Request('DescribeRegions', { RegionId: 'cn-hangzhou', NoSuchParam: 'x', OwnerId: '123' });
    expect(r.status).toBe(200);
  });
});

describe('served simulator faults', () => {
  it('throttle: Throttling.User with x-acs-retry-after once the per-second budget is spent', async () => {
    // The bucket's clock is the test's: it stands still (no refill by chance), then moves 1 s.
    let clock = 1_000_000;
    const t = await startServer({ throttle: 5 }, {}, { now: () => clock });
    const saved = srv;
    try {
      srv = t as Srv;
      const codes: string[] = [];
      const retryAfter: string[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await v3Request('DescribeRegions', {});
        codes.push(r.status === 200 ? 'ok' : r.json.Code);
        if (r.status !== 200) {
          expect(r.status).toBe(400);
          retryAfter.push(r.headers['x-acs-retry-after'] as string);
        }
      }
      // 5 per second: a full bucket of 5, then each rejected client its own slot 200 ms apart.
      expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'Throttling.User', 'Throttling.User', 'Throttling.User']);
      expect(retryAfter).toEqual(['200', '400', '600']);
      clock += 1000;
      expect((await v3Request('DescribeRegions', {})).status).toBe(200);
    } finally {
      srv = saved;
      await t.stop();
    }
  });

  it('faults come from the simulator settings when no flag is given, read on every request', async () => {
    const t = await startServer();
    const saved = srv;
    try {
      srv = t as Srv;
      expect((await v3Request('DescribeRegions', {})).status).toBe(200);
      await t.server.simulator.store.mutate((st) => {
        st.settings['fail-rate'] = '1';
      });
      const r = await v3Request('DescribeRegions', {});
      expect([r.status, r.json.Code]).toEqual([503, 'ServiceUnavailable']);
      await t.server.simulator.store.mutate((st) => {
        st.settings['fail-rate'] = '0';
        st.settings.latency = '300';
      });
      const t0 = Date.now();
      expect((await v3Request('DescribeRegions', {})).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    } finally {
      srv = saved;
      await t.stop();
    }
  });

  it('flags override the settings', async () => {
    const t = await startServer({ failRate: 0 });
    const saved = srv;
    try {
      srv = t as Srv;
      await t.server.simulator.store.mutate((st) => {
        st.settings['fail-rate'] = '1';
      });
      expect((await v3Request('DescribeRegions', {})).status).toBe(200);
    } finally {
      srv = saved;
      await t.stop();
    }
  });

  it('fail-rate 1: every request answered 503 ServiceUnavailable', async () => {
    const t = await startServer({ failRate: 1 });
    const saved = srv;
    try {
      srv = t as Srv;
      const r = await v3Request('DescribeRegions', {});
      expect([r.status, r.json.Code]).toEqual([503, 'ServiceUnavailable']);
    } finally {
      srv = saved;
      await t.stop();
    }
  });
});
