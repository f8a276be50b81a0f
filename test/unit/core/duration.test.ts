// The one duration parser (relative times, simulator advance, --wait-timeout).
import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../src/core/duration.js';
import { parseDuration } from '../../../src/commands/simulator/shared.js';
import { apiTime, parseTime } from '../../../src/commands/shared/time.js';
import { runInProcess } from '../../helpers/run.js';

describe('durationMs', () => {
  it('units s m h d w, combined and fractional; a bare number is seconds unless a unit is required', () => {
    expect(durationMs('90')).toBe(90_000);
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('1d12h')).toBe(129_600_000);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('2W')).toBe(1_209_600_000);
    expect(durationMs('90', { bareSeconds: false })).toBeUndefined();
  });
  it('anything else is not a duration', () => {
    for (const bad of ['', 'h', '2x', '1h 30m', '-5m', '5m-', 'abc', '1e3s']) expect(durationMs(bad), bad).toBeUndefined();
  });
  it('is the parser behind +relative times, simulator advance and --wait-timeout', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(apiTime(parseTime('+1d12h', now))).toBe('2026-11-24T22:00:00Z');
    expect(() => parseTime('+90', now)).toThrow(/invalid time/);
    expect(parseDuration('1d12h')).toBe(129_600);
    expect(() => parseDuration('soon')).toThrow(/invalid duration "soon"/);
    const r = await runInProcess(['instance', 'list', '--wait-timeout', 'soon'], { env: { ECS_SIMULATOR_DIR: '/nonexistent', HOME: '/nonexistent' } });
    expect([r.code, r.stderr]).toEqual([2, `error: option '--wait-timeout <seconds>' argument 'soon' is invalid. --wait-timeout must be a positive number of seconds (or a duration: 90s, 10m), got "soon"\n`]);
  });
});
