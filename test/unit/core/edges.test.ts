// Issue 7 §3.6 small edges: an empty --region is refused (not the default), an out-of-range
// relative time is one usage line (not "Invalid time value").
import { afterAll, describe, expect, it } from 'vitest';
import { parseTime } from '../../../src/commands/shared/time.js';
import { UsageError } from '../../../src/core/errors.js';
import { resolveConfig } from '../../../src/core/config.js';
import { runInProcess, tempHome } from '../../helpers/run.js';

const h = tempHome();
afterAll(() => h.cleanup());

describe('empty global flag values', () => {
  it.each(['region', 'profile', 'backend', 'endpoint', 'signature'])('--%s "" is a usage error', (name) => {
    expect(() => resolveConfig({ [name]: '' }, {}, {})).toThrow(new UsageError(`--${name} needs a value, got an empty string`));
  });
  it('ecs instance list --region "": exit 2, one line, nothing on stdout', async () => {
    const r = await runInProcess(['instance', 'list', '--region', ''], { env: h.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: --region needs a value, got an empty string\n' });
  });
});

describe('times out of range', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  it.each(['+99999999d', '+9999999999999999999d'])('%s', (t) => {
    expect(() => parseTime(t, now)).toThrow(new UsageError(`--at: time "${t}" is out of range (at most 9999-12-31T23:59:59Z)`));
  });
  it('a relative time too large to be a number is a usage error too', () => {
    expect(() => parseTime(`+1${'0'.repeat(400)}s`, now)).toThrow(UsageError);
  });
  it('the largest accepted and in-range values still parse', () => {
    expect(parseTime('+1d', now).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(parseTime('9999-12-31T23:59:59Z', now).toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });
  it('ecs instance auto-release ID --at +99999999d: exit 2, one line', async () => {
    const r = await runInProcess(['instance', 'auto-release', 'i-bp1abcdefghijklmnop', '--at', '+99999999d'], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --at: time "+99999999d" is out of range (at most 9999-12-31T23:59:59Z)\n');
  });
});
