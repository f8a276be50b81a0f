// Secret input for verbs that set passwords: --password-stdin, --password-file F, a hidden
// prompt asked twice, or --generate. A secret is never taken as a command-line value.

import { randomInt } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Context } from '../../core/context.js';
import { readAll } from '../../core/io.js';
import { UsageError } from '../../core/errors.js';

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
    const v = chompLine(await readAll(ctx.io.stdin));
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
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
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

// ---- instance passwords ------------------------------------------------------------

/** The special characters the ECS API accepts in instance passwords. */
export const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";

export interface PasswordCheck {
  /** Windows images: no leading "/". */
  windows?: boolean;
}

/**
 * The API's rule (ecs-security-spec §1.3): 8–30 characters from letters, digits and the
 * listed specials, at least 3 of the 4 classes; on Windows not starting with "/".
 * Throws a usage error carrying the code the API would answer.
 */
export function validateInstancePassword(pw: string, o: PasswordCheck = {}): void {
  const bad = (why: string) => new UsageError(`invalid password: ${why} (InvalidPassword.Malformed)`, 'InvalidPassword.Malformed');
  if (pw.length < 8 || pw.length > 30) throw bad(`it has ${pw.length} characters; 8 to 30 are needed`);
  const other = [...pw].filter((c) => !/[A-Za-z0-9]/.test(c) && !PASSWORD_SPECIALS.includes(c));
  if (other.length) {
    const shown = [...new Set(other)].map((c) => (c === ' ' ? 'space' : /[\x00-\x1f\x7f]/.test(c) ? 'a control character' : `"${c}"`));
    throw bad(`${shown.join(', ')} not allowed; use letters, digits and ${PASSWORD_SPECIALS}`);
  }
  const classes = passwordClasses(pw);
  if (classes < 3) throw bad(`it uses ${classes} of the 4 character classes (upper case, lower case, digits, specials); at least 3 are needed`);
  if (o.windows && pw.startsWith('/')) throw bad('a Windows password cannot start with "/"');
}

/** The documentation recommends all four classes: say so (stderr) when a valid password has three. */
export function adviseOnPassword(ctx: Context, pw: string): void {
  if (passwordClasses(pw) < 4) ctx.warn('the password uses 3 of the 4 character classes; upper case, lower case, digits and special characters together are recommended');
}

export function passwordClasses(pw: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

/** Specials used by --generate: no quotes, backslash, $ or backtick, so it pastes safely into shells. */
const GEN_SPECIALS = '!@#%^*-_+=.,:?';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';

/** A strong random password meeting the rules: 20 characters, all 4 classes. */
export function generatePassword(length = 20): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const all = UPPER + LOWER + DIGITS + GEN_SPECIALS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(GEN_SPECIALS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  // Never start with "/" (Windows) — GEN_SPECIALS has none, but keep the rule explicit.
  return chars.join('');
}

/** VNC (management terminal) password: exactly 6 letters or digits. */
export function validateVncPassword(pw: string): void {
  if (!/^[A-Za-z0-9]{6}$/.test(pw)) {
    throw new UsageError(
      `invalid VNC password: exactly 6 letters or digits are needed${pw.length !== 6 ? ` (got ${pw.length} characters)` : ' (no special characters)'} (IncorrectVncPassword.Malformed)`,
      'IncorrectVncPassword.Malformed',
    );
  }
}

export function generateVncPassword(): string {
  const set = UPPER + LOWER + DIGITS;
  let s = '';
  for (let i = 0; i < 6; i++) s += set[randomInt(set.length)];
  return s;
}
