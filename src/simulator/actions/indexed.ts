// Whether a collection answers lookups (src/simulator/lookup.ts) from a stored index, or by a
// scan (a plain state: a test's hand-made state, a store without an index). A handler that
// would ask many lookups in a row reads the collection once instead on a plain state, where
// every lookup is itself a scan.

import { untracked } from '../journal.js';
import { LAZY } from '../lookup.js';
import type { SimState } from '../state.js';

export function indexed(state: SimState, collection: string): boolean {
  const c = (untracked(state) as Record<string, any>)[collection];
  return c !== null && typeof c === 'object' && c[LAZY] !== undefined;
}
