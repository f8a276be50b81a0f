// DescribeInstances and DescribeInstanceStatus: filters, both paging styles, newest first.

import { ApiError } from '../../../core/errors.js';
import { findZone, regionOrThrow } from '../../catalogue/index.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import { cachedLists, INSTANCE_STATUSES, instances, nameOf, recordsByIds, regionOf, vpcOf, type InstanceRecord } from './model.js';

const PAGING = new Set(['PageNumber', 'PageSize', 'MaxResults', 'NextToken']);
import { pageOf } from '../../paging.js';
import { allRecords } from '../../lookup.js';
import { instanceView } from './view.js';

/** `*` matches any run of characters (the console's fuzzy name search). */
function nameMatcher(pattern: string): (s: string) => boolean {
  if (!pattern.includes('*')) return (s) => s === pattern;
  const re = new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return (s) => re.test(s);
}

function jsonStringList(c: ActionContext, name: string, max: number): string[] | undefined {
  const v = c.params.raw[name];
  if (v === undefined || v === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new ApiError(`Invalid${name}.Malformed`, `The specified parameter "${name}" is not valid. (a JSON array of strings, e.g. ["a","b"])`, 400);
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new ApiError(`Invalid${name}.Malformed`, `The specified parameter "${name}" is not valid. (a JSON array of strings)`, 400);
  }
  if (parsed.length > max) throw new ApiError(`Invalid${name}.Malformed`, `The specified parameter "${name}" is not valid. (at most ${max} items)`, 400);
  return parsed as string[];
}

export function describeInstances(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const ids = jsonStringList(c, 'InstanceIds', 100);
  const ips = jsonStringList(c, 'PrivateIpAddresses', 100);
  const pubIps = jsonStringList(c, 'PublicIpAddresses', 100);
  const status = p.str('Status');
  if (status !== undefined && !(INSTANCE_STATUSES as readonly string[]).includes(status)) {
    throw new ApiError('InvalidStatus.NotFound', 'The specified Status is not found', 404);
  }
  const charge = p.str('InstanceChargeType');
  if (charge !== undefined && charge !== 'PostPaid' && charge !== 'PrePaid') {
    throw new ApiError('InvalidInstanceChargeType.NotFound', 'The InstanceChargeType does not exist in our records', 404);
  }
  const nameP = p.str('InstanceName');
  const matchName = nameP !== undefined ? nameMatcher(nameP) : undefined;
  const zoneId = p.str('ZoneId');
  if (zoneId !== undefined) {
    const z = findZone(zoneId);
    if (!z || z.region.RegionId !== c.regionId) throw new ApiError('InvalidZoneId.NotFound', 'The ZoneId provided does not exist in our records.', 404);
  }
  const type = p.str('InstanceType');
  const family = p.str('InstanceTypeFamily');
  const vpcId = p.str('VpcId');
  const vswId = p.str('VSwitchId');
  const sgId = p.str('SecurityGroupId');
  const imageId = p.str('ImageId');
  const kp = p.str('KeyPairName');
  const tags = p.objList('Tag');
  for (const t of tags) {
    if (t.Key === undefined && t.Value !== undefined) throw new ApiError('InvalidTag.Mismatch', 'The specified Tag.n.Key and Tag.n.Value are not match.', 400);
  }
  if (tags.length > 20) throw new ApiError('InvalidTagCount', 'The specified tags are beyond the permitted range.', 400);
  const idSet = ids ? new Set(ids) : undefined;
  const ipSet = ips ? new Set(ips) : undefined;
  const pubSet = pubIps ? new Set(pubIps) : undefined;

  const match = (r: InstanceRecord): boolean => {
    if (regionOf(r) !== c.regionId) return false;
    if (idSet && !idSet.has(r.id)) return false;
    if (status && r.status !== status) return false;
    if (matchName && !matchName(nameOf(r))) return false;
    if (zoneId && r.zone !== zoneId) return false;
    if (type && r.type !== type) return false;
    if (family && !r.type.startsWith(`${family}.`)) return false;
    if (vpcId && vpcOf(state, r) !== vpcId) return false;
    if (vswId && r.vsw !== vswId) return false;
    if (sgId && !r.sg.includes(sgId)) return false;
    if (imageId && r.image !== imageId) return false;
    if (kp && r.kp !== kp) return false;
    if (charge && r.charge !== charge) return false;
    if (ipSet && !ipSet.has(r.ip)) return false;
    if (pubSet && !(r.pub && pubSet.has(r.pub))) return false;
    if (tags.length && !tags.every((t) => (r.tags ?? []).some(([k, v]) => k === t.Key && (t.Value === undefined || v === t.Value)))) return false;
    return true;
  };

  // Records are kept in creation order; the API lists the newest first. The filtered list
  // is reused for the following pages while the loaded state is unchanged.
  const key = c.regionId + JSON.stringify(Object.entries(p.raw).filter(([k]) => !PAGING.has(k)).sort());
  const cache = cachedLists(state);
  let hits = cache?.get(key);
  if (!hits) {
    // By ID (the common describe-after-create case): only those records, in creation order.
    const all = idSet ? recordsByIds<InstanceRecord>(state, 'instances', idSet) : allRecords<InstanceRecord>(state, 'instances');
    hits = [];
    for (let i = all.length - 1; i >= 0; i--) if (match(all[i]!)) hits.push(all[i]!);
    if (cache) {
      if (cache.size > 20) cache.clear();
      cache.set(key, hits);
    }
  }
  const page = pageOf(p, hits.length, { defaultSize: 10, maxSize: 100, minResults: 10, maxResultsMax: 100 });
  const items = [];
  for (let i = page.start; i < page.end; i++) items.push(instanceView(state, hits[i]!));
  return { Instances: { Instance: items }, TotalCount: hits.length, ...page.fields };
}

export function describeInstanceStatus(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const ids = p.repeat('InstanceId');
  if (ids.length > 100) throw new ApiError('InvalidParameter', 'The specified parameter "InstanceId.N" is not valid. (at most 100)', 400);
  const zoneId = p.str('ZoneId');
  if (zoneId !== undefined) {
    const z = findZone(zoneId);
    if (!z || z.region.RegionId !== c.regionId) throw new ApiError('InvalidZoneId.NotFound', 'The ZoneId provided does not exist in our records.', 404);
  }
  const idSet = ids.length ? new Set(ids) : undefined;
  const all = idSet ? recordsByIds<InstanceRecord>(state, 'instances', idSet) : Object.values(instances(state));
  const hits: InstanceRecord[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const r = all[i]!;
    if (regionOf(r) !== c.regionId || (idSet && !idSet.has(r.id)) || (zoneId && r.zone !== zoneId)) continue;
    hits.push(r);
  }
  const page = pageOf(p, hits.length, { defaultSize: 10, maxSize: 50, style: 'page' });
  return {
    InstanceStatuses: { InstanceStatus: hits.slice(page.start, page.end).map((r) => ({ InstanceId: r.id, Status: r.status })) },
    TotalCount: hits.length,
    ...page.fields,
  };
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
});
