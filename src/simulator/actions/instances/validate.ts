// Request rules shared by RunInstances and ModifyInstanceAttribute: names, host names,
// descriptions, tags, passwords, client tokens, and the [begin,bits] name sequences.

import { createHash } from 'node:crypto';
import { ApiError } from '../../../core/errors.js';
import { findInstanceType, MAX_MEMORY_FOR_32BIT_GIB } from '../../catalogue/index.js';
import { passwordProblem } from '../../password.js';
import type { Params } from '../../params.js';
import { parseUtcMinute, type InstanceRecord } from './model.js';

const HTTP_PREFIX = /^https?:\/\//i;

/**
 * InstanceName: 2–128 characters, starts with a letter (any script), then letters, digits,
 * colons, underscores, periods and hyphens; must not start with http:// or https://.
 */
export function checkInstanceName(name: string): void {
  if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || !/^\p{L}[\p{L}\p{N}:_.\-]*$/u.test(name)) {
    throw new ApiError(
      'InvalidInstanceName.Malformed',
      `The specified parameter "InstanceName" is not valid. ("${name}": 2 to 128 characters, starting with a letter; letters, digits, ":", "_", ".", "-")`,
      400,
    );
  }
}

/**
 * HostName: must not start or end with "." or "-", no consecutive "." or "-".
 * Windows: 2–15 characters, letters, digits and "-", not only digits.
 * Linux: 2–64 characters; "." separates segments of letters, digits and "-".
 */
export function checkHostName(host: string, os: 'linux' | 'windows'): void {
  const bad = (why: string) =>
    new ApiError('InvalidHostName.Malformed', `The specified parameter "HostName" is not valid. ("${host}": ${why})`, 400);
  if (/^[.-]|[.-]$/.test(host) || /\.\.|--|\.-|-\./.test(host)) throw bad('must not start or end with "." or "-", nor repeat them');
  if (os === 'windows') {
    if (host.length < 2 || host.length > 15) throw bad('2 to 15 characters on Windows');
    if (!/^[A-Za-z0-9-]+$/.test(host)) throw bad('only letters, digits and "-" on Windows');
    if (/^\d+$/.test(host)) throw bad('must not be only digits on Windows');
  } else {
    if (host.length < 2 || host.length > 64) throw bad('2 to 64 characters');
    if (!/^[A-Za-z0-9.-]+$/.test(host)) throw bad('only letters, digits, "." and "-"');
  }
}

/** Description: 2–256 characters, not starting with http:// or https://. */
export function checkDescription(desc: string): void {
  if (desc.length < 2 || desc.length > 256 || HTTP_PREFIX.test(desc)) {
    throw new ApiError('InvalidDescription.Malformed', 'The specified parameter "Description" is not valid. (2 to 256 characters, not starting with http:// or https://)', 400);
  }
}

export function checkPassword(pw: string, os: 'linux' | 'windows', code = 'InvalidPassword.Malformed'): void {
  const problem = passwordProblem(pw, os);
  if (problem) throw new ApiError(code, `The specified parameter "Password" is not valid. (the password ${problem})`, 400);
}

/** Tag.N.Key / Tag.N.Value: at most 20, keys 1–128 and values ≤ 128 characters, no aliyun/acs:/http(s):// prefix. */
export function readTags(list: Record<string, string>[]): [string, string][] {
  if (list.length > 20) throw new ApiError('InvalidTagCount', 'The specified tags are beyond the permitted range.', 400);
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const t of list) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (!key || key.length > 128 || /^(aliyun|acs:)/i.test(key) || HTTP_PREFIX.test(key)) {
      throw new ApiError('InvalidTagKey.Malformed', `The specified Tag.n.Key is not valid. ("${key}")`, 400);
    }
    if (value.length > 128 || /^(aliyun|acs:)/i.test(value) || HTTP_PREFIX.test(value)) {
      throw new ApiError('InvalidTagValue.Malformed', `The specified Tag.n.Value is not valid. ("${value}")`, 400);
    }
    if (seen.has(key)) throw new ApiError('Duplicate.TagKey', 'The Tag.N.Key contain duplicate key.', 400);
    seen.add(key);
    out.push([key, value]);
  }
  return out;
}

/**
 * Expand a name for the i-th instance of a batch: `prefix[begin,bits]suffix` numbers the
 * instances from `begin`, zero-padded to `bits` digits (bits 1–6); with UniqueSuffix and
 * no bracket pattern, a three-digit suffix 001, 002 … is appended.
 */
