// Shared by the tag verbs: which resource type an ID names, and the documented key/value rules
// (guide §15: keys 1-64 characters, not aliyun/acs:/http(s)://; values up to 128, not http(s)://).

import { InvalidArgumentError, type Command } from 'commander';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { ApiError, UsageError } from '../../core/errors.js';
import type { AnyResource } from '../../resources/types.js';
import { itemsById } from '../builders/index.js';
import { choice } from '../security-group/shared.js';

export const TAG_TYPES = ['instance', 'disk', 'snapshot', 'image', 'securitygroup', 'keypair'] as const;
export type TagType = (typeof TAG_TYPES)[number];

const PREFIXES: [RegExp, TagType][] = [
  [/^sg-/, 'securitygroup'],
  [/^i-/, 'instance'],
  [/^d-/, 'disk'],
  [/^s-/, 'snapshot'],
  [/^m-/, 'image'],
];

export function addTypeOption(cmd: Command): void {
  cmd.addOption(choice('--type <type>', `resource type: ${TAG_TYPES.join(', ')} (default: from the ID prefix; key pairs need --type keypair)`, TAG_TYPES));
}

export function typeOf(resource: string, given?: string): TagType {
  if (given) return given as TagType;
  for (const [re, t] of PREFIXES) if (re.test(resource)) return t;
  throw new UsageError(`cannot tell what "${resource}" is from its ID; add --type (${TAG_TYPES.join(', ')}), e.g. --type keypair for a key pair name`);
}

export function checkKey(key: string): string {
  if (!key || key.length > 64 || /^(aliyun|acs:)/i.test(key) || /^https?:\/\//i.test(key)) {
    throw new InvalidArgumentError(`tag key "${key.slice(0, 80)}" is not allowed (1 to 64 characters, not starting with aliyun, acs:, http:// or https://)`);
  }
  return key;
}

export function parsePair(v: string): { Key: string; Value: string } {
  const i = v.indexOf('=');
  if (i < 0) throw new UsageError(`"${v.slice(0, 80)}" is not KEY=VALUE (an empty value is KEY=)`);
  const Key = v.slice(0, i).trim();
  const Value = v.slice(i + 1);
  try {
    checkKey(Key);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (Value.length > 128 || /^https?:\/\//i.test(Value)) throw new UsageError(`tag value of ${Key} is not allowed (at most 128 characters, not starting with http:// or https://)`);
  return { Key, Value };
}

const DESCRIPTORS: Record<TagType, () => Promise<AnyResource>> = {
  instance: () => import('../../resources/instance.js').then((m) => m.instance),
  disk: () => import('../../resources/disk.js').then((m) => m.disk),
  snapshot: () => import('../../resources/snapshot.js').then((m) => m.snapshot),
  image: () => import('../../resources/image.js').then((m) => m.image),
  securitygroup: () => import('../../resources/security-group.js').then((m) => m.securityGroup),
  keypair: () => import('../../resources/keypair.js').then((m) => m.keypair),
};

/**
 * --dry-run of tag add/remove (TagResources/UntagResources have no DryRun): the resource must
 * exist (an image: your own), as the real call requires, or the answer is the real call's InvalidResourceId.NotFound.
 */
export async function checkTagTarget(ctx: Context, api: EcsApi, type: TagType, id: string): Promise<void> {
  const item = (await itemsById(ctx, api, await DESCRIPTORS[type](), [id])).get(id);
  // Only your own custom images are taggable (a public or shared image is not your resource).
  if (!item || (type === 'image' && item.ImageOwnerAlias !== 'self')) throw new ApiError('InvalidResourceId.NotFound', `The specified ResourceIds are not found in our records. (${id.slice(0, 80)})`, 404);
}
