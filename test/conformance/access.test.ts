// Conformance of the access-control actions over the wire: the official SDK
// (@alicloud/ecs20140526, V3 signature) drives the built `ecs simulator serve` through key
// pairs, security groups and rules, RAM roles and deny policies, and tags.
import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run.js';
import { Ecs, sdkClient, sdkError } from '../helpers/sdk.js';
import { servedForSuite } from '../helpers/served.js';


const REGION = 'cn-hangzhou';
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const TYPE = 'ecs.g6.large';


describe('official SDK: key pairs, security groups, RAM roles, tags', () => {
  const sim = servedForSuite('ecs-conf-access-');
  let env: NodeJS.ProcessEnv;
  let client: any;
  let instanceId: string;
  let sgA: string;
  let sgB: string;

  beforeAll(() => {
    env = sim.env();
    client = sdkClient(sim.served(), { readTimeout: 20_000 });
  });

  const setting = async (key: string, value: string) => {
    const r = await runInProcess(['simulator', 'set', key, value], { env });
    expect(r.code, r.stderr).toBe(0);
  };

  it('CreateKeyPair / ImportKeyPair / DescribeKeyPairs', async () => {
    const c = await client.createKeyPair(new Ecs.CreateKeyPairRequest({ regionId: REGION, keyPairName: 'sdk-kp1' }));
    expect(c.body.keyPairName).toBe('sdk-kp1');
    expect(c.body.keyPairFingerPrint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(createPrivateKey(c.body.privateKeyBody).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const d = await client.describeKeyPairs(new Ecs.DescribeKeyPairsRequest({ regionId: REGION, keyPairName: 'sdk-*', includePublicKey: true }));
    expect(d.body.totalCount).toBe(1);
    const pub = d.body.keyPairs.keyPair[0].publicKey;
    expect(pub).toMatch(/^ssh-rsa AAAA/);
    const i = await client.importKeyPair(new Ecs.ImportKeyPairRequest({ regionId: REGION, keyPairName: 'sdk-kp2', publicKeyBody: `${pub} imported` }));
    expect(i.body.keyPairFingerPrint).toBe(c.body.keyPairFingerPrint);
    const dup = await sdkError(client.createKeyPair(new Ecs.CreateKeyPairRequest({ regionId: REGION, keyPairName: 'sdk-kp1' })));
    expect([dup.code, dup.statusCode]).toEqual(['KeyPair.AlreadyExist', 400]);
    const bad = await sdkError(client.importKeyPair(new Ecs.ImportKeyPairRequest({ regionId: REGION, keyPairName: 'sdk-kp3', publicKeyBody: c.body.privateKeyBody })));
    expect([bad.code, bad.statusCode]).toEqual(['InvalidPublicKeyBody.Malformed', 400]);
  });

  it('AttachKeyPair on a running instance is pending until RebootInstance; DeleteKeyPairs refused while bound', async () => {
    const run = await client.runInstances(new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE, keyPairName: 'sdk-kp1' }));
    instanceId = run.body.instanceIdSets.instanceIdSet[0];
    const a = await client.attachKeyPair(new Ecs.AttachKeyPairRequest({ regionId: REGION, keyPairName: 'sdk-kp2', instanceIds: JSON.stringify([instanceId]) }));
    expect([a.body.totalCount, a.body.failCount]).toEqual(['1', '0']);
    expect(a.body.results.result[0]).toMatchObject({ instanceId, success: 'true', code: '200' });
    const show = async () => (await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }))).body.instances.instance[0];
    expect((await show()).keyPairName).toBe('sdk-kp2');
    const e = await sdkError(client.deleteKeyPairs(new Ecs.DeleteKeyPairsRequest({ regionId: REGION, keyPairNames: JSON.stringify(['sdk-kp2']) })));
    expect([e.code, e.statusCode]).toEqual(['DependencyViolation', 403]);
    await client.rebootInstance(new Ecs.RebootInstanceRequest({ instanceId }));
    await client.deleteKeyPairs(new Ecs.DeleteKeyPairsRequest({ regionId: REGION, keyPairNames: JSON.stringify(['sdk-kp1']) }));
    const left = await client.describeKeyPairs(new Ecs.DescribeKeyPairsRequest({ regionId: REGION }));
    expect(left.body.keyPairs.keyPair.map((k: any) => k.keyPairName)).toEqual(['sdk-kp2']);
  });

  it('CreateSecurityGroup / Authorize (Permissions.N) / AuthorizeEgress / DescribeSecurityGroupAttribute / Revoke', async () => {
    sgA = (await client.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: REGION, securityGroupName: 'sdk-web', description: 'from the SDK' }))).body.securityGroupId;
    sgB = (await client.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: REGION, securityGroupName: 'sdk-db' }))).body.securityGroupId;
    await client.authorizeSecurityGroup(
      new Ecs.AuthorizeSecurityGroupRequest({
        regionId: REGION,
        securityGroupId: sgA,
        permissions: [
          new Ecs.AuthorizeSecurityGroupRequestPermissions({ ipProtocol: 'TCP', portRange: '80/80', sourceCidrIp: '0.0.0.0/0', description: 'http' }),
          new Ecs.AuthorizeSecurityGroupRequestPermissions({ ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '203.0.113.0/24', policy: 'drop', priority: '2' }),
        ],
      }),
    );
    await client.authorizeSecurityGroup(new Ecs.AuthorizeSecurityGroupRequest({ regionId: REGION, securityGroupId: sgB, ipProtocol: 'tcp', portRange: '3306/3306', sourceGroupId: sgA }));
    await client.authorizeSecurityGroupEgress(new Ecs.AuthorizeSecurityGroupEgressRequest({ regionId: REGION, securityGroupId: sgA, ipProtocol: 'all', portRange: '-1/-1', destCidrIp: '10.0.0.0/8', policy: 'drop' }));
    const attr = await client.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: sgA }));
    expect(attr.body.permissions.permission.map((p: any) => [p.direction, p.ipProtocol, p.portRange, p.policy, p.priority])).toEqual([
      ['ingress', 'TCP', '80/80', 'Accept', '1'],
      ['ingress', 'TCP', '22/22', 'Drop', '2'],
      ['egress', 'ALL', '-1/-1', 'Drop', '1'],
    ]);
    const b = await client.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: sgB, direction: 'ingress' }));
    expect(b.body.permissions.permission[0]).toMatchObject({ sourceGroupId: sgA, sourceGroupName: 'sdk-web' });
    const e = await sdkError(client.authorizeSecurityGroup(new Ecs.AuthorizeSecurityGroupRequest({ regionId: REGION, securityGroupId: sgA, ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '0.0.0.0/0', priority: '101' })));
    expect([e.code, e.statusCode]).toEqual(['InvalidPriority.ValueNotSupported', 400]);
    await client.revokeSecurityGroupEgress(new Ecs.RevokeSecurityGroupEgressRequest({ regionId: REGION, securityGroupId: sgA, ipProtocol: 'all', portRange: '-1/-1', destCidrIp: '10.0.0.0/8', policy: 'drop' }));
    const after = await client.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId: sgA, direction: 'egress' }));
    expect(after.body.permissions.permission).toEqual([]);
  });

  it('JoinSecurityGroup / LeaveSecurityGroup / DeleteSecurityGroup with DependencyViolation', async () => {
    await client.joinSecurityGroup(new Ecs.JoinSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId: sgA }));
    const dup = await sdkError(client.joinSecurityGroup(new Ecs.JoinSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId: sgA })));
    expect([dup.code, dup.statusCode]).toEqual(['InvalidInstanceId.AlreadyExists', 403]);
    const inUse = await sdkError(client.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: REGION, securityGroupId: sgA })));
    expect([inUse.code, inUse.statusCode]).toEqual(['DependencyViolation', 403]);
    const groups = (await client.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }))).body.instances.instance[0].securityGroupIds.securityGroupId;
    expect(groups).toHaveLength(2);
    await client.leaveSecurityGroup(new Ecs.LeaveSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId: groups[0] }));
    const last = await sdkError(client.leaveSecurityGroup(new Ecs.LeaveSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId: sgA })));
    expect([last.code, last.statusCode]).toEqual(['InstanceLastSecurityGroup', 403]);
    const referenced = await sdkError(client.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: REGION, securityGroupId: sgA })));
    expect(referenced.message).toContain('There is still instance(s)');
    await client.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: REGION, securityGroupId: sgB }));
  });

  it('AttachInstanceRamRole / DescribeInstanceRamRole / DetachInstanceRamRole', async () => {
    const a = await client.attachInstanceRamRole(new Ecs.AttachInstanceRamRoleRequest({ regionId: REGION, ramRoleName: 'EcsRamRoleDocumentTesting', instanceIds: JSON.stringify([instanceId]) }));
    expect([a.body.totalCount, a.body.failCount]).toEqual([1, 0]);
    const d = await client.describeInstanceRamRole(new Ecs.DescribeInstanceRamRoleRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }));
    expect(d.body.instanceRamRoleSets.instanceRamRoleSet).toEqual([expect.objectContaining({ instanceId, ramRoleName: 'EcsRamRoleDocumentTesting' })]);
    const missing = await sdkError(client.attachInstanceRamRole(new Ecs.AttachInstanceRamRoleRequest({ regionId: REGION, ramRoleName: 'NoSuchRole', instanceIds: JSON.stringify([instanceId]) })));
    expect([missing.code, missing.statusCode]).toEqual(['InvalidRamRole.NotFound', 404]);
    const det = await client.detachInstanceRamRole(new Ecs.DetachInstanceRamRoleRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }));
    expect(det.body.failCount).toBe(0);
  });

  it('RAM deny policies set on the simulator answer Forbidden.RAM', async () => {
    await setting('ram.require-login-as-non-root', 'true');
    const e = await sdkError(client.runInstances(new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE })));
    expect([e.code, e.statusCode]).toEqual(['Forbidden.RAM', 403]);
    const ok = await client.runInstances(new Ecs.RunInstancesRequest({ regionId: REGION, imageId: IMAGE, instanceType: TYPE, imageOptions: new Ecs.RunInstancesRequestImageOptions({ loginAsNonRoot: true }) }));
    expect(ok.body.instanceIdSets.instanceIdSet).toHaveLength(1);
    await setting('ram.require-login-as-non-root', 'false');
  });

  it('TagResources / ListTagResources / UntagResources and Tag.N filters', async () => {
    await client.tagResources(new Ecs.TagResourcesRequest({ regionId: REGION, resourceType: 'securitygroup', resourceId: [sgA], tag: [new Ecs.TagResourcesRequestTag({ key: 'env', value: 'prod' })] }));
    await client.tagResources(new Ecs.TagResourcesRequest({ regionId: REGION, resourceType: 'keypair', resourceId: ['sdk-kp2'], tag: [new Ecs.TagResourcesRequestTag({ key: 'env', value: 'prod' })] }));
    const l = await client.listTagResources(new Ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: 'securitygroup', resourceId: [sgA] }));
    expect(l.body.tagResources.tagResource).toEqual([expect.objectContaining({ resourceId: sgA, resourceType: 'securitygroup', tagKey: 'env', tagValue: 'prod' })]);
    const f = await client.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: REGION, tag: [new Ecs.DescribeSecurityGroupsRequestTag({ key: 'env', value: 'prod' })] }));
    expect(f.body.securityGroups.securityGroup.map((g: any) => g.securityGroupId)).toEqual([sgA]);
    const k = await client.describeKeyPairs(new Ecs.DescribeKeyPairsRequest({ regionId: REGION, tag: [new Ecs.DescribeKeyPairsRequestTag({ key: 'env' })] }));
    expect(k.body.totalCount).toBe(1);
    const bad = await sdkError(client.tagResources(new Ecs.TagResourcesRequest({ regionId: REGION, resourceType: 'securitygroup', resourceId: [sgA], tag: [new Ecs.TagResourcesRequestTag({ key: 'aliyun:x', value: 'y' })] })));
    expect([bad.code, bad.statusCode]).toEqual(['InvalidTagKey.Malformed', 400]);
    await client.untagResources(new Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: 'securitygroup', resourceId: [sgA], tagKey: ['env'] }));
    const after = await client.listTagResources(new Ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: 'securitygroup', resourceId: [sgA] }));
    expect(after.body.tagResources.tagResource ?? []).toEqual([]);
  });
});
