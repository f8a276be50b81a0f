// SSH key pairs: CreateKeyPair, ImportKeyPair, DescribeKeyPairs, AttachKeyPair,
// DetachKeyPair, DeleteKeyPairs (security spec §2, user guide §14, conflicts C1, C3, C4, C7).
//
// Records live in state.keyPairs keyed by KeyPairId (never by the user's name, which is
// untrusted input): { KeyPairId, KeyPairName, RegionId, KeyPairFingerPrint, PublicKey,
// CreationTime, tags?, Burned? }. The service keeps only the public key; CreateKeyPair
// returns the private key once (PKCS#1 PEM, as the API sample `MIIEpAIBAAKCAQEA…` is, C3).
//
// Deleting a bound key pair (C1): refused by default (S000). With the setting
// `keypair.delete-bound burn` it is deleted as S003 describes: the instances keep the name
// and the name can never be used again (KeyPair.AlreadyExist); the record stays as a
// tombstone (`Burned: 1`) that no Describe shows.

import { ApiError } from '../../core/errors.js';
import { writePem } from '../../keys/pem.js';
import { fingerprintOf, inspectBlob } from '../../keys/pubkey.js';
import { generateRsa } from '../../keys/rsagen.js';
import { publicBlob } from '../../keys/model.js';
import { Reader } from '../../keys/wire.js';
import { regionOrThrow } from '../catalogue/index.js';
import { newId } from '../ids.js';
import { missing } from '../params.js';
import { settingValue } from '../settings.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { familyOf, findInstanceType } from '../catalogue/index.js';
import { effectiveKeyPair, instances, regionOf, type InstanceRecord } from './instances/model.js';
import { pageOf } from '../paging.js';
import { quota, readTags } from './instances/validate.js';
import { matchesTagFilter, nameMatcher, readTagFilter, tagView } from './tags-model.js';
import { recordsBy } from '../lookup.js';
import { INSTANCE_BY_KEYPAIR } from '../indexes.js';
import { findKeyPair, findKeyPairEntry } from './keypair-model.js';

export interface KeyPairRecord {
  KeyPairId: string;
  KeyPairName: string;
  RegionId: string;
  KeyPairFingerPrint: string;
  PublicKey: string;
  CreationTime: string;
  tags?: [string, string][];
  /** Deleted while bound (keypair.delete-bound burn): the name is unusable forever. */
  Burned?: 1;
}

function keyPairs(state: SimState): Record<string, KeyPairRecord> {
  state.keyPairs ??= {};
  return state.keyPairs as Record<string, KeyPairRecord>;
}

const HTTP_PREFIX = /^https?:\/\//i;

/**
 * KeyPairName (C4: the union of the guide's and the API reference's rules): 2–128
 * characters, first a letter (any script, so kanji and kana too), then letters, digits,
 * ".", "_", ":" and "-"; not starting with http:// or https://.
 */
export function checkKeyPairName(name: string): void {
  if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || !/^\p{L}[\p{L}\p{N}._:-]*$/u.test(name)) {
    throw new ApiError(
      'InvalidKeyPairName.Malformed',
      `Specified Key Pair name is not valid. ("${name.slice(0, 140)}": 2 to 128 characters, starting with a letter; letters, digits, ".", "_", ":", "-"; not http:// or https://)`,
      400,
    );
  }
}

function checkNewName(state: SimState, name: string, regionId: string): void {
  checkKeyPairName(name);
  if (findKeyPair(state, name, regionId, true)) throw new ApiError('KeyPair.AlreadyExist', `The key pair already exist. (${name})`, 400);
  const limit = quota(state, 'quota.key-pairs', 500);
  let n = 0;
  for (const k of Object.values(state.keyPairs ?? {}) as KeyPairRecord[]) if (k && !k.Burned && (k.RegionId ?? regionId) === regionId) n++;
  if (n >= limit) throw new ApiError('QuotaExceed.KeyPair', `The key pair quota exceeds. (${limit} key pairs per region)`, 403);
}

