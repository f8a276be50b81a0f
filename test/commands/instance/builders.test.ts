// The list/describe builders against responses shaped like the real API's (no simulator
// extensions), with a scripted EcsApi standing in for the service.
import { describe, expect, it } from 'vitest';
import type { EcsApi } from '../../../src/api/types.js';
import { chunks, listAll } from '../../../src/commands/builders/index.js';
import { Context } from '../../../src/core/context.js';
import { nullIO } from '../../../src/completion/null-io.js';
import { image } from '../../../src/resources/image.js';
import { instance, instanceFields, loginUser, pendingChanges, privateIp, publicIp } from '../../../src/resources/instance.js';

type Params = Record<string, any>;

function scripted(pages: (p: Params) => Record<string, any>): EcsApi & { calls: Params[] } {
  const calls: Params[] = [];
  const api = {
    kind: 'remote' as const,
    regionId: 'cn-hangzhou',
    calls,
    async call(_action: string, params: Params = {}) {
      calls.push(params);
      return { RequestId: 'R', ...pages(params) } as any;
    },
  };
  return api as unknown as EcsApi & { calls: Params[] };
}

const ctx = new Context(nullIO(), { region: 'cn-hangzhou' }, { ECS_SIMULATOR_DIR: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' });

const items = (from: number, n: number) => ({ Instances: { Instance: Array.from({ length: n }, (_, i) => ({ InstanceId: `i-${from + i}` })) } });

describe('listAll', () => {
  it('token paging: MaxResults 100 and NextToken until it is empty; all pages merged in order', async () => {
    const api = scripted((p) => {
      const at = p.NextToken ? Number(p.NextToken) : 0;
      const n = Math.min(100, 250 - at);
      return { ...items(at, n), NextToken: at + n < 250 ? String(at + n) : '' };
    });
    const all = await listAll(ctx, api, instance, { Status: 'Running' });
    expect(all.map((i: any) => i.InstanceId)).toEqual(Array.from({ length: 250 }, (_, i) => `i-${i}`));
    expect(api.calls).toEqual([
      { RegionId: 'cn-hangzhou', Status: 'Running', MaxResults: 100, NextToken: undefined },
      { RegionId: 'cn-hangzhou', Status: 'Running', MaxResults: 100, NextToken: '100' },
      { RegionId: 'cn-hangzhou', Status: 'Running', MaxResults: 100, NextToken: '200' },
    ]);
  });

  it('token paging stops if a service repeats a token (no endless loop)', async () => {
    const api = scripted(() => ({ ...items(0, 100), NextToken: 'same' }));
    const all = await listAll(ctx, api, instance);
    expect(api.calls).toHaveLength(2);
    expect(all).toHaveLength(200);
  });

  it('page paging: PageNumber/PageSize until TotalCount is reached', async () => {
    const api = scripted((p) => {
      const start = ((p.PageNumber as number) - 1) * (p.PageSize as number);
      const n = Math.max(0, Math.min(100, 250 - start));
      return { Images: { Image: Array.from({ length: n }, (_, i) => ({ ImageId: `m-${start + i}` })) }, TotalCount: 250 };
    });
    const all = await listAll(ctx, api, image);
    expect(all).toHaveLength(250);
    expect(api.calls.map((c) => [c.PageNumber, c.PageSize])).toEqual([[1, 100], [2, 100], [3, 100]]);
  });

  it('chunks IDs by 100', () => {
    expect(chunks(Array.from({ length: 250 }, (_, i) => i), 100).map((c) => c.length)).toEqual([100, 100, 50]);
  });
});

describe('describe fields from a real-API Instance (no simulator extensions)', () => {
  const real = {
    InstanceId: 'i-bp67acfmxazb4ph6xxxx',
    InstanceName: 'web-1',
    HostName: 'web-1',
    Status: 'Running',
    ZoneId: 'cn-hangzhou-i',
    InstanceType: 'ecs.g7.large',
    Cpu: 2,
    Memory: 8192,
    OSType: 'linux',
    OSNameEn: 'Alibaba Cloud Linux 3.2104 LTS 64 bit',
    ImageOptions: { LoginAsNonRoot: true },
    VpcAttributes: { VpcId: 'vpc-1', VSwitchId: 'vsw-1', PrivateIpAddress: { IpAddress: ['172.16.0.8'] } },
    PublicIpAddress: { IpAddress: [] },
    EipAddress: { IpAddress: '47.1.2.3' },
    SecurityGroupIds: { SecurityGroupId: ['sg-1', 'sg-2'] },
    InstanceChargeType: 'PostPaid',
    ExpiredTime: '2099-12-31T15:59Z',
    AutoReleaseTime: '',
  };

  it('login user from ImageOptions.LoginAsNonRoot / OSType; no pending-changes line', () => {
    expect(loginUser(real)).toBe('ecs-user');
    expect(loginUser({ ...real, ImageOptions: { LoginAsNonRoot: false } })).toBe('root');
    expect(loginUser({ OSType: 'windows' })).toBe('Administrator');
    expect(pendingChanges(real)).toBeUndefined();
    const f = Object.fromEntries(instanceFields(real));
    expect(f['Login user']).toBe('ecs-user');
    expect('Pending changes' in f).toBe(false);
    expect(f.Memory).toBe('8 GiB');
    expect(f['Security groups']).toEqual(['sg-1', 'sg-2']);
    expect(f.Expires).toBeUndefined(); // pay-as-you-go: the API's far-future placeholder is not an expiry
    expect(privateIp(real)).toBe('172.16.0.8');
    expect(publicIp(real)).toBe('47.1.2.3');
  });

  it('simulator extensions, when present, are shown', () => {
    const sim = { ...real, SimulatorExtensions: { LoginUser: 'ecs-user', PendingChanges: ['Password', 'VncPassword'] } };
    const f = Object.fromEntries(instanceFields(sim));
    expect(f['Pending changes']).toBe('Password, VncPassword (take effect after a reboot through the API: ecs instance reboot i-bp67acfmxazb4ph6xxxx)');
  });
});

describe('answers of the wrong shape are errors naming the action, not empty lists', () => {
  it.each([
    ['[]', []],
    ['{"Regions":"x"}', { Regions: 'x' }],
    ['{"Instances":{"Instance":"x"}}', { Instances: { Instance: 'x' } }],
    ['{} (no container)', {}],
  ])('%s', async (_name, answer) => {
    const api = { kind: 'remote', regionId: 'r', call: async () => answer } as unknown as EcsApi;
    await expect(listAll(ctx, api, instance)).rejects.toMatchObject({ code: 'InvalidResponse', message: expect.stringMatching(/^DescribeInstances answered with an unexpected shape \(/) });
  });
  it('an empty list is fine', async () => {
    const api = { kind: 'remote', regionId: 'r', call: async () => ({ Instances: { Instance: [] } }) } as unknown as EcsApi;
    expect(await listAll(ctx, api, instance)).toEqual([]);
  });
});
