// --wait / --wait-timeout: poll with backoff (500 ms for the first 5 s, then ×1.5 up to
// 2.5 s, as hcloud does) until a condition holds; a timeout is exit 5.

import { InterruptedError, WaitTimeoutError } from './errors.js';

export interface WaitOptions<T> {
  /** What is waited for, for messages: "i-abc to be Running". */
  what: string;
  timeoutMs: number;
  /** Returns the value once done, or undefined to keep waiting. */
  check: () => Promise<T | undefined>;
  onPoll?: (attempt: number) => void;
  signal?: AbortSignal;
  /** For tests: replaces the whole sleep. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** For tests: the timer functions the default (abortable) sleep uses. */
  timers?: Timers;
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (t: any) => void;
}

export const DEFAULT_WAIT_TIMEOUT_S = 600;

/**
 * Sleep that Ctrl-C (the signal) cuts short. The abort listener is removed when the sleep
 * ends, so a long --wait does not pile up listeners on the signal (no
 * MaxListenersExceededWarning after 10 polls).
 */
export function abortableSleep(ms: number, signal?: AbortSignal, timers: Timers = { setTimeout, clearTimeout }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new InterruptedError());
      return;
    }
    const onAbort = () => {
      timers.clearTimeout(t);
      reject(new InterruptedError());
    };
    const t = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function backoffDelay(elapsedMs: number, previousMs: number): number {
  if (elapsedMs < 5000) return 500;
  return Math.min(2500, Math.max(500, previousMs * 1.5));
}

export async function waitUntil<T>(o: WaitOptions<T>): Promise<T> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => abortableSleep(ms, o.signal, o.timers));
  const start = now();
  let delay = 500;
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw new InterruptedError();
    const v = await o.check();
    if (v !== undefined) return v;
    o.onPoll?.(attempt);
    const elapsed = now() - start;
    if (elapsed >= o.timeoutMs) {
      throw new WaitTimeoutError(`timed out after ${Math.round(elapsed / 1000)}s waiting for ${o.what}`);
    }
    delay = backoffDelay(elapsed, delay);
    await sleep(Math.min(delay, Math.max(1, o.timeoutMs - elapsed)));
  }
}
