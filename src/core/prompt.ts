// Prompts only when stdin and stderr are terminals and --no-input is not set.
// Confirmations default to No and render on stderr (inquirer would write to stdout and
// default to yes on piped input, see reference/cli-conventions.md §2).

import { promptTheme } from './colour.js';
import { CliError, ExitCode, UsageError } from './errors.js';
import type { IO } from './io.js';

export interface PromptPolicy {
  io: IO;
  yes: boolean;
  noInput: boolean;
}

export function canPrompt(p: PromptPolicy): boolean {
  return p.io.stdinIsTTY && p.io.stderrIsTTY && !p.noInput;
}

/**
 * Ask before a destructive action. `--yes` skips the question; without a terminal the
 * action is refused at once with a usage error (exit 2) naming --yes.
 */
export async function confirmAction(p: PromptPolicy, question: string, what: string): Promise<void> {
  if (p.yes) return;
  if (!canPrompt(p)) {
    throw new UsageError(`${what} needs confirmation: pass --yes (no terminal to ask on${p.noInput ? ', --no-input set' : ''})`);
  }
  const { default: confirm } = await import('@inquirer/confirm');
  const ok = await confirm({ message: question, default: false, theme: promptTheme(p.io) }, { input: p.io.stdin, output: p.io.stderr });
  if (!ok) throw new CliError('aborted: nothing was changed', { code: 'Aborted', exitCode: ExitCode.FAILURE });
}

/** Hidden prompt (nothing echoed). Refuses without a terminal, naming the flag to use instead. */
export async function promptSecret(p: PromptPolicy, message: string, alternative: string): Promise<string> {
  if (!canPrompt(p)) {
    // "Passphrase for /tmp/Key:" → "passphrase for /tmp/Key": lower-case the words, not a file name.
    const m = message.replace(/:$/, '');
    const i = m.indexOf(' for ');
    throw new UsageError(`no terminal to prompt for ${i < 0 ? m.toLowerCase() : m.slice(0, i).toLowerCase() + m.slice(i)}: use ${alternative}`);
  }
  const { default: password } = await import('@inquirer/password');
  return password({ message, mask: false, theme: promptTheme(p.io) }, { input: p.io.stdin, output: p.io.stderr });
}

/**
 * Hidden prompt asked twice; the two answers must match. `validate` (throws on a bad value)
 * runs on the first entry, so a weak password is refused before it is asked again.
 */
export async function promptNewSecret(p: PromptPolicy, message: string, alternative: string, validate?: (v: string) => void): Promise<string> {
  const a = await promptSecret(p, message, alternative);
  if (a !== '') validate?.(a);
  const b = await promptSecret(p, 'Repeat to confirm:', alternative);
  if (a !== b) throw new UsageError('the two entries do not match; nothing was changed');
  return a;
}
