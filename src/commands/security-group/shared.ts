// Shared by the security-group verbs: rule options, the rules of a group, rendering.

import { Option, type Command } from 'commander';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import type { Permission } from '../../api/actions/security-groups.js';
import { UsageError } from '../../core/errors.js';
import { NIC_TYPES, RULE_DIRECTIONS, RULE_POLICIES, RULE_PROTOCOLS, ruleLine, ruleRequest, RuleSpecError, type RuleSpec } from '../../resources/sg-rules.js';
import { rawCall } from '../builders/index.js';
import { oneOf } from '../shared/parse.js';

/** An option with fixed values: completion offers them (argChoices), parsing ignores case. */
export function choice(flags: string, description: string, values: readonly string[], dflt?: string): Option {
  const long = flags.split(/[ ,]+/).find((f) => f.startsWith('--'))!;
  const o = new Option(flags, description).choices(values as string[]).argParser(oneOf(long, values));
  return dflt === undefined ? o : o.default(dflt);
}

export function addRuleOptions(cmd: Command): void {
  cmd
    .addOption(choice('--direction <dir>', 'ingress (inbound, default) or egress (outbound)', RULE_DIRECTIONS))
    .addOption(choice('--protocol <p>', `${RULE_PROTOCOLS.join(', ')} (default tcp)`, RULE_PROTOCOLS))
    .option('--port <range>', 'tcp/udp ports: 22, 22/22, 8000-8080 or 1/65535 (none for icmp, gre, all)')
    .option('--source <peer>', 'inbound: where traffic comes from: IPv4/IPv6 address or CIDR, or a security group ID')
    .option('--dest <peer>', 'outbound: where traffic goes: IPv4/IPv6 address or CIDR, or a security group ID')
    .addOption(choice('--policy <policy>', 'accept (default) or drop', RULE_POLICIES))
    .option('--priority <n>', '1 (highest, default) to 100')
    .addOption(choice('--nic-type <type>', 'intranet or internet (classic network; VPC rules are intranet)', NIC_TYPES));
}

/** The rule the options describe (usage errors name the option). */
export function ruleFromOptions(o: Record<string, any>): { direction: 'ingress' | 'egress'; params: Record<string, string> } {
  const direction = o.direction ?? (o.dest !== undefined && o.source === undefined ? 'egress' : 'ingress');
  if (direction === 'ingress' && o.dest !== undefined) throw new UsageError('--dest is for outbound rules (--direction egress); inbound rules take --source');
  if (direction === 'egress' && o.source !== undefined) throw new UsageError('--source is for inbound rules; outbound rules (--direction egress) take --dest');
  const spec: RuleSpec = {
    direction,
    protocol: o.protocol,
    port: o.port,
    peer: direction === 'ingress' ? o.source : o.dest,
    policy: o.policy,
    priority: o.priority,
    description: o.description,
    nicType: o.nicType,
  };
  try {
    return ruleRequest(spec);
  } catch (e) {
    if (e instanceof RuleSpecError) throw new UsageError(e.message);
    throw e;
  }
}

export async function rulesOf(ctx: Context, api: EcsApi, id: string): Promise<{ attr: Record<string, any>; rules: Permission[] }> {
  const attr = await rawCall(api)('DescribeSecurityGroupAttribute', { RegionId: ctx.region, SecurityGroupId: id }, { signal: ctx.abort.signal });
  const rules: Permission[] = [];
  rules.push(...(attr.Permissions?.Permission ?? []));
  let token: string | undefined = attr.NextToken || undefined;
  const seen = new Set<string>();
  while (token && !seen.has(token)) {
    seen.add(token);
    const more = await rawCall(api)('DescribeSecurityGroupAttribute', { RegionId: ctx.region, SecurityGroupId: id, NextToken: token }, { signal: ctx.abort.signal });
    rules.push(...(more.Permissions?.Permission ?? []));
    token = more.NextToken || undefined;
  }
  return { attr, rules };
}

/** Does an existing rule have these request fields (protocol, ports, peer, policy, priority)? */
export function sameRule(r: Permission, direction: string, p: Record<string, string>): boolean {
  const norm = (s: string | undefined) => (s ?? '').toLowerCase();
  const side = direction === 'ingress' ? 'Source' : 'Dest';
  return (
    norm(r.Direction) === direction &&
    norm(r.IpProtocol) === norm(p.IpProtocol) &&
    r.PortRange === p.PortRange &&
    norm(r.Policy) === norm(p.Policy) &&
    String(r.Priority ?? '1') === p.Priority &&
    norm((r as any)[`${side}CidrIp`]) === norm(p[`${side}CidrIp`]) &&
    norm((r as any)[`Ipv6${side}CidrIp`]) === norm(p[`Ipv6${side}CidrIp`]) &&
    ((r as any)[`${side}GroupId`] ?? '') === (p[`${side}GroupId`] ?? '')
  );
}

export const RULE_COLUMNS = [
  { header: 'Rule ID', get: 'SecurityGroupRuleId' },
  { header: 'Direction', get: (r: Permission) => (r.Direction === 'egress' ? 'out' : 'in') },
  { header: 'Policy', get: (r: Permission) => String(r.Policy ?? '').toLowerCase() },
  { header: 'Protocol', get: (r: Permission) => String(r.IpProtocol ?? '').toLowerCase() },
  { header: 'Ports', get: 'PortRange' },
  { header: 'Peer', get: (r: Permission) => (r.Direction === 'egress' ? r.DestCidrIp || r.Ipv6DestCidrIp || r.DestGroupId : r.SourceCidrIp || r.Ipv6SourceCidrIp || r.SourceGroupId) },
  { header: 'Priority', get: 'Priority' },
  { header: 'Description', get: 'Description' },
];

export { ruleLine };
