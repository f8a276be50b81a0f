// A plain line prompt on stderr for `config init` (inquirer's text prompt is not a dependency;
// secrets use ctx.promptSecret, which hides the input).

import { createInterface } from 'node:readline/promises';
import type { Context } from '../../core/context.js';

export async function ask(ctx: Context, question: string, dflt?: string): Promise<string> {
  const rl = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr, terminal: false });
  try {
    const answer = (await rl.question(`${question}${dflt ? ` [${dflt}]` : ''}: `)).trim();
    return answer === '' ? (dflt ?? '') : answer;
  } finally {
    rl.close();
  }
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
