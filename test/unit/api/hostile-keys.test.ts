// Issue 7 §3.1: untrusted strings (IDs, names, actions, parameter names, settings, tag keys)
// never reach plain-object lookups. Everything goes over the wire to the in-process served
// simulator (this process is the server, so Object.prototype here is the server's), signed
// by the real client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteBackend } from '../../../src/api/remote.js';
import type { ResolvedConfig } from '../../../src/core/config.js';
import { CliError, UsageError } from '../../../src/core/errors.js';
import { settingValue } from '../../../src/simulator/settings.js';
import { emptyState } from '../../../src/simulator/state.js';
import { storeContents } from '../../../src/simulator/store.js';
import { runInProcess, tempHome } from '../../helpers/run.js';
import { AK, SK, startServer } from './server-helper.js';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const LINUX = 'aliyun_3_x64_20G_alibase_20240819.vhd';

const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const PROTO_BEFORE = protoSnapshot();
function expectCleanPrototype(): void {
  expect(protoSnapshot()).toBe(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).DeletionProtection).toBeUndefined();
  expect(({} as Record<string, unknown>).status).toBeUndefined();
}

let srv: Awaited<ReturnType<typeof startServer>>;
let api: RemoteBackend;
beforeAll(async () => {
  srv = await startServer();
  const config: ResolvedConfig = {
    profileName: 'default', profileExists: false, backend: 'remote', region: 'cn-hangzhou',
    accessKeyId: AK, accessKeySecret: SK, signature: 'v3', sources: {}, endpoint: srv.endpoint,
  };
  api = new RemoteBackend({ config, env: {} });
  api.retry = { ...api.retry, errorAttempts: 1 };
  // A store with one instance in it, so that "nothing changed" compares real content.
  await api.call('RunInstances', { ImageId: LINUX, InstanceType: 'ecs.g7.large', Password: 'Str0ng#Passw0rd' });
});
afterAll(async () => {
  await api.close();
  await srv.stop();
});
afterEach(() => expectCleanPrototype());

async function failure(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    return e as CliError;
  }
  throw new Error('expected a failure');
}

