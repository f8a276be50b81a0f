// The "which rule decides" evaluator: security spec §4.4, §4.8 (the five scenarios), §8 #1–#5,
// #16, #20; user guide §13.4 (S003 cases i and ii), §13.5 recipes.

import { describe, expect, test } from 'vitest';
import { evaluate, parseCidr, parseIp, parsePortRange, type SgGroup, type SgRule } from '../../../src/resources/sg-eval.js';

const rule = (r: Partial<SgRule> & { Direction: string; IpProtocol: string; PortRange: string }): SgRule => ({ Policy: 'Accept', Priority: '1', NicType: 'intranet', ...r });
const group = (id: string, Permissions: SgRule[], extra: Partial<SgGroup> = {}): SgGroup => ({ SecurityGroupId: id, SecurityGroupType: 'normal', InnerAccessPolicy: 'Accept', Permissions, ...extra });
const ssh = { direction: 'ingress' as const, protocol: 'tcp' as const, port: 22 };

describe('priority and policy (spec §8 #1–#4, guide §13.4)', () => {
  test('#1 same priority: drop beats accept', () => {
    const g = group('sg-1', [
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', SecurityGroupRuleId: 'sgr-a' }),
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', SecurityGroupRuleId: 'sgr-b' }),
    ]);
    const r = evaluate([g], { ...ssh, ip: '1.2.3.4' });
    expect(r.Decision).toBe('drop');
    expect(r.Rule?.SecurityGroupRuleId).toBe('sgr-b');
    expect(r.Reason).toBe('drop beats accept at equal priority 1');
  });

  test('#2 different priorities: the smaller number wins whatever its policy (S003 case ii)', () => {
    const g = group('sg-1', [
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', Priority: '1', SecurityGroupRuleId: 'sgr-c' }),
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '2', SecurityGroupRuleId: 'sgr-d' }),
    ]);
    const r = evaluate([g], { ...ssh, ip: '1.2.3.4' });
    expect(r).toMatchObject({ Decision: 'accept', Rule: { SecurityGroupRuleId: 'sgr-c', SecurityGroupId: 'sg-1' } });
    expect(r.Reason).toBe('priority 1 is the highest-priority match; 1 other matching rule with a larger priority number is overridden (a lower number wins)');
  });

  test('#3 block one IP (all protocols, priority 1) over an SSH rule at priority 2; unmatched ports fall to the default', () => {
    const g = group('sg-1', [
      rule({ Direction: 'ingress', IpProtocol: 'ALL', PortRange: '-1/-1', SourceCidrIp: '1.2.3.4/32', Policy: 'Drop', Priority: '1' }),
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', Priority: '2' }),
    ]);
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' }).Decision).toBe('drop');
    expect(evaluate([g], { ...ssh, ip: '5.6.7.8' }).Decision).toBe('accept');
    const r = evaluate([g], { ...ssh, port: 80, ip: '5.6.7.8' });
    expect(r).toEqual({ Decision: 'drop', Rule: null, Reason: 'no rule matches; a basic security group drops inbound traffic by default' });
  });

  test('#4 rules of two groups of one instance are evaluated together', () => {
    const g1 = group('sg-1', [rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '80/80', SourceCidrIp: '0.0.0.0/0', Priority: '5' })]);
    const g2 = group('sg-2', [rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '80/80', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '5' })]);
    const r = evaluate([g1, g2], { direction: 'ingress', protocol: 'tcp', port: 80, ip: '203.0.113.9' });
    expect(r).toMatchObject({ Decision: 'drop', Rule: { SecurityGroupId: 'sg-2' }, Reason: 'drop beats accept at equal priority 5 across 2 security groups' });
  });

  test('#5 a new group without rules: inbound drop, outbound accept; enterprise: drop both', () => {
    const g = group('sg-new', []);
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' }).Decision).toBe('drop');
    const out = evaluate([g], { direction: 'egress', protocol: 'udp', port: 53, ip: '8.8.8.8' });
    expect(out).toEqual({ Decision: 'accept', Rule: null, Reason: 'no rule matches; a basic security group accepts outbound traffic by default' });
    const e = group('sg-ent', [], { SecurityGroupType: 'enterprise', InnerAccessPolicy: 'Drop' });
    expect(evaluate([e], { direction: 'egress', protocol: 'udp', port: 53, ip: '8.8.8.8' }).Reason).toBe('no rule matches; an enterprise security group drops all traffic that no rule accepts');
  });

  test('#6 stateful: the reply to an accepted outbound flow is accepted with no inbound rule', () => {
    const g = group('sg-1', []);
    const r = evaluate([g], { direction: 'ingress', protocol: 'udp', port: 53, ip: '8.8.8.8', reply: true });
    expect(r.Decision).toBe('accept');
    expect(r.Reason).toBe('reply traffic of an outbound connection that is accepted (security groups are stateful): no rule matches; a basic security group accepts outbound traffic by default');
    expect(evaluate([g], { direction: 'ingress', protocol: 'udp', port: 53, ip: '8.8.8.8' }).Decision).toBe('drop');
    g.Permissions.push(rule({ Direction: 'egress', IpProtocol: 'UDP', PortRange: '53/53', DestCidrIp: '0.0.0.0/0', Policy: 'Drop' }));
    expect(evaluate([g], { direction: 'ingress', protocol: 'udp', port: 53, ip: '8.8.8.8', reply: true }).Decision).toBe('drop');
  });

  test('accepting a carrier-blocked port (135, 139, 444, 445, 5800, 5900) from the internet says it may stay unreachable', () => {
    const g = group('sg-1', [rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '445/445', SourceCidrIp: '0.0.0.0/0' })]);
    expect(evaluate([g], { ...ssh, port: 445, ip: '203.0.113.5' }).Reason).toBe('the only matching rule; note: carriers block port 445 by default, so it may still be unreachable from the internet (use another port)');
    expect(evaluate([g], { ...ssh, port: 445, ip: '10.0.0.5' }).Reason).toBe('the only matching rule');
  });

  test('#20 the system default group (22, 3389, ICMP at 110); a user drop for 22 at priority 100 overrides it', () => {
    const defaults = ['22/22', '3389/3389'].map((p) => rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: p, SourceCidrIp: '0.0.0.0/0', Priority: '110' }));
    defaults.push(rule({ Direction: 'ingress', IpProtocol: 'ICMP', PortRange: '-1/-1', SourceCidrIp: '0.0.0.0/0', Priority: '110' }));
    const g = group('sg-default', defaults);
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'ingress', protocol: 'icmp', ip: '1.2.3.4' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 80, ip: '1.2.3.4' }).Decision).toBe('drop');
    g.Permissions.push(rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '100' }));
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' })).toMatchObject({ Decision: 'drop', Rule: { Priority: '100' } });
  });

  test('#16 TCP 25 to the internet is blocked whatever the rules; 465 is not; the restriction can be lifted', () => {
    const g = group('sg-1', [rule({ Direction: 'egress', IpProtocol: 'TCP', PortRange: '25/25', DestCidrIp: '0.0.0.0/0' })]);
    const r = evaluate([g], { direction: 'egress', protocol: 'tcp', port: 25, ip: '203.0.113.1' });
    expect(r.Decision).toBe('drop');
    expect(r.Rule).toBeNull();
    expect(r.Reason).toMatch(/^TCP port 25 to the internet is blocked by default/);
    expect(evaluate([g], { direction: 'egress', protocol: 'tcp', port: 465, ip: '203.0.113.1' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'egress', protocol: 'tcp', port: 25, ip: '203.0.113.1' }, { port25Blocked: false }).Decision).toBe('accept');
  });
});