/** ECS fingerprint: MD5 of the public key blob, colon-separated lower-case hex (C7). */
export function ecsFingerprint(blob: Buffer): string {
  return fingerprintOf(blob, 'md5').slice('MD5:'.length);
}

/** Key types ImportKeyPair takes (security spec §2.2, the 12-entry list). */
const ACCEPTED_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa-cert-v00@openssh.com',
  'ssh-dss-cert-v00@openssh.com',
  'ssh-rsa-cert-v01@openssh.com',
  'ssh-dss-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com',
]);

/** The short names of S004's list ("rsa", "dsa", "ecdsa") used as a line's type label. */
const LABEL_ALIASES: Record<string, string[]> = Object.assign(Object.create(null), {
  rsa: ['ssh-rsa'],
  dsa: ['ssh-dss'],
  ecdsa: ['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'],
});

/** Longest PublicKeyBody considered (an RSA-16384 certificate line is ~5 KB). */
export const MAX_PUBLIC_KEY_BODY = 16_384;

function malformed(why: string): ApiError {
  return new ApiError('InvalidPublicKeyBody.Malformed', `The PublicKeyBody format is not supported. (${why})`, 400);
}

/**
 * Parse an ImportKeyPair PublicKeyBody: an OpenSSH line `type base64 [comment]` or the bare
 * Base64 blob. Returns the normalised `type base64` line and the blob.
 */
export function parsePublicKeyBody(body: string, acceptEd25519: boolean): { line: string; blob: Buffer; type: string } {
  if (body.length > MAX_PUBLIC_KEY_BODY) throw malformed(`longer than ${MAX_PUBLIC_KEY_BODY} characters`);
  const text = body.trim();
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text)) throw malformed('this is a private key; import the public key only');
  const parts = text.split(/\s+/);
  // `type base64 [comment]`, or the bare Base64 blob (S003: "the public key, Base64-encoded").
  const [label, b64] = parts.length >= 2 && parts[0]!.length < 48 ? [parts[0]!, parts[1]!] : [undefined, parts[0]!];
  if (!b64 || b64.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed('the key is not Base64');
  const blob = Buffer.from(b64, 'base64');
  let type: string;
  try {
    type = new Reader(blob).text();
  } catch {
    throw malformed('the key blob is truncated');
  }
  if (label !== undefined && label !== type && !(LABEL_ALIASES[label] ?? []).includes(type)) throw malformed(`the line says ${label.slice(0, 60)} but the key is ${type.slice(0, 60)}`);
  const allowed = ACCEPTED_TYPES.has(type) || (acceptEd25519 && (type === 'ssh-ed25519' || type === 'ssh-ed25519-cert-v01@openssh.com'));
  if (!allowed) throw malformed(`key type ${type.slice(0, 60)} is not accepted; use ssh-rsa, ssh-dss, ecdsa-sha2-nistp256/384/521 or their certificates`);
  if (!type.endsWith('-cert-v00@openssh.com')) {
    try {
      inspectBlob(blob);
    } catch (e) {
      throw malformed((e as Error).message);
    }
  }
  return { line: `${type} ${blob.toString('base64')}`, blob, type };
}

