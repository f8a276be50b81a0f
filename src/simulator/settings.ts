// Simulator settings (`ecs simulator set KEY VALUE`): time scale, quotas with the
// documented defaults, and faults for the served simulator. Resource modules add their
// own keys to SETTINGS.

import { UsageError } from '../core/errors.js';
import type { SimState } from './state.js';

export interface SettingDef {
  default: string;
  description: string;
  /** Validate and normalise a value; throw UsageError with a clear message. */
  parse: (v: string) => string;
}

export const nonNegativeNumber = (key: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${key} must be a number ≥ 0, got "${v}"`);
  return String(n);
};
export const nonNegativeInt = (key: string) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${key} must be a whole number ≥ 0, got "${v}"`);
  return String(n);
};

export const SETTINGS: Record<string, SettingDef> = {
  'time-scale': {
    default: '1',
    description: 'multiplier for simulated durations: 1 realistic, 0 instant, 0.1 ten times faster (env ECS_SIMULATOR_TIME_SCALE wins)',
    parse: nonNegativeNumber('time-scale'),
  },
};

export function defineSetting(key: string, def: SettingDef): void {
  SETTINGS[key] = def;
}

export function settingValue(state: SimState, key: string): string {
  const def = SETTINGS[key];
  if (!def) throw new UsageError(`unknown simulator setting "${key}" (see: ecs simulator get)`);
  return state.settings[key] ?? def.default;
}

export function numberSetting(state: SimState, key: string): number {
  return Number(settingValue(state, key));
}

export function timeScale(state: SimState, env: NodeJS.ProcessEnv): number {
  const e = env.ECS_SIMULATOR_TIME_SCALE;
  if (e !== undefined && e !== '') {
    const n = Number(e);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`ECS_SIMULATOR_TIME_SCALE must be a number ≥ 0, got "${e}"`);
    return n;
  }
  return numberSetting(state, 'time-scale');
}