describe('the five scenarios of security spec §4.8', () => {
  test('1: intranet access between groups by a group rule; members of one group reach each other', () => {
    const a = group('sg-a', [rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '3306/3306', SourceGroupId: 'sg-b' })]);
    const flow = { direction: 'ingress' as const, protocol: 'tcp' as const, port: 3306, ip: '172.16.1.5' };
    expect(evaluate([a], { ...flow, peerGroups: ['sg-b'] })).toMatchObject({ Decision: 'accept', Rule: { SourceGroupId: 'sg-b' } });
    expect(evaluate([a], { ...flow, peerGroups: ['sg-c'] }).Decision).toBe('drop');
    // group access is intranet only: a public address never matches a group rule
    expect(evaluate([a], { ...flow, ip: '47.1.2.3', peerGroups: ['sg-b'] }).Decision).toBe('drop');
    const same = evaluate([a], { ...flow, port: 8080, peerGroups: ['sg-a'] });
    expect(same.Decision).toBe('accept');
    expect(same.Reason).toContain('same basic security group sg-a');
  });

  test('2: remote connections only from given IPs', () => {
    const g = group('sg-1', [rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '1.2.3.4' })]);
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' }).Decision).toBe('accept');
    expect(evaluate([g], { ...ssh, ip: '1.2.3.5' }).Decision).toBe('drop');
  });

  test('3: the instance reaches only given IPs (outbound deny all at 2, allow at 1; C6)', () => {
    const g = group('sg-1', [
      rule({ Direction: 'egress', IpProtocol: 'ALL', PortRange: '-1/-1', DestCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '2' }),
      rule({ Direction: 'egress', IpProtocol: 'TCP', PortRange: '443/443', DestCidrIp: '1.2.3.4', Priority: '1' }),
    ]);
    expect(evaluate([g], { direction: 'egress', protocol: 'tcp', port: 443, ip: '1.2.3.4' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'egress', protocol: 'tcp', port: 443, ip: '1.2.3.5' }).Decision).toBe('drop');
    expect(evaluate([g], { direction: 'egress', protocol: 'icmp', ip: '1.2.3.4' })).toMatchObject({ Decision: 'drop', Rule: { Priority: '2' } });
  });

  test('4: remote connections from the internet (SSH 22, RDP 3389 from 0.0.0.0/0)', () => {
    const g = group('sg-1', [
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0' }),
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '3389/3389', SourceCidrIp: '0.0.0.0/0' }),
    ]);
    expect(evaluate([g], { ...ssh, ip: '198.51.100.7' }).Decision).toBe('accept');
    expect(evaluate([g], { ...ssh, port: 3389, ip: '198.51.100.7' }).Reason).toBe('the only matching rule');
    expect(evaluate([g], { ...ssh, protocol: 'udp', port: 3389, ip: '198.51.100.7' }).Decision).toBe('drop');
  });

  test('5: HTTP 80 and HTTPS 443 from anywhere; 8080 stays closed', () => {
    const g = group('sg-web', [
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '80/80', SourceCidrIp: '0.0.0.0/0' }),
      rule({ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '443/443', SourceCidrIp: '0.0.0.0/0' }),
    ]);
    for (const port of [80, 443]) expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port, ip: '203.0.113.50' }).Decision).toBe('accept');
    expect(evaluate([g], { direction: 'ingress', protocol: 'tcp', port: 8080, ip: '203.0.113.50' }).Decision).toBe('drop');
  });
});