function atSecond(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function region(c: ActionContext): string {
  const r = c.params.raw.RegionId || c.regionId;
  regionOrThrow(r);
  return r;
}

async function createKeyPair(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('KeyPairName', { required: true });
  checkNewName(c.state, name, regionId);
  const tags = readTags(c.params.objList('Tag'));
  const key = await generateRsa(2048);
  const pem = writePem(key);
  const blob = publicBlob(key);
  const rec: KeyPairRecord = {
    KeyPairId: newId('kp', regionId),
    KeyPairName: name,
    RegionId: regionId,
    KeyPairFingerPrint: ecsFingerprint(blob),
    PublicKey: `ssh-rsa ${blob.toString('base64')}`,
    CreationTime: atSecond(c.now),
  };
  if (tags.length) rec.tags = tags;
  keyPairs(c.state)[rec.KeyPairId] = rec;
  return { KeyPairId: rec.KeyPairId, KeyPairName: name, KeyPairFingerPrint: rec.KeyPairFingerPrint, PrivateKeyBody: pem };
}

function importKeyPair(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('KeyPairName', { required: true });
  const body = c.params.str('PublicKeyBody', { required: true });
  checkNewName(c.state, name, regionId);
  const tags = readTags(c.params.objList('Tag'));
  const { line, blob } = parsePublicKeyBody(body, settingValue(c.state, 'keypair.accept-ed25519') === 'true');
  const rec: KeyPairRecord = {
    KeyPairId: newId('kp', regionId),
    KeyPairName: name,
    RegionId: regionId,
    KeyPairFingerPrint: ecsFingerprint(blob),
    PublicKey: line,
    CreationTime: atSecond(c.now),
  };
  if (tags.length) rec.tags = tags;
  keyPairs(c.state)[rec.KeyPairId] = rec;
  return { KeyPairId: rec.KeyPairId, KeyPairName: name, KeyPairFingerPrint: rec.KeyPairFingerPrint };
}

function describeKeyPairs(c: ActionContext) {
  const p = c.params;
  const regionId = region(c);
  const name = p.str('KeyPairName');
  const fp = p.str('KeyPairFingerPrint');
  const withPublic = p.bool('IncludePublicKey');
  const tagFilter = readTagFilter(p);
  // `*` is a wildcard; without one the name must match exactly.
  const match = name === undefined ? undefined : /[*]/.test(name) ? nameMatcher(name.replace(/\?/g, '\\?')) : (n: string) => n === name;
  const all = (Object.values(c.state.keyPairs ?? {}) as KeyPairRecord[])
    .filter((k) => k && !k.Burned && (k.RegionId ?? regionId) === regionId && (!match || match(k.KeyPairName)) && (!fp || k.KeyPairFingerPrint === fp) && matchesTagFilter(k, tagFilter))
    .sort((a, b) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : a.KeyPairName.localeCompare(b.KeyPairName)));
  const page = pageOf(p, all.length, { defaultSize: 10, maxSize: 50 });
  return {
    TotalCount: all.length,
    ...page.fields,
    KeyPairs: {
      KeyPair: all.slice(page.start, page.end).map((k) => ({
        KeyPairName: k.KeyPairName,
        KeyPairFingerPrint: k.KeyPairFingerPrint ?? '',
        CreationTime: k.CreationTime ?? '',
        ResourceGroupId: '',
        ...(withPublic ? { PublicKey: k.PublicKey ?? '' } : {}),
        Tags: tagView(k),
      })),
    },
  };
}

interface Result {
  InstanceId: string;
  Success: string;
  Code: string;
  Message: string;
}

function instanceIds(c: ActionContext): string[] {
  const ids = c.params.jsonList('InstanceIds', { required: true, max: 50 })!;
  if (ids.length === 0) throw new ApiError('InvalidInstanceIds.ValueNotSupported', 'The specified parameter InstanceIds is not valid. (empty list)', 400);
  return [...new Set(ids)];
}

function perInstance(c: ActionContext, ids: string[], regionId: string, op: (r: InstanceRecord) => void): Result[] {
  const all = instances(c.state);
  return ids.map((id) => {
    const r = Object.hasOwn(all, id) ? all[id] : undefined;
    if (!r || regionOf(r) !== regionId) return { InstanceId: id, Success: 'false', Code: 'InvalidInstanceId.NotFound', Message: 'The specified InstanceId does not exist.' };
    try {
      op(r);
      return { InstanceId: id, Success: 'true', Code: '200', Message: 'successful' };
    } catch (e) {
      if (e instanceof ApiError) return { InstanceId: id, Success: 'false', Code: e.code ?? 'InternalError', Message: e.message };
      throw e;
    }
  });
}

function summary(name: string, results: Result[]) {
  return {
    KeyPairName: name,
    TotalCount: String(results.length),
    FailCount: String(results.filter((r) => r.Success !== 'true').length),
    Results: { Result: results },
  };
}

