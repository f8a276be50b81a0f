// Test harnesses:
//  - runInProcess: test/helpers/cli.ts runCli with colour off (older unit tests);
//  - runEcs: the built binary (bin/ecs.js) spawned as a user runs it, with a temp HOME.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunOptions } from '../../src/cli.js';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ecs.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temp HOME with XDG dirs and a simulator dir inside; removed by cleanup(). */
export function tempHome(prefix = 'ecs-test-'): { home: string; env: NodeJS.ProcessEnv; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ECS_SIMULATOR_TIME_SCALE: '0',
    LANG: 'C.UTF-8',
  };
  return { home, env, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface InProcessOptions extends Omit<RunOptions, 'io' | 'env'> {
  env: NodeJS.ProcessEnv;
  stdin?: string;
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean };
}

/** The in-process harness (test/helpers/cli.ts runCli) with colour off and 120 columns. */
export async function runInProcess(args: string[], o: InProcessOptions): Promise<RunResult> {
  const { runCli } = await import('./cli.js');
  return runCli(args, { ...o, color: false, columns: 120 });
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Spawn the built CLI: `node bin/ecs.js ...args`. stdin is /dev/null unless input is given. */
export function runEcs(args: string[], o: SpawnOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: o.env,
      cwd: o.cwd ?? o.env.HOME,
      stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    if (o.input !== undefined) child.stdin!.end(o.input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ecs ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
