// When the simulator's store last changed, for caches outside the store (completion
// candidates, src/completion/sources.ts): a stat or two and the snapshot's first bytes, no
// parse, and no import of the store itself (completion is a fast path). The layout it knows
// (state.json starting with {"rev":"<rev>", journal-<rev>.jsonl) is the store's
// (src/simulator/store.ts).

import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REV_PREFIX = '{"rev":"';

/**
 * When the store last changed (ms since the epoch; 0 when there is no store): the newest of
 * the snapshot's and its current journal's modification times.
 */
export function storeChangedAtMs(dir: string): number {
  let fd: number;
  try {
    fd = openSync(join(dir, 'state.json'), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return 0;
  }
  let newest = 0;
  let rev = '';
  try {
    const st = fstatSync(fd);
    newest = st.mtimeMs;
    if (st.isFile()) {
      const buf = Buffer.alloc(REV_PREFIX.length + 40);
      const head = buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
      const end = head.indexOf('"', REV_PREFIX.length);
      if (head.startsWith(REV_PREFIX) && end > 0) rev = head.slice(REV_PREFIX.length, end);
    }
  } catch {
    return newest;
  } finally {
    closeSync(fd);
  }
  if (/^[0-9a-z]{1,32}$/.test(rev)) {
    try {
      newest = Math.max(newest, statSync(join(dir, `journal-${rev}.jsonl`)).mtimeMs);
    } catch {
      /* no journal yet */
    }
  }
  return newest;
}
