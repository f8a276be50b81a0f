// "Which rule decides": a pure evaluator over DescribeSecurityGroupAttribute data, used by
// the simulator's tests and by `ecs security-group check` on any backend.
//
// The rules (security spec §4.4, user guide §13.4):
// - among the matching rules of ALL the groups given (an instance's groups together), the
//   smallest priority number wins, whatever its policy;
// - at equal priority, drop beats accept;
// - no matching rule: the group type's default — basic (normal) groups drop inbound and
//   accept outbound; members of the same basic group with InnerAccessPolicy Accept reach
//   each other; enterprise (advanced) groups drop everything;
// - TCP 25 to the internet is blocked by the platform whatever the rules say, unless the
//   restriction was lifted (guide §13.4 L3203; `port25Blocked: false`).

export type Direction = 'ingress' | 'egress';
export type FlowProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'gre';

export interface SgRule {
  Direction?: string;
  IpProtocol?: string;
  PortRange?: string;
  SourceCidrIp?: string;
  Ipv6SourceCidrIp?: string;
  SourceGroupId?: string;
  DestCidrIp?: string;
  Ipv6DestCidrIp?: string;
  DestGroupId?: string;
  Policy?: string;
  Priority?: string | number;
  NicType?: string;
  SecurityGroupRuleId?: string;
  Description?: string;
}

export interface SgGroup {
  SecurityGroupId: string;
  /** '' for a classic network group: its rules then apply to their NicType only. */
  VpcId?: string;
  SecurityGroupType?: string;
  InnerAccessPolicy?: string;
  Permissions: SgRule[];
}

export interface Flow {
  direction: Direction;
  protocol: FlowProtocol;
  /** Destination port for TCP/UDP (ignored for ICMP/GRE). */
  port?: number;
  /** The peer: the source address (inbound) or the destination address (outbound). */
  ip: string;
  /** Groups the peer instance is in (for group-reference rules and same-group access). */
  peerGroups?: string[];
  /** Classic groups: which NIC the packet uses (default: intranet for a private peer, else internet). */
  nicType?: 'internet' | 'intranet';
  /**
   * The packet answers a connection opened in the other direction (stateful: "if outbound
   * packets are allowed, inbound packets of that connection are allowed too", spec §4.1).
   */
  reply?: boolean;
}

export interface CheckResult {
  Decision: 'accept' | 'drop';
  /** The deciding rule with its group, or null when a default or the platform decided. */
  Rule: (SgRule & { SecurityGroupId: string }) | null;
  Reason: string;
}

// ---- addresses ----------------------------------------------------------------------------

export interface Ip {
  v: 4 | 6;
  n: bigint;
}

