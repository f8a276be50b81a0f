// Times on the command line: ISO 8601 (2026-11-24T10:00:00Z, 2026-11-24T18:00+08:00,
// 2026-11-24 10:00 = UTC) or relative to now (+30m, +2h, +1d, +1h30m, +90s).
// The API wants UTC as yyyy-MM-ddTHH:mm:ssZ.

import { durationMs } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';


export function parseTime(text: string, now: Date = new Date(), flag = '--at'): Date {
  const t = text.trim();
  const bad = () =>
    new UsageError(`${flag}: invalid time "${text}": use ISO 8601 (2026-11-24T10:00:00Z, 2026-11-24T18:00+08:00; no offset = UTC) or a relative time (+30m, +2h, +1d)`);
  if (t.startsWith('+')) {
    const ms = durationMs(t.slice(1), { bareSeconds: false });
    if (ms === undefined || ms <= 0) throw bad();
    return inRange(new Date(now.getTime() + ms), text, flag);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) throw bad();
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const utc = Date.UTC(fields[0]!, fields[1]! - 1, fields[2]!, fields[3]!, fields[4]!, fields[5]!);
  const check = new Date(utc);
  // Reject 2026-02-30, 25:00 etc. instead of letting Date roll them over.
  if (check.getUTCMonth() !== fields[1]! - 1 || check.getUTCDate() !== fields[2]! || check.getUTCHours() !== fields[3]! || fields[4]! > 59 || fields[5]! > 59) throw bad();
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offsetMin = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
    if (Number(zm[2]) > 14 || Number(zm[3]) > 59) throw bad();
  }
  return inRange(new Date(utc - offsetMin * 60_000), text, flag);
}

/** The API's format has four-digit years: anything past 9999 (or not a time at all) is refused. */
function inRange(d: Date, text: string, flag: string): Date {
  if (!Number.isFinite(d.getTime()) || d.getUTCFullYear() > 9999) {
    throw new UsageError(`${flag}: time "${text}" is out of range (at most 9999-12-31T23:59:59Z)`);
  }
  return d;
}

/** yyyy-MM-ddTHH:mm:ssZ (the API's UTC format, no milliseconds). */
export function apiTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2026-11-24 10:00 UTC (in 2h)" for messages. */
export function describeTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const diff = d.getTime() - now.getTime();
  return `${apiTime(d)} (${diff >= 0 ? 'in ' : ''}${humanDuration(Math.abs(diff))}${diff < 0 ? ' ago' : ''})`;
}

export function humanDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${Math.round(ms / 1000)}s`;
  if (min < 120) return `${min}m`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h}h`;
  return `${Math.round(h / 24)}d`;
}

/** The next :00 or :30 at or after t (when the service executes scheduled releases). */
export function nextHalfHour(t: Date): Date {
  const ms = 30 * 60_000;
  return new Date(Math.ceil(t.getTime() / ms) * ms);
}
