// Conformance of issue 7 §4's instance actions over the wire: the official SDK
// (@alicloud/ecs20140526, V3 signature) drives a served simulator through CreateInstance,
// auto-renewal and DescribeInstanceVncUrl, and gets the real error codes back.
import { beforeAll, describe, expect, it } from 'vitest';
import { Ecs, sdkClient, sdkError } from '../helpers/sdk.js';
import { servedForSuite } from '../helpers/served.js';


const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const TYPE = 'ecs.g6.large';


describe('official SDK: CreateInstance, auto-renewal, VNC URL', () => {
  const sim = servedForSuite('ecs-conf-x-');
  let client: any;

  beforeAll(() => {
    client = sdkClient(sim.served());
  });

  it('CreateInstance answers one InstanceId, and the instance is Stopped', async () => {
    const r = await client.createInstance(new Ecs.CreateInstanceRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE }));
    expect(r.body.instanceId).toMatch(/^i-/);
    const d = await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([r.body.instanceId]) }));
    expect(d.body.instances.instance[0].status).toBe('Stopped');
  });

  it('auto-renewal: Modify then Describe, and a pay-as-you-go instance is refused', async () => {
    const run = await client.runInstances(
      new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE, instanceChargeType: 'PrePaid', period: 1, periodUnit: 'Month' }),
    );
    const id = run.body.instanceIdSets.instanceIdSet[0];
    await client.modifyInstanceAutoRenewAttribute(
      new Ecs.ModifyInstanceAutoRenewAttributeRequest({ regionId: REGION, instanceId: id, autoRenew: true, duration: 3, periodUnit: 'Month' }),
    );
    const a = await client.describeInstanceAutoRenewAttribute(new Ecs.DescribeInstanceAutoRenewAttributeRequest({ regionId: REGION, instanceId: id }));
    expect(a.body.instanceRenewAttributes.instanceRenewAttribute).toEqual([
      { instanceId: id, autoRenewEnabled: true, duration: 3, periodUnit: 'Month', renewalStatus: 'AutoRenewal' },
    ]);
    expect(a.body.totalCount).toBe(1);
    const payg = (await client.runInstances(new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE }))).body.instanceIdSets.instanceIdSet[0];
    const e = await sdkError(client.modifyInstanceAutoRenewAttribute(new Ecs.ModifyInstanceAutoRenewAttributeRequest({ regionId: REGION, instanceId: payg, autoRenew: true })));
    expect(e.code).toBe('ChargeTypeViolation');
    expect(e.statusCode).toBe(403);
  });

  it('DescribeInstanceVncUrl answers a wss URL; a Stopped instance is refused', async () => {
    const run = await client.runInstances(new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE }));
    const id = run.body.instanceIdSets.instanceIdSet[0];
    const v = await client.describeInstanceVncUrl(new Ecs.DescribeInstanceVncUrlRequest({ regionId: REGION, instanceId: id }));
    expect(v.body.vncUrl).toMatch(/^wss:\/\/.+instanceId=i-/);
    const stopped = (await client.createInstance(new Ecs.CreateInstanceRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE }))).body.instanceId;
    const e = await sdkError(client.describeInstanceVncUrl(new Ecs.DescribeInstanceVncUrlRequest({ regionId: REGION, instanceId: stopped })));
    expect(e.code).toBe('IncorrectInstanceStatus');
    expect(e.statusCode).toBe(403);
  });

  it('DescribeInstances MaxResults below 10 is refused with InvalidParameter', async () => {
    const e = await sdkError(client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 5 })));
    expect(e.code).toBe('InvalidParameter');
    expect(e.statusCode).toBe(400);
  });
});
