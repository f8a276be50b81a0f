// Cloud account audit over API data (DescribeInstances, DescribeImages, DescribeKeyPairs,
// DescribeSecurityGroups + DescribeSecurityGroupAttribute): S001 preset credentials, S002
// root logins, key pairs, and the security-group rules SG-01…SG-09 (security spec §4.12,
// priority semantics §4.4: the smallest priority number decides, drop beats accept at a tie).
// Pure over the data, so it runs the same on the simulator and on the remote API.

import { CARRIER_BLOCKED_PORTS, type SgRule } from '../resources/sg-eval.js';
import { Findings } from './findings.js';
import type { Finding } from './types.js';

export interface CloudInstance {
  InstanceId: string;
  InstanceName?: string;
  OSType?: string;
  ImageId?: string;
  KeyPairName?: string;
  ImageOptions?: { LoginAsNonRoot?: boolean };
  SecurityGroupIds?: { SecurityGroupId?: string[] };
  /** where a backend reports it (the API's DescribeInstances does not) */
  PasswordInherit?: boolean;
}
/** A rule as DescribeSecurityGroupAttribute gives it (the fields sg-eval reads, and prefix lists). */
export interface CloudRule extends SgRule {
  SourcePrefixListId?: string;
}
export interface CloudGroup {
  SecurityGroupId: string;
  SecurityGroupName?: string;
  Description?: string;
  VpcId?: string;
  Permissions: CloudRule[];
}
export interface CloudData {
  regionId: string;
  instances: CloudInstance[];
  /** ImageId → ImageOwnerAlias (system, self, others, marketplace) when known */
  imageOwner?: Map<string, string>;
  keyPairs?: { KeyPairName: string }[];
  groups?: CloudGroup[];
}

/** The documented RAM deny policies (security spec §3.1, §3.2), compact JSON for fixes. */
export const DENY_PASSWORD_INHERIT = JSON.stringify({
  Version: '1',
  Statement: [{ Action: ['ecs:RunInstances', 'ecs:CreateInstance', 'ecs:ReplaceSystemDisk'], Resource: '*', Condition: { Bool: { 'ecs:PasswordInherit': ['true'] } }, Effect: 'Deny' }],
});
export const DENY_ROOT_LOGIN = JSON.stringify({
  Version: '1',
  Statement: [{ Action: ['ecs:RunInstances', 'ecs:CreateInstance', 'ecs:ReplaceSystemDisk', 'ecs:AttachDisk', 'ecs:InvokeCommand'], Resource: '*', Condition: { Bool: { 'ecs:LoginAsNonRoot': ['false'] } }, Effect: 'Deny' }],
});

const DB_PORTS: [number, string, 'tcp' | 'udp'][] = [
  [21, 'FTP', 'tcp'],
  [23, 'Telnet', 'tcp'],
  [1433, 'SQL Server', 'tcp'],
  [1434, 'SQL Server (UDP)', 'udp'],
  [1521, 'Oracle', 'tcp'],
  [3306, 'MySQL', 'tcp'],
  [5432, 'PostgreSQL', 'tcp'],
  [6379, 'Redis', 'tcp'],
];

// ---- rule geometry ---------------------------------------------------------------------------
interface R {
  rule: CloudRule;
  index: number;
  dir: 'ingress' | 'egress';
  proto: string;
  lo: number;
  hi: number;
  prio: number;
  drop: boolean;
  /** the peer: IPv4 CIDR as [network, prefix], or a non-CIDR key (group, prefix list, IPv6) */
  net?: [number, number];
  peerKey: string;
  nic: string;
}

function ipv4(s: string): number | undefined {
  const p = s.split('.');
  if (p.length !== 4) return undefined;
  let v = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x) || Number(x) > 255) return undefined;
    v = v * 256 + Number(x);
  }
  return v;
}

function cidr(s: string): [number, number] | undefined {
  const [a, b] = s.split('/');
  const ip = ipv4(a ?? '');
  const len = b === undefined ? 32 : Number(b);
  if (ip === undefined || !Number.isInteger(len) || len < 0 || len > 32) return undefined;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return [(ip & mask) >>> 0, len];
}

function covers(outer: [number, number], inner: [number, number]): boolean {
  if (outer[1] > inner[1]) return false;
  const mask = outer[1] === 0 ? 0 : (0xffffffff << (32 - outer[1])) >>> 0;
  return ((inner[0] & mask) >>> 0) === outer[0];
}

function ports(range: string | undefined, proto: string): [number, number] {
  if (proto === 'all' || proto === 'icmp' || proto === 'gre' || proto === 'icmpv6') return [1, 65535];
  const m = /^(-?\d+)\/(-?\d+)$/.exec(range ?? '');
  if (!m || Number(m[1]) < 0) return [1, 65535];
  return [Number(m[1]), Number(m[2])];
}

