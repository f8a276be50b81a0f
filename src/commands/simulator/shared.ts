// Helpers of the simulator verbs. These verbs are about the embedded simulator itself
// (its state directory, clock and settings), so they open its store directly instead of
// going through the API.

import { simulatorDir } from '../../core/config.js';
import { durationMs } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import type { Context } from '../../core/context.js';

export async function openSimulator(ctx: Context) {
  const { Simulator } = await import('../../simulator/simulator.js');
  const { parseLockTimeout } = await import('../../simulator/store.js');
  return new Simulator({ dir: simulatorDir(ctx.env), env: ctx.env, defaultRegion: ctx.region, lockTimeoutMs: parseLockTimeout(ctx.globals.lockTimeout, '--lock-timeout') });
}

/** "90", "90s", "15m", "2h", "15d", "1d12h" → seconds (src/core/duration.ts). */
export function parseDuration(v: string): number {
  const ms = durationMs(v);
  if (ms === undefined || v.trim() === '') {
    throw new UsageError(`invalid duration "${v}": use seconds (90) or a number with s, m, h, d or w (90s, 15m, 2h, 15d, 1d12h)`);
  }
  return ms / 1000;
}

/** "+1d 2h 3m 4s" style for offsets. */
export function humanSeconds(total: number): string {
  let s = Math.round(total);
  const parts: string[] = [];
  for (const [u, n] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (s >= n) {
      parts.push(`${Math.floor(s / n)}${u}`);
      s %= n;
    }
  }
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.join(' ');
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The current state, or undefined when the state file cannot be read (then reset/import,
 * the ways out, move it aside with setAsideUnreadable before writing a fresh one).
 */
export function readOrWarn(ctx: Context, store: { read(): unknown }): any {
  try {
    return store.read();
  } catch (e) {
    ctx.warn((e as Error).message.replace(/ \(nothing was changed\).*$/, ''));
    return undefined;
  }
}

/** Say where store.replace() kept the files of a store it could not read. */
export function noteKeptAside(ctx: Context, files: string[]): void {
  for (const f of files) ctx.note(`moved the unreadable ${/journal-/.test(f) ? 'journal' : 'state file'} to ${f}`);
}
