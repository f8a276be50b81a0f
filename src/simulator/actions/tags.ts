// TagResources / UntagResources / ListTagResources on instances, disks, snapshots, images,
// security groups and key pairs (guide §15, §20 #7, §22 #31; API models).
//
// Limits are settings with the guide's numbers: `quota.tags-per-resource` 10 and
// `quota.tags-per-call` 5 (guide §20 #7 chooses them over the older "5 per instance").
// Keys: 1–64 characters, not starting with aliyun, acs:, http:// or https://; values: up to
// 128 characters (may be empty), not starting with http:// or https://. Keys are
// case-insensitive and unique per resource: tagging an existing key overwrites its value.
// A tag bound to no resource no longer exists (tags live on the resources only).

import { ApiError } from '../../core/errors.js';
import { regionOrThrow } from '../catalogue/index.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { regionOf } from './instances/model.js';
import { encodeToken } from '../paging.js';
import { quota } from './instances/validate.js';
import { findKeyPairEntry } from './keypair-model.js';
import { setTags, tagsOf, type TagPair } from './tags-model.js';

/** ResourceType → state collection. */
const COLLECTIONS: Record<string, string> = Object.assign(Object.create(null), {
  instance: 'instances',
  disk: 'disks',
  snapshot: 'snapshots',
  image: 'images',
  securitygroup: 'securityGroups',
  keypair: 'keyPairs',
});
export const TAGGABLE_TYPES = Object.keys(COLLECTIONS);

export const TAG_KEY_MAX = 64;
export const TAG_VALUE_MAX = 128;
const HTTP = /^https?:\/\//i;

export function checkTagKey(key: string): void {
  if (!key || key.length > TAG_KEY_MAX || /^(aliyun|acs:)/i.test(key) || HTTP.test(key)) {
    throw new ApiError(
      'InvalidTagKey.Malformed',
      `The specified Tag.n.Key is not valid. ("${key.slice(0, 80)}": 1 to ${TAG_KEY_MAX} characters, not starting with aliyun, acs:, http:// or https://)`,
      400,
    );
  }
}

export function checkTagValue(value: string): void {
  if (value.length > TAG_VALUE_MAX || HTTP.test(value)) {
    throw new ApiError('InvalidTagValue.Malformed', `The specified Tag.n.Value is not valid. (at most ${TAG_VALUE_MAX} characters, not starting with http:// or https://)`, 400);
  }
}

function resourceType(c: ActionContext): string {
  const t = c.params.raw.ResourceType;
  if (t === undefined || t === '') throw new ApiError('MissingParameter.ResourceType', 'The parameter - ResourceType should not be null', 404);
  const norm = t.toLowerCase();
  if (!Object.hasOwn(COLLECTIONS, norm)) throw new ApiError('InvalidResourceType.NotFound', `The ResourceType provided does not exist in our records. (${t.slice(0, 40)}; taggable: ${TAGGABLE_TYPES.join(', ')})`, 404);
  return norm;
}

function recordRegion(rec: Record<string, any>): string | undefined {
  if (typeof rec.RegionId === 'string' && rec.RegionId) return rec.RegionId;
  if (typeof rec.region === 'string' && rec.region) return rec.region;
  if (typeof rec.zone === 'string') return regionOf(rec as { zone: string });
  return undefined;
}

/** The record of a resource of this type and region, or undefined. Never indexes by the raw ID. */
export function findResource(state: SimState, type: string, id: string, regionId: string): Record<string, any> | undefined {
  if (type === 'keypair') return findKeyPairEntry(state, id, regionId)?.[1];
  const coll = state[COLLECTIONS[type]!] as Record<string, any> | undefined;
  if (!coll || !Object.hasOwn(coll, id)) return undefined;
  const rec = coll[id];
  if (!rec || typeof rec !== 'object') return undefined;
  const r = recordRegion(rec);
  return r === undefined || r === regionId ? rec : undefined;
}

function resourceIdOf(type: string, key: string, rec: Record<string, any>): string {
  return type === 'keypair' ? String(rec.KeyPairName) : key;
}

function resourceIds(c: ActionContext, required: boolean): string[] {
  const ids = [...new Set(c.params.repeat('ResourceId'))];
  if (required && ids.length === 0) throw new ApiError('MissingParameter', 'The input parameter "ResourceId.N" that is mandatory for processing this request is not supplied.', 400);
  if (ids.length > 50) throw new ApiError('NumberExceed.ResourceIds', "The ResourceIds parameter's number is exceed , Valid : 50", 400);
  return ids;
}

function region(c: ActionContext): string {
  const r = c.params.raw.RegionId || c.regionId;
  regionOrThrow(r);
  return r;
}

function resolve(c: ActionContext, type: string, ids: string[], regionId: string): Record<string, any>[] {
  return ids.map((id) => {
    const rec = findResource(c.state, type, id, regionId);
    if (!rec) throw new ApiError('InvalidResourceId.NotFound', `The specified ResourceIds are not found in our records. (${id.slice(0, 80)})`, 404);
    if (rec.Burned) throw new ApiError('InvalidResourceId.NotFound', `The specified ResourceIds are not found in our records. (${id.slice(0, 80)})`, 404);
    return rec;
  });
}

