// CLI-side rule parsing and warnings (src/resources/sg-rules.ts) and the check over a
// backend (src/resources/sg-check.ts) against the in-process simulator.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkAccess, CheckInputError } from '../../../src/resources/sg-check.js';
import { portRange, ruleLine, ruleRequest, ruleWarnings, RuleSpecError } from '../../../src/resources/sg-rules.js';
import { fixture, type Fixture } from './instances-fixture.js';

describe('ruleRequest / portRange', () => {
  test('port forms 22, 22/22, 8000-8080, 1/65535; -1/-1 for icmp, gre, all', () => {
    expect(portRange('tcp', '22')).toBe('22/22');
    expect(portRange('tcp', '22/22')).toBe('22/22');
    expect(portRange('udp', '8000-8080')).toBe('8000/8080');
    expect(portRange('tcp', '1/65535')).toBe('1/65535');
    expect(portRange('icmp', undefined)).toBe('-1/-1');
    expect(portRange('all', '-1/-1')).toBe('-1/-1');
    for (const bad of ['0', '65536', '80/79', 'ssh', '1/2/3']) expect(() => portRange('tcp', bad)).toThrow(RuleSpecError);
    expect(() => portRange('tcp', undefined)).toThrow('--port is required for tcp');
    expect(() => portRange('icmp', '22')).toThrow('icmp rules take no port');
  });

  test('peers: IPv4 → SourceCidrIp, IPv6 → Ipv6SourceCidrIp, sg- → SourceGroupId; egress uses Dest*', () => {
    expect(ruleRequest({ port: '22', peer: '203.0.113.0/24' })).toEqual({
      direction: 'ingress',
      params: { IpProtocol: 'tcp', PortRange: '22/22', Policy: 'accept', Priority: '1', SourceCidrIp: '203.0.113.0/24' },
    });
    expect(ruleRequest({ protocol: 'icmpv6', peer: '::/0' }).params.Ipv6SourceCidrIp).toBe('::/0');
    expect(ruleRequest({ direction: 'egress', protocol: 'all', peer: 'sg-bp1abc', policy: 'drop', priority: 2 }).params).toEqual({
      IpProtocol: 'all', PortRange: '-1/-1', Policy: 'drop', Priority: '2', DestGroupId: 'sg-bp1abc',
    });
    expect(() => ruleRequest({ port: '22' })).toThrow('--source is required');
    expect(() => ruleRequest({ port: '22', peer: '1.2.3.4', priority: 0 })).toThrow('--priority must be a whole number from 1 to 100');
    expect(() => ruleRequest({ port: '22', peer: '1.2.3.4', priority: 101 })).toThrow(RuleSpecError);
    expect(() => ruleRequest({ port: '22', peer: 'example.com' })).toThrow('is not an IP address, a CIDR block or a security group ID');
    expect(() => ruleRequest({ port: '22', peer: '1.2.3.4', protocol: 'sctp' })).toThrow('--protocol must be one of tcp, udp, icmp, icmpv6, gre, all');
  });

  test('warnings: 22, 3389 and database ports open to 0.0.0.0/0 or ::/0; port 25 stays blocked', () => {
    const w = (spec: Parameters<typeof ruleRequest>[0]) => {
      const r = ruleRequest(spec);
      return ruleWarnings(r.direction, r.params);
    };
    expect(w({ port: '22', peer: '0.0.0.0/0' })).toEqual(['this rule opens 22 (SSH) to the whole internet (0.0.0.0/0); allow only the addresses that need it']);
    expect(w({ port: '3306', peer: '::/0' })[0]).toContain('3306 (MySQL)');
    expect(w({ port: '1/65535', peer: '0.0.0.0/0' })[0]).toBe('this rule opens 22 (SSH), 3389 (RDP), 1433 (SQL Server), 1521 (Oracle), 3306 (MySQL), 5432 (PostgreSQL), 6379 (Redis) to the whole internet (0.0.0.0/0); allow only the addresses that need it');
    expect(w({ protocol: 'udp', port: '1434', peer: '0.0.0.0/0' })[0]).toContain('1434 (SQL Server)');
    expect(w({ port: '22', peer: '203.0.113.7' })).toEqual([]);
    expect(w({ port: '22', peer: '0.0.0.0/0', policy: 'drop' })).toEqual([]);
    expect(w({ port: '80', peer: '0.0.0.0/0' })).toEqual([]);
    expect(w({ direction: 'egress', port: '25', peer: '0.0.0.0/0' })).toEqual(['TCP port 25 stays blocked on ECS whatever the rules say; use 465 for mail, or have the restriction lifted']);
  });

  test('ruleLine', () => {
    expect(ruleLine({ Direction: 'ingress', Policy: 'Drop', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '1.2.3.4/32', Priority: '1' })).toBe('in drop tcp 22/22 from 1.2.3.4/32 priority 1');
    expect(ruleLine({ Direction: 'egress', Policy: 'Accept', IpProtocol: 'ALL', PortRange: '-1/-1', DestGroupId: 'sg-x', Priority: '5' })).toBe('out accept all -1/-1 to sg-x priority 5');
  });
});

describe('checkAccess over the simulator', () => {
  let f: Fixture;
  beforeEach(() => {
    f = fixture();
  });
  afterEach(() => f.cleanup());

  test('an instance: all its groups together; a group alone; bad input', async () => {
    const [id] = await f.run();
    const def = (await f.describe(id!)).SecurityGroupIds.SecurityGroupId[0];
    const web = (await f.call('CreateSecurityGroup', {})).SecurityGroupId;
    await f.call('AuthorizeSecurityGroup', { SecurityGroupId: web, IpProtocol: 'tcp', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'drop', Priority: '50' });
    const call = (a: string, p: Record<string, unknown>) => f.call(a, p as Record<string, string>);
    const req = { direction: 'ingress' as const, protocol: 'tcp' as const, port: 22, ip: '198.51.100.1', regionId: 'cn-hangzhou' };
    const alone = await checkAccess(call, { ...req, target: id! });
    expect(alone).toMatchObject({ Decision: 'accept', Rule: { SecurityGroupId: def, Priority: '110' }, Reason: 'the only matching rule', SecurityGroupIds: [def] });
    await f.call('JoinSecurityGroup', { InstanceId: id!, SecurityGroupId: web });
    const both = await checkAccess(call, { ...req, target: id! });
    expect(both).toMatchObject({ Decision: 'drop', Rule: { SecurityGroupId: web, Priority: '50' }, SecurityGroupIds: [def, web] });
    expect(both.Reason).toBe('priority 50 is the highest-priority match across 2 security groups; 1 other matching rule with a larger priority number is overridden (a lower number wins)');
    expect((await checkAccess(call, { ...req, target: web, port: 80 })).Decision).toBe('drop');
    await expect(checkAccess(call, { ...req, target: id!, ip: 'nope' })).rejects.toThrow(CheckInputError);
    await expect(checkAccess(call, { ...req, target: id!, port: undefined })).rejects.toThrow('--port is required for tcp');
    await expect(checkAccess(call, { ...req, target: 'i-bp1nothere' })).rejects.toThrow('no instance i-bp1nothere in cn-hangzhou');
    await expect(checkAccess(call, { ...req, target: 'sg-bp1nothere' })).rejects.toMatchObject({ code: 'InvalidSecurityGroupId.NotFound' });
  });
});