function toR(rule: CloudRule, index: number): R {
  const dir = (rule.Direction ?? 'ingress').toLowerCase() === 'egress' ? 'egress' : 'ingress';
  const proto = (rule.IpProtocol ?? 'all').toLowerCase();
  const [lo, hi] = ports(rule.PortRange, proto);
  const peer = dir === 'ingress' ? rule.SourceCidrIp : rule.DestCidrIp;
  const group = dir === 'ingress' ? rule.SourceGroupId : rule.DestGroupId;
  const v6 = dir === 'ingress' ? rule.Ipv6SourceCidrIp : rule.Ipv6DestCidrIp;
  const net = peer ? cidr(peer) : undefined;
  return {
    rule,
    index,
    dir,
    proto,
    lo,
    hi,
    prio: Number(rule.Priority ?? 1) || 1,
    drop: (rule.Policy ?? 'accept').toLowerCase() === 'drop',
    net,
    peerKey: net ? '' : group ? `group:${group}` : v6 ? `v6:${v6}` : rule.SourcePrefixListId ? `pl:${rule.SourcePrefixListId}` : `?${peer ?? ''}`,
    nic: (rule.NicType ?? 'intranet').toLowerCase(),
  };
}

const protoCovers = (outer: string, inner: string) => outer === 'all' || outer === inner;

/** S decides every flow R matches before R can (smaller priority, or a same-priority drop over an accept). */
function shadows(s: R, r: R): boolean {
  if (s === r || s.dir !== r.dir || s.nic !== r.nic) return false;
  if (!(s.prio < r.prio || (s.prio === r.prio && s.drop && !r.drop))) return false;
  if (!protoCovers(s.proto, r.proto) || s.lo > r.lo || s.hi < r.hi) return false;
  if (s.net && r.net) return covers(s.net, r.net);
  return !s.net && !r.net && s.peerKey === r.peerKey;
}

function ruleText(r: R): string {
  const x = r.rule;
  const peer = r.dir === 'ingress' ? x.SourceCidrIp ?? x.SourceGroupId ?? x.Ipv6SourceCidrIp ?? x.SourcePrefixListId : x.DestCidrIp ?? x.DestGroupId ?? x.Ipv6DestCidrIp;
  return `rule ${r.index}${x.SecurityGroupRuleId ? ` ${x.SecurityGroupRuleId}` : ''} (${r.dir} ${r.drop ? 'drop' : 'accept'} ${(x.IpProtocol ?? 'all').toUpperCase()} ${x.PortRange ?? '-1/-1'} ${r.dir === 'ingress' ? 'from' : 'to'} ${peer ?? '?'}, priority ${r.prio})`;
}

/** The rule that decides a flow from anywhere (0.0.0.0/0) to `port`, if an accept: the world can reach it. */
function worldOpen(rs: R[], proto: 'tcp' | 'udp', port: number): R | undefined {
  const world = rs.filter((r) => r.dir === 'ingress' && r.net && r.net[1] === 0 && protoCovers(r.proto, proto) && r.lo <= port && port <= r.hi);
  if (!world.length) return undefined;
  const best = Math.min(...world.map((r) => r.prio));
  const top = world.filter((r) => r.prio === best);
  if (top.some((r) => r.drop)) return undefined;
  return top[0];
}

