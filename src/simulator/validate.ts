// Checking a state document before it replaces the simulator's (ecs simulator import).

import { UsageError } from '../core/errors.js';
import { settingDef } from './settings.js';
import { emptyState, stateProblem, type SimState } from './state.js';

/** Parse and check an exported state; throws UsageError naming the first problem. */
export function validateState(text: string, source: string): SimState {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${source} is not valid JSON (${(e as Error).message})`);
  }
  const bad = (why: string): never => {
    throw new UsageError(`${source} is not a simulator state: ${why}`);
  };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) bad('expected a JSON object');
  const s = doc as Record<string, unknown>;
  if (s.version !== 1) bad(`unsupported version ${JSON.stringify(s.version)} (expected 1)`);
  if (typeof s.createdAt !== 'string' || Number.isNaN(Date.parse(s.createdAt))) bad('createdAt must be an ISO time');
  if (typeof s.clockOffsetMs !== 'number' || !Number.isFinite(s.clockOffsetMs)) bad('clockOffsetMs must be a number');
  if (!s.settings || typeof s.settings !== 'object' || Array.isArray(s.settings)) bad('settings must be an object');
  for (const [k, v] of Object.entries(s.settings as Record<string, unknown>)) {
    const def = settingDef(k);
    if (!def) bad(`unknown setting "${k}"`);
    if (typeof v !== 'string') bad(`setting ${k} must be a string`);
    try {
      def!.parse(v as string);
    } catch (e) {
      bad((e as Error).message);
    }
  }
  const base = emptyState(new Date());
  for (const k of Object.keys(base)) {
    if (k === 'version' || k === 'createdAt' || k === 'clockOffsetMs' || k === 'settings') continue;
    const v = s[k];
    if (v === undefined) continue; // older exports lack later collections
    if (!v || typeof v !== 'object' || Array.isArray(v)) bad(`${k} must be an object keyed by ID`);
    for (const [id, rec] of Object.entries(v as Record<string, unknown>)) {
      if (!rec || typeof rec !== 'object' || Array.isArray(rec)) bad(`${k}.${id} must be an object`);
    }
  }
  const problem = stateProblem(s);
  if (problem) bad(problem);
  const { rev: _rev, ...rest } = s;
  return { ...base, ...rest } as SimState;
}

/** Record-valued collections of a state and their sizes (for `ecs simulator status`). */
export function collectionCounts(state: SimState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(state)) {
    if (k === 'settings' || !v || typeof v !== 'object' || Array.isArray(v)) continue;
    out[k] = Object.keys(v).length;
  }
  return out;
}
