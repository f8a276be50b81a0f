// The waiter behind --wait: polls on an injected clock and timers (no real sleeping), and its
// sleep leaves no abort listener behind (issue 7 §1.3: MaxListenersExceededWarning after ~10 polls).

import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { abortableSleep, waitUntil, type Timers } from '../../../src/core/waiter.js';

/** A fake clock: each timer fires on the next microtask and moves the clock by its delay. */
function fakeTime(): { now: () => number; timers: Timers; sleeps: number[] } {
  let t = 1_000_000;
  const sleeps: number[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      sleeps.push(ms);
      const h = { cancelled: false };
      queueMicrotask(() => {
        if (h.cancelled) return;
        t += ms;
        fn();
      });
      return h;
    },
    clearTimeout: (h: { cancelled: boolean }) => void (h.cancelled = true),
  };
  return { now: () => t, timers, sleeps };
}

const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('waitUntil', () => {
  it('40 polls on one signal: no abort listener left behind, no MaxListenersExceededWarning', async () => {
    process.on('warning', onWarning);
    const ac = new AbortController();
    const { now, timers, sleeps } = fakeTime();
    let polls = 0;
    const v = await waitUntil({ what: 'x', timeoutMs: 600_000, check: async () => (++polls === 41 ? 'done' : undefined), signal: ac.signal, now, timers });
    expect(v).toBe('done');
    expect(polls).toBe(41);
    expect(sleeps).toHaveLength(40);
    // The backoff: 500 ms for the first 5 s, then ×1.5 up to 2.5 s.
    expect(sleeps.slice(0, 10)).toEqual(Array(10).fill(500));
    expect(sleeps[10]).toBe(750);
    expect(sleeps.slice(-1)).toEqual([2500]);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    expect(warnings.map((w) => w.name)).toEqual([]);
  });

  it('times out on the injected clock with WaitTimeoutError (exit 5)', async () => {
    const { now, timers } = fakeTime();
    await expect(waitUntil({ what: 'i-1 to be Stopped', timeoutMs: 3000, check: async () => undefined, now, timers })).rejects.toMatchObject({
      exitCode: 5,
      message: 'timed out after 3s waiting for i-1 to be Stopped',
    });
  });
});

describe('abortableSleep', () => {
  it('an abort during the sleep rejects with InterruptedError (exit 130) and cancels the timer', async () => {
    const ac = new AbortController();
    let cancelled = false;
    const timers: Timers = { setTimeout: () => 'never fires', clearTimeout: () => void (cancelled = true) };
    const p = abortableSleep(1000, ac.signal, timers);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ exitCode: 130 });
    expect(cancelled).toBe(true);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('an already aborted signal rejects at once, adding no listener', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(abortableSleep(1000, ac.signal)).rejects.toMatchObject({ exitCode: 130 });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});