export function auditCloud(d: CloudData): Finding[] {
  const f = new Findings('');
  const res = (kind: string, id: string) => `ecs://${d.regionId}/${kind}/${id}`;
  // ---- instances -----------------------------------------------------------------------------
  const boundKeys = new Set<string>();
  const groupMembers = new Map<string, string[]>();
  for (const i of d.instances) {
    const name = i.InstanceName ? ` (${i.InstanceName})` : '';
    const linux = (i.OSType ?? 'linux').toLowerCase() !== 'windows';
    if (i.KeyPairName) boundKeys.add(i.KeyPairName);
    for (const g of i.SecurityGroupIds?.SecurityGroupId ?? []) {
      const l = groupMembers.get(g) ?? [];
      l.push(i.InstanceId);
      groupMembers.set(g, l);
    }
    const file = res('instances', i.InstanceId);
    const owner = i.ImageId ? d.imageOwner?.get(i.ImageId) : undefined;
    if (i.PasswordInherit === true) {
      f.add('CL01', file, null, `${i.InstanceId}${name} was created with PasswordInherit: it uses the image's preset password`, { fix: `Attach a key pair (ecs keypair attach NAME ${i.InstanceId}) or reset the password; deny PasswordInherit with the RAM policy ${DENY_PASSWORD_INHERIT}` });
    } else if (i.PasswordInherit === undefined && linux && !i.KeyPairName && (owner === 'self' || owner === 'others')) {
      f.add('CL01', file, null, `${i.InstanceId}${name} runs a custom image (${i.ImageId}, ${owner}) with no key pair: it may use the image's preset password (the API does not report PasswordInherit)`, { severity: 'medium', fix: `Attach a key pair and reset the password; deny PasswordInherit with the RAM policy ${DENY_PASSWORD_INHERIT}` });
    }
    if (linux && i.ImageOptions?.LoginAsNonRoot !== true) {
      f.add('CL02', file, null, `${i.InstanceId}${name} is a Linux instance that logs in as root (ImageOptions.LoginAsNonRoot is not true)`, { fix: `Create instances with --login-as-non-root (ecs-user) and disable root SSH login (ecs host harden --disable-root-login); deny root logins with the RAM policy ${DENY_ROOT_LOGIN}` });
    }
    if (linux && !i.KeyPairName) f.add('CL03', file, null, `${i.InstanceId}${name} is a Linux instance with no key pair: password login only`, { fix: `ecs keypair attach NAME ${i.InstanceId}, then disable password login (ecs host harden --disable-password-auth)` });
  }
  for (const k of d.keyPairs ?? []) {
    if (!boundKeys.has(k.KeyPairName)) f.add('CL04', res('key-pairs', k.KeyPairName), null, `key pair ${k.KeyPairName} is bound to no instance`, { fix: `ecs keypair delete ${k.KeyPairName} (if unused)` });
  }
  // ---- security groups -----------------------------------------------------------------------
  for (const g of d.groups ?? []) {
    const file = res('security-groups', g.SecurityGroupId);
    const rs = g.Permissions.map((r, i) => toR(r, i + 1));
    const inbound = rs.filter((r) => r.dir === 'ingress');
    // SG01: all protocols, all ports, from anywhere, effective
    for (const r of inbound) {
      if (!r.drop && r.proto === 'all' && r.net && r.net[1] === 0 && !rs.some((s) => shadows(s, r))) {
        f.add('SG01', file, r.index, `${g.SecurityGroupId}: ${ruleText(r)} accepts every protocol and port from 0.0.0.0/0`, { fix: `ecs security-group rule remove ${g.SecurityGroupId} (rule ${r.index}); allow only the needed ports from known addresses` });
      }
    }
    // SG02 / SG03: the deciding rule for 22, 3389 and database ports from anywhere
    for (const [port, svc] of [[22, 'SSH'], [3389, 'RDP']] as const) {
      const r = worldOpen(rs, 'tcp', port);
      if (r && r.proto !== 'all') f.add('SG02', file, r.index, `${g.SecurityGroupId}: ${svc} port ${port} is open to 0.0.0.0/0; deciding rule: ${ruleText(r)}`, { fix: `Replace rule ${r.index} with one that allows ${port} only from your administration addresses` });
    }
    for (const [port, svc, proto] of DB_PORTS) {
      const r = worldOpen(rs, proto, port);
      if (r && r.proto !== 'all') f.add('SG03', file, r.index, `${g.SecurityGroupId}: ${svc} port ${port}/${proto} is open to 0.0.0.0/0; deciding rule: ${ruleText(r)}`, { fix: `Replace rule ${r.index} with one that allows ${port} only from the application's addresses or security group` });
    }
    for (const r of rs) {
      if (r.proto === 'tcp' && r.lo === 25 && r.hi === 25) f.add('SG04', file, r.index, `${g.SecurityGroupId}: ${ruleText(r)} targets TCP 25, which ECS blocks by default`);
      if (r.dir === 'ingress' && r.lo === r.hi && CARRIER_BLOCKED_PORTS.includes(r.lo)) f.add('SG05', file, r.index, `${g.SecurityGroupId}: ${ruleText(r)} targets port ${r.lo}, blocked by carriers on the internet`);
      const by = rs.find((s) => shadows(s, r));
      if (by) f.add('SG06', file, r.index, `${g.SecurityGroupId}: ${ruleText(r)} never decides: ${ruleText(by)} covers it first`, { fix: `Delete rule ${r.index} or change the priorities` });
      if (!g.VpcId && r.dir === 'ingress' && r.nic === 'intranet' && r.net && r.net[1] !== 32) {
        f.add('SG09', file, r.index, `${g.SecurityGroupId} (classic): intranet ${ruleText(r)} uses a /${r.net[1]} address; classic intranet address rules must be /32`);
      }
    }
    if (g.Permissions.length > 80) f.add('SG07', file, null, `${g.SecurityGroupId} has ${g.Permissions.length} rules (limit 100)`);
    const isDefault = g.Description === 'System created security group.' || (g.SecurityGroupName ?? '').startsWith('sg-default-');
    if (isDefault) {
      for (const id of groupMembers.get(g.SecurityGroupId) ?? []) f.add('SG08', res('instances', id), null, `${id} is in the system default security group ${g.SecurityGroupId}`, { fix: `Create a group for it (ecs security-group create), join it, then leave ${g.SecurityGroupId}` });
    }
  }
  return f.list;
}
