// Instance passwords as the real service treats them: validated against the documented
// rules, then kept only as a salted hash (the service cannot show a password, and neither
// can we). scrypt from node:crypto; the cost is modest because a RunInstances call hashes
// once for up to 100 instances and `instance create` must stay fast.
//
// Rules (ecs-security-spec.md §1.3, ecs-openapi-protocol.md §2 ModifyInstanceAttribute):
// 8–30 characters from letters, digits and ()`~!@#$%^&*-_+=|{}[]:;'<>,.?/ ; at least three of
// upper case, lower case, digits, special characters; a Windows password must not start with '/'.

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";

const SPECIAL_SET = new Set(PASSWORD_SPECIALS);

/** Why a password breaks the rules, or undefined when it is acceptable. */
export function passwordProblem(pw: string, osType: 'linux' | 'windows' = 'linux'): string | undefined {
  if (pw.length < 8 || pw.length > 30) return 'must be 8 to 30 characters long';
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let special = 0;
  for (const ch of pw) {
    if (ch >= 'A' && ch <= 'Z') upper = 1;
    else if (ch >= 'a' && ch <= 'z') lower = 1;
    else if (ch >= '0' && ch <= '9') digit = 1;
    else if (SPECIAL_SET.has(ch)) special = 1;
    else return `contains a character that is not allowed (${JSON.stringify(ch)}); allowed special characters are ${PASSWORD_SPECIALS}`;
  }
  if (upper + lower + digit + special < 3) return 'must contain at least three of: upper-case letters, lower-case letters, digits, special characters';
  if (osType === 'windows' && pw.startsWith('/')) return 'must not start with "/" on a Windows instance';
  return undefined;
}

/** VNC (management terminal) password: exactly 6 letters or digits (user guide §8). */
export function vncPasswordValid(pw: string): boolean {
  return /^[A-Za-z0-9]{6}$/.test(pw);
}

// Format "s1$<salt>$<hash>": scrypt with N = 2^12, r = 8, p = 1 (about 4 MiB of memory and
// a few milliseconds per hash), a 12-byte random salt and a 32-byte key, both base64
// without padding. Short, because the store holds one per instance and user.
const N = 4096;
const R = 8;
const P = 1;
const KEYLEN = 32;
const PREFIX = 's1';

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export function hashSecret(secret: string): string {
  const salt = randomBytes(12);
  const hash = scryptSync(secret.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P });
  return `${PREFIX}$${b64(salt)}$${b64(hash)}`;
}

export function verifySecret(secret: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const parts = stored.split('$');
  if (parts.length !== 3 || parts[0] !== PREFIX) return false;
  const expected = Buffer.from(parts[2]!, 'base64');
  const got = scryptSync(secret.normalize('NFC'), Buffer.from(parts[1]!, 'base64'), expected.length, { N, r: R, p: P });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
