// Secret input for verbs that set passwords: --password-stdin, --password-file F, a hidden
// prompt asked twice, or --generate. A secret is never taken as a command-line value.

import { statSync } from 'node:fs';
import type { Context } from '../../core/context.js';
import { readAll } from '../../core/io.js';
import { CliError, UsageError } from '../../core/errors.js';
import { READ_LIMITS, readCappedSync } from '../../core/read.js';

export interface SecretSourceOptions {
  passwordStdin?: boolean;
  passwordFile?: string;
  generate?: boolean;
  /** `--password` given: prompt (a value after it is refused: secrets never on argv). */
  password?: boolean | string;
}

export interface SecretRequest {
  /** "new instance password" */
  what: string;
  /** Prompt when no source flag was given (reset-password, vnc-password); create does not. */
  promptByDefault: boolean;
  /** Produces a strong value for --generate (absent: --generate not offered). */
  generate?: () => string;
  /** Checks a typed value (throws): at the prompt it runs on the first entry, before "Repeat". */
  validate?: (v: string) => void;
}

/** Strip exactly one trailing line break (`<<<` and `echo` add one). */
function chompLine(s: string): string {
  return s.replace(/\r?\n$/, '');
}

export function checkSecretFlags(o: SecretSourceOptions): void {
  if (typeof o.password === 'string') {
    throw new UsageError('a password is never taken on the command line (it would stay in shell history and ps): use --password-stdin, --password-file FILE or --password to be prompted');
  }
  const n = [o.passwordStdin, o.passwordFile !== undefined, o.generate, o.password === true].filter(Boolean).length;
  if (n > 1) throw new UsageError('choose one of --password-stdin, --password-file, --password (prompt) and --generate');
}

/**
 * Read the secret from the chosen source. Returns undefined when no source was given and
 * prompting is not the default. `generated` tells the caller to print it once.
 */
export async function readSecret(ctx: Context, o: SecretSourceOptions, req: SecretRequest): Promise<{ value: string; generated: boolean } | undefined> {
  checkSecretFlags(o);
  if (o.generate) {
    if (!req.generate) throw new UsageError(`--generate is not available for the ${req.what}`);
    return { value: req.generate(), generated: true };
  }
  if (o.passwordStdin) {
    if (ctx.io.stdinIsTTY) ctx.note(`Reading the ${req.what} from standard input (end with Ctrl-D) ...`);
    const v = chompLine(await readAll(ctx.io.stdin, READ_LIMITS.secret, `the ${req.what} on standard input`));
    if (v === '') throw new UsageError(`--password-stdin: standard input was empty (no ${req.what})`);
    return { value: v, generated: false };
  }
  if (o.passwordFile !== undefined) return { value: readSecretFile(ctx, o.passwordFile, req.what), generated: false };
  if (o.password === true || req.promptByDefault) {
    const v = await ctx.promptNewSecret(`${capitalise(req.what)}:`, '--password-stdin or --password-file FILE', req.validate);
    if (v === '') throw new UsageError(`empty ${req.what}; nothing was changed`);
    return { value: v, generated: false };
  }
  return undefined;
}

export function readSecretFile(ctx: Context, file: string, what: string): string {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`--password-file ${file}: not a regular file`);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      ctx.warn(`${file} is readable by other users (mode ${(st.mode & 0o777).toString(8).padStart(3, '0')}); chmod 600 ${file}`);
    }
    text = readCappedSync(file, READ_LIMITS.secret, `--password-file ${file}`).toString('utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new UsageError(`--password-file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const v = chompLine(text);
  if (v === '') throw new UsageError(`--password-file ${file} is empty (no ${what})`);
  if (/[\r\n]/.test(v)) throw new UsageError(`--password-file ${file} has more than one line; put only the ${what} in it`);
  return v;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
