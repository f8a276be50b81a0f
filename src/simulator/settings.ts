// Simulator settings (`ecs simulator set KEY VALUE`): time scale, quotas with the
// documented defaults, and faults for the served simulator. Resource modules add their
// own keys to SETTINGS (src/simulator/actions/resource-settings.ts).

import { UsageError } from '../core/errors.js';
import type { SimState } from './state.js';

export interface SettingDef {
  default: string;
  description: string;
  /** Validate and normalise a value; throw UsageError with a clear message. */
  parse: (v: string) => string;
}

export const nonNegativeNumber = (key: string, max = 1e9) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`${key} must be a number from 0 to ${max}, got "${v}"`);
  return String(n);
};
export const nonNegativeInt = (key: string, max = 1e9) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n > max) throw new UsageError(`${key} must be a whole number from 0 to ${max}, got "${v}"`);
  return String(n);
};

/** Null-prototype: looked up by the user's key (`simulator set __proto__ x` must be "unknown"). */
export const SETTINGS: Record<string, SettingDef> = Object.assign(Object.create(null) as Record<string, SettingDef>, {
  'time-scale': {
    default: '1',
    description: 'multiplier for simulated durations: 1 realistic, 0 instant, 0.1 ten times faster (env ECS_SIMULATOR_TIME_SCALE wins)',
    // Durations are multiplied by it: beyond 1000 (a 20 s start taking 5 hours) times leave the clock's range.
    parse: nonNegativeNumber('time-scale', 1000),
  },
});

/** A fraction 0..1 (fail-rate). */
export const fraction = (key: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${key} must be a number from 0 to 1, got "${v}"`);
  return String(n);
};

/**
 * Quotas with the user guide's numbers (§2.1, §2.2; "ticket" = raise with `ecs simulator set`).
 * Every quota is per region unless the guide says otherwise.
 */
const QUOTAS: [string, number, string][] = [
  ['quota.instances', 10, 'pay-as-you-go instances, across all regions (guide §2.1 row 5)'],
  ['quota.vcpus', 0, 'vCPUs of pay-as-you-go instances per region; not in the guide, 0 = no limit'],
  ['quota.disks', 250, 'cloud disks per account (guide §2.2)'],
  ['quota.postpaid-disks-per-instance-quota', 5, 'pay-as-you-go cloud disks = this × quota.instances (guide §2.1 row 22)'],
  ['quota.data-disks-per-instance', 16, 'data disks per instance (guide §2.2)'],
  ['quota.snapshots-per-disk', 64, 'snapshots per disk (guide §2.2)'],
  ['quota.auto-snapshot-policies', 100, 'automatic snapshot policies per region (guide §2.2)'],
  ['quota.security-groups', 100, 'security groups per region (guide §2.1 row 18)'],
  ['quota.security-group-rules', 100, 'rules per security group (guide §2.1 row 17)'],
  ['quota.security-groups-per-instance', 5, 'security groups one instance can join (guide §2.1 row 19)'],
  ['quota.instances-per-security-group', 1000, 'instances in one security group (guide §2.1 row 16)'],
  ['quota.key-pairs', 500, 'key pairs per region (guide §2.2)'],
  ['quota.image-share-accounts', 50, 'accounts one custom image can be shared with (guide §2.1 row 13)'],
  ['quota.vpcs', 5, 'VPCs per region (guide §2.1 row 29)'],
  ['quota.vswitches-per-vpc', 24, 'vSwitches per VPC (guide §2.1 row 31)'],
  ['quota.eips', 20, 'elastic IPs (guide §2.1 row 27)'],
];
for (const [key, dflt, description] of QUOTAS) {
  SETTINGS[key] = { default: String(dflt), description, parse: nonNegativeInt(key) };
}

SETTINGS['account-id'] = {
  default: '1234567890123456',
  description: 'the account ID the simulator acts as (image sharing: set another ID to act as the account an image is shared with)',
  parse: (v: string) => {
    if (!/^\d{1,20}$/.test(v.trim())) throw new UsageError(`account-id must be a numeric account ID, got "${v}"`);
    return v.trim();
  },
};

// Features the guide says are enabled by a support ticket (guide §2.2, §12.4, §12.6, §12.9).
const onOff = (key: string) => (v: string) => {
  if (v !== 'on' && v !== 'off') throw new UsageError(`${key} must be on or off, got "${v}"`);
  return v;
};
for (const [key, description] of [
  ['feature.image-import', 'ImportImage allowed (the guide: enabled by a support ticket)'],
  ['feature.image-export', 'ExportImage allowed (the guide: the account must be on a whitelist, by ticket)'],
  ['feature.large-image-copy', 'CopyImage of images of 100 GiB or more (the guide: needs a ticket)'],
] as const) {
  SETTINGS[key] = { default: 'off', description, parse: onOff(key) };
}

// Faults of the served simulator (`ecs simulator serve` reads them on every request).
SETTINGS.throttle = {
  default: '0',
  description: 'served simulator: requests per second above which requests are answered Throttling.User; 0 = off',
  parse: nonNegativeNumber('throttle'),
};
SETTINGS.latency = {
  default: '0',
  description: 'served simulator: added delay per request in milliseconds (at most 60000)',
  parse: nonNegativeInt('latency', 60_000),
};
SETTINGS['fail-rate'] = {
  default: '0',
  description: 'served simulator: fraction of requests answered 503 ServiceUnavailable (0..1)',
  parse: fraction('fail-rate'),
};

export function defineSetting(key: string, def: SettingDef): void {
  SETTINGS[key] = def;
}

/** The definition of a setting; undefined for unknown keys (own properties only: `__proto__` is unknown). */
export function settingDef(key: string): SettingDef | undefined {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key) ? SETTINGS[key] : undefined;
}

export function settingValue(state: SimState, key: string): string {
  const def = settingDef(key);
  if (!def) throw new UsageError(`unknown simulator setting "${key}" (see: ecs simulator get)`);
  const v = state.settings && Object.prototype.hasOwnProperty.call(state.settings, key) ? state.settings[key] : undefined;
  return v ?? def.default;
}

export function numberSetting(state: SimState, key: string): number {
  return Number(settingValue(state, key));
}

/** A quota setting, or the documented default when the settings module does not define it (yet). */
export function quota(state: SimState, key: string, fallback: number): number {
  try {
    return numberSetting(state, key);
  } catch {
    return fallback;
  }
}

export function timeScale(state: SimState, env: NodeJS.ProcessEnv): number {
  const e = env.ECS_SIMULATOR_TIME_SCALE;
  if (e !== undefined && e !== '') {
    const n = Number(e);
    if (!Number.isFinite(n) || n < 0 || n > 1000) throw new UsageError(`ECS_SIMULATOR_TIME_SCALE must be a number from 0 to 1000, got "${e}"`);
    return n;
  }
  return numberSetting(state, 'time-scale');
}
