// `ecs simulator serve` as a user runs it (the built binary), and the CLI's remote backend
// against it: readiness output, signals, concurrency, faults, refusal of plain HTTP.
import { readStoreState } from '../../src/simulator/store.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteBackend } from '../../src/api/remote.js';
import type { ResolvedConfig } from '../../src/core/config.js';
import { emptyState } from '../../src/simulator/state.js';
import { runEcs, tempHome } from '../helpers/run.js';
import { startServedSimulator, type ServedSimulator } from '../helpers/served.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function serve(args: string[] = [], settings: Record<string, string> = {}, generated = false) {
  const h = tempHome('ecs-serve-');
  const dir = join(h.home, 'sim');
  if (Object.keys(settings).length) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ ...emptyState(new Date()), settings }));
  }
  const env = { ...h.env, ECS_SIMULATOR_DIR: dir };
  const s = await startServedSimulator({ env, args, generated });
  cleanups.push(() => h.cleanup());
  cleanups.push(() => s.stop());
  return { s, env, dir, home: h.home };
}

function api(s: ServedSimulator, o: Partial<ResolvedConfig> = {}) {
  const config: ResolvedConfig = {
    profileName: 'default', profileExists: false, backend: 'remote', region: 'cn-hangzhou', endpoint: s.endpoint,
    accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, signature: 'v3', sources: {}, ...o,
  };
  return new RemoteBackend({ config, env: {} });
}

