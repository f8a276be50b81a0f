// Conformance: clients nobody here wrote — the official TypeScript SDK
// (@alicloud/ecs20140526 on @alicloud/openapi-core; V3 signature by default, V1 with
// signatureAlgorithm 'v2') and @alicloud/pop-core (V1, form body) — drive a served
// simulator (the built `ecs simulator serve`) through a realistic scenario.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ecs, sdkClient, sdkError } from '../helpers/sdk.js';
import { servedForSuite, type ServedSimulator } from '../helpers/served.js';

const require = createRequire(import.meta.url);
const PopCore = require('@alicloud/pop-core');

const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const TYPE = 'ecs.g6.large';

function sdk(s: ServedSimulator, algorithm: 'v3' | 'v1', secret = s.accessKeySecret) {
  return sdkClient(s, { algorithm, accessKeySecret: secret });
}


describe.each(['v3', 'v1'] as const)('official SDK scenario, signature %s', (algorithm) => {
  const sim = servedForSuite('ecs-conf-');
  let client: any;
  let ids: string[] = [];

  beforeAll(() => {
    client = sdk(sim.served(), algorithm);
  });

  it('DescribeRegions', async () => {
    const r = await client.describeRegions(new Ecs.DescribeRegionsRequest({}));
    expect(r.statusCode).toBe(200);
    expect(r.body.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const regionIds = r.body.regions.region.map((x: any) => x.regionId);
    expect(regionIds).toContain(REGION);
    expect(r.body.regions.region.find((x: any) => x.regionId === REGION).localName).toBeTruthy();
  });

  it('RunInstances with Amount and ClientToken; the same token answers the same IDs', async () => {
    const req = () =>
      new Ecs.RunInstancesRequest({
        regionId: REGION,
        imageId: IMAGE,
        instanceType: TYPE,
        amount: 3,
        instanceName: 'conf-vm',
        clientToken: `conf-${algorithm}-token-1`,
        systemDisk: new Ecs.RunInstancesRequestSystemDisk({ category: 'cloud_essd', size: '40' }),
        tag: [new Ecs.RunInstancesRequestTag({ key: 'suite', value: 'conformance' })],
      });
    const first = await client.runInstances(req());
    ids = first.body.instanceIdSets.instanceIdSet;
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^i-[a-z0-9]{20}$/);
    const again = await client.runInstances(req());
    expect(again.body.instanceIdSets.instanceIdSet).toEqual(ids);
  });

  it('DescribeInstances by InstanceIds (JSON string) and by pages', async () => {
    const r = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids) }));
    expect(r.body.totalCount).toBe(3);
    const inst = r.body.instances.instance;
    expect(inst.map((i: any) => i.instanceId).sort()).toEqual([...ids].sort());
    expect(inst[0].instanceType).toBe(TYPE);
    expect(inst[0].imageId).toBe(IMAGE);
    expect(inst[0].tags.tag).toEqual([expect.objectContaining({ tagKey: 'suite', tagValue: 'conformance' })]);
    const p1 = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 2, pageNumber: 1 }));
    const p2 = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 2, pageNumber: 2 }));
    expect([p1.body.pageNumber, p1.body.pageSize, p1.body.totalCount]).toEqual([1, 2, 3]);
    expect(p1.body.instances.instance).toHaveLength(2);
    expect(p2.body.instances.instance).toHaveLength(1);
    const paged = [...p1.body.instances.instance, ...p2.body.instances.instance].map((i: any) => i.instanceId);
    expect(paged.sort()).toEqual([...ids].sort());
  });

  it('StopInstances / StartInstances move the instances through their states', async () => {
    const status = async () => {
      const r = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids) }));
      return [...new Set(r.body.instances.instance.map((i: any) => i.status))];
    };
    expect(await status()).toEqual(['Running']);
    const stop = await client.stopInstances(new Ecs.StopInstancesRequest({ regionId: REGION, instanceId: ids, forceStop: true }));
    expect(stop.statusCode).toBe(200);
    expect(await status()).toEqual(['Stopped']);
    const start = await client.startInstances(new Ecs.StartInstancesRequest({ regionId: REGION, instanceId: ids }));
    expect(start.statusCode).toBe(200);
    expect(await status()).toEqual(['Running']);
  });

  it('ModifyInstanceAttribute renames an instance', async () => {
    const r = await client.modifyInstanceAttribute(new Ecs.ModifyInstanceAttributeRequest({ instanceId: ids[0], instanceName: 'renamed-by-sdk', description: 'via the official SDK' }));
    expect(r.statusCode).toBe(200);
    const d = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([ids[0]]) }));
    expect(d.body.instances.instance[0]).toMatchObject({ instanceName: 'renamed-by-sdk', description: 'via the official SDK' });
  });

  it('errors: unknown instance → InvalidInstanceId.NotFound 404; wrong secret → SignatureDoesNotMatch 400', async () => {
    const e = await sdkError(client.modifyInstanceAttribute(new Ecs.ModifyInstanceAttributeRequest({ instanceId: 'i-bp1doesnotexist00000', instanceName: 'x' })));
    expect(e.code).toBe('InvalidInstanceId.NotFound');
    expect(e.statusCode).toBe(404);
    expect(e.data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const bad = sdk(sim.served(), algorithm, 'not-the-secret');
    const e2 = await sdkError(bad.describeRegions(new Ecs.DescribeRegionsRequest({})));
    expect(e2.code).toBe('SignatureDoesNotMatch');
    expect(e2.statusCode).toBe(400);
    const e3 = await sdkError(client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: '["i-1",' })));
    expect(e3.statusCode).toBe(400);
    expect(e3.code).toBe('InvalidInstanceIds.Malformed');
  });
});

describe('@alicloud/pop-core (V1, form body)', () => {
  const sim = servedForSuite('ecs-pop-', { timeScale: null, generated: true, checkExit: false });

  it('drives the served simulator with generated credentials', async () => {
    const client = new PopCore.RPCClient({
      accessKeyId: sim.served().accessKeyId,
      accessKeySecret: sim.served().accessKeySecret,
      endpoint: `http://${sim.served().endpoint}`,
      apiVersion: '2014-05-26',
    });
    const regions = await client.request('DescribeRegions', { RegionId: REGION }, { method: 'POST' });
    expect(regions.Regions.Region.map((r: any) => r.RegionId)).toContain(REGION);
    const run = await client.request(
      'RunInstances',
      { RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, Amount: 2, ClientToken: 'pop-1', 'Tag.1.Key': 'by', 'Tag.1.Value': 'pop core' },
      { method: 'POST' },
    );
    const ids = run.InstanceIdSets.InstanceIdSet;
    expect(ids).toHaveLength(2);
    const d = await client.request('DescribeInstances', { RegionId: REGION, InstanceIds: JSON.stringify(ids) }, { method: 'POST' });
    expect(d.TotalCount).toBe(2);
    const err = await client.request('StopInstances', { RegionId: REGION, 'InstanceId.1': 'i-bp1doesnotexist00000' }, { method: 'POST' }).catch((e: any) => e);
    expect(err.code).toMatch(/InvalidInstanceId\.NotFound/);
  });
});