function checkKeyPairTarget(r: InstanceRecord): void {
  if (r.os === 'windows') throw new ApiError('DependencyViolation.WindowsInstance', 'The instance creating is windows, cannot use ssh key pair to login', 403);
  const t = findInstanceType(r.type);
  if (t && !familyOf(t).ioOptimized) throw new ApiError('DependencyViolation.IoOptimize', 'The specified parameter InstanceIds is not valid. (Generation I non-I/O-optimized instances do not support key pairs)', 400);
  if (r.status !== 'Running' && r.status !== 'Stopped') {
    throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${r.id} is ${r.status})`, 403);
  }
}

/** Bind or unbind: a Running instance keeps the old key in effect until an API reboot. */
function setKeyPair(r: InstanceRecord, name: string | undefined): void {
  const was = effectiveKeyPair(r);
  if (name) r.kp = name;
  else delete r.kp;
  const now = r.kp ?? '';
  if (r.status === 'Running') {
    r.pend ??= {};
    if (now === was) delete r.pend.kpWas;
    else r.pend.kpWas = was;
    if (Object.keys(r.pend).length === 0) delete r.pend;
  } else {
    // Stopped: the change is in place at the next start.
    if (r.pend) {
      delete r.pend.kpWas;
      if (Object.keys(r.pend).length === 0) delete r.pend;
    }
    if (now) delete r.pw;
  }
}

function attachKeyPair(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('KeyPairName', { required: true });
  const ids = instanceIds(c);
  const kp = findKeyPair(c.state, name, regionId);
  if (!kp) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist in our records. (${name})`, 400);
  const results = perInstance(c, ids, regionId, (r) => {
    checkKeyPairTarget(r);
    if (r.kp !== name) setKeyPair(r, name);
  });
  return summary(name, results);
}

function detachKeyPair(c: ActionContext) {
  const regionId = region(c);
  const name = c.params.str('KeyPairName', { required: true });
  const ids = instanceIds(c);
  const kp = findKeyPair(c.state, name, regionId);
  if (!kp) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist in our records. (${name})`, 400);
  const results = perInstance(c, ids, regionId, (r) => {
    checkKeyPairTarget(r);
    if (r.kp !== name) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName is not bound to the instance. (${name}, ${r.id})`, 400);
    setKeyPair(r, undefined);
  });
  return summary(name, results);
}

function deleteKeyPairs(c: ActionContext) {
  const regionId = region(c);
  if (!c.params.str('KeyPairNames')) throw missing('KeyPairNames');
  const names = c.params.jsonList('KeyPairNames', { required: true, max: 100 })!;
  if (names.length === 0) throw new ApiError('InvalidKeyPairNames.ValueNotSupported', 'The specified parameter "KeyPairNames" is not valid. (empty list)', 400);
  const mode = settingValue(c.state, 'keypair.delete-bound');
  const targets: [string, KeyPairRecord, boolean][] = [];
  for (const name of new Set(names)) {
    const entry = findKeyPairEntry(c.state, name, regionId);
    if (!entry) continue; // as the service does: unknown names are ignored
    const [key, kp] = entry;
    let bound: string | undefined;
    // Instances bound to the name, or still using it until a restart (from the index).
    for (const r of recordsBy<InstanceRecord>(c.state, INSTANCE_BY_KEYPAIR, name)) {
      if (regionOf(r) === regionId && (r.kp === name || effectiveKeyPair(r) === name)) {
        bound = r.id;
        break;
      }
    }
    if (bound && mode !== 'burn') {
      throw new ApiError('DependencyViolation', `The specified key pair is bound to an instance; detach it first. (${name} is bound to ${bound})`, 403);
    }
    targets.push([key, kp, Boolean(bound)]);
  }
  const all = keyPairs(c.state);
  for (const [key, kp, bound] of targets) {
    if (bound) all[key] = { KeyPairId: kp.KeyPairId ?? key, KeyPairName: kp.KeyPairName, RegionId: regionId, KeyPairFingerPrint: '', PublicKey: '', CreationTime: kp.CreationTime ?? '', Burned: 1 };
    else delete all[key];
  }
  return {};
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DescribeKeyPairs: describeKeyPairs,
  AttachKeyPair: attachKeyPair,
  DetachKeyPair: detachKeyPair,
  DeleteKeyPairs: deleteKeyPairs,
});
