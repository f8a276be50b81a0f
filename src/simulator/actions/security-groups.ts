// Security groups: CreateSecurityGroup, DescribeSecurityGroups, DescribeSecurityGroupAttribute,
// DeleteSecurityGroup, JoinSecurityGroup, LeaveSecurityGroup, AuthorizeSecurityGroup(Egress),
// RevokeSecurityGroup(Egress) (security spec §4, user guide §13, §19 #27–#35, §23 #15–#19).
//
// Groups are API-shaped records in state.securityGroups keyed by SecurityGroupId (the
// default group of defaults.ts has the same shape); rules are `Permissions` entries with the
// fields DescribeSecurityGroupAttribute returns. The simulator is VPC-only (every instance
// is a VPC instance), so every group belongs to a VPC and every rule's NicType is intranet.
//
// Limits are settings with the documented defaults: quota.security-groups 100 per region,
// quota.security-group-rules 100 per group (inbound + outbound together),
// quota.security-groups-per-instance 5, quota.security-group-rules-per-instance 500,
// quota.instances-per-security-group 1000, quota.security-group-references 20 ([EXT]).
// With more groups per instance the per-group rule cap falls as the spec's table says
// (5 → 100, 10 → 50, 16 → 30).

import { ApiError } from '../../core/errors.js';
import { regionOrThrow } from '../catalogue/index.js';
import { ensureRegionDefaults } from '../defaults.js';
import { newId } from '../ids.js';
import { missing } from '../params.js';
import { settingValue } from '../settings.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import { cloneJson, type SimState } from '../state.js';
import { parseCidr, parsePortRange } from '../../resources/sg-eval.js';
import { getInstance, vpcOf, type InstanceRecord } from './instances/model.js';
import { countBy, countsBy, idsBy, indexed, recordsBy } from '../lookup.js';
import { INSTANCE_BY_SG } from '../indexes.js';
import { findGroup, instancesPerGroup } from './security-group-model.js';
import { encodeToken, pageOf } from '../paging.js';
import { checkClientToken, paramsFingerprint, quota, readTags } from './instances/validate.js';
import { matchesTagFilter, nameMatcher, readTagFilter, tagView } from './tags-model.js';

/** Instances created before this cannot join an enterprise group (security spec §4.6). */
export const ENTERPRISE_CUTOFF_MS = Date.UTC(2019, 4, 30) - 8 * 3600_000;

const HTTP = /^https?:\/\//i;

function region(c: ActionContext): string {
  const r = c.params.raw.RegionId || c.regionId;
  regionOrThrow(r);
  return r;
}

function groups(state: SimState): Record<string, any> {
  state.securityGroups ??= {};
  return state.securityGroups;
}

function getGroup(state: SimState, id: string | undefined, regionId: string): Record<string, any> {
  if (!id) throw missing('SecurityGroupId');
  const g = findGroup(state, id, regionId);
  if (!g) throw new ApiError('InvalidSecurityGroupId.NotFound', `The specified SecurityGroupId does not exist. (${id.slice(0, 80)})`, 404);
  return g;
}

/** SecurityGroupName: 2–128 characters, starts with a letter, then letters, digits, "_", "-", ".", ":". */
export function checkGroupName(name: string): void {
  if (name.length < 2 || name.length > 128 || HTTP.test(name) || !/^\p{L}[\p{L}\p{N}_.:-]*$/u.test(name)) {
    throw new ApiError('InvalidSecurityGroupName.Malformed', `Specified security group name is not valid. ("${name.slice(0, 140)}": 2 to 128 characters, starting with a letter; letters, digits, "_", "-", ".", ":")`, 400);
  }
}

export function checkGroupDescription(desc: string): void {
  if (desc.length < 2 || desc.length > 256 || HTTP.test(desc)) {
    throw new ApiError('InvalidSecurityGroupDiscription.Malformed', 'Specified security group description is not valid. (2 to 256 characters, not starting with http:// or https://)', 400);
  }
}

/** The instances in a group, in collection order. */
function members(state: SimState, id: string): InstanceRecord[] {
  return recordsBy<InstanceRecord>(state, INSTANCE_BY_SG, id);
}

