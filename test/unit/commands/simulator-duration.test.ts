import { describe, expect, it } from 'vitest';
import { humanSeconds, parseDuration } from '../../../src/commands/simulator/shared.js';

describe('simulator advance durations', () => {
  it('parses seconds and unit suffixes, also combined', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('15d')).toBe(15 * 86400);
    expect(parseDuration('1w')).toBe(7 * 86400);
    expect(parseDuration('1d12h')).toBe(36 * 3600);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration(' 2H ')).toBe(7200);
  });

  it('refuses anything else with a usage error that shows the accepted forms', () => {
    for (const bad of ['', 'soon', '2h30', '-5', 'h', '5x', '1d-2h', '2 h']) {
      expect(() => parseDuration(bad), bad).toThrow(/invalid duration .*90s, 15m, 2h, 15d/);
    }
  });

  it('prints offsets compactly', () => {
    expect(humanSeconds(0)).toBe('0s');
    expect(humanSeconds(59)).toBe('59s');
    expect(humanSeconds(3600)).toBe('1h');
    expect(humanSeconds(36 * 3600 + 61)).toBe('1d 12h 1m 1s');
  });
});