describe('addresses and ranges', () => {
  test('IPv4/IPv6 parsing and CIDR matching; IPv6 rules do not match IPv4 peers', () => {
    expect(parseIp('256.1.1.1')).toBeUndefined();
    expect(parseIp('01.2.3.4')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('2001:db8::/32')).toMatchObject({ v: 6, bits: 32 });
    expect(parseIp('::ffff:1.2.3.4')).toMatchObject({ v: 6 });
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    const g = group('sg-6', [rule({ Direction: 'ingress', IpProtocol: 'ALL', PortRange: '-1/-1', Ipv6SourceCidrIp: '2001:db8::/32' })]);
    expect(evaluate([g], { ...ssh, ip: '2001:db8::1' }).Decision).toBe('accept');
    expect(evaluate([g], { ...ssh, ip: '2001:db9::1' }).Decision).toBe('drop');
    expect(evaluate([g], { ...ssh, ip: '1.2.3.4' }).Decision).toBe('drop');
    expect(() => evaluate([g], { ...ssh, ip: 'not-an-ip' })).toThrow('"not-an-ip" is not an IPv4 or IPv6 address');
  });

  test('port ranges: start/end within 1/65535, -1/-1 for all ports (spec §8 #8)', () => {
    expect(parsePortRange('80/80')).toEqual([80, 80]);
    expect(parsePortRange('1/65535')).toEqual([1, 65535]);
    expect(parsePortRange('-1/-1')).toBeUndefined();
    for (const bad of ['0/80', '80/65536', '200/1', '80', '']) expect(() => parsePortRange(bad)).toThrow();
  });
});
