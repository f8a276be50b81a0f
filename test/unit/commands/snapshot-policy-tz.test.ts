// snapshot-policy --tz (guide §11.6): a policy is one set of hours on one set of weekdays
// (UTC+8). A schedule whose hours land on different UTC+8 weekdays cannot be written as such
// a product; converting it to the covering sets would add time points nobody asked for.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { toUtc8 } from '../../../src/commands/snapshot-policy/shared.js';

describe('toUtc8', () => {
  it("the guide's example: 0:00 Monday in UTC+9 is 23:00 Sunday in UTC+8", () => {
    expect(toUtc8([0], [1], 9)).toEqual({ hours: [23], days: [7] });
  });
  it('every day at once stays exact even when hours cross midnight', () => {
    expect(toUtc8([1, 23], [1, 2, 3, 4, 5, 6, 7], 14)).toEqual({ hours: [17, 19], days: [1, 2, 3, 4, 5, 6, 7] });
  });
  it('hours that land on different weekdays are refused, not widened to extra time points', () => {
    // Mon 01:00 UTC+14 = Sun 19:00 UTC+8; Mon 23:00 UTC+14 = Mon 17:00 UTC+8: {17,19}×{Sun,Mon}
    // would also snapshot on Sun 17:00 and Mon 19:00.
    expect(() => toUtc8([1, 23], [1], 14)).toThrow(UsageError);
    expect(() => toUtc8([1, 23], [1], 14)).toThrow(
      '--tz +14: these hours fall on different weekdays in UTC+8 (Mon 17:00, Sun 19:00); a policy has one set of hours for all its weekdays, so split these hours into separate policies',
    );
  });
});
