// `security-group check`: fetch the groups of a security group ID or of an instance (all its
// groups together) through DescribeSecurityGroupAttribute, then let sg-eval decide. Works
// on any backend: it needs only the documented read actions.

import { evaluate, parseIp, type CheckResult, type FlowProtocol, type SgGroup } from './sg-eval.js';

/** What the check needs from a backend (EcsApi.call, loosely typed). */
export type Caller = (action: string, params: Record<string, unknown>) => Promise<Record<string, any>>;

export interface CheckRequest {
  /** A security group ID (sg-…) or an instance ID (i-…). */
  target: string;
  direction: 'ingress' | 'egress';
  protocol: FlowProtocol;
  port?: number;
  /** The peer address: the source (inbound) or the destination (outbound). */
  ip: string;
  /** Groups the peer instance is in (for rules that name a security group). */
  peerGroups?: string[];
  /** The packet answers a connection opened from the other side (stateful). */
  reply?: boolean;
  /** Classic groups: the NIC the packet uses. */
  nicType?: 'internet' | 'intranet';
  regionId: string;
}

export interface CheckOutcome extends CheckResult {
  /** The groups evaluated (an instance's groups, in its order). */
  SecurityGroupIds: string[];
}

export class CheckInputError extends Error {}

export async function groupsOf(call: Caller, regionId: string, target: string): Promise<SgGroup[]> {
  let ids: string[];
  if (/^i-/.test(target)) {
    const r = await call('DescribeInstances', { RegionId: regionId, InstanceIds: JSON.stringify([target]) });
    const inst = r.Instances?.Instance?.[0];
    if (!inst) throw new CheckInputError(`no instance ${target} in ${regionId}`);
    ids = inst.SecurityGroupIds?.SecurityGroupId ?? [];
  } else {
    ids = [target];
  }
  const groups: SgGroup[] = [];
  for (const id of ids) {
    const a = await call('DescribeSecurityGroupAttribute', { RegionId: regionId, SecurityGroupId: id });
    let type: string | undefined;
    try {
      const d = await call('DescribeSecurityGroups', { RegionId: regionId, SecurityGroupId: id });
      type = d.SecurityGroups?.SecurityGroup?.[0]?.SecurityGroupType;
    } catch {
      type = undefined;
    }
    groups.push({
      SecurityGroupId: a.SecurityGroupId ?? id,
      VpcId: typeof a.VpcId === 'string' ? a.VpcId : undefined,
      SecurityGroupType: type ?? (a.InnerAccessPolicy === 'Drop' ? 'enterprise' : 'normal'),
      InnerAccessPolicy: a.InnerAccessPolicy,
      Permissions: a.Permissions?.Permission ?? [],
    });
  }
  return groups;
}

export async function checkAccess(call: Caller, req: CheckRequest, opts: { port25Blocked?: boolean } = {}): Promise<CheckOutcome> {
  if (!parseIp(req.ip)) throw new CheckInputError(`"${req.ip}" is not an IPv4 or IPv6 address`);
  if ((req.protocol === 'tcp' || req.protocol === 'udp') && (req.port === undefined || !Number.isInteger(req.port) || req.port < 1 || req.port > 65535)) {
    throw new CheckInputError(`--port is required for ${req.protocol} (1 to 65535)`);
  }
  const groups = await groupsOf(call, req.regionId, req.target);
  const r = evaluate(groups, { direction: req.direction, protocol: req.protocol, port: req.port, ip: req.ip, peerGroups: req.peerGroups, reply: req.reply, nicType: req.nicType }, opts);
  return { ...r, SecurityGroupIds: groups.map((g) => g.SecurityGroupId) };
}
