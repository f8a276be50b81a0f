// In-process command harness (issue 8 part 5): runs any `ecs` command line through the CLI's
// main() in this process, with string buffers for stdout/stderr, a chosen stdin, and chosen
// TTY flags, against the backend testBackend() picked (the embedded simulator in a temp dir,
// or a served simulator over the wire with ECS_TEST_BACKEND=remote). Returns exactly what a
// user would see: { stdout, stderr, code }.
//
//   const r = await runCli(['instance', 'list', '-o', 'json'], { backend });
//   const t = await runCli(['instance', 'list'], { backend, tty: true, columns: 100 });
//
// Spawn the built binary (test/helpers/run.ts runEcs) only for what needs a process: TTY
// prompts (test/helpers/pty.ts), signals, pipes, parallel writers, start-up, the bin entry.

import { PassThrough, Writable } from 'node:stream';
import { main, type RunOptions } from '../../src/cli.js';
import type { IO } from '../../src/core/io.js';
import type { TestBackend } from './backend.js';
import type { RunResult } from './run.js';

export type { RunResult } from './run.js';

export interface CliOptions extends Omit<RunOptions, 'io' | 'env'> {
  /** The backend to run against; its env (temp HOME, XDG dirs, simulator dir, endpoint) is used. */
  backend?: Pick<TestBackend, 'env'>;
  /** Env for the run (merged over the backend's env; without a backend, the whole env). */
  env?: NodeJS.ProcessEnv;
  /** What the command reads on stdin (ends there: EOF). */
  stdin?: string | Buffer;
  /** Which streams are terminals: true for all three, or each. Default: none (a pipe). */
  tty?: boolean | { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  /** Terminal width the command sees (only meaningful when stdout is a terminal). Default 80. */
  columns?: number;
  /** Give the stderr terminal a width too, so progress runs the real ora spinner. */
  spinner?: boolean;
}

class Sink extends Writable {
  text = '';
  isTTY?: boolean;
  columns?: number;
  // What ora calls on a terminal stream (tty.WriteStream); the escapes are left out.
  cursorTo(_x: number, _y?: number | (() => void), cb?: () => void): boolean {
    (typeof _y === 'function' ? _y : cb)?.();
    return true;
  }
  moveCursor(_dx: number, _dy: number, cb?: () => void): boolean {
    cb?.();
    return true;
  }
  clearLine(_dir: number, cb?: () => void): boolean {
    cb?.();
    return true;
  }
  clearScreenDown(cb?: () => void): boolean {
    cb?.();
    return true;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Run `ecs ...args` in-process and return its stdout, stderr and exit code. */
export async function runCli(args: string[], o: CliOptions = {}): Promise<RunResult> {
  const { backend, env: extraEnv, stdin: input, tty, columns, spinner, ...rest } = o;
  const env: NodeJS.ProcessEnv = backend ? { ...backend.env, ...(extraEnv ?? {}) } : { ...(extraEnv ?? {}) };
  const t = typeof tty === 'boolean' ? { stdin: tty, stdout: tty, stderr: tty } : (tty ?? {});
  const stdout = new Sink();
  const stderr = new Sink();
  if (t.stdout) {
    stdout.isTTY = true;
    stdout.columns = columns ?? 80;
  }
  // The stderr sink gets no `columns` unless `spinner`: progress then prints plain start/done
  // lines instead of an ora spinner whose frames depend on timing.
  if (t.stderr) stderr.isTTY = true;
  if (t.stderr && spinner) stderr.columns = columns ?? 80;
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (t.stdin) stdin.isTTY = true;
  stdin.end(input ?? '');
  const io: Omit<IO, 'color'> = {
    stdin,
    stdout,
    stderr,
    stdinIsTTY: Boolean(t.stdin),
    stdoutIsTTY: Boolean(t.stdout),
    stderrIsTTY: Boolean(t.stderr),
    columns: t.stdout ? (columns ?? 80) : 0,
  };
  const code = await main(args, { ...rest, io, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A runner bound to one backend (and default options), for test files that run many commands. */
export function cliFor(backend: Pick<TestBackend, 'env'>, defaults: Omit<CliOptions, 'backend'> = {}) {
  return (args: string[], o: Omit<CliOptions, 'backend'> = {}) =>
    runCli(args, { ...defaults, ...o, backend, env: { ...(defaults.env ?? {}), ...(o.env ?? {}) } });
}
