// Line prompts for `config init`, through @inquirer/input (rendered on stderr, with its
// default and validation: a bad answer is explained under the prompt and asked again).
// Secrets use ctx.promptSecret, which hides the input.
//
// Answers typed (or pasted) ahead must not be lost between questions, and inquirer reads
// its input afresh for each prompt. So one line reader per run owns stdin and hands the
// prompt one line at a time: the next line only when the previous one was refused. Close
// it (closeAsk) before a hidden prompt, which reads the terminal itself.

import { createInterface, type Interface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import type { Context } from '../../core/context.js';
import { promptTheme } from '../../core/colour.js';
import { UsageError } from '../../core/errors.js';

interface Reader {
  rl: Interface;
  lines: string[];
  waiting: ((line: string | undefined) => void)[];
  closed: boolean;
}
const readers = new WeakMap<Context, Reader>();

function reader(ctx: Context): Reader {
  let r = readers.get(ctx);
  if (!r) {
    const rl = createInterface({ input: ctx.io.stdin, terminal: false });
    const rr: Reader = { rl, lines: [], waiting: [], closed: false };
    rl.on('line', (l) => {
      const w = rr.waiting.shift();
      if (w) w(l);
      else rr.lines.push(l);
    });
    rl.on('close', () => {
      rr.closed = true;
      for (const w of rr.waiting.splice(0)) w(undefined);
    });
    readers.set(ctx, rr);
    r = rr;
  }
  return r;
}

function nextLine(r: Reader): Promise<string | undefined> {
  if (r.lines.length) return Promise.resolve(r.lines.shift());
  if (r.closed) return Promise.resolve(undefined);
  return new Promise((res) => r.waiting.push(res));
}

export function closeAsk(ctx: Context): void {
  readers.get(ctx)?.rl.close();
  readers.delete(ctx);
}

function forwardTo(dest: NodeJS.WritableStream, onWrite: () => void): Writable {
  const w = new Writable({
    write(chunk, _enc, cb) {
      dest.write(chunk);
      onWrite();
      cb();
    },
  });
  return Object.assign(w, { isTTY: (dest as { isTTY?: boolean }).isTTY, columns: (dest as { columns?: number }).columns });
}

const END_OF_INPUT = () => new UsageError('no answer (end of input); nothing was written');

/** Ask until `check` accepts the answer (it throws with the reason otherwise); empty means `dflt`. */
export async function askValid<T>(ctx: Context, question: string, dflt: string | undefined, check: (v: string) => T): Promise<T> {
  const { default: input } = await import('@inquirer/input');
  const r = reader(ctx);
  const feed = new PassThrough();
  let fail: (e: Error) => void = () => undefined;
  const ended = new Promise<never>((_, reject) => (fail = reject));
  // After a refusal inquirer shows the reason and puts the refused text back on the line:
  // once it has (its next render), clear the line (Ctrl-U) and type the next answer.
  let afterRender: (() => void) | undefined;
  const pump = (clear = false) =>
    void nextLine(r).then((line) => {
      if (line === undefined) fail(END_OF_INPUT());
      else feed.write(`${clear ? '\x15' : ''}${line}\n`);
    });
  const output = forwardTo(ctx.io.stderr, () => {
    const next = afterRender;
    afterRender = undefined;
    if (next) setImmediate(next);
  });
  const stop = new AbortController();
  const value = (v: string) => (v.trim() === '' ? (dflt ?? '') : v.trim());
  const prompt = input(
    {
      message: question,
      default: dflt,
      theme: promptTheme(ctx.io),
      validate: (v: string) => {
        try {
          check(value(v));
          return true;
        } catch (e) {
          afterRender = () => pump(true); // refused: the next line is the next try
          return (e as Error).message;
        }
      },
    },
    // Its own output stream: inquirer ends the stream it is given when the prompt is done.
    { input: feed, output, signal: AbortSignal.any([ctx.abort.signal, stop.signal]) },
  );
  pump();
  try {
    return check(value(await Promise.race([prompt, ended])));
  } finally {
    stop.abort();
    feed.end();
    prompt.catch(() => undefined);
  }
}
