// Plain line prompts on stderr for `config init` (inquirer's text prompt is not a dependency;
// secrets use ctx.promptSecret, which hides the input). One line reader per run, so answers
// typed (or pasted) ahead are not lost between questions; close it before a hidden prompt.

import { createInterface, type Interface } from 'node:readline';
import type { Context } from '../../core/context.js';
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

export function closeAsk(ctx: Context): void {
  readers.get(ctx)?.rl.close();
  readers.delete(ctx);
}

export async function ask(ctx: Context, question: string, dflt?: string): Promise<string> {
  const r = reader(ctx);
  ctx.io.stderr.write(`${question}${dflt ? ` [${dflt}]` : ''}: `);
  const line = r.lines.length ? r.lines.shift() : r.closed ? undefined : await new Promise<string | undefined>((res) => r.waiting.push(res));
  if (line === undefined) throw new UsageError('no answer (end of input); nothing was written');
  const answer = line.trim();
  return answer === '' ? (dflt ?? '') : answer;
}

/** Ask until `check` accepts the answer (it throws a UsageError with the reason otherwise). */
export async function askValid<T>(ctx: Context, question: string, dflt: string | undefined, check: (v: string) => T): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await ask(ctx, question, dflt);
    try {
      return check(v);
    } catch (e) {
      if (i >= 4) throw e;
      ctx.io.stderr.write(`  ${(e as Error).message}\n`);
    }
  }
}
