// Security group rules of the simulator with the documentation's numbers and real codes:
// security spec §4, §8 #5–#20; user guide §13, §19 #27–#35, §23 #15–#19, #36.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { evaluate } from '../../../src/resources/sg-eval.js';
import { fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

async function create(params: Record<string, string> = {}): Promise<string> {
  return (await f.call('CreateSecurityGroup', params)).SecurityGroupId;
}
async function rules(id: string, Direction = 'all'): Promise<any[]> {
  return (await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: id, Direction })).Permissions.Permission;
}
const inbound = (id: string, extra: Record<string, string> = {}) => ({ SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', ...extra });

describe('CreateSecurityGroup', () => {
  test('normal by default in the default VPC; enterprise; names and descriptions (guide §13.3, §23 #36)', async () => {
    const id = await create({ SecurityGroupName: 'web', Description: 'web servers' });
    expect(id).toMatch(/^sg-bp[a-z0-9]{18}$/);
    const d = await f.call('DescribeSecurityGroups', { SecurityGroupId: id });
    expect(d.SecurityGroups.SecurityGroup[0]).toMatchObject({ SecurityGroupName: 'web', Description: 'web servers', SecurityGroupType: 'normal', RuleCount: 0 });
    expect(d.SecurityGroups.SecurityGroup[0].VpcId).toMatch(/^vpc-/);
    const ent = await create({ SecurityGroupType: 'enterprise', SecurityGroupName: 'ent' });
    expect((await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: ent })).InnerAccessPolicy).toBe('Drop');
    expect((await f.call('DescribeSecurityGroups', { SecurityGroupType: 'enterprise' })).TotalCount).toBe(1);
    await f.refused('CreateSecurityGroup', { SecurityGroupName: '1abc' }, 'InvalidSecurityGroupName.Malformed', 400);
    await f.refused('CreateSecurityGroup', { SecurityGroupName: 'a' }, 'InvalidSecurityGroupName.Malformed', 400);
    await f.refused('CreateSecurityGroup', { SecurityGroupName: 'a'.repeat(129) }, 'InvalidSecurityGroupName.Malformed', 400);
    await f.refused('CreateSecurityGroup', { Description: 'http://x' }, 'InvalidSecurityGroupDiscription.Malformed', 400);
    await f.refused('CreateSecurityGroup', { Description: 'd'.repeat(257) }, 'InvalidSecurityGroupDiscription.Malformed', 400);
    await f.refused('CreateSecurityGroup', { VpcId: 'vpc-nothere' }, 'InvalidVpcId.NotFound', 404);
    await f.refused('CreateSecurityGroup', { VpcId: '__proto__' }, 'InvalidVpcId.NotFound', 404);
    await f.refused('CreateSecurityGroup', { SecurityGroupType: 'advanced' }, 'InvalidParameter', 400);
    await create({ SecurityGroupName: 'テスト_グループ-1', Description: 'ok' });
  });

  test('ClientToken: the same token and parameters answer the same group; other parameters → IdempotentParameterMismatch', async () => {
    const a = await create({ SecurityGroupName: 'tok', ClientToken: 'tok-1' });
    expect(await create({ SecurityGroupName: 'tok', ClientToken: 'tok-1' })).toBe(a);
    await f.refused('CreateSecurityGroup', { SecurityGroupName: 'other', ClientToken: 'tok-1' }, 'IdempotentParameterMismatch', 400);
    await f.refused('CreateSecurityGroup', { ClientToken: 'x'.repeat(65) }, 'InvalidClientToken.ValueNotSupported', 400);
    expect(await create({ SecurityGroupName: 'tok', ClientToken: '__proto__' })).not.toBe(a);
    expect((await f.call('DescribeSecurityGroups', { SecurityGroupName: 'tok' })).TotalCount).toBe(2);
  });

  test('100 groups per region (spec §8 #12), the system default group included: the 101st is refused, another region is unaffected', async () => {
    for (let i = 0; i < 99; i++) await create(); // the first also creates the region's default group
    await f.refused('CreateSecurityGroup', {}, 'QuotaExceed.SecurityGroup', 403);
    await f.call('CreateSecurityGroup', { RegionId: 'cn-shanghai' });
    expect((await f.call('DescribeSecurityGroups', { PageSize: '50' })).TotalCount).toBe(100);
  }, 60_000);
});

