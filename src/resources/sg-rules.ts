// Security group rules on the CLI side: flags → the Authorize*/Revoke* request, a one-line
// rendering of a rule, and the warnings `rule add` gives on a terminal (security spec §4.3,
// §4.9, §4.12; user guide §13.4).

import { parseCidr, type SgRule } from './sg-eval.js';

export const RULE_PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all'] as const;
export const RULE_DIRECTIONS = ['ingress', 'egress'] as const;
export const RULE_POLICIES = ['accept', 'drop'] as const;
export const NIC_TYPES = ['intranet', 'internet'] as const;

/** Ports whose exposure to the whole internet `rule add` warns about (spec §4.9, §4.12 SG-02/03). */
export const SENSITIVE_PORTS: readonly [number, string, ('tcp' | 'udp')?][] = [
  [22, 'SSH'],
  [3389, 'RDP'],
  [1433, 'SQL Server'],
  [1434, 'SQL Server', 'udp'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
];

export class RuleSpecError extends Error {}

export interface RuleSpec {
  direction?: string;
  protocol?: string;
  /** 22, 22/22, 22-25, 1/65535 or -1/-1 (the only form for icmp, icmpv6, gre and all). */
  port?: string;
  /** The peer: IPv4/IPv6 address or CIDR, or a security group ID (sg-…). */
  peer?: string;
  policy?: string;
  priority?: string | number;
  description?: string;
  nicType?: string;
}

/** The API's PortRange for a protocol: `22` → `22/22`, `22-25` → `22/25`; all ports for the rest. */
export function portRange(protocol: string, port: string | undefined): string {
  const p = protocol.toLowerCase();
  const needsPorts = p === 'tcp' || p === 'udp';
  if (!needsPorts) {
    if (port !== undefined && port !== '-1/-1' && port !== '-1') throw new RuleSpecError(`--port: ${p} rules take no port (all ports, -1/-1)`);
    return '-1/-1';
  }
  if (port === undefined || port === '') throw new RuleSpecError(`--port is required for ${p} (22, 22/22, 8000-8080 or 1/65535)`);
  const m = /^(\d{1,5})(?:[/-](\d{1,5}))?$/.exec(port.trim());
  if (!m) throw new RuleSpecError(`--port "${port}" is not a port or a range (22, 22/22, 8000-8080, 1/65535)`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b > 65535 || a > b) throw new RuleSpecError(`--port "${port}": ports are 1 to 65535, start ≤ end`);
  return `${a}/${b}`;
}

/** The request fields of one rule (for Authorize*, Revoke* and duplicate checks). */
export function ruleRequest(s: RuleSpec): { direction: 'ingress' | 'egress'; params: Record<string, string> } {
  const direction = (s.direction ?? 'ingress').toLowerCase();
  if (direction !== 'ingress' && direction !== 'egress') throw new RuleSpecError(`--direction must be ingress or egress, got "${s.direction}"`);
  const protocol = (s.protocol ?? 'tcp').toLowerCase();
  if (!(RULE_PROTOCOLS as readonly string[]).includes(protocol)) throw new RuleSpecError(`--protocol must be one of ${RULE_PROTOCOLS.join(', ')}, got "${s.protocol}"`);
  const policy = (s.policy ?? 'accept').toLowerCase();
  if (!(RULE_POLICIES as readonly string[]).includes(policy)) throw new RuleSpecError(`--policy must be accept or drop, got "${s.policy}"`);
  const priority = String(s.priority ?? '1');
  if (!/^\d{1,3}$/.test(priority) || Number(priority) < 1 || Number(priority) > 100) throw new RuleSpecError(`--priority must be a whole number from 1 to 100 (1 is the highest), got "${s.priority}"`);
  const peer = (s.peer ?? '').trim();
  if (!peer) throw new RuleSpecError(direction === 'ingress' ? '--source is required (a CIDR such as 203.0.113.0/24, an IP, or a security group ID)' : '--dest is required (a CIDR, an IP, or a security group ID)');
  const side = direction === 'ingress' ? 'Source' : 'Dest';
  const params: Record<string, string> = { IpProtocol: protocol, PortRange: portRange(protocol, s.port), Policy: policy, Priority: priority };
  if (/^sg-[A-Za-z0-9]+$/.test(peer)) params[`${side}GroupId`] = peer;
  else {
    const c = parseCidr(peer);
    if (!c) throw new RuleSpecError(`--${direction === 'ingress' ? 'source' : 'dest'} "${peer}" is not an IP address, a CIDR block or a security group ID`);
    params[c.v === 4 ? `${side}CidrIp` : `Ipv6${side}CidrIp`] = peer;
  }
  if (s.nicType !== undefined) {
    if (!(NIC_TYPES as readonly string[]).includes(s.nicType)) throw new RuleSpecError(`--nic-type must be intranet or internet, got "${s.nicType}"`);
    params.NicType = s.nicType;
  }
  if (s.description !== undefined) params.Description = s.description;
  return { direction, params };
}

/** Warnings for a rule that opens a sensitive port, or port 25, to everyone (spec §4.12). */
export function ruleWarnings(direction: string, p: Record<string, string>): string[] {
  const out: string[] = [];
  const policy = (p.Policy ?? 'accept').toLowerCase();
  const proto = (p.IpProtocol ?? '').toLowerCase();
  const [a, b] = p.PortRange === '-1/-1' ? [1, 65535] : (p.PortRange ?? '').split('/').map(Number) as [number, number];
  const everyone = p.SourceCidrIp === '0.0.0.0/0' || p.Ipv6SourceCidrIp === '::/0';
  if (direction === 'ingress' && policy === 'accept' && everyone && (proto === 'tcp' || proto === 'udp' || proto === 'all')) {
    const hits = SENSITIVE_PORTS.filter(([port, , only]) => port >= a && port <= b && (proto === 'all' || (only ?? 'tcp') === proto)).map(([port, name]) => `${port} (${name})`);
    if (hits.length) out.push(`this rule opens ${hits.join(', ')} to the whole internet (${p.SourceCidrIp || p.Ipv6SourceCidrIp}); allow only the addresses that need it`);
  }
  if (policy === 'accept' && (proto === 'tcp' || proto === 'all') && a <= 25 && b >= 25) {
    out.push('TCP port 25 stays blocked on ECS whatever the rules say; use 465 for mail, or have the restriction lifted');
  }
  return out;
}

/** One line per rule: direction, policy, protocol, ports, peer, priority, description. */
export function ruleLine(r: SgRule): string {
  const inbound = (r.Direction ?? 'ingress') === 'ingress';
  const peer = (inbound ? r.SourceCidrIp || r.Ipv6SourceCidrIp || r.SourceGroupId : r.DestCidrIp || r.Ipv6DestCidrIp || r.DestGroupId) || '-';
  return [inbound ? 'in' : 'out', String(r.Policy ?? 'Accept').toLowerCase(), String(r.IpProtocol ?? '').toLowerCase(), r.PortRange ?? '', `${inbound ? 'from' : 'to'} ${peer}`, `priority ${r.Priority ?? 1}`].join(' ');
}
