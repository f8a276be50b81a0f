// Tags (guide §15, §20 #7, §23 #25): 10 per resource, 5 per call, key ≤ 64 / value ≤ 128,
// forbidden prefixes, case-insensitive keys that overwrite, region scope, Tag.N filters.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

const tagParams = (pairs: [string, string][]) => Object.fromEntries(pairs.flatMap(([k, v], i) => [[`Tag.${i + 1}.Key`, k], [`Tag.${i + 1}.Value`, v]]));
async function list(type: string, id: string): Promise<[string, string][]> {
  const r = await f.call('ListTagResources', { ResourceType: type, 'ResourceId.1': id });
  return r.TagResources.TagResource.map((t: any) => [t.TagKey, t.TagValue]);
}

describe('TagResources / UntagResources / ListTagResources', () => {
  test('10 tags per resource, 5 per call; the same key (any case) overwrites; empty values allowed', async () => {
    const [id] = await f.run();
    const tag = (pairs: [string, string][]) => f.call('TagResources', { ResourceType: 'instance', 'ResourceId.1': id!, ...tagParams(pairs) });
    await tag([['k1', 'a'], ['k2', ''], ['k3', 'c'], ['k4', 'd'], ['k5', 'e']]);
    await f.refused('TagResources', { ResourceType: 'instance', 'ResourceId.1': id!, ...tagParams([['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5'], ['f', '6']]) }, 'NumberExceed.Tags', 400);
    await tag([['k6', 'f'], ['k7', 'g'], ['k8', 'h'], ['k9', 'i'], ['k10', 'j']]);
    await f.refused('TagResources', { ResourceType: 'instance', 'ResourceId.1': id!, ...tagParams([['k11', 'x']]) }, 'OperationDenied.QuotaExceed', 400);
    await tag([['K1', 'overwritten']]);
    const tags = await list('instance', id!);
    expect(tags).toHaveLength(10);
    expect(tags).toContainEqual(['K1', 'overwritten']);
    expect(tags).toContainEqual(['k2', '']);
    expect((await f.describe(id!)).Tags.Tag).toContainEqual({ TagKey: 'K1', TagValue: 'overwritten' });
    await f.call('UntagResources', { ResourceType: 'instance', 'ResourceId.1': id!, 'TagKey.1': 'k1', 'TagKey.2': 'K2' });
    expect((await list('instance', id!)).map(([k]) => k)).toEqual(['k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10']);
    await f.call('UntagResources', { ResourceType: 'instance', 'ResourceId.1': id!, All: 'true' });
    expect(await list('instance', id!)).toEqual([]);
    await f.setting('quota.tags-per-resource', '20');
    await f.setting('quota.tags-per-call', '20');
    await tag(Array.from({ length: 20 }, (_, i) => [`t${i}`, 'v'] as [string, string]));
  });

  test('key and value rules: 64 / 128 characters, no aliyun, acs:, http(s):// prefixes, no duplicates in a call', async () => {
    const [id] = await f.run();
    const one = (k: string, v: string) => ({ ResourceType: 'instance', 'ResourceId.1': id!, 'Tag.1.Key': k, 'Tag.1.Value': v });
    await f.call('TagResources', one('k'.repeat(64), 'v'.repeat(128)));
    await f.refused('TagResources', one('k'.repeat(65), 'v'), 'InvalidTagKey.Malformed', 400);
    await f.refused('TagResources', one('k', 'v'.repeat(129)), 'InvalidTagValue.Malformed', 400);
    for (const bad of ['aliyun:x', 'Aliyunx', 'acs:x', 'http://x', 'https://x']) await f.refused('TagResources', one(bad, 'v'), 'InvalidTagKey.Malformed', 400);
    await f.refused('TagResources', one('ok', 'https://x'), 'InvalidTagValue.Malformed', 400);
    await f.refused('TagResources', { ResourceType: 'instance', 'ResourceId.1': id!, ...tagParams([['env', 'a'], ['ENV', 'b']]) }, 'Duplicate.TagKey', 400);
    await f.refused('TagResources', { ResourceType: 'instance', 'ResourceId.1': id! }, 'MissingParameter.Tags', 404);
  });

  test('security groups, key pairs and disks; unknown types and IDs; prototype keys as IDs and tag keys', async () => {
    const [id] = await f.run();
    const sg = (await f.describe(id!)).SecurityGroupIds.SecurityGroupId[0];
    const disk = (await f.call('DescribeDisks', { InstanceId: id! })).Disks.Disk[0].DiskId;
    await f.call('CreateKeyPair', { KeyPairName: 'kp1' });
    for (const [type, rid] of [['securitygroup', sg], ['keypair', 'kp1'], ['disk', disk]] as const) {
      await f.call('TagResources', { ResourceType: type, 'ResourceId.1': rid, 'Tag.1.Key': 'team', 'Tag.1.Value': 'blue' });
      expect(await list(type, rid)).toEqual([['team', 'blue']]);
    }
    expect((await f.call('DescribeSecurityGroups', { 'Tag.1.Key': 'team' })).SecurityGroups.SecurityGroup.map((g: any) => g.SecurityGroupId)).toEqual([sg]);
    expect((await f.call('DescribeKeyPairs', { 'Tag.1.Key': 'team', 'Tag.1.Value': 'blue' })).TotalCount).toBe(1);
    const all = await f.call('ListTagResources', { ResourceType: 'keypair' });
    expect(all.TagResources.TagResource).toEqual([{ ResourceId: 'kp1', ResourceType: 'keypair', TagKey: 'team', TagValue: 'blue' }]);
    await f.refused('TagResources', { ResourceType: 'vpc', 'ResourceId.1': 'x', 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' }, 'InvalidResourceType.NotFound', 404);
    await f.refused('TagResources', { ResourceType: 'toString', 'ResourceId.1': 'x', 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' }, 'InvalidResourceType.NotFound', 404);
    for (const rid of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      for (const type of ['instance', 'keypair', 'securitygroup']) {
        await f.refused('TagResources', { ResourceType: type, 'ResourceId.1': rid, 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' }, 'InvalidResourceId.NotFound', 404);
      }
    }
    await f.call('TagResources', { ResourceType: 'instance', 'ResourceId.1': id!, 'Tag.1.Key': '__proto__', 'Tag.1.Value': 'constructor' });
    expect(await list('instance', id!)).toEqual([['__proto__', 'constructor']]);
    expect((await f.call('DescribeInstances', { 'Tag.1.Key': '__proto__' })).TotalCount).toBe(1);
  });

  test('tags are region-scoped: a resource of another region is not found', async () => {
    const [id] = await f.run();
    await f.refused('TagResources', { RegionId: 'cn-shanghai', ResourceType: 'instance', 'ResourceId.1': id!, 'Tag.1.Key': 'a', 'Tag.1.Value': 'b' }, 'InvalidResourceId.NotFound', 404);
    const r = await f.call('ListTagResources', { RegionId: 'cn-shanghai', ResourceType: 'instance' });
    expect(r.TagResources.TagResource).toEqual([]);
  });
});
