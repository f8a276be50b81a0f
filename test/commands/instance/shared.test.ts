// Unit tests of the shared command builders the instance verbs stand on.
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/commands/builders/index.js';
import { generatePassword, passwordClasses, validateInstancePassword, validateVncPassword, PASSWORD_SPECIALS } from '../../../src/resources/instance-password.js';
import { apiTime, nextHalfHour, parseTime } from '../../../src/commands/shared/time.js';

const NOW = new Date('2026-11-23T10:17:42Z');

describe('parseTime', () => {
  it('relative times from now', () => {
    expect(apiTime(parseTime('+2h', NOW))).toBe('2026-11-23T12:17:42Z');
    expect(apiTime(parseTime('+30m', NOW))).toBe('2026-11-23T10:47:42Z');
    expect(apiTime(parseTime('+1d', NOW))).toBe('2026-11-24T10:17:42Z');
    expect(apiTime(parseTime('+1h30m', NOW))).toBe('2026-11-23T11:47:42Z');
  });
  it('ISO 8601 with Z, offsets, or none (UTC)', () => {
    expect(apiTime(parseTime('2026-12-01T00:00:00Z', NOW))).toBe('2026-12-01T00:00:00Z');
    expect(apiTime(parseTime('2026-12-01T08:00+08:00', NOW))).toBe('2026-12-01T00:00:00Z');
    expect(apiTime(parseTime('2026-12-01 10:30', NOW))).toBe('2026-12-01T10:30:00Z');
    expect(apiTime(parseTime('2026-12-01T10:30:00-0500', NOW))).toBe('2026-12-01T15:30:00Z');
  });
  it('rejects nonsense with a usage error (exit 2)', () => {
    for (const bad of ['tomorrow', '+2', '+h', '+0m', '2026-02-30T00:00:00Z', '2026-12-01T25:00Z', '2026-13-01', '+2x', '']) {
      expect(() => parseTime(bad, NOW), bad).toThrow(expect.objectContaining({ exitCode: 2 }));
    }
  });
  it('next :00/:30 is when the service executes a release', () => {
    expect(apiTime(nextHalfHour(new Date('2026-11-23T10:17:42Z')))).toBe('2026-11-23T10:30:00Z');
    expect(apiTime(nextHalfHour(new Date('2026-11-23T10:30:00Z')))).toBe('2026-11-23T10:30:00Z');
    expect(apiTime(nextHalfHour(new Date('2026-11-23T10:45:00Z')))).toBe('2026-11-23T11:00:00Z');
  });
});

describe('instance password rules (8-30, 3 of 4 classes, listed specials, Windows no leading /)', () => {
  it('accepts valid passwords', () => {
    for (const ok of ['Str0ng#Passw0rd', 'abcDEF12', 'abc123!@', 'ABC123()', 'a'.repeat(27) + 'B1!', "x(Y)`~!@#$%^&*-_+=|{}[]:;'<>", "Abc1,.?/"]) {
      expect(() => validateInstancePassword(ok), ok).not.toThrow();
    }
  });
  it('rejects weak or malformed passwords with InvalidPassword.Malformed and exit 2', () => {
    const cases: [string, RegExp][] = [
      ['Ab1!', /4 characters/],
      ['Ab1!' + 'x'.repeat(27), /31 characters/],
      ['abcdefgh', /1 of the 4/],
      ['abcdefg1', /2 of the 4/],
      ['Abcdefg 1', /space not allowed/],
      ['Abcdefg1"', /"\"" not allowed/],
      ['Abcdefg1\\', /not allowed/],
    ];
    for (const [pw, msg] of cases) {
      expect(() => validateInstancePassword(pw), pw).toThrow(msg);
      expect(() => validateInstancePassword(pw)).toThrow(expect.objectContaining({ code: 'InvalidPassword.Malformed', exitCode: 2 }));
    }
  });
  it('Windows passwords cannot start with /', () => {
    expect(() => validateInstancePassword('/Abcdef12')).not.toThrow();
    expect(() => validateInstancePassword('/Abcdef12', { windows: true })).toThrow(/cannot start with "\/"/);
  });
  it('generated passwords always pass, use all 4 classes and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(20);
      expect(passwordClasses(pw)).toBe(4);
      expect(() => validateInstancePassword(pw, { windows: true })).not.toThrow();
      expect([...pw].every((c) => /[A-Za-z0-9]/.test(c) || PASSWORD_SPECIALS.includes(c))).toBe(true);
      seen.add(pw);
    }
    expect(seen.size).toBe(500);
  });
  it('VNC passwords: exactly 6 letters or digits', () => {
    expect(() => validateVncPassword('Ab12cd')).not.toThrow();
    for (const bad of ['Ab12c', 'Ab12cde', 'Ab12c!', 'Ab 12c']) expect(() => validateVncPassword(bad), bad).toThrow(/IncorrectVncPassword.Malformed/);
  });
});

describe('mapBounded', () => {
  it('never runs more than the bound at once and keeps the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded(
      Array.from({ length: 40 }, (_, i) => i),
      8,
      async (x) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5 + (x % 3) * 3));
        inFlight--;
        return x * 2;
      },
    );
    expect(peak).toBe(8);
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });
});