describe('rules: Authorize / Revoke (spec §8 #7–#9, #17, #18)', () => {
  test('priority 1–100, default 1; 0, 101 and 110 refused', async () => {
    const id = await create();
    await f.call('AuthorizeSecurityGroup', inbound(id));
    expect((await rules(id))[0]).toMatchObject({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', Priority: '1', NicType: 'intranet' });
    await f.call('AuthorizeSecurityGroup', inbound(id, { Priority: '100' }));
    for (const p of ['0', '101', '110']) await f.refused('AuthorizeSecurityGroup', inbound(id, { Priority: p }), 'InvalidPriority.ValueNotSupported', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { Priority: 'high' }), 'InvalidPriority.Malformed', 400);
  });

  test('port ranges by protocol (spec §8 #8)', async () => {
    const id = await create();
    await f.call('AuthorizeSecurityGroup', inbound(id, { PortRange: '80/80' }));
    await f.call('AuthorizeSecurityGroup', inbound(id, { PortRange: '1/65535' }));
    for (const bad of ['0/80', '80/65536', '200/1', '80']) await f.refused('AuthorizeSecurityGroup', inbound(id, { PortRange: bad }), 'InvalidIpProtocol.Malformed', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { PortRange: '-1/-1' }), 'OperationDenied', 400);
    await f.call('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'icmp', PortRange: '-1/-1' }));
    await f.refused('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'icmp', PortRange: '22/22' }), 'OperationDenied', 400);
    await f.call('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'all', PortRange: '-1/-1', SourceCidrIp: '10.0.0.0/8' }));
    await f.call('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'GRE', PortRange: '-1/-1' }));
    await f.refused('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'sctp' }), 'InvalidIpProtocol.ValueNotSupported', 400);
    expect((await rules(id)).map((r) => r.IpProtocol)).toEqual(['TCP', 'TCP', 'ICMP', 'ALL', 'GRE']);
  });

  test('peers: IPv4 and IPv6 CIDRs, another group of the same VPC; missing or malformed peers refused', async () => {
    const id = await create();
    const other = await create();
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '3306/3306', SourceGroupId: other });
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '443/443', Ipv6SourceCidrIp: '2001:db8::/32' });
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'icmpv6', PortRange: '-1/-1', Ipv6SourceCidrIp: '::/0' });
    await f.call('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'udp', PortRange: '53/53', DestCidrIp: '8.8.8.8', Policy: 'drop', Description: 'no public DNS' });
    const all = await rules(id);
    expect(all.map((r) => [r.Direction, r.IpProtocol, r.SourceGroupId || r.Ipv6SourceCidrIp || r.DestCidrIp])).toEqual([
      ['ingress', 'TCP', other],
      ['ingress', 'TCP', '2001:db8::/32'],
      ['ingress', 'ICMPv6', '::/0'],
      ['egress', 'UDP', '8.8.8.8'],
    ]);
    expect(all[3]).toMatchObject({ Policy: 'Drop', Description: 'no public DNS' });
    expect((await rules(id, 'egress')).length).toBe(1);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22' }, 'MissingParameter.Source', 400);
    await f.refused('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22' }, 'MissingParameter.Dest', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { SourceCidrIp: '300.1.1.1/8' }), 'InvalidSourceCidrIp.Malformed', 400);
    await f.refused('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', DestCidrIp: '2001:db8::/32' }, 'InvalidDestCidrIp.Malformed', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { SourceCidrIp: '', Ipv6SourceCidrIp: '2001:zz::/32' }), 'InvalidParam.Ipv6SourceCidrIp', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { IpProtocol: 'icmpv6', PortRange: '-1/-1' }), 'InvalidParam.Ipv6ProtocolConflictWithIpv4Address', 400);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'icmp', PortRange: '-1/-1', Ipv6SourceCidrIp: '::/0' }, 'InvalidParam.Ipv4ProtocolConflictWithIpv6Address', 400);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: 'sg-nothere' }, 'InvalidSourceGroupId.NotFound', 404);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: id }, 'InvalidParamter.Conflict', 403);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { Policy: 'reject' }), 'InvalidPolicy.Malformed', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { NicType: 'wifi' }), 'InvalidNicType.ValueNotSupported', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(id, { Description: 'https://x' }), 'InvalidSecurityGroupDiscription.Malformed', 400);
    await f.refused('AuthorizeSecurityGroup', inbound('sg-nothere'), 'InvalidSecurityGroupId.NotFound', 404);
    await f.refused('AuthorizeSecurityGroup', inbound('__proto__'), 'InvalidSecurityGroupId.NotFound', 404);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourcePrefixListId: 'pl-x' }, 'InvalidPrefixListId.NotFound', 404);
  });

  test('a group of another VPC cannot be referenced or joined (spec §8 #14)', async () => {
    const other = await create({ RegionId: 'cn-shanghai' });
    const id = await create();
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: other }, 'InvalidSourceGroupId.NotFound', 404);
    const vpc = (await f.call('DescribeVpcs')).Vpcs.Vpc[0].VpcId;
    await f.sim.store.mutate((s) => {
      s.vpcs['vpc-second'] = { ...s.vpcs[vpc], VpcId: 'vpc-second', IsDefault: false };
    });
    const inB = await create({ VpcId: 'vpc-second' });
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: inB }, 'InvalidSourceGroupId.Mismatch', 400);
    const [inst] = await f.run();
    await f.refused('JoinSecurityGroup', { InstanceId: inst!, SecurityGroupId: inB }, 'InvalidInstanceId.Mismatch', 400);
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', SecurityGroupId: inB }, 'InvalidParameter.Mismatch', 400);
  });

  test('an identical rule is accepted and adds nothing [EXT]; a rule differing only in policy is a new rule', async () => {
    const id = await create();
    await f.call('AuthorizeSecurityGroup', inbound(id, { Description: 'first' }));
    await f.call('AuthorizeSecurityGroup', inbound(id, { Description: 'again', IpProtocol: 'TCP' }));
    expect(await rules(id)).toHaveLength(1);
    await f.call('AuthorizeSecurityGroup', inbound(id, { Policy: 'drop' }));
    expect(await rules(id)).toHaveLength(2);
  });

  test('enterprise groups: accept only, no priorities, no group references (spec §8 #17)', async () => {
    const ent = await create({ SecurityGroupType: 'enterprise' });
    const basic = await create();
    await f.call('AuthorizeSecurityGroup', inbound(ent));
    await f.refused('AuthorizeSecurityGroup', inbound(ent, { Policy: 'drop' }), 'InvalidPolicy.Malformed', 400);
    await f.refused('AuthorizeSecurityGroup', inbound(ent, { Priority: '5' }), 'InvalidPriority.ValueNotSupported', 400);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: ent, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: basic }, 'InvalidParameter', 400);
  });

  test('100 rules per group, inbound and outbound together (spec §8 #9)', async () => {
    const id = await create();
    for (let i = 1; i <= 60; i++) await f.call('AuthorizeSecurityGroup', inbound(id, { PortRange: `${i}/${i}` }));
    for (let i = 1; i <= 40; i++) await f.call('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: `${i}/${i}`, DestCidrIp: '0.0.0.0/0' });
    await f.refused('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '41/41', DestCidrIp: '0.0.0.0/0' }, 'AuthorizationLimitExceed', 403);
    await f.call('RevokeSecurityGroup', inbound(id, { PortRange: '60/60' }));
    await f.call('AuthorizeSecurityGroupEgress', { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '41/41', DestCidrIp: '0.0.0.0/0' });
    expect((await f.call('DescribeSecurityGroups', { SecurityGroupId: id })).SecurityGroups.SecurityGroup[0].RuleCount).toBe(100);
    const p1 = await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: id, MaxResults: '60' });
    expect(p1.Permissions.Permission).toHaveLength(60);
    const p2 = await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: id, MaxResults: '60', NextToken: p1.NextToken });
    expect(p2.Permissions.Permission).toHaveLength(40);
    expect(p2.NextToken).toBe('');
    await f.refused('DescribeSecurityGroupAttribute', { SecurityGroupId: id, MaxResults: '5' }, 'InvalidParameter', 400);
  }, 60_000);

  test('Permissions.N adds several rules at once; revoke by fields or by rule ID; unknown rules refused', async () => {
    const id = await create();
    await f.call('AuthorizeSecurityGroup', {
      SecurityGroupId: id,
      'Permissions.1.IpProtocol': 'tcp', 'Permissions.1.PortRange': '80/80', 'Permissions.1.SourceCidrIp': '0.0.0.0/0',
      'Permissions.2.IpProtocol': 'tcp', 'Permissions.2.PortRange': '443/443', 'Permissions.2.SourceCidrIp': '0.0.0.0/0', 'Permissions.2.Priority': '2',
    });
    const [r80, r443] = await rules(id);
    expect([r80.PortRange, r443.PortRange, r443.Priority]).toEqual(['80/80', '443/443', '2']);
    await f.refused('RevokeSecurityGroup', inbound(id, { PortRange: '443/443' }), 'InvalidGroupAuthItem.NotFound', 403);
    await f.call('RevokeSecurityGroup', inbound(id, { PortRange: '443/443', Priority: '2' }));
    await f.refused('RevokeSecurityGroupEgress', { SecurityGroupId: id, 'SecurityGroupRuleId.1': r80.SecurityGroupRuleId }, 'InvalidSecurityGroupRuleId.NotFound', 404);
    await f.call('RevokeSecurityGroup', { SecurityGroupId: id, 'SecurityGroupRuleId.1': r80.SecurityGroupRuleId });
    expect(await rules(id)).toEqual([]);
  });
});

