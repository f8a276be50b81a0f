// Helpers for the `ecs instance` command tests: every run goes through the CLI in-process
// (test/helpers/cli.ts) against the backend testBackend() chose (embedded simulator, or
// served with ECS_TEST_BACKEND=remote); `spawn` runs the built binary for what needs a
// process (parallel writers).

import { expect } from 'vitest';
import { storeContents } from '../../../src/simulator/store.js';
import type { TestBackend } from '../../helpers/backend.js';
import { runCli, type CliOptions } from '../../helpers/cli.js';
import { runEcs, type RunResult } from '../../helpers/run.js';

export const PASSWORD = 'Str0ng#Passw0rd';

export interface Harness {
  backend: TestBackend;
  /** In-process run; `input` is stdin, `tty`/`columns` as in runCli. */
  ecs: (args: string[], o?: { input?: string; env?: NodeJS.ProcessEnv; tty?: CliOptions['tty']; columns?: number }) => Promise<RunResult>;
  /** The built binary, spawned (parallel writers, start-up). */
  spawn: (args: string[], o?: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) => Promise<RunResult>;
  /** The store's bytes (snapshot + journal), to prove a failed command changed nothing. */
  state: () => string;
  json: <T = any>(args: string[], input?: string) => Promise<T>;
  /** Run a command that must succeed (exit 0, asserted) and return its trimmed stdout. */
  out: (args: string[]) => Promise<string>;
  /** Create instances and return their IDs. */
  create: (args?: string[], input?: string) => Promise<string[]>;
  cleanup: () => Promise<void>;
}

/**
 * Wraps the backend a test file got from testBackend() (the file calls it itself, so the
 * suite also runs over the wire). `quota`: quota.instances for this store (the documented
 * default of 10 is too few for most tests; 0 keeps the default).
 */
export async function harness(backend: TestBackend, opts: { quota?: number } = {}): Promise<Harness> {
  const ecs: Harness['ecs'] = (args, o = {}) => runCli(args, { backend, env: o.env, stdin: o.input, tty: o.tty, columns: o.columns });
  const spawn: Harness['spawn'] = (args, o = {}) => runEcs(args, { env: { ...backend.env, ...(o.env ?? {}) }, input: o.input, timeoutMs: o.timeoutMs ?? 60_000 });
  const state = () => storeContents(backend.simulatorDir);
  const json = async (args: string[], input?: string) => {
    const r = await ecs([...args, '-o', 'json'], { input });
    if (r.code !== 0) throw new Error(`ecs ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const out = async (args: string[]) => {
    const r = await ecs(args);
    expect(r.code, `ecs ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout.trim();
  };
  const create = async (args: string[] = [], input?: string) => {
    const r = await ecs(['instance', 'create', ...args, '-o', 'ids'], { input });
    if (r.code !== 0) throw new Error(`create failed (${r.code}): ${r.stderr}`);
    return r.stdout.trim().split('\n').filter(Boolean);
  };
  if (opts.quota !== 0) {
    const r = await ecs(['simulator', 'set', 'quota.instances', String(opts.quota ?? 100_000)]);
    if (r.code !== 0) throw new Error(`simulator set failed: ${r.stderr}`);
  }
  return { backend, ecs, spawn, state, json, out, create, cleanup: () => backend.cleanup() };
}