export function expandName(template: string, i: number, amount: number, uniqueSuffix: boolean, param: string, code: string): string {
  const m = /\[(\d+),(\d+)\]/.exec(template);
  if (m) {
    const begin = Number(m[1]);
    const bits = Number(m[2]);
    if (bits < 1 || bits > 6 || begin > 999999) {
      throw new ApiError(code, `The specified parameter "${param}" is not valid. ([begin,bits]: begin 0–999999, bits 1–6)`, 400);
    }
    const n = String(begin + i).padStart(bits, '0');
    return template.slice(0, m.index) + n + template.slice(m.index + m[0].length);
  }
  if (uniqueSuffix && amount > 1) return template + String(i + 1).padStart(3, '0');
  return template;
}

/** ClientToken: at most 64 ASCII characters. */
export function checkClientToken(token: string): void {
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw new ApiError('InvalidClientToken.ValueNotSupported', 'The ClientToken provided is invalid. (at most 64 ASCII characters)', 400);
  }
}

/** Fingerprint of the request parameters other than ClientToken, RegionId case-normalised; secrets excluded. */
export function paramsFingerprint(flat: Readonly<Record<string, string>>, exclude: readonly string[] = []): string {
  const skip = new Set(['ClientToken', ...exclude]);
  const keys = Object.keys(flat).filter((k) => !skip.has(k)).sort();
  const h = createHash('sha256');
  for (const k of keys) h.update(`${k}\u0000${flat[k]}\u0001`);
  return h.digest('hex');
}

// (quota() is in settings.ts, which the storage settler imports without this module.)
export { quota } from '../../settings.js';

/**
 * AutoReleaseTime: ISO 8601 UTC (yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-ddTHH:mmZ), seconds
 * ignored, at least 30 minutes and at most 3 years after now.
 */
export function checkAutoReleaseTime(raw: string, nowMs: number): number {
  const ms = parseUtcMinute(raw);
  const bad = (why: string) => new ApiError('InvalidAutoReleaseTime.Malformed', `The specified paramter autoReleaseTime is not valid. (${raw}: ${why})`, 400);
  if (ms === undefined) throw bad('use UTC ISO 8601, yyyy-MM-ddTHH:mm:ssZ');
  if (ms < nowMs + 30 * 60_000) throw bad('must be at least 30 minutes from now');
  if (ms > nowMs + 3 * 366 * 86_400_000) throw bad('must be at most 3 years from now');
  return ms;
}

/** An image must be Available to create an instance or replace a system disk from it. */
export function checkImageUsable(image: Record<string, any>, typeId?: string): void {
  if (image.Status && image.Status !== 'Available') {
    throw new ApiError('IncorrectImageStatus', `The image not available. (${image.ImageId} is ${image.Status}${image.Progress ? `, ${image.Progress}` : ''})`, 400);
  }
  const type = typeId ? findInstanceType(typeId) : undefined;
  if (type && image.Architecture === 'i386' && type.MemorySize >= MAX_MEMORY_FOR_32BIT_GIB) {
    throw new ApiError('InvalidParameter.Conflict', `The specified image does not support the specified instance type. (32-bit image, ${type.MemorySize} GiB memory)`, 400);
  }
}

// ---- auto-renewal (RunInstances / CreateInstance here; the attribute actions in renewal.ts) ----

export type PeriodUnit = 'Week' | 'Month' | 'Year';

/** Valid auto-renew durations per unit (ModifyInstanceAutoRenewAttribute.Duration). */
export const AUTO_RENEW_DURATIONS: Readonly<Record<PeriodUnit, readonly number[]>> = Object.freeze({
  Week: [1, 2, 3, 4],
  Month: [1, 2, 3, 6, 12, 24, 36, 48, 60],
  Year: [1, 2, 3, 4, 5],
});

export function checkDuration(d: number | undefined, unit: PeriodUnit, name: string): number {
  const v = d ?? 1;
  if (!AUTO_RENEW_DURATIONS[unit].includes(v)) {
    throw new ApiError('InvalidParameter', `The specified parameter "${name}" is not valid. (${unit}: ${AUTO_RENEW_DURATIONS[unit].join(', ')})`, 400);
  }
  return v;
}

/**
 * RunInstances / CreateInstance: AutoRenew and AutoRenewPeriod. They take effect for
 * subscription instances only (the real API ignores them for pay-as-you-go); the unit is
 * the purchase's PeriodUnit.
 */
export function readAutoRenew(p: Params, charge: string, unit: PeriodUnit): InstanceRecord['ar'] | undefined {
  const on = p.bool('AutoRenew');
  const period = p.int('AutoRenewPeriod', { code: 'InvalidParameter', message: 'The specified parameter "AutoRenewPeriod" is not valid.' });
  if (charge !== 'PrePaid' || !on) return undefined;
  return { d: checkDuration(period, unit, 'AutoRenewPeriod'), u: unit };
}