function tagResources(c: ActionContext) {
  const regionId = region(c);
  const type = resourceType(c);
  const ids = resourceIds(c, true);
  const list = c.params.objList('Tag');
  if (list.length === 0) throw new ApiError('MissingParameter.Tags', 'The parameter - Tags should not be null', 404);
  const perCall = quota(c.state, 'quota.tags-per-call', 5);
  if (list.length > perCall) throw new ApiError('NumberExceed.Tags', `The Tags parameter's number is exceed , Valid : ${perCall}`, 400);
  const seen = new Set<string>();
  const tags: TagPair[] = [];
  for (const t of list) {
    const key = t.Key ?? '';
    if (t.Key === undefined && t.Value !== undefined) throw new ApiError('InvalidTag.Mismatch', 'The specified Tag.n.Key and Tag.n.Value are not match.', 400);
    checkTagKey(key);
    const value = t.Value ?? '';
    checkTagValue(value);
    if (seen.has(key.toLowerCase())) throw new ApiError('Duplicate.TagKey', 'The Tag.N.Key contain duplicate key.', 400);
    seen.add(key.toLowerCase());
    tags.push([key, value]);
  }
  const recs = resolve(c, type, ids, regionId);
  const limit = quota(c.state, 'quota.tags-per-resource', 10);
  const next = recs.map((rec) => {
    const cur = tagsOf(rec).filter(([k]) => !seen.has(k.toLowerCase()));
    const merged = [...cur, ...tags];
    if (merged.length > limit) {
      throw new ApiError('OperationDenied.QuotaExceed', `The quota of tags on resource is beyond permitted range. (${merged.length} > ${limit} tags per resource)`, 400);
    }
    return merged;
  });
  recs.forEach((rec, i) => setTags(rec, next[i]!));
  return {};
}

function untagResources(c: ActionContext) {
  const regionId = region(c);
  const type = resourceType(c);
  const ids = resourceIds(c, true);
  const all = c.params.bool('All');
  const keys = c.params.repeat('TagKey');
  if (!all && keys.length === 0) throw new ApiError('MissingParameter.Tags', 'The parameter - Tags should not be null (give TagKey.N or All=true)', 404);
  const perCall = quota(c.state, 'quota.tags-per-call', 5);
  if (keys.length > perCall) throw new ApiError('NumberExceed.Tags', `The Tags parameter's number is exceed , Valid : ${perCall}`, 400);
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  const recs = resolve(c, type, ids, regionId);
  for (const rec of recs) {
    const cur = tagsOf(rec);
    const next = all ? [] : cur.filter(([k]) => !drop.has(k.toLowerCase()));
    if (next.length !== cur.length) setTags(rec, next);
  }
  return {};
}

function listTagResources(c: ActionContext) {
  const regionId = region(c);
  const type = resourceType(c);
  const ids = resourceIds(c, false);
  const filters = c.params.objList('Tag');
  if (filters.length > 20) throw new ApiError('NumberExceed.Tags', "The Tags parameter's number is exceed , Valid : 20", 400);
  const tagFilters = c.params.objList('TagFilter').map((f) => ({ key: f.TagKey ?? '', values: Object.entries(f).filter(([k]) => k.startsWith('TagValues.')).map(([, v]) => v) }));
  let recs: [string, Record<string, any>][];
  if (ids.length) {
    recs = ids.flatMap((id) => {
      const rec = findResource(c.state, type, id, regionId);
      return rec && !rec.Burned ? [[id, rec] as [string, Record<string, any>]] : [];
    });
  } else {
    const coll = (c.state[COLLECTIONS[type]!] ?? {}) as Record<string, any>;
    recs = Object.entries(coll)
      .filter(([, rec]) => rec && typeof rec === 'object' && !rec.Burned && (recordRegion(rec) ?? regionId) === regionId)
      .map(([key, rec]) => [resourceIdOf(type, key, rec), rec]);
  }
  const rows: { ResourceId: string; ResourceType: string; TagKey: string; TagValue: string }[] = [];
  for (const [id, rec] of recs) {
    const tags = tagsOf(rec);
    const ok =
      filters.every((f) => tags.some(([k, v]) => k.toLowerCase() === (f.Key ?? '').toLowerCase() && (f.Value === undefined || v === f.Value))) &&
      tagFilters.every((f) => tags.some(([k, v]) => k.toLowerCase() === f.key.toLowerCase() && (f.values.length === 0 || f.values.includes(v))));
    if (!ok) continue;
    for (const [TagKey, TagValue] of tags) rows.push({ ResourceId: id, ResourceType: type, TagKey, TagValue });
  }
  // Token paging, 50 rows a page (the model has NextToken only).
  const token = c.params.str('NextToken');
  let start = 0;
  if (token !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new ApiError('InvalidNextToken.Malformed', 'The specified parameter "NextToken" is not valid.', 400);
    start = Number(m[1]);
  }
  const end = Math.min(rows.length, start + 50);
  return { NextToken: end < rows.length ? encodeToken(end) : '', TagResources: { TagResource: rows.slice(start, end) } };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  TagResources: tagResources,
  UntagResources: untagResources,
  ListTagResources: listTagResources,
});