/** Instances one group can hold: quota.instances-per-security-group (1000), or 50,000 ENIs for an enterprise group. */
/** Per-group rule cap: the quota, lowered by the groups-per-instance table (5 → 100, 10 → 50, 16 → 30). */
export function rulesPerGroup(state: SimState): number {
  const q = quota(state, 'quota.security-group-rules', 100);
  const perInstance = quota(state, 'quota.security-groups-per-instance', 5);
  const table = perInstance <= 5 ? 100 : perInstance <= 10 ? 50 : 30;
  return Math.min(q, table);
}

function rulesOfInstance(state: SimState, r: InstanceRecord, regionId: string): number {
  let n = 0;
  for (const id of r.sg) n += (findGroup(state, id, regionId)?.Permissions ?? []).length;
  return n;
}

// ---- CreateSecurityGroup / DescribeSecurityGroups / DescribeSecurityGroupAttribute / Delete

function createSecurityGroup(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  // ClientToken: the same token with the same parameters answers the first group again.
  const token = p.str('ClientToken');
  let tokenKey: string | undefined;
  let fingerprint: string | undefined;
  if (token !== undefined) {
    checkClientToken(token);
    tokenKey = `CreateSecurityGroup:${regionId}:${token}`;
    fingerprint = paramsFingerprint(p.raw);
    const prior = Object.hasOwn(c.state.clientTokens, tokenKey) ? c.state.clientTokens[tokenKey] : undefined;
    if (prior) {
      if (prior.fingerprint !== fingerprint) throw new ApiError('IdempotentParameterMismatch', 'The specified clientToken is used with different parameters.', 400);
      return { ...prior.response };
    }
  }
  const name = p.str('SecurityGroupName');
  if (name !== undefined) checkGroupName(name);
  const desc = p.str('Description');
  if (desc !== undefined) checkGroupDescription(desc);
  const type = p.str('SecurityGroupType') ?? 'normal';
  if (type !== 'normal' && type !== 'enterprise') throw new ApiError('InvalidParameter', `The specified parameter "SecurityGroupType" is not valid. (${type.slice(0, 40)}: normal or enterprise)`, 400);
  const tags = readTags(p.objList('Tag'));
  const vpcParam = p.str('VpcId');
  let vpcId: string;
  if (vpcParam !== undefined) {
    const vpcs = c.state.vpcs ?? {};
    const v = Object.hasOwn(vpcs, vpcParam) ? vpcs[vpcParam] : undefined;
    if (!v || v.RegionId !== regionId) throw new ApiError('InvalidVpcId.NotFound', `Specified VPC does not exist. (${vpcParam.slice(0, 80)})`, 404);
    vpcId = vpcParam;
  } else if (settingValue(c.state, 'security-group.classic') === 'true') {
    if (type === 'enterprise') throw new ApiError('InvalidSecurityGroup.InvalidNetworkType', 'The specified security group network type is not support this operation: an enterprise security group needs a VPC (VpcId).', 400);
    vpcId = ''; // a classic network group
  } else {
    vpcId = ensureRegionDefaults(c.state, regionId, c.now).vpcId;
  }
  const limit = quota(c.state, 'quota.security-groups', 100);
  let n = 0;
  for (const g of Object.values(groups(c.state))) if (g && g.RegionId === regionId) n++;
  if (n >= limit) throw new ApiError('QuotaExceed.SecurityGroup', `The maximum number of security groups is reached. (${limit} per region)`, 403);
  const id = newId('sg', regionId);
  groups(c.state)[id] = {
    SecurityGroupId: id,
    RegionId: regionId,
    VpcId: vpcId,
    SecurityGroupName: name ?? '',
    Description: desc ?? '',
    SecurityGroupType: type,
    InnerAccessPolicy: type === 'enterprise' ? 'Drop' : 'Accept',
    CreationTime: c.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Tags: { Tag: tags.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    Permissions: [],
  };
  if (tokenKey && fingerprint) c.state.clientTokens[tokenKey] = { action: 'CreateSecurityGroup', fingerprint, response: { SecurityGroupId: id }, at: c.now.toISOString() };
  return { SecurityGroupId: id };
}

/** IsQueryEcsCount: the group's instances (from the index; counted once on a plain state) and the room left. */
function ecsCount(state: SimState, g: Record<string, any>, plainCounts: Map<string, number> | undefined): { EcsCount: number; AvailableInstanceAmount: number } {
  const id = g.SecurityGroupId;
  const n = typeof id !== 'string' ? 0 : plainCounts ? (plainCounts.get(id) ?? 0) : countBy(state, INSTANCE_BY_SG, id);
  return { EcsCount: n, AvailableInstanceAmount: Math.max(0, instancesPerGroup(state, g) - n) };
}

function describeSecurityGroups(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  const one = p.str('SecurityGroupId');
  const many = p.jsonList('SecurityGroupIds', { max: 100 });
  const ids = one || many ? new Set([...(one ? [one] : []), ...(many ?? [])]) : undefined;
  const vpcId = p.str('VpcId');
  const name = p.str('SecurityGroupName');
  const fuzzy = p.bool('FuzzyQuery');
  const net = p.str('NetworkType', { oneOf: ['vpc', 'classic'] });
  const type = p.str('SecurityGroupType', { oneOf: ['normal', 'enterprise'] });
  const withCount = p.bool('IsQueryEcsCount');
  const tagFilter = readTagFilter(p);
  const match = name === undefined ? undefined : fuzzy || /[*]/.test(name) ? nameMatcher(name) : (n: string) => n === name;
  const all = Object.values(c.state.securityGroups ?? {}).filter(
    (g: any) =>
      g && g.RegionId === regionId && (!ids || ids.has(g.SecurityGroupId)) && (!vpcId || g.VpcId === vpcId) && (!match || match(g.SecurityGroupName ?? '')) &&
      (!net || (net === 'vpc') === Boolean(g.VpcId)) && (!type || (g.SecurityGroupType ?? 'normal') === type) && matchesTagFilter(g, tagFilter),
  );
  const page = pageOf(p, all.length, { defaultSize: 10, maxSize: 50, maxResultsMax: 100 });
  const plainCounts = withCount && !indexed(c.state, 'instances') ? countsBy(c.state, INSTANCE_BY_SG) : undefined;
  return {
    RegionId: regionId,
    TotalCount: all.length,
    ...page.fields,
    SecurityGroups: {
      SecurityGroup: all.slice(page.start, page.end).map((g: any) => ({
        SecurityGroupId: g.SecurityGroupId,
        SecurityGroupName: g.SecurityGroupName ?? '',
        Description: g.Description ?? '',
        SecurityGroupType: g.SecurityGroupType ?? 'normal',
        VpcId: g.VpcId ?? '',
        CreationTime: g.CreationTime ?? '',
        RuleCount: (g.Permissions ?? []).length,
        GroupToGroupRuleCount: (g.Permissions ?? []).filter((r: any) => r.SourceGroupId || r.DestGroupId).length,
        ServiceManaged: false,
        ResourceGroupId: '',
        ...(withCount ? ecsCount(c.state, g, plainCounts) : {}),
        Tags: tagView(g),
      })),
    },
  };
}

function permissionView(state: SimState, regionId: string, r: Record<string, any>): Record<string, unknown> {
  const v = cloneJson(r);
  delete v.SecurityGroupId;
  v.SourceGroupName = r.SourceGroupId ? (findGroup(state, r.SourceGroupId, regionId)?.SecurityGroupName ?? '') : '';
  v.DestGroupName = r.DestGroupId ? (findGroup(state, r.DestGroupId, regionId)?.SecurityGroupName ?? '') : '';
  v.SourceGroupOwnerAccount = r.SourceGroupOwnerAccount ?? '';
  v.DestGroupOwnerAccount = r.DestGroupOwnerAccount ?? '';
  v.SourcePrefixListId = '';
  v.DestPrefixListId = '';
  return v;
}

function describeSecurityGroupAttribute(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  const g = getGroup(c.state, p.str('SecurityGroupId', { required: true }), regionId);
  const dir = p.str('Direction') ?? 'all';
  if (!['egress', 'ingress', 'all'].includes(dir)) throw new ApiError('InvalidParamter', 'Invalid Parameter (Direction: egress, ingress or all)', 400);
  const nic = p.str('NicType');
  if (nic !== undefined && nic !== 'internet' && nic !== 'intranet') throw new ApiError('InvalidNicType.ValueNotSupported', 'The specified NicType does not exist.', 400);
  const rules = (g.Permissions ?? []).filter((r: any) => (dir === 'all' || r.Direction === dir) && (!nic || (r.NicType ?? 'intranet') === nic));
  // MaxResults (10–1000, default 500) / NextToken.
  const max = p.int('MaxResults', { min: 10, max: 1000, default: 500 })!;
  const token = p.str('NextToken');
  let start = 0;
  if (token !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new ApiError('InvalidNextToken.Malformed', 'The specified parameter "NextToken" is not valid.', 400);
    start = Number(m[1]);
  }
  const end = Math.min(rules.length, start + max);
  return {
    RegionId: regionId,
    SecurityGroupId: g.SecurityGroupId,
    SecurityGroupName: g.SecurityGroupName ?? '',
    Description: g.Description ?? '',
    VpcId: g.VpcId ?? '',
    InnerAccessPolicy: g.InnerAccessPolicy ?? 'Accept',
    NextToken: end < rules.length ? encodeToken(end) : '',
    Permissions: { Permission: rules.slice(start, end).map((r: any) => permissionView(c.state, regionId, r)) },
  };
}

function deleteSecurityGroup(c: ActionContext) {
  const regionId = region(c);
  const g = getGroup(c.state, c.params.str('SecurityGroupId', { required: true }), regionId);
  const id = g.SecurityGroupId as string;
  const inside = idsBy(c.state, INSTANCE_BY_SG, id);
  if (inside.length) {
    throw new ApiError('DependencyViolation', `There is still instance(s) in the specified security group. (${id}: ${inside.slice(0, 3).join(', ')}${inside.length > 3 ? ' …' : ''})`, 403);
  }
  for (const other of Object.values(c.state.securityGroups ?? {}) as any[]) {
    if (!other || other.SecurityGroupId === id) continue;
    if ((other.Permissions ?? []).some((r: any) => r.SourceGroupId === id || r.DestGroupId === id)) {
      throw new ApiError('DependencyViolation', `The specified security group has been authorized in another one. (${id} is referenced by ${other.SecurityGroupId})`, 403);
    }
  }
  delete groups(c.state)[id];
  return {};
}

// ---- Join / Leave ---------------------------------------------------------------------------

function joinSecurityGroup(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  if (p.str('NetworkInterfaceId') !== undefined && p.str('InstanceId') === undefined) {
    throw new ApiError('InvalidEniId.NotFound', 'The specified network interface does not exist (the simulator models the primary ENI as the instance; give InstanceId).', 404);
  }
  const r = getInstance(c.state, p.str('InstanceId', { required: true }), regionId);
  const g = getGroup(c.state, p.str('SecurityGroupId', { required: true }), regionId);
  const id = g.SecurityGroupId as string;
  if (r.lock) throw new ApiError('InstanceLockedForSecurity', `The specified operation is denied as your instance is locked for security reasons. (${r.id})`, 403);
  if (r.status !== 'Running' && r.status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${r.id} is ${r.status})`, 403);
  if (r.sg.includes(id)) throw new ApiError('InvalidInstanceId.AlreadyExists', `The specified instance already exists in the specified security group. (${r.id} in ${id})`, 403);
  if (!g.VpcId) throw new ApiError('InvalidInstanceId.Mismatch', `Specified instance and security group are not in the same VPC. (${id} is a classic network group; ${r.id} is a VPC instance)`, 400);
  if (g.VpcId !== vpcOf(c.state, r)) throw new ApiError('InvalidInstanceId.Mismatch', `Specified instance and security group are not in the same VPC. (${r.id} is in ${vpcOf(c.state, r)}; ${id} in ${g.VpcId})`, 400);
  const type = g.SecurityGroupType ?? 'normal';
  const current = r.sg.map((s) => findGroup(c.state, s, regionId)).filter(Boolean) as Record<string, any>[];
  if (current.some((o) => (o.SecurityGroupType ?? 'normal') !== type)) {
    throw new ApiError('InvalidParameter.Conflict', `An instance cannot be in basic and enterprise security groups at the same time. (${r.id} is in ${current.map((o) => `${o.SecurityGroupId} (${o.SecurityGroupType ?? 'normal'})`).join(', ')}; ${id} is ${type})`, 400);
  }
  if (type === 'enterprise' && r.ct < ENTERPRISE_CUTOFF_MS) {
    throw new ApiError('InvalidInstanceId.NotSupport', `Instances created before 2019-05-30 cannot join an enterprise security group. (${r.id})`, 403);
  }
  const limit = quota(c.state, 'quota.security-groups-per-instance', 5);
  if (r.sg.length >= limit) throw new ApiError('InstanceSecurityGroupLimitExceeded', `Exceeding the allowed amount of security groups that an instance can be in. (${r.id} is in ${r.sg.length}; at most ${limit})`, 400);
  const perGroup = instancesPerGroup(c.state, g);
  if (countBy(c.state, INSTANCE_BY_SG, id) >= perGroup) throw new ApiError('SecurityGroupInstanceLimitExceeded', `The maximum number of instances in a security group is exceeded. (${id}: ${perGroup})`, 403);
  const cap = rulesPerGroup(c.state);
  if ((g.Permissions ?? []).length > cap) {
    throw new ApiError('AclLimitExceed', `The rule count exceeds the limit: with ${limit} security groups per instance a group may hold at most ${cap} rules; ${id} has ${(g.Permissions ?? []).length}.`, 403);
  }
  const perInstance = quota(c.state, 'quota.security-group-rules-per-instance', 500);
  const total = rulesOfInstance(c.state, r, regionId) + (g.Permissions ?? []).length;
  if (total > perInstance) throw new ApiError('AclLimitExceed', `The rule count exceeds the limit: ${r.id} would have ${total} security group rules; at most ${perInstance} per instance.`, 403);
  r.sg = [...r.sg, id];
  return {};
}

function leaveSecurityGroup(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  const r = getInstance(c.state, p.str('InstanceId', { required: true }), regionId);
  const g = getGroup(c.state, p.str('SecurityGroupId', { required: true }), regionId);
  const id = g.SecurityGroupId as string;
  if (!r.sg.includes(id)) throw new ApiError('InstanceNotInSecurityGroup', `The instance not in the group. (${r.id}, ${id})`, 403);
  if (r.sg.length === 1) throw new ApiError('InstanceLastSecurityGroup', `The specified security group is the last security group for the instance. (${r.id})`, 403);
  r.sg = r.sg.filter((s) => s !== id);
  return {};
}

// ---- rules ------------------------------------------------------------------------------

type Dir = 'ingress' | 'egress';
type Get = (name: string) => string | undefined;

const PROTOCOLS: Record<string, string> = Object.assign(Object.create(null), { TCP: 'TCP', UDP: 'UDP', ICMP: 'ICMP', ICMPV6: 'ICMPv6', GRE: 'GRE', ALL: 'ALL' });

export interface RuleInput {
  rule: Record<string, any>;
  /** Fields that make two rules the same rule (everything but the description and IDs). */
  key: string;
}

function checkPort(range: string, proto: string, param: string, code: string): void {
  const bad = (why: string) => new ApiError(code, `The specified parameter "${param}" is not valid. ("${range.slice(0, 40)}": ${why})`, 400);
  const needsPorts = proto === 'TCP' || proto === 'UDP';
  if (range === '-1/-1') {
    if (needsPorts) throw new ApiError('OperationDenied', `The specified IpProtocol does not exist or IpProtocol and PortRange do not match. (${proto} needs start/end ports within 1/65535, not -1/-1)`, 400);
    return;
  }
  if (!needsPorts) throw new ApiError('OperationDenied', `The specified IpProtocol does not exist or IpProtocol and PortRange do not match. (${proto === 'ICMPv6' ? 'ICMPv6' : proto} takes -1/-1 only)`, 400);
  try {
    parsePortRange(range);
  } catch {
    throw bad('use start/end with 1 ≤ start ≤ end ≤ 65535, e.g. 22/22 or 1/65535');
  }
}

function ruleFromInput(c: ActionContext, g: Record<string, any>, dir: Dir, get: Get, forRevoke: boolean): RuleInput {
  const regionId = region(c);
  const enterprise = (g.SecurityGroupType ?? 'normal') === 'enterprise';
  const protoRaw = get('IpProtocol');
  if (!protoRaw) throw missing('IpProtocol');
  const proto = PROTOCOLS[protoRaw.toUpperCase()];
  if (!proto) throw new ApiError('InvalidIpProtocol.ValueNotSupported', `The parameter IpProtocol must be specified with case insensitive TCP, UDP, ICMP, ICMPv6, GRE or All. (${protoRaw.slice(0, 20)})`, 400);
  const port = get('PortRange');
  if (!port) throw missing('PortRange');
  checkPort(port, proto, 'PortRange', 'InvalidIpProtocol.Malformed');
  const srcPort = get('SourcePortRange') ?? '';
  if (srcPort) checkPort(srcPort, proto, 'SourcePortRange', 'InvalidSourcePortRange.Malformed');
  const policyRaw = (get('Policy') ?? 'accept').toLowerCase();
  if (policyRaw !== 'accept' && policyRaw !== 'drop') throw new ApiError('InvalidPolicy.Malformed', 'The specified parameter "Policy" is not valid. (accept or drop)', 400);
  const prioRaw = get('Priority');
  let priority = 1;
  if (prioRaw !== undefined && prioRaw !== '') {
    if (!/^\d{1,9}$/.test(prioRaw)) throw new ApiError('InvalidPriority.Malformed', 'The parameter Priority is invalid. (a whole number from 1 to 100)', 400);
    priority = Number(prioRaw);
    if (priority < 1 || priority > 100) throw new ApiError('InvalidPriority.ValueNotSupported', `The parameter Priority is invalid. (${priority}: 1 to 100; 110 is reserved for system rules)`, 400);
  }
  const nicRaw = get('NicType');
  if (nicRaw !== undefined && nicRaw !== '' && nicRaw !== 'internet' && nicRaw !== 'intranet') throw new ApiError('InvalidNicType.ValueNotSupported', 'The specified NicType does not exist. (internet or intranet)', 400);
  // VPC rules are intranet and apply to both networks; classic rules default to internet (API default).
  const classic = !g.VpcId;
  const desc = get('Description');
  if (desc !== undefined && desc !== '' && !forRevoke && (desc.length > 512 || HTTP.test(desc))) {
    throw new ApiError('InvalidSecurityGroupDiscription.Malformed', 'The specified security group rule description is not valid. (1 to 512 characters, not starting with http:// or https://)', 400);
  }
  const inbound = dir === 'ingress';
  const side = inbound ? 'Source' : 'Dest';
  const cidr = get(`${side}CidrIp`) ?? '';
  const cidr6 = get(`Ipv6${side}CidrIp`) ?? '';
  const prefixList = get(`${side}PrefixListId`) ?? '';
  let group = get(`${side}GroupId`) ?? '';
  if (!cidr && !cidr6 && !group) {
    if (prefixList) throw new ApiError('InvalidPrefixListId.NotFound', `The specified prefix list does not exist. (${prefixList.slice(0, 80)}; the simulator has no prefix lists)`, 404);
    throw new ApiError(`MissingParameter.${inbound ? 'Source' : 'Dest'}`, `Either ${side}CidrIp or ${side}GroupId must be specified.`, 400);
  }
  if (cidr && cidr6) throw new ApiError(inbound ? 'InvalidParam.SourceIp' : 'InvalidParam.DestIp', `Give either ${side}CidrIp or Ipv6${side}CidrIp, not both.`, 400);
  const nic = classic ? nicRaw || (group && !cidr && !cidr6 ? 'intranet' : 'internet') : 'intranet';
  if (classic && cidr6) throw new ApiError(`InvalidParam.Ipv6${side}CidrIp`, 'The classic network has no IPv6: address objects are IPv4 only.', 400);
  if (cidr) {
    const parsed = parseCidr(cidr);
    if (!parsed || parsed.v !== 4) throw new ApiError(inbound ? 'InvalidSourceCidrIp.Malformed' : 'InvalidDestCidrIp.Malformed', `The specified parameter "${side}CidrIp" is not valid. ("${cidr.slice(0, 60)}": an IPv4 address or CIDR block)`, 400);
    // Classic intranet inbound: "有効なCIDR接頭辞は32だけです" (guide §13.4, spec §8 #15).
    if (classic && inbound && nic === 'intranet' && parsed.bits !== 32 && !forRevoke) {
      throw new ApiError('InvalidSourceCidrIp.Malformed', `The specified parameter "SourceCidrIp" is not valid. ("${cidr.slice(0, 60)}": classic intranet inbound rules take a single address, a.b.c.d/32)`, 400);
    }
    if (proto === 'ICMPv6') throw new ApiError('InvalidParam.Ipv6ProtocolConflictWithIpv4Address', 'ICMPv6 rules need an IPv6 address (Ipv6' + side + 'CidrIp).', 400);
    group = '';
  }
  if (cidr6) {
    const parsed = parseCidr(cidr6);
    if (!parsed || parsed.v !== 6) throw new ApiError(`InvalidParam.Ipv6${side}CidrIp`, `The specified parameter "Ipv6${side}CidrIp" is not valid. ("${cidr6.slice(0, 60)}": an IPv6 address or CIDR block)`, 400);
    if (proto === 'ICMP') throw new ApiError('InvalidParam.Ipv4ProtocolConflictWithIpv6Address', 'ICMP rules need an IPv4 address; use ICMPv6 with IPv6.', 400);
    group = '';
  }
  if (group && !forRevoke) {
    if (enterprise) throw new ApiError('InvalidParameter', 'An enterprise security group cannot reference security groups in its rules; use CIDR blocks.', 400);
    if (group === g.SecurityGroupId) {
      throw new ApiError('InvalidParamter.Conflict', `The specified SecurityGroupId should be different from the ${side}GroupId.`, 403);
    }
    const peer = findGroup(c.state, group, regionId);
    if (!peer) throw new ApiError(inbound ? 'InvalidSourceGroupId.NotFound' : 'InvalidDestGroupId.NotFound', `The ${side}GroupId provided does not exist in our records. (${group.slice(0, 80)})`, 404);
    if (Boolean(peer.VpcId) !== Boolean(g.VpcId)) {
      throw new ApiError('InvalidNetworkType.Mismatch', 'The specified SecurityGroup network type should be same with SourceGroup network type.', 403);
    }
    if (classic && nicRaw === 'internet') throw new ApiError(inbound ? 'InvalidSourceGroupId.Mismatch' : 'InvalidDestGroupId.Mismatch', 'NicType is required or NicType expects intranet. (rules naming a security group are intranet only)', 403);
    if (peer.VpcId && g.VpcId && peer.VpcId !== g.VpcId) {
      throw new ApiError(inbound ? 'InvalidSourceGroupId.Mismatch' : 'InvalidDestGroupId.Mismatch', `Specified security group and ${inbound ? 'source' : 'destination'} group are not in the same VPC.`, 400);
    }
  }
  if (enterprise && !forRevoke) {
    if (policyRaw === 'drop') throw new ApiError('InvalidPolicy.Malformed', 'The specified parameter "Policy" is not valid. (an enterprise security group takes accept rules only)', 400);
    if (prioRaw !== undefined && prioRaw !== '' && priority !== 1) throw new ApiError('InvalidPriority.ValueNotSupported', 'The parameter Priority is invalid. (rules of an enterprise security group have no priority)', 400);
  }
  const rule: Record<string, any> = {
    Direction: dir,
    IpProtocol: proto,
    PortRange: port,
    SourcePortRange: srcPort,
    SourceCidrIp: inbound ? cidr : '',
    Ipv6SourceCidrIp: inbound ? cidr6 : '',
    SourceGroupId: inbound ? group : '',
    DestCidrIp: inbound ? '' : cidr,
    Ipv6DestCidrIp: inbound ? '' : cidr6,
    DestGroupId: inbound ? '' : group,
    Policy: policyRaw === 'drop' ? 'Drop' : 'Accept',
    Priority: String(priority),
    NicType: nic,
    Description: desc ?? '',
  };
  return { rule, key: ruleKey(rule) };
}

export function ruleKey(r: Record<string, any>): string {
  return [
    r.Direction, String(r.IpProtocol).toUpperCase(), r.PortRange, r.SourcePortRange ?? '', (r.SourceCidrIp ?? '').toLowerCase(), (r.Ipv6SourceCidrIp ?? '').toLowerCase(),
    r.SourceGroupId ?? '', (r.DestCidrIp ?? '').toLowerCase(), (r.Ipv6DestCidrIp ?? '').toLowerCase(), r.DestGroupId ?? '', String(r.Policy).toLowerCase(), String(r.Priority), r.NicType ?? 'intranet',
  ].join('|');
}

function inputs(c: ActionContext): Get[] {
  const p = c.params;
  const list = p.objList('Permissions');
  if (list.length) {
    if (list.length > 100) throw new ApiError('InvalidParameter', 'The specified parameter "Permissions" is not valid. (at most 100 rules per call)', 400);
    return list.map((o) => (name: string) => (Object.hasOwn(o, name) ? o[name] : undefined));
  }
  return [(name: string) => p.raw[name]];
}

function authorize(dir: Dir) {
  return (c: ActionContext) => {
    const regionId = region(c);
    const g = getGroup(c.state, c.params.str('SecurityGroupId', { required: true }), regionId);
    const parsed = inputs(c).map((get) => ruleFromInput(c, g, dir, get, false));
    const have = new Set((g.Permissions ?? []).map((r: any) => ruleKey(r)));
    // [EXT] "If the specified security group rule already exists, the call is successful but no rule is created."
    const fresh: Record<string, any>[] = [];
    for (const { rule, key } of parsed) {
      if (have.has(key)) continue;
      have.add(key);
      fresh.push(rule);
    }
    if (!fresh.length) return {};
    const count = (g.Permissions ?? []).length + fresh.length;
    const cap = rulesPerGroup(c.state);
    if (count > cap) {
      throw new ApiError('AuthorizationLimitExceed', `The limit of authorization records in the security group reaches. (${g.SecurityGroupId}: ${count} > ${cap} rules, inbound and outbound together)`, 403);
    }
    const refs = new Set<string>();
    for (const r of [...(g.Permissions ?? []), ...fresh]) if (r.SourceGroupId || r.DestGroupId) refs.add(r.SourceGroupId || r.DestGroupId);
    const refLimit = quota(c.state, 'quota.security-group-references', 20);
    if (refs.size > refLimit) throw new ApiError('AuthorizationLimitExceed', `The limit of authorization records in the security group reaches. (${g.SecurityGroupId} would reference ${refs.size} security groups; at most ${refLimit})`, 403);
    const perInstance = quota(c.state, 'quota.security-group-rules-per-instance', 500);
    for (const r of members(c.state, g.SecurityGroupId)) {
      const total = rulesOfInstance(c.state, r, regionId) + fresh.length;
      if (total > perInstance) throw new ApiError('AuthorizationLimitExceed', `The limit of authorization records reaches for instance ${r.id}: ${total} > ${perInstance} rules across its security groups.`, 403);
    }
    const at = c.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    g.Permissions = [...(g.Permissions ?? []), ...fresh.map((r) => ({ SecurityGroupRuleId: newId('sgr'), ...r, CreateTime: at }))];
    return {};
  };
}

function revoke(dir: Dir) {
  return (c: ActionContext) => {
    const regionId = region(c);
    const g = getGroup(c.state, c.params.str('SecurityGroupId', { required: true }), regionId);
    const ruleIds = c.params.repeat('SecurityGroupRuleId');
    const rules: Record<string, any>[] = g.Permissions ?? [];
    let drop: Set<number>;
    if (ruleIds.length) {
      drop = new Set();
      for (const id of ruleIds) {
        const i = rules.findIndex((r) => r.SecurityGroupRuleId === id && r.Direction === dir);
        if (i < 0) throw new ApiError('InvalidSecurityGroupRuleId.NotFound', `The specified security group rule does not exist. (${id.slice(0, 80)} is not a${dir === 'ingress' ? 'n inbound' : 'n outbound'} rule of ${g.SecurityGroupId})`, 404);
        drop.add(i);
      }
    } else {
      drop = new Set();
      for (const get of inputs(c)) {
        const { key } = ruleFromInput(c, g, dir, get, true);
        const i = rules.findIndex((r) => ruleKey(r) === key);
        if (i < 0) throw new ApiError('InvalidGroupAuthItem.NotFound', 'Specified group authorized item does not exist in our records.', 403);
        drop.add(i);
      }
    }
    g.Permissions = rules.filter((_, i) => !drop.has(i));
    return {};
  };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateSecurityGroup: createSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSecurityGroupAttribute: describeSecurityGroupAttribute,
  DeleteSecurityGroup: deleteSecurityGroup,
  JoinSecurityGroup: joinSecurityGroup,
  LeaveSecurityGroup: leaveSecurityGroup,
  AuthorizeSecurityGroup: authorize('ingress'),
  AuthorizeSecurityGroupEgress: authorize('egress'),
  RevokeSecurityGroup: revoke('ingress'),
  RevokeSecurityGroupEgress: revoke('egress'),
});
