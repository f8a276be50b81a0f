// The store lock (src/simulator/lock.ts): a waiter says who holds the lock and since when,
// gives up after --lock-timeout / ECS_LOCK_TIMEOUT; and one bad argument never reaches the
// store (simulator advance / set refuse out-of-range values before any change).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileLock, processStartTime } from '../../../src/simulator/lock.js';
import { Store, parseLockTimeout } from '../../../src/simulator/store.js';
import { hasScript, runInPty } from '../../helpers/pty.js';
import { runEcs, runInProcess, tempHome } from '../../helpers/run.js';

const home = tempHome('ecs-lock-');
const dir = join(home.home, 'sim');
const env = { ...home.env, ECS_SIMULATOR_DIR: dir };
let holder: ChildProcess;
const SINCE = new Date('2026-01-02T03:04:05Z');

/** A lock file owned by a live process (a `sleep`), dated SINCE. */
function holdLock(): void {
  writeFileSync(join(dir, 'state.lock'), `${holder.pid} ${processStartTime(holder.pid!) ?? ''} t`, { mode: 0o600 });
  utimesSync(join(dir, 'state.lock'), SINCE, SINCE);
}
const files = () => readdirSync(dir).filter((f) => f !== 'state.lock').sort().map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n');

beforeAll(async () => {
  expect((await runInProcess(['simulator', 'advance', '1'], { env })).code).toBe(0);
  holder = spawn('sleep', ['120'], { stdio: 'ignore' });
  await new Promise((r) => holder.once('spawn', r));
});
afterAll(() => {
  holder.kill('SIGKILL');
  home.cleanup();
});

describe('FileLock', () => {
  it('a waiter is told once who holds the lock and since when, then gives up at the timeout (injected clock, no real waiting)', async () => {
    holdLock();
    let t = 0;
    const told: unknown[] = [];
    const sleeps: number[] = [];
    const lock = new FileLock(join(dir, 'state.lock'));
    const err = await lock
      .acquire({ timeoutMs: 5000, waitNoticeMs: 1000, now: () => t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)), onWait: (h) => told.push(h) })
      .then(() => undefined, (e: Error) => e);
    expect(told).toEqual([{ pid: holder.pid, sinceMs: SINCE.getTime() }]);
    expect(err?.message).toBe(`simulator state is locked by process ${holder.pid} since 2026-01-02T03:04:05.000Z (${join(dir, 'state.lock')}); gave up after 5 s (try again, or raise --lock-timeout)`);
    expect(t).toBe(5000); // the last sleep is cut to the deadline
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(50);
    expect(existsSync(join(dir, 'state.lock'))).toBe(true); // a live holder's lock is never taken
  });

  it('timeout 0 fails at once; the Store passes its lockTimeoutMs', async () => {
    holdLock();
    const before = files();
    await expect(new Store(dir, { lockTimeoutMs: 0 }).mutate((s) => void (s.clockOffsetMs = 0))).rejects.toThrow(/locked by process \d+ since .*gave up after 0 s/);
    expect(files()).toBe(before);
  });

  it('ECS_LOCK_TIMEOUT / --lock-timeout values: seconds from 0 to 86400', () => {
    expect(parseLockTimeout(undefined)).toBeUndefined();
    expect(parseLockTimeout('')).toBeUndefined();
    expect(parseLockTimeout('2.5')).toBe(2500);
    expect(parseLockTimeout('0')).toBe(0);
    for (const bad of ['-1', 'abc', '1e9', 'Infinity']) expect(() => parseLockTimeout(bad)).toThrow(`ECS_LOCK_TIMEOUT must be a number of seconds from 0 to 86400, got "${bad}"`);
  });

  it('the CLI with ECS_LOCK_TIMEOUT=0.3 gives up with one line naming the holder (exit 1), nothing changed', async () => {
    holdLock();
    const before = files();
    const r = await runEcs(['simulator', 'set', 'quota.instances', '20'], { env: { ...env, ECS_LOCK_TIMEOUT: '0.3' } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`simulator state is locked by process ${holder.pid} since 2026-01-02T03:04:05.000Z`);
    expect(r.stderr).not.toContain('waiting for'); // not a terminal: no talk beyond the error
    expect(files()).toBe(before);
    const bad = await runEcs(['simulator', 'set', 'quota.instances', '20'], { env: { ...env, ECS_LOCK_TIMEOUT: 'soon' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/ECS_LOCK_TIMEOUT must be a number of seconds from 0 to 86400, got "soon"/);
  });

  it('--lock-timeout SECONDS does the same from the command line, for API verbs and simulator verbs', async () => {
    holdLock();
    const before = files();
    for (const args of [['simulator', 'set', 'quota.instances', '20'], ['instance', 'create', '--password-stdin']]) {
      const r = await runEcs([...args, '--lock-timeout', '0.2'], { env, input: 'Str0ng#Passw0rd\n' });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(`simulator state is locked by process ${holder.pid}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(files()).toBe(before);
    const bad = await runEcs(['instance', 'list', '--lock-timeout', 'soon'], { env });
    expect(bad).toMatchObject({ code: 2, stderr: 'error: --lock-timeout must be a number of seconds from 0 to 86400, got "soon"\n' });
  });

  it.skipIf(!hasScript && process.env.CI !== 'true')('on a terminal the waiter says who holds the lock and since when (needs script(1))', async () => {
    holdLock();
    const r = await runInPty(['simulator', 'set', 'quota.instances', '20'], [], { env: { ...env, ECS_LOCK_TIMEOUT: '1.6' } });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`waiting for the simulator state lock, held by process ${holder.pid} since 03:04:05 UTC (`);
    expect(r.out).toContain('--lock-timeout SECONDS limits the wait');
  });
});

describe('one bad argument never reaches the store', () => {
  beforeAll(() => rmSync(join(dir, 'state.lock'), { force: true }));
  const refused = async (args: string[], pattern: RegExp) => {
    const before = files();
    const r = await runInProcess(args, { env });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(files()).toBe(before);
  };

  it('simulator advance past the year 9999 is refused before any change (99999999d, 1e300 s)', async () => {
    await refused(['simulator', 'advance', '99999999d'], /cannot advance by "99999999d": the simulated clock would pass 9999-12-31/);
    await refused(['simulator', 'advance', '9'.repeat(400)], /cannot advance by/);
  });

  it('simulator set: out-of-range values and prototype keys are refused', async () => {
    await refused(['simulator', 'set', 'time-scale', '1e308'], /time-scale must be a number from 0 to 1000, got "1e308"/);
    await refused(['simulator', 'set', 'latency', '99999999'], /latency must be a whole number from 0 to 60000/);
    await refused(['simulator', 'set', 'quota.instances', '1e12'], /quota\.instances must be a whole number from 0 to 1000000000/);
    await refused(['simulator', 'set', 'fail-rate', '2'], /fail-rate must be a number from 0 to 1/);
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      await refused(['simulator', 'set', key, 'x'], new RegExp(`unknown simulator setting "${key}"`));
      await refused(['simulator', 'get', key], new RegExp(`unknown simulator setting "${key}"`));
    }
  });

  it('a refused advance leaves the store usable', async () => {
    const r = await runInProcess(['simulator', 'advance', '1h'], { env: { ...env, ECS_LOCK_TIMEOUT: '5' } });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(dir, 'state.json')).size).toBeGreaterThan(0);
  });
});