describe('classic network groups (setting security-group.classic; spec §8 #15, #17, guide §13.4)', () => {
  test('NIC types, /32 for intranet inbound, group rules intranet only, no enterprise, no VPC instances', async () => {
    const vpcGroup = await create(); // in the default VPC
    await f.setting('security-group.classic', 'true');
    const cl = await create({ SecurityGroupName: 'classic-a' });
    const cl2 = await create({ SecurityGroupName: 'classic-b' });
    expect((await f.call('DescribeSecurityGroups', { NetworkType: 'classic' })).SecurityGroups.SecurityGroup.map((g: any) => g.SecurityGroupName).sort()).toEqual(['classic-a', 'classic-b']);
    await f.refused('AuthorizeSecurityGroup', inbound(cl, { SourceCidrIp: '10.0.0.0/24', NicType: 'intranet' }), 'InvalidSourceCidrIp.Malformed', 400);
    await f.call('AuthorizeSecurityGroup', inbound(cl, { SourceCidrIp: '10.0.0.5/32', NicType: 'intranet' }));
    await f.call('AuthorizeSecurityGroup', inbound(cl, { SourceCidrIp: '203.0.113.0/24' })); // internet by default: any prefix
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: cl, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: cl2, NicType: 'internet' }, 'InvalidSourceGroupId.Mismatch', 403);
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: cl, IpProtocol: 'tcp', PortRange: '3306/3306', SourceGroupId: cl2 });
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: cl, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: vpcGroup }, 'InvalidNetworkType.Mismatch', 403);
    await f.refused('AuthorizeSecurityGroup', { SecurityGroupId: cl, IpProtocol: 'tcp', PortRange: '22/22', Ipv6SourceCidrIp: '::/0' }, 'InvalidParam.Ipv6SourceCidrIp', 400);
    expect((await rules(cl)).map((r) => [r.SourceCidrIp || r.SourceGroupId, r.NicType])).toEqual([['10.0.0.5/32', 'intranet'], ['203.0.113.0/24', 'internet'], [cl2, 'intranet']]);
    expect((await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: cl, NicType: 'internet' })).Permissions.Permission).toHaveLength(1);
    await f.refused('CreateSecurityGroup', { SecurityGroupType: 'enterprise' }, 'InvalidSecurityGroup.InvalidNetworkType', 400);
    const [id] = await f.run();
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: cl }, 'InvalidInstanceId.Mismatch', 400);
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', SecurityGroupId: cl }, 'InvalidParameter.Mismatch', 400);
    // evaluation by NIC: the internet rule does not open the intranet, nor the reverse
    const attr = await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: cl });
    const g = { SecurityGroupId: cl, VpcId: attr.VpcId, Permissions: attr.Permissions.Permission };
    expect(attr.VpcId).toBe('');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 22, ip: '203.0.113.9' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 22, ip: '203.0.113.9', nicType: 'intranet' }).Decision).toBe('drop');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 22, ip: '10.0.0.5' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 22, ip: '10.0.0.6' }).Decision).toBe('drop');
  });
});

