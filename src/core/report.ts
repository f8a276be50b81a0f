// How a run ends, for every entry point (src/cli.ts and the `ecs key` fast path): an error
// becomes one stderr line and a documented exit code (stack only with --debug), and Ctrl-C
// aborts the running operation (exit 130; a second Ctrl-C exits at once).

import type { Context } from './context.js';
import { CliError, ExitCode, errorJson, formatErrorLine } from './errors.js';
import type { IO } from './io.js';

/** @inquirer's prompts reject with ExitPromptError on Ctrl-C (and AbortPromptError on abort). */
function isPromptInterrupt(e: unknown): boolean {
  const name = (e as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** Report an error that is not a command-line parser's; returns the exit code. */
export function reportError(io: IO, e: unknown, o: { debug?: boolean; json?: boolean } = {}): number {
  if (isPromptInterrupt(e)) {
    // Ctrl-C (or a closed terminal) at a prompt: as during --wait, exit 130 with our words only.
    io.stderr.write('\ninterrupted: nothing was changed\n');
    return ExitCode.INTERRUPTED;
  }
  if (e instanceof CliError) {
    if (o.json) io.stderr.write(JSON.stringify(errorJson(e)) + '\n');
    else io.stderr.write(formatErrorLine(e) + '\n');
    if (o.debug && e.stack) io.stderr.write(e.stack + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr.write(`error: ${err?.message ?? String(e)}\n`);
  if (o.debug && err?.stack) io.stderr.write(err.stack + '\n');
  else io.stderr.write('(run with --debug for details)\n');
  return ExitCode.FAILURE;
}

export interface SignalSource {
  on(event: 'SIGINT', fn: () => void): unknown;
  off(event: 'SIGINT', fn: () => void): unknown;
}

/** Ctrl-C: abort the running operation (exit 130); a second Ctrl-C exits at once. Returns the uninstaller. */
export function installInterruptHandler(ctx: Context, io: IO, signals: SignalSource, exit: (code: number) => void): () => void {
  let count = 0;
  const onSigint = () => {
    count++;
    if (count > 1) return exit(ExitCode.INTERRUPTED);
    ctx.abort.abort();
    io.stderr.write('\ninterrupted (press Ctrl-C again to exit at once)\n');
  };
  signals.on('SIGINT', onSigint);
  return () => signals.off('SIGINT', onSigint);
}
