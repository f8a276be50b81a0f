// IO for the `ecs key` fast path: the same IO the full CLI gets from systemIO(), but nothing
// is set up until a verb uses it. process.stdout on a pipe is a net.Socket (loading net,
// stream_wrap and pipe_wrap), process.stdin likewise, and stream.isTTY loads node:tty, which
// loads net too: together ~3-4 ms of Node 20's start-up, while `key to-ppk -q` writes
// nothing to either stream and `key public` writes one line.
//
// So: a stream that is not a terminal is written with fs.writeSync (what Node's own stdout
// does for a file); a terminal gets the real stream (prompts and spinners need it); stdin is
// the real stream, created when read. A closed pipe (EPIPE) ends the run quietly with exit 0,
// as systemIO() does.

import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';
import { colourAllowed } from '../core/colour.js';
import type { IO } from '../core/io.js';


type FdKind = 'terminal' | 'other' | 'closed';

/**
 * What fd is. A terminal is a character device, so fstat answers "other" for pipes and files
 * without loading node:tty; only a character device (a terminal or /dev/null) asks it.
 */
function fdKind(fd: number): FdKind {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return 'other';
  } catch {
    return 'closed';
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd) ? 'terminal' : 'other';
}

/** `ecs key public id | head -0`: the reader went away; stop quietly, no stack trace. */
function quietOnEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  return stream;
}

/**
 * stdout or stderr when it is not a terminal: each write() is one synchronous write(2), as
 * Node's own stdout is for a file. Only write() is offered: that is all the key verbs, notes
 * and error reports use on a stream that is not a terminal (prompts and spinners need one).
 */
export class FdWriter {
  /** The real stream, once a write found a non-blocking pipe full (EAGAIN). */
  private stream?: NodeJS.WriteStream;

  constructor(
    private readonly fd: 1 | 2,
    private readonly real: () => NodeJS.WriteStream,
    /** fs.writeSync; tests inject a pipe that fills up */
    private readonly writeFd: (fd: number, buf: Uint8Array, offset: number) => number = writeSync,
  ) {}

  write(chunk: string | Uint8Array): boolean {
    if (this.stream) return this.stream.write(chunk);
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let done = 0;
    while (done < buf.length) {
      try {
        done += this.writeFd(this.fd, buf, done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') process.exit(0);
        if (code !== 'EAGAIN') throw e;
        // A non-blocking pipe (set so by whoever shares it) is full: the real stream waits for
        // the reader, and takes every later write too, so the order is kept.
        this.stream = quietOnEpipe(this.real());
        return this.stream.write(buf.subarray(done));
      }
    }
    return true;
  }
}

export interface LazySystemIO extends IO {
  /** True when no write waits in a stream: everything written so far has reached its fd. */
  settled(): boolean;
}

/** Like systemIO(env, opts), but each stream and each terminal check is made on first use. */
export function lazySystemIO(env: NodeJS.ProcessEnv, opts: { noColor?: boolean } = {}): LazySystemIO {
  const once = <T>(f: () => T): (() => T) => {
    let v: { value: T } | undefined;
    return () => (v ??= { value: f() }).value;
  };
  const kinds = [once(() => fdKind(0)), once(() => fdKind(1)), once(() => fdKind(2))] as const;
  const stdinIsTTY = () => kinds[0]() === 'terminal';
  const stdoutIsTTY = () => kinds[1]() === 'terminal';
  const stderrIsTTY = () => kinds[2]() === 'terminal';
  // The real streams handed out, directly or by an FdWriter after EAGAIN: settled() asks them.
  const streams: NodeJS.WriteStream[] = [];
  const made = (s: NodeJS.WriteStream) => (streams.push(s), s);
  // A terminal, or a closed fd (Node gives a stream that drops the output), gets the real stream.
  const writer = (fd: 1 | 2, real: () => NodeJS.WriteStream) =>
    once((): Writable => (kinds[fd]() === 'other' ? (new FdWriter(fd, () => made(real())) as unknown as Writable) : quietOnEpipe(made(real()))));
  const stdout = writer(1, () => process.stdout);
  const stderr = writer(2, () => process.stderr);
  return {
    settled: () => streams.every((s) => s.writableLength === 0),
    get stdin(): Readable & { isTTY?: boolean } {
      return process.stdin;
    },
    get stdout() {
      return stdout();
    },
    get stderr() {
      return stderr();
    },
    get stdinIsTTY() {
      return stdinIsTTY();
    },
    get stdoutIsTTY() {
      return stdoutIsTTY();
    },
    get stderrIsTTY() {
      return stderrIsTTY();
    },
    get columns() {
      return stdoutIsTTY() ? (process.stdout.columns ?? 0) : 0;
    },
    get color() {
      return colourAllowed(env, stderrIsTTY() || stdoutIsTTY(), opts.noColor);
    },
    get colorOut() {
      return colourAllowed(env, stdoutIsTTY(), opts.noColor);
    },
    get colorErr() {
      return colourAllowed(env, stderrIsTTY(), opts.noColor);
    },
  };
}