describe.each(NAMES)('prototype name %s', (name) => {
  it('as an Action: InvalidAction.NotFound (404), not a 500', async () => {
    for (const signature of ['v3', 'v1'] as const) {
      const c = new RemoteBackend({ config: { ...(api as any).opts.config, signature }, env: {} });
      const e = await failure(c.call(name));
      expect([e.code, e.httpStatus]).toEqual(['InvalidAction.NotFound', 404]);
      await c.close();
    }
  });

  it('as a signed header name (SignedHeaders=…): SignatureDoesNotMatch 400, not a 500', async () => {
    const { request } = await import('node:http');
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const signed = [name.toLowerCase(), 'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'].sort().join(';');
    const [status, body] = await new Promise<[number, any]>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1', port: srv.port, method: 'POST', path: '/',
          headers: {
            host: srv.endpoint, 'x-acs-action': 'DescribeRegions', 'x-acs-version': '2014-05-26', 'x-acs-date': date,
            'x-acs-signature-nonce': `n-${name}-${Date.now()}`, 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'content-length': '0',
            authorization: `ACS3-HMAC-SHA256 Credential=${AK},SignedHeaders=${signed},Signature=${'0'.repeat(64)}`,
          },
        },
        (res) => {
          let t = '';
          res.on('data', (d) => (t += d));
          res.on('end', () => resolve([res.statusCode!, JSON.parse(t)]));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect([status, body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('as an InstanceId: the NotFound code of each action, nothing changed', async () => {
    const before = storeContents(srv.dir);
    const cases: [string, Record<string, string>, string][] = [
      ['ModifyInstanceAttribute', { InstanceId: name, DeletionProtection: 'true' }, 'InvalidInstanceId.NotFound'],
      ['ModifyInstanceAttribute', { InstanceId: name, InstanceName: 'x' }, 'InvalidInstanceId.NotFound'],
      ['StartInstance', { InstanceId: name }, 'InvalidInstanceId.NotFound'],
      ['StopInstance', { InstanceId: name }, 'InvalidInstanceId.NotFound'],
      ['RebootInstance', { InstanceId: name }, 'InvalidInstanceId.NotFound'],
      ['DeleteInstance', { InstanceId: name }, 'InvalidInstanceId.NotFound'],
      ['RenewInstance', { InstanceId: name, Period: '1' }, 'InvalidInstanceId.NotFound'],
    ];
    for (const [action, params, code] of cases) {
      const e = await failure(api.call(action, params));
      expect(`${action} ${e.code}`).toBe(`${action} ${code}`);
    }
    const many = await api.call('StartInstances', { InstanceId: [name], BatchOptimization: 'SuccessFirst' });
    expect(many.InstanceResponses.InstanceResponse[0].Code).toBe('InvalidInstanceId.NotFound');
    expect((await failure(api.call('DeleteInstances', { InstanceId: [name], Force: true }))).code).toBe('InvalidInstanceId.NotFound');
    const d = await api.call('DescribeInstances', { InstanceIds: JSON.stringify([name]) });
    expect(d.Instances.Instance).toEqual([]);
    expect(storeContents(srv.dir)).toBe(before);
  });

  it('as a security group, vSwitch and key pair name: the real NotFound codes', async () => {
    const base = { ImageId: LINUX, InstanceType: 'ecs.g7.large', DryRun: true };
    expect((await failure(api.call('RunInstances', { ...base, SecurityGroupId: name }))).code).toBe('InvalidSecurityGroupId.NotFound');
    expect((await failure(api.call('RunInstances', { ...base, VSwitchId: name }))).code).toBe('InvalidVSwitchId.NotFound');
    expect((await failure(api.call('RunInstances', { ...base, KeyPairName: name }))).code).toBe('InvalidKeyPairName.NotFound');
    expect((await failure(api.call('RunInstances', { ...base, ImageId: name }))).code).toBe('InvalidImageId.NotFound');
  });

  it('as a tag key and as parameter names: stored as plain data, found by key', async () => {
    const r = await api.call('RunInstances', {
      ImageId: LINUX, InstanceType: 'ecs.g7.large', Password: 'Str0ng#Passw0rd',
      Tag: [{ Key: name, Value: 'v' }], SystemDisk: { [name]: 'x' }, [name]: 'y',
    });
    const id = r.InstanceIdSets.InstanceIdSet[0] as string;
    const found = await api.call('DescribeInstances', { Tag: [{ Key: name }] });
    expect(found.Instances.Instance.map((i: any) => i.InstanceId)).toEqual([id]);
    expect(found.Instances.Instance[0].Tags.Tag).toEqual([{ TagKey: name, TagValue: 'v' }]);
    // The symptom of the polluted server: every later DeleteInstances failed.
    await api.call('DeleteInstances', { InstanceId: [id], Force: true });
    expect((await api.call('DescribeInstances', {})).Instances.Instance.filter((i: any) => i.InstanceId === id)).toEqual([]);
  });

  it('as a simulator setting: unknown setting (usage error)', () => {
    expect(() => settingValue(emptyState(new Date()), name)).toThrow(UsageError);
    expect(() => settingValue(emptyState(new Date()), name)).toThrow(`unknown simulator setting "${name}"`);
  });
});

describe('the CLI with prototype names', () => {
  it('over the wire: instance rename / start / describe give InvalidInstanceId.NotFound, exit 1', async () => {
    const h = tempHome();
    const env = { ...h.env, ECS_BACKEND: 'remote', ECS_ENDPOINT: srv.endpoint, ALIBABA_CLOUD_ACCESS_KEY_ID: AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SK };
    try {
      const before = storeContents(srv.dir);
      for (const name of NAMES) {
        for (const args of [['instance', 'rename', name, 'x'], ['instance', 'start', name], ['instance', 'describe', name], ['instance', 'delete', name, '--yes']]) {
          const r = await runInProcess(args, { env });
          expect([args.join(' '), r.code, r.stdout.includes(name) && args[1] !== 'start' && args[1] !== 'delete']).toEqual([args.join(' '), 1, false]);
          expect(r.stderr).toContain('InvalidInstanceId.NotFound');
        }
      }
      expect(storeContents(srv.dir)).toBe(before);
    } finally {
      h.cleanup();
    }
  });

  it('instance rename / describe / start, simulator set and get: NotFound or unknown, exit 1 or 2, nothing printed on stdout', async () => {
    const h = tempHome();
    try {
      for (const name of NAMES) {
        const r = await runInProcess(['instance', 'rename', name, 'x'], { env: h.env });
        expect([r.code, r.stdout, r.stderr.trim().split('\n').length]).toEqual([1, '', 1]);
        expect(r.stderr).toContain('InvalidInstanceId.NotFound');
        const s = await runInProcess(['simulator', 'set', name, 'x'], { env: h.env });
        expect([s.code, s.stdout]).toEqual([2, '']);
        expect(s.stderr).toMatch(new RegExp(`^error: unknown simulator setting "${name}"`));
        const g = await runInProcess(['simulator', 'get', name], { env: h.env });
        expect([g.code, g.stdout]).toEqual([2, '']);
      }
    } finally {
      h.cleanup();
    }
  });
});
