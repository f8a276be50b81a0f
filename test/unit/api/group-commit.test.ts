// Group commit of the served simulator: concurrent mutations share one write, a failing one
// is dropped without touching the others, and the outcome equals running them one by one.
import { readStoreState } from '../../../src/simulator/store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../../src/simulator/server.js';
import { Store } from '../../../src/simulator/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-gc-'));
  dirs.push(dir);
  const s = new Store(dir);
  groupCommit(s);
  return s;
}

describe('groupCommit', () => {
  it('applies concurrent mutations in order with fewer writes, each answer its own', async () => {
    const s = store();
    let writes = 0;
    const commit = (s as any).commit.bind(s);
    (s as any).commit = (...a: unknown[]) => {
      writes++;
      commit(...a);
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.mutate((st) => {
          st.settings.log = (st.settings.log ?? '') + `${i},`;
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    const persisted = readStoreState(s.dir);
    expect(persisted.settings.log).toBe(Array.from({ length: 20 }, (_, i) => `${i},`).join(''));
    expect(writes).toBeLessThan(20);
  });

  it('a failing mutation leaves no trace and does not fail the others', async () => {
    const s = store();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        s.mutate((st) => {
          st.settings[`k${i}`] = 'x';
          if (i === 2 || i === 4) throw new Error(`boom ${i}`);
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason.message).toBe('boom 2');
    const persisted = readStoreState(s.dir);
    expect(Object.keys(persisted.settings).sort()).toEqual(['k0', 'k1', 'k3', 'k5']);
  });

  it('a later mutation sees what earlier ones of its batch did (serial semantics)', async () => {
    const s = store();
    const seen = await Promise.all(
      Array.from({ length: 5 }, () =>
        s.mutate((st) => {
          const n = Number(st.settings.counter ?? '0') + 1;
          st.settings.counter = String(n);
          return n;
        }),
      ),
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
