// Instance and VNC password rules (instance behaviour: the service's InvalidPassword.Malformed
// and IncorrectVncPassword.Malformed), and strong generated passwords.

import { randomInt } from 'node:crypto';
import type { Context } from '../core/context.js';
import { UsageError } from '../core/errors.js';

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
