// Progress on stderr: an ora spinner on a terminal, plain start/done lines otherwise
// (ora would print even when not a TTY), nothing with --quiet.

import { stderrColour } from './colour.js';
import type { IO } from './io.js';

export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

const noop: Progress = { update() {}, succeed() {}, fail() {} };

export async function startProgress(io: IO, quiet: boolean, text: string): Promise<Progress> {
  if (quiet) return noop;
  // ora needs the terminal width: with 0 columns (a pty without a size, e.g. `script`)
  // it computes Infinity lines to clear and never returns. Plain lines then.
  if (io.stderrIsTTY && ((io.stderr as NodeJS.WriteStream).columns ?? 0) > 0) {
    const { default: ora } = await import('ora');
    const spinner = ora({ text, stream: io.stderr as NodeJS.WriteStream, color: 'cyan', isEnabled: true, isSilent: false });
    const coloured = stderrColour(io);
    if (!coloured) (spinner as any).color = false;
    // ora's ✔/✖ come from log-symbols, coloured unless NO_COLOR: plain ones for --no-color too.
    const done = (t: string, ok: boolean) => (coloured ? (ok ? spinner.succeed(t) : spinner.fail(t)) : spinner.stopAndPersist({ symbol: ok ? '✔' : '✖', text: t }));
    spinner.start();
    return {
      update: (t) => void (spinner.text = t),
      succeed: (t) => void done(t ?? `${spinner.text} done`, true),
      fail: (t) => void done(t ?? `${spinner.text} failed`, false),
    };
  }
  io.stderr.write(`${text} ...\n`);
  let current = text;
  return {
    update: (t) => void (current = t),
    succeed: (t) => void io.stderr.write(`${t ?? `${current} ... done`}\n`),
    fail: (t) => void io.stderr.write(`${t ?? `${current} ... failed`}\n`),
  };
}

/** A one-line message on stderr unless --quiet. */
export function note(io: IO, quiet: boolean, text: string): void {
  if (!quiet) io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A warning on stderr, shown even with --quiet. */
export function warn(io: IO, text: string): void {
  io.stderr.write(`warning: ${text}\n`);
}
