// Group commit as a store feature (Store.mutateBatched, used by the served simulator):
// mutations queued before the drain starts share one write, a failing one is dropped
// without touching the others, and the outcome equals running them one by one. The drain
// is started by an injected scheduler, so what makes a batch is decided by the test, not
// by timing; writes are counted from the files (journal lines), not by patching the store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, readStoreState } from '../../../src/simulator/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store whose batches start only when the test calls start(); seeded with one snapshot. */
async function store(opts: { maxBatch?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-gc-'));
  dirs.push(dir);
  const pending: (() => void)[] = [];
  const s = new Store(dir, { schedule: (drain) => pending.push(drain), ...opts });
  await s.mutate((st) => void (st.settings.seed = '1')); // the snapshot: later commits are journal lines
  const rev = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).rev as string;
  const journalLines = () => {
    try {
      return readFileSync(join(dir, `journal-${rev}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  };
  const start = () => {
    expect(pending).toHaveLength(1);
    pending.shift()!();
  };
  return { s, dir, start, journalLines, pending };
}

describe('Store.mutateBatched (group commit)', () => {
  it('20 queued mutations: applied in order in one write, each answer its own', async () => {
    const { s, dir, start, journalLines } = await store();
    const commitsBefore = s.stats.commits;
    const results = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.mutateBatched((st) => {
          st.settings.log = (st.settings.log ?? '') + `${i},`;
          return i * 10;
        }),
      ),
    );
    expect(journalLines()).toEqual([]); // nothing runs before the drain starts
    start();
    expect(await results).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(readStoreState(dir).settings.log).toBe(Array.from({ length: 20 }, (_, i) => `${i},`).join(''));
    expect(journalLines()).toEqual([{ s: [['settings', 'log', Array.from({ length: 20 }, (_, i) => `${i},`).join('')]] }]);
    expect(s.stats.commits - commitsBefore).toBe(1);
  });

  it('maxBatch splits a long queue into writes of at most that many', async () => {
    const { s, start, journalLines } = await store({ maxBatch: 4 });
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => s.mutateBatched((st) => void (st.settings[`k${i}`] = 'x'))));
    start();
    await all;
    expect(journalLines().map((l) => l.s.length)).toEqual([4, 4, 2]);
  });

  it('a failing mutation leaves no trace and does not fail the others; the rest are written once', async () => {
    const { s, dir, start, journalLines } = await store();
    const outcomes = Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        s.mutateBatched((st) => {
          st.settings[`k${i}`] = 'x';
          if (i === 2 || i === 4) throw new Error(`boom ${i}`);
          return i;
        }),
      ),
    );
    start();
    const o = await outcomes;
    expect(o.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((o[2] as PromiseRejectedResult).reason.message).toBe('boom 2');
    expect((o[4] as PromiseRejectedResult).reason.message).toBe('boom 4');
    expect(Object.keys(readStoreState(dir).settings).sort()).toEqual(['k0', 'k1', 'k3', 'k5', 'seed']);
    expect(journalLines()).toHaveLength(1); // the failed attempts wrote nothing
    expect(journalLines()[0].s.map((x: string[]) => x[1]).sort()).toEqual(['k0', 'k1', 'k3', 'k5']);
  });

  it('a later mutation sees what earlier ones of its batch did (serial semantics)', async () => {
    const { s, start } = await store();
    const seen = Promise.all(
      Array.from({ length: 5 }, () =>
        s.mutateBatched((st) => {
          const n = Number(st.settings.counter ?? '0') + 1;
          st.settings.counter = String(n);
          return n;
        }),
      ),
    );
    start();
    expect(await seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('mutations queued while a batch is being written form the next batch (one new drain only when idle)', async () => {
    const { s, start, journalLines, pending } = await store();
    let late: Promise<unknown> | undefined;
    const first = Promise.all([
      s.mutateBatched((st) => {
        st.settings.a = '1';
        // queued during the first batch: the running drain picks it up, no second drain is scheduled
        late = s.mutateBatched((st2) => void (st2.settings.b = '2'));
      }),
    ]);
    start();
    await first;
    await late;
    expect(pending).toHaveLength(0);
    expect(journalLines().map((l) => l.s.map((x: string[]) => x[1]))).toEqual([['a'], ['b']]);
  });

  it('a store failure (damaged journal) fails every job of the batch, and nothing is written', async () => {
    const { s: first, dir } = await store();
    await first.mutate((st) => void (st.settings.x = '1'));
    const rev = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).rev;
    const jf = join(dir, `journal-${rev}.jsonl`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(jf, 'garbage\n' + readFileSync(jf, 'utf8'));
    const before = readFileSync(jf, 'utf8');
    const pending: (() => void)[] = [];
    const s = new Store(dir, { schedule: (drain) => pending.push(drain) }); // as another process finds it
    const start = () => pending.shift()!();
    const all = Promise.allSettled([1, 2].map(() => s.mutateBatched((st) => void (st.settings.y = '1'))));
    start();
    const o = await all;
    expect(o.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(String((o[0] as PromiseRejectedResult).reason.message)).toMatch(/is damaged: line 1 is not valid JSON/);
    expect(readFileSync(jf, 'utf8')).toBe(before);
  });
});
