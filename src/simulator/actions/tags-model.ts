// Tags on any taggable record, whatever shape the resource module stores: compact
// `tags: [key, value][]` (instances, disks, key pairs) or the API's `Tags: { Tag: [{TagKey,
// TagValue}] }` (security groups, custom images). Keys are compared case-insensitively
// (guide §15: "大文字と小文字を区別せず"; a tag with the same key overwrites the old one).
// Also the name filter the Describe actions share.

import { ApiError } from '../../core/errors.js';
import type { Params } from '../params.js';

export type TagPair = [string, string];

export function tagsOf(rec: Record<string, any>): TagPair[] {
  if (Array.isArray(rec.tags)) return rec.tags.map((t: any) => [String(t[0]), String(t[1] ?? '')] as TagPair);
  const list = rec.Tags?.Tag;
  if (Array.isArray(list)) return list.map((t: any) => [String(t.TagKey), String(t.TagValue ?? '')] as TagPair);
  return [];
}

export function setTags(rec: Record<string, any>, tags: TagPair[]): void {
  if (rec.Tags && typeof rec.Tags === 'object' && !Array.isArray(rec.tags)) {
    rec.Tags = { Tag: tags.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) };
    return;
  }
  if (tags.length) rec.tags = tags.map(([k, v]) => [k, v]);
  else delete rec.tags;
}

/** The API's Tags object for a record. */
export function tagView(rec: Record<string, any>): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: tagsOf(rec).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) };
}

export interface TagFilter {
  key: string;
  value?: string;
}

/** Tag.N.Key / Tag.N.Value filters of a Describe* request (at most 20). */
export function readTagFilter(p: Params): TagFilter[] {
  const list = p.objList('Tag');
  if (list.length > 20) throw new ApiError('InvalidTagCount', 'The specified tags are beyond the permitted range.', 400);
  return list.map((t) => {
    if (t.Key === undefined || t.Key === '') {
      throw new ApiError('InvalidTag.Mismatch', 'The specified Tag.n.Key and Tag.n.Value are not match.', 400);
    }
    return t.Value === undefined ? { key: t.Key } : { key: t.Key, value: t.Value };
  });
}

export function matchesTagFilter(rec: Record<string, any>, filters: TagFilter[]): boolean {
  if (!filters.length) return true;
  const tags = tagsOf(rec);
  return filters.every((f) => tags.some(([k, v]) => k.toLowerCase() === f.key.toLowerCase() && (f.value === undefined || v === f.value)));
}

// ---- name filters (DescribeImages, DescribeKeyPairs, DescribeSecurityGroups) ---------------

/** Glob with `*` (and `?`), case-insensitive; without wildcards a substring match (fuzzy search). */
export function nameMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) {
    const needle = pattern.toLowerCase();
    return (n) => n.toLowerCase().includes(needle);
  }
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (n) => re.test(n);
}
