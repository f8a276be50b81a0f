// IO streams: stdout is for data only; messages, progress and prompts go to stderr.
// Tests build an IO over string buffers and choose which streams "are terminals".

import { readStreamCapped } from './read.js';
import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { colourAllowed } from './colour.js';

export interface IO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for tables; 0 when unknown. */
  columns: number;
  /** Colour on stderr/stdout allowed (TTY, no NO_COLOR, no --no-color, TERM != dumb). */
  color: boolean;
  /** Colour on stdout / on stderr, each decided for its own stream (core/colour.ts). */
  colorOut?: boolean;
  colorErr?: boolean;
}

let epipeHandled = false;

/** `ecs instance list -o ids | head -1`: the reader went away; stop quietly, no stack trace. */
function exitQuietlyOnEpipe(): void {
  if (epipeHandled) return;
  epipeHandled = true;
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

export function systemIO(env: NodeJS.ProcessEnv, opts: { noColor?: boolean } = {}): IO {
  exitQuietlyOnEpipe();
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  return {
    // Made on first use: setting up the process.stdin stream costs ~4 ms of every command,
    // and most never read it (isatty(0) answers the terminal question without it).
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    // Asked on first use too: isatty loads node:tty (and net, ~2 ms), which commands that
    // never prompt or read stdin do not need.
    get stdinIsTTY() {
      return isatty(0);
    },
    stdoutIsTTY,
    stderrIsTTY,
    columns: process.stdout.columns ?? 0,
    color: colorAllowed(env, stderrIsTTY || stdoutIsTTY, opts.noColor),
    colorOut: colourAllowed(env, stdoutIsTTY, opts.noColor),
    colorErr: colourAllowed(env, stderrIsTTY, opts.noColor),
  };
}

/** chalk ignores NO_COLOR on a TTY, so the decision is ours (core/colour.ts). */
export const colorAllowed = colourAllowed;

/** Write a line (adds "\n") to stdout. */
export function out(io: IO, line: string): void {
  io.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
}

/** Write a line (adds "\n") to stderr. */
export function err(io: IO, line: string): void {
  io.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}

/**
 * Read all of stdin as a string (for --password-stdin etc.), refusing more than maxBytes
 * while reading (see READ_LIMITS in ./read.ts).
 */
export async function readAll(stream: Readable, maxBytes: number, what = 'standard input'): Promise<string> {
  return (await readStreamCapped(stream, maxBytes, what)).toString('utf8');
}