describe('membership: Join / Leave / Delete (spec §8 #10, #11, #13, #19; guide §23 #15, #18)', () => {
  test('5 groups per instance; the 6th join refused; leaving the last refused', async () => {
    const [id] = await f.run();
    const groups: string[] = [];
    for (let i = 0; i < 5; i++) groups.push(await create());
    for (const g of groups.slice(0, 4)) await f.call('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: g });
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: groups[4]! }, 'InstanceSecurityGroupLimitExceeded', 400);
    expect((await f.describe(id!)).SecurityGroupIds.SecurityGroupId).toHaveLength(5);
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: groups[0]! }, 'InvalidInstanceId.AlreadyExists', 403);
    const [only] = await f.run({ SecurityGroupId: groups[4]! });
    await f.refused('LeaveSecurityGroup', { InstanceId: only!, SecurityGroupId: groups[4]! }, 'InstanceLastSecurityGroup', 403);
    await f.refused('LeaveSecurityGroup', { InstanceId: only!, SecurityGroupId: groups[0]! }, 'InstanceNotInSecurityGroup', 403);
    await f.call('JoinSecurityGroup', { InstanceId: only!, SecurityGroupId: groups[0]! });
    await f.call('LeaveSecurityGroup', { InstanceId: only!, SecurityGroupId: groups[4]! });
    expect((await f.describe(only!)).SecurityGroupIds.SecurityGroupId).toEqual([groups[0]]);
    await f.setting('quota.security-groups-per-instance', '10');
    await f.call('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: groups[4]! });
  });

  test('with 10 groups per instance a group may hold 50 rules; 500 rules per instance (spec §4.6, §8 #10, #11)', async () => {
    await f.setting('quota.security-groups-per-instance', '10');
    const [id] = await f.run();
    const big = await create();
    await f.sim.store.mutate((s) => {
      s.securityGroups[big].Permissions = Array.from({ length: 51 }, (_, i) => ({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: `${i + 1}/${i + 1}`, SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', Priority: '1', NicType: 'intranet' }));
    });
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: big }, 'AclLimitExceed', 403);
    await f.refused('AuthorizeSecurityGroup', inbound(big, { PortRange: '999/999' }), 'AuthorizationLimitExceed', 403);
    await f.setting('quota.security-groups-per-instance', '5');
    // the default group's 3 rules + 51 = 54 rules on the instance
    await f.setting('quota.security-group-rules-per-instance', '53');
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: big }, 'AclLimitExceed', 403);
    await f.setting('quota.security-group-rules-per-instance', '54');
    await f.call('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: big });
    await f.refused('AuthorizeSecurityGroup', inbound(big, { PortRange: '999/999' }), 'AuthorizationLimitExceed', 403);
    await f.setting('quota.security-group-rules-per-instance', '500');
    await f.call('AuthorizeSecurityGroup', inbound(big, { PortRange: '999/999' }));
  });

  test('instances per group: 1000 for a basic group, 50,000 for an enterprise group (settings)', async () => {
    await f.setting('quota.instances-per-security-group', '2');
    const basic = await create();
    const ent = await create({ SecurityGroupType: 'enterprise' });
    await f.run({ SecurityGroupId: basic, Amount: '2' });
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', SecurityGroupId: basic }, 'SecurityGroupInstanceLimitExceed', 403);
    await f.run({ SecurityGroupId: ent, Amount: '3' });
    const d = await f.call('DescribeSecurityGroups', { SecurityGroupIds: JSON.stringify([basic, ent]), IsQueryEcsCount: 'true' });
    expect(d.SecurityGroups.SecurityGroup.map((g: any) => [g.SecurityGroupType, g.EcsCount, g.AvailableInstanceAmount]).sort()).toEqual([['enterprise', 3, 49997], ['normal', 2, 0]]);
    await f.setting('quota.instances-per-enterprise-security-group', '3');
    const [other] = await f.run({ SecurityGroupId: (await create({ SecurityGroupType: 'enterprise' })) });
    await f.refused('JoinSecurityGroup', { InstanceId: other!, SecurityGroupId: ent }, 'SecurityGroupInstanceLimitExceeded', 403);
  });

  test('basic and enterprise are never mixed; enterprise refuses instances created before 2019-05-30', async () => {
    const [id] = await f.run();
    const ent = await create({ SecurityGroupType: 'enterprise' });
    await f.refused('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: ent }, 'InvalidParameter.Conflict', 400);
    const [e1] = await f.run({ SecurityGroupId: ent });
    const basic = await create();
    await f.refused('JoinSecurityGroup', { InstanceId: e1!, SecurityGroupId: basic }, 'InvalidParameter.Conflict', 400);
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', 'SecurityGroupIds.1': ent, 'SecurityGroupIds.2': basic }, 'InvalidParameter.Conflict', 400);
    await f.refused('JoinSecurityGroup', { InstanceId: '__proto__', SecurityGroupId: basic }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('RunInstances', { ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', SecurityGroupId: 'toString' }, 'InvalidSecurityGroupId.NotFound', 404);
    const ent2 = await create({ SecurityGroupType: 'enterprise' });
    await f.sim.store.mutate((s) => {
      s.instances[e1!].ct = Date.UTC(2019, 4, 28);
    });
    await f.refused('JoinSecurityGroup', { InstanceId: e1!, SecurityGroupId: ent2 }, 'InvalidInstanceId.NotSupport', 403);
  });

  test('DeleteSecurityGroup: DependencyViolation with members or when referenced; otherwise its rules go with it', async () => {
    const a = await create();
    const b = await create();
    const [id] = await f.run({ SecurityGroupId: a });
    const e1 = await f.refused('DeleteSecurityGroup', { SecurityGroupId: a }, 'DependencyViolation', 403);
    expect(e1.message).toMatch(/^There is still instance\(s\) in the specified security group\./);
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: b, IpProtocol: 'tcp', PortRange: '22/22', SourceGroupId: a });
    await f.call('DeleteInstance', { InstanceId: id!, Force: 'true' });
    const e2 = await f.refused('DeleteSecurityGroup', { SecurityGroupId: a }, 'DependencyViolation', 403);
    expect(e2.message).toMatch(/^The specified security group has been authorized in another one\./);
    await f.call('DeleteSecurityGroup', { SecurityGroupId: b });
    await f.call('DeleteSecurityGroup', { SecurityGroupId: a });
    await f.refused('DescribeSecurityGroupAttribute', { SecurityGroupId: a }, 'InvalidSecurityGroupId.NotFound', 404);
    await f.refused('DeleteSecurityGroup', { SecurityGroupId: 'constructor' }, 'InvalidSecurityGroupId.NotFound', 404);
  });
});

