// Parsing of policy schedules: hours 0–23 and weekdays (1–7 or mon…sun) in UTC+8, with
// --tz to convert from another UTC offset (guide §11.6: a UTC+9 user's 0:00 Monday is
// 23:00 Sunday in UTC+8).
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../../core/errors.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function parseHours(v: string): number[] {
  const out = new Set<number>();
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})(?::00)?$/.exec(part);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= 0 && n <= 23)) throw new InvalidArgumentError(`--hours takes hours 0–23 (e.g. 2,14), got "${part}"`);
    out.add(n);
  }
  if (!out.size) throw new InvalidArgumentError('--hours needs at least one hour 0–23');
  return [...out].sort((a, b) => a - b);
}

export function parseDays(v: string): number[] {
  if (v.trim().toLowerCase() === 'all' || v.trim().toLowerCase() === 'daily') return [1, 2, 3, 4, 5, 6, 7];
  const out = new Set<number>();
  for (const part of v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const i = DAYS.indexOf(part.slice(0, 3));
    const n = /^[1-7]$/.test(part) ? Number(part) : i >= 0 && DAYS[i]!.startsWith(part.slice(0, 3)) && part.length >= 3 ? i + 1 : NaN;
    if (!(n >= 1 && n <= 7)) throw new InvalidArgumentError(`--days takes 1–7 or mon,tue,…,sun (or all), got "${part}"`);
    out.add(n);
  }
  if (!out.size) throw new InvalidArgumentError('--days needs at least one weekday');
  return [...out].sort((a, b) => a - b);
}

export function parseRetention(v: string): number {
  if (/^(forever|permanent|-1)$/i.test(v.trim())) return -1;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1 || n > 65536) throw new InvalidArgumentError(`--retention takes 1–65536 days or "forever", got "${v}"`);
  return n;
}

/** --tz +09:00 / -5 / UTC+9 → offset hours. */
export function parseTz(v: string): number {
  const m = /^(?:utc)?([+-])(\d{1,2})(?::?(00))?$/i.exec(v.trim());
  if (!m || Number(m[2]) > 14) throw new InvalidArgumentError(`--tz takes a UTC offset such as +09:00 or -5, got "${v}"`);
  return (m[1] === '-' ? -1 : 1) * Number(m[2]);
}

/**
 * Convert (hours, weekdays) given in UTC+tz to UTC+8 (guide §11.6). Every (hour, day) pair
 * shifts by 8 − tz hours; the result is the set of hours and of weekdays. A policy is every
 * hour on every weekday, so when the shifted pairs are not such a product (some hours move to
 * another weekday, some do not) the covering sets would add time points: refused (usage).
 */
export function toUtc8(hours: number[], days: number[], tz: number): { hours: number[]; days: number[] } {
  const shift = 8 - tz;
  const hs = new Set<number>();
  const ds = new Set<number>();
  const points = new Set<number>();
  for (const d of days) {
    for (const h of hours) {
      const t = (d - 1) * 24 + h + shift;
      const w = ((t % 168) + 168) % 168;
      points.add(w);
      hs.add(w % 24);
      ds.add(Math.floor(w / 24) + 1);
    }
  }
  if (points.size !== hs.size * ds.size) {
    const name = (w: number) => `${DAYS[Math.floor(w / 24)]![0]!.toUpperCase()}${DAYS[Math.floor(w / 24)]!.slice(1)} ${String(w % 24).padStart(2, '0')}:00`;
    const list = [...points].sort((a, b) => a - b);
    const shown = list.map(name).slice(0, 6).join(', ') + (list.length > 6 ? ', …' : '');
    throw new UsageError(`--tz ${tz >= 0 ? '+' : '-'}${Math.abs(tz)}: these hours fall on different weekdays in UTC+8 (${shown}); a policy has one set of hours for all its weekdays, so split these hours into separate policies`);
  }
  return { hours: [...hs].sort((a, b) => a - b), days: [...ds].sort((a, b) => a - b) };
}

export const asJson = (xs: number[]) => JSON.stringify(xs.map(String));