export function parseIp(s: string): Ip | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    if (s.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { v: 4, n: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':') || s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const m = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (m) {
    const v4 = parseIp(m[2]!);
    if (!v4) return undefined;
    tail4 = v4.n;
    text = `${m[1]}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let n = all.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return { v: 6, n };
}

export interface Cidr extends Ip {
  bits: number;
}

/** `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `v6/n`. */
export function parseCidr(s: string): Cidr | undefined {
  const i = s.indexOf('/');
  const ip = parseIp(i < 0 ? s : s.slice(0, i));
  if (!ip) return undefined;
  const max = ip.v === 4 ? 32 : 128;
  if (i < 0) return { ...ip, bits: max };
  const b = s.slice(i + 1);
  if (!/^\d{1,3}$/.test(b) || Number(b) > max) return undefined;
  return { ...ip, bits: Number(b) };
}

export function cidrContains(c: Cidr, ip: Ip): boolean {
  if (c.v !== ip.v) return false;
  const width = c.v === 4 ? 32 : 128;
  const shift = BigInt(width - c.bits);
  return c.n >> shift === ip.n >> shift;
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8'].map((c) => parseCidr(c)!);

/** RFC 1918 / shared / loopback IPv4, or IPv6 ULA / link-local / loopback. */
export function isPrivate(ip: Ip): boolean {
  if (ip.v === 4) return PRIVATE_V4.some((c) => cidrContains(c, ip));
  return cidrContains(parseCidr('fc00::/7')!, ip) || cidrContains(parseCidr('fe80::/10')!, ip) || ip.n === 1n;
}

// ---- port ranges --------------------------------------------------------------------------

/** `start/end` → [start, end]; `-1/-1` → undefined (all ports). Throws on anything else. */
export function parsePortRange(s: string): [number, number] | undefined {
  if (s === '-1/-1') return undefined;
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(s);
  if (!m) throw new Error(`port range "${s}" is not start/end`);
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a < 1 || b > 65535 || a > b) throw new Error(`port range "${s}" must be within 1/65535 with start ≤ end`);
  return [a, b];
}

// ---- evaluation ---------------------------------------------------------------------------

function ruleMatches(r: SgRule, f: Flow, ip: Ip | undefined, classic: boolean): boolean {
  if ((r.Direction ?? 'ingress') !== f.direction) return false;
  if (classic) {
    const nic = f.nicType ?? (ip && isPrivate(ip) ? 'intranet' : 'internet');
    if ((r.NicType ?? 'internet') !== nic) return false;
  }
  const proto = String(r.IpProtocol ?? '').toLowerCase();
  if (proto !== 'all' && proto !== f.protocol) return false;
  if ((f.protocol === 'tcp' || f.protocol === 'udp') && r.PortRange && r.PortRange !== '-1/-1') {
    let range: [number, number] | undefined;
    try {
      range = parsePortRange(r.PortRange);
    } catch {
      return false;
    }
    if (range && (f.port === undefined || f.port < range[0] || f.port > range[1])) return false;
  }
  const inbound = f.direction === 'ingress';
  const cidr = (inbound ? r.SourceCidrIp : r.DestCidrIp) || '';
  const cidr6 = (inbound ? r.Ipv6SourceCidrIp : r.Ipv6DestCidrIp) || '';
  const group = (inbound ? r.SourceGroupId : r.DestGroupId) || '';
  if (cidr || cidr6) {
    const c = parseCidr(cidr || cidr6);
    return Boolean(c && ip && cidrContains(c, ip));
  }
  if (group) return Boolean(ip && isPrivate(ip) && f.peerGroups?.includes(group));
  return false;
}

const priorityOf = (r: SgRule): number => {
  const n = Number(r.Priority ?? 1);
  return Number.isFinite(n) ? n : 1;
};
const isDrop = (r: SgRule): boolean => String(r.Policy ?? 'accept').toLowerCase() === 'drop';

export interface EvalOptions {
  /** TCP 25 to the internet is blocked by the platform (default true). */
  port25Blocked?: boolean;
}

/** Ports that carriers deem high-risk and block on the internet (spec §4.9 "Ports that cannot be reached"). */
export const CARRIER_BLOCKED_PORTS: readonly number[] = [135, 139, 444, 445, 5800, 5900];

export function evaluate(groups: SgGroup[], flow: Flow, o: EvalOptions = {}): CheckResult {
  const r = decide(groups, flow, o);
  if (r.Decision === 'accept' && flow.direction === 'ingress' && !flow.reply && flow.protocol === 'tcp' && flow.port !== undefined && CARRIER_BLOCKED_PORTS.includes(flow.port)) {
    const ip = parseIp(flow.ip);
    if (ip && !isPrivate(ip)) return { ...r, Reason: `${r.Reason}; note: carriers block port ${flow.port} by default, so it may still be unreachable from the internet (use another port)` };
  }
  return r;
}

function decide(groups: SgGroup[], flow: Flow, o: EvalOptions): CheckResult {
  if (flow.reply) {
    const opened = evaluate(groups, { ...flow, reply: false, direction: flow.direction === 'ingress' ? 'egress' : 'ingress' }, o);
    const way = flow.direction === 'ingress' ? 'outbound' : 'inbound';
    return opened.Decision === 'accept'
      ? { ...opened, Reason: `reply traffic of an ${way} connection that is accepted (security groups are stateful): ${opened.Reason}` }
      : { ...opened, Reason: `the ${way} connection this would answer is dropped: ${opened.Reason}` };
  }
  const ip = parseIp(flow.ip);
  if (!ip) throw new Error(`"${flow.ip}" is not an IPv4 or IPv6 address`);
  if ((o.port25Blocked ?? true) && flow.direction === 'egress' && flow.protocol === 'tcp' && flow.port === 25 && !isPrivate(ip)) {
    return {
      Decision: 'drop',
      Rule: null,
      Reason: 'TCP port 25 to the internet is blocked by default on ECS and no security group rule can open it (use 465, or have the restriction lifted)',
    };
  }
  const matches: (SgRule & { SecurityGroupId: string })[] = [];
  for (const g of groups) for (const r of g.Permissions ?? []) if (ruleMatches(r, flow, ip, g.VpcId === '')) matches.push({ ...r, SecurityGroupId: g.SecurityGroupId });
  const where = groups.length > 1 ? ` across ${groups.length} security groups` : '';
  if (matches.length === 0) {
    const enterprise = groups.length > 0 && groups.every((g) => g.SecurityGroupType === 'enterprise');
    if (!enterprise && flow.direction === 'ingress') {
      const same = groups.find((g) => (g.InnerAccessPolicy ?? 'Accept') === 'Accept' && isPrivate(ip) && flow.peerGroups?.includes(g.SecurityGroupId));
      if (same) {
        return { Decision: 'accept', Rule: null, Reason: `no rule matches${where}; members of the same basic security group ${same.SecurityGroupId} reach each other over the intranet (InnerAccessPolicy Accept)` };
      }
    }
    if (enterprise) return { Decision: 'drop', Rule: null, Reason: `no rule matches${where}; an enterprise security group drops all traffic that no rule accepts` };
    if (groups.length === 0) return { Decision: flow.direction === 'ingress' ? 'drop' : 'accept', Rule: null, Reason: 'no security group given; the basic default applies' };
    return flow.direction === 'ingress'
      ? { Decision: 'drop', Rule: null, Reason: `no rule matches${where}; a basic security group drops inbound traffic by default` }
      : { Decision: 'accept', Rule: null, Reason: `no rule matches${where}; a basic security group accepts outbound traffic by default` };
  }
  const best = Math.min(...matches.map(priorityOf));
  const top = matches.filter((r) => priorityOf(r) === best);
  const lower = matches.length - top.length;
  const drop = top.find(isDrop);
  const accept = top.find((r) => !isDrop(r));
  const overridden = lower ? `; ${lower} other matching rule${lower === 1 ? '' : 's'} with a larger priority number ${lower === 1 ? 'is' : 'are'} overridden (a lower number wins)` : '';
  if (drop && accept) {
    return { Decision: 'drop', Rule: drop, Reason: `drop beats accept at equal priority ${best}${where}${overridden}` };
  }
  const rule = (drop ?? accept)!;
  const only = matches.length === 1 ? `the only matching rule${where}` : `priority ${best} is the highest-priority match${where}${overridden}`;
  return { Decision: drop ? 'drop' : 'accept', Rule: rule, Reason: only };
}