describe('the default group and the evaluator over DescribeSecurityGroupAttribute data', () => {
  test('the system default group has exactly TCP 22, TCP 3389 and ICMP at priority 110 (spec §8 #20)', async () => {
    const [id] = await f.run();
    const sg = (await f.describe(id!)).SecurityGroupIds.SecurityGroupId[0];
    const attr = await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: sg });
    expect(attr.Permissions.Permission.map((r: any) => [r.IpProtocol, r.PortRange, r.SourceCidrIp, r.Priority, r.Policy])).toEqual([
      ['TCP', '22/22', '0.0.0.0/0', '110', 'Accept'],
      ['TCP', '3389/3389', '0.0.0.0/0', '110', 'Accept'],
      ['ICMP', '-1/-1', '0.0.0.0/0', '110', 'Accept'],
    ]);
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: sg, IpProtocol: 'tcp', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'drop', Priority: '100' });
    const again = await f.call('DescribeSecurityGroupAttribute', { SecurityGroupId: sg });
    const r = evaluate([{ SecurityGroupId: sg, InnerAccessPolicy: again.InnerAccessPolicy, Permissions: again.Permissions.Permission }], { direction: 'ingress', protocol: 'tcp', port: 22, ip: '1.2.3.4' });
    expect(r).toMatchObject({ Decision: 'drop', Rule: { Priority: '100', Policy: 'Drop' } });
  });

  test('C2: with security-group.default-web-ports the default group also accepts 80 and 443 at priority 110', async () => {
    await f.setting('security-group.default-web-ports', 'true');
    const [id] = await f.run();
    const sg = (await f.describe(id!)).SecurityGroupIds.SecurityGroupId[0];
    expect((await rules(sg)).map((r) => [r.PortRange, r.Priority])).toEqual([['22/22', '110'], ['3389/3389', '110'], ['-1/-1', '110'], ['80/80', '110'], ['443/443', '110']]);
  });

  test('DescribeSecurityGroups filters: name (exact, * or FuzzyQuery), type, tag, ECS count', async () => {
    const a = await create({ SecurityGroupName: 'web-a', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' });
    await create({ SecurityGroupName: 'web-b' });
    await f.run({ SecurityGroupId: a });
    const names = async (p: Record<string, string>) => (await f.call('DescribeSecurityGroups', p)).SecurityGroups.SecurityGroup.map((g: any) => g.SecurityGroupName).sort();
    expect(await names({ SecurityGroupName: 'web-*' })).toEqual(['web-a', 'web-b']);
    expect(await names({ SecurityGroupName: 'web', FuzzyQuery: 'true' })).toEqual(['web-a', 'web-b']);
    expect(await names({ SecurityGroupName: 'web' })).toEqual([]);
    expect(await names({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' })).toEqual(['web-a']);
    const counted = await f.call('DescribeSecurityGroups', { SecurityGroupId: a, IsQueryEcsCount: 'true' });
    expect(counted.SecurityGroups.SecurityGroup[0]).toMatchObject({ EcsCount: 1, AvailableInstanceAmount: 999 });
  });
});