describe('ecs simulator serve', () => {
  it('prints the client settings on stdout (ECS_ENDPOINT last) and generated credentials work', async () => {
    const { s } = await serve([], {}, true);
    expect(s.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(s.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(s.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    for (let i = 0; i < 100 && !s.stderr().includes('serving'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.stderr()).toContain(`http://${s.endpoint}`);
    const r = await api(s).call('DescribeRegions');
    expect(r.Regions.Region.length).toBeGreaterThan(0);
  });

  it('SIGTERM finishes in-flight requests, exits 0, leaves a consistent store', async () => {
    // --debug: the server says "request N received" as each arrives; a long latency holds all
    // 8 in flight until SIGTERM (sent once the 8th has arrived, not after a guessed sleep).
    const { s, dir } = await serve(['--latency', '3000', '--debug'], { 'quota.instances': '100' });
    const client = api(s);
    const calls = Array.from({ length: 8 }, (_, i) =>
      client.call('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g6.large', InstanceName: `vm${i}` }),
    );
    await new Promise<void>((resolve) => {
      const check = () => (s.stderr().includes('debug: request 8 received\n') ? resolve() : void s.child.stderr!.once('data', check));
      check();
    });
    const code = await s.stop();
    const results = await Promise.all(calls);
    expect(code).toBe(0);
    expect(results.every((r) => r.InstanceIdSets.InstanceIdSet.length === 1)).toBe(true);
    expect(s.stderr()).toMatch(/stopped after 8 requests \(8 ok/);
    expect(existsSync(join(dir, 'state.lock'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const st = readStoreState(dir);
    expect(Object.keys(st.instances)).toHaveLength(8);
  });

  it('SIGINT stops the same way with exit 130', async () => {
    const { s } = await serve();
    s.child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => s.child.once('exit', (c) => r(c)));
    expect(code).toBe(130);
  });

  it('many clients at once: nothing lost, nothing duplicated', async () => {
    const { s } = await serve([], { 'quota.instances': '1000' });
    const clients = Array.from({ length: 6 }, (_, i) => api(s, { signature: i % 2 ? 'v1' : 'v3' }));
    const runs = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        clients[i % clients.length]!.call('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g6.large', InstanceName: `n${i}` }),
      ),
    );
    const ids = runs.flatMap((r) => r.InstanceIdSets.InstanceIdSet);
    expect(new Set(ids).size).toBe(48);
    const all: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const r = await clients[0]!.call('DescribeInstances', { PageSize: 10, PageNumber: page });
      all.push(...r.Instances.Instance.map((i: any) => i.InstanceId));
      expect(r.TotalCount).toBe(48);
    }
    expect(all.sort()).toEqual([...ids].sort());
  });

  it('-o json prints one object; a key id without its secret is a usage error', async () => {
    const h = tempHome();
    cleanups.push(() => h.cleanup());
    const half = await runEcs(['simulator', 'serve', '--port', '0'], { env: { ...h.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIx' } });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/run.js');
    const child = spawn(process.execPath, [BIN, 'simulator', 'serve', '--port', '0', '-o', 'json'], { env: { ...h.env, ECS_SIMULATOR_DIR: join(h.home, 'sim') }, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const data = JSON.parse(line);
    expect(Object.keys(data)).toEqual(['ECS_BACKEND', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ECS_ENDPOINT']);
    expect(data.ECS_ENDPOINT).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('never echoes a secret it was given', async () => {
    const { s } = await serve();
    // The secret came from the environment (test/helpers/served.ts gives 30 hex digits); the
    // server must not print it, nor a secret line at all, yet must sign with it: a call
    // signed with it succeeds, one signed with another secret is refused.
    expect(s.stdout()).not.toMatch(/ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    expect(s.accessKeySecret).toMatch(/^[0-9a-f]{30}$/);
    expect((await api(s).call('DescribeRegions')).Regions.Region.length).toBeGreaterThan(0);
    await expect(api(s, { accessKeySecret: `${s.accessKeySecret.slice(0, -1)}x` }).call('DescribeRegions')).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    for (let i = 0; i < 100 && !s.stderr().includes('serving'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.stderr()).not.toContain(s.accessKeySecret);
    expect(s.stdout()).not.toContain(s.accessKeySecret);
    expect(s.stdout()).toContain(`ALIBABA_CLOUD_ACCESS_KEY_ID=${s.accessKeyId}\n`);
  });

  it('bad flags and busy ports are usage errors (exit 2); non-loopback --host warns', async () => {
    const h = tempHome();
    cleanups.push(() => h.cleanup());
    const bad = await runEcs(['simulator', 'serve', '--fail-rate', '2'], { env: h.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-rate must be a number from 0 to 1');
    const { s } = await serve();
    const busy = await runEcs(['simulator', 'serve', '--port', String(s.port)], { env: h.env });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('already in use');
    const wide = await startServedSimulator({ env: { ...h.env, ECS_SIMULATOR_DIR: join(h.home, 'sim2') }, args: ['--host', '0.0.0.0'] });
    try {
      for (let i = 0; i < 100 && !wide.stderr().includes('serving'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(wide.stderr()).toMatch(/^warning: serving on 0\.0\.0\.0/m);
      expect(wide.stderr()).not.toContain('warning: warning:');
    } finally {
      await wide.stop();
    }
  });
});

describe('the CLI over the wire', () => {
  it('--backend remote: works, --debug redacts secrets, wrong secret is exit 4', async () => {
    const { s, env } = await serve();
    const base = { ...env, ...s.clientEnv };
    const ok = await runEcs(['--debug', 'instance', 'list', '-o', 'json'], { env: base });
    expect(ok.stderr).not.toContain(s.accessKeySecret);
    expect(ok.stderr).toContain(`→ POST http://${s.endpoint}/`);
    expect(ok.stderr).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect([ok.code, JSON.parse(ok.stdout)]).toEqual([0, []]);
    const v1 = await runEcs(['--signature', 'v1', 'instance', 'list', '-o', 'json'], { env: base });
    expect(v1.code).toBe(0);
    const wrong = await runEcs(['instance', 'list'], { env: { ...base, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'nope' } });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/^error: .*SignatureDoesNotMatch.*RequestId [0-9A-F-]{36}\)\n$/);
  });

  it('missing credentials: exit 4 naming the env vars; plain HTTP off loopback refused (exit 2)', async () => {
    const h = tempHome();
    cleanups.push(() => h.cleanup());
    const none = await runEcs(['--backend', 'remote', '--endpoint', '127.0.0.1:1', 'instance', 'list'], { env: h.env });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    const env = { ...h.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'a', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'b' };
    const http = await runEcs(['--backend', 'remote', '--endpoint', 'http://ecs.cn-hangzhou.aliyuncs.com', 'instance', 'list'], { env });
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('refusing plain HTTP');
  });

  it('faults surface after retries with a clear message and exit 1', async () => {
    const { s, env } = await serve(['--fail-rate', '1']);
    const r = await runEcs(['instance', 'list'], { env: { ...env, ...s.clientEnv } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ServiceUnavailable|temporary failure/);
    expect(r.stderr).toContain('gave up after 3 attempts');
    const slow = await serve(['--latency', '2000']);
    const t = await runEcs(['instance', 'list'], { env: { ...slow.env, ...slow.s.clientEnv, ECS_READ_TIMEOUT_MS: '300' } });
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/read timeout.*after 3 attempts/);
  });
});
