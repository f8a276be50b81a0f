// DigestSet against a Map of hex strings: repeats found, growth past the initial size,
// colliding leading bytes.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestSet } from '../../../src/audit/digest-set.js';

describe('DigestSet', () => {
  it('behaves as a Map of the digests (random, with repeats and shared prefixes)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 300 }), { maxLength: 2000 }), fc.boolean(), (picks, samePrefix) => {
        const pool = Array.from({ length: 301 }, () => {
          const d = randomBytes(32);
          if (samePrefix) d.fill(7, 0, 4); // every digest in the same slot chain
          return d;
        });
        const set = new DigestSet(4);
        const ref = new Map<string, number>();
        for (const p of picks) {
          const d = pool[p]!;
          const got = set.addOrGet(d);
          const hex = d.toString('hex');
          const want = ref.get(hex);
          if (want === undefined) {
            expect(got).toBe(-ref.size - 1);
            ref.set(hex, ref.size);
          } else expect(got).toBe(want);
          expect(Buffer.from(set.digest(ref.get(hex)!)).equals(d)).toBe(true);
        }
        expect(set.size).toBe(ref.size);
      }),
      { numRuns: 50 },
    );
  });
});
