// Password rules and the Cloud Assistant script parsers, as properties over generated input.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { linuxPasswordChanges, windowsPasswordChanges } from '../../../src/simulator/actions/cloud-assistant-scripts.js';
import { hashSecret, PASSWORD_SPECIALS, passwordProblem, verifySecret, vncPasswordValid } from '../../../src/simulator/password.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
const ALLOWED = UPPER + LOWER + DIGIT + PASSWORD_SPECIALS;

const fromSet = (set: string) => fc.constantFrom(...set.split(''));
/** 8–30 allowed characters. */
const allowedPassword = fc.array(fromSet(ALLOWED), { minLength: 8, maxLength: 30 }).map((a) => a.join(''));
const classes = (pw: string) => [UPPER, LOWER, DIGIT, PASSWORD_SPECIALS].filter((set) => [...pw].some((c) => set.includes(c))).length;

describe('password rules', () => {
  test('allowed characters: accepted exactly when 3 or more classes are present', () => {
    fc.assert(
      fc.property(allowedPassword, (pw) => {
        expect(passwordProblem(pw) === undefined).toBe(classes(pw) >= 3);
      }),
      { numRuns: 500 },
    );
  });

  test('lengths outside 8–30 are refused', () => {
    expect(passwordProblem('aA1#aA1')).toMatch(/8 to 30/);
    expect(passwordProblem('aA1#'.repeat(8))).toMatch(/8 to 30/);
    expect(passwordProblem('aA1#aA1#')).toBeUndefined();
    expect(passwordProblem('aA1#'.repeat(7) + 'aA')).toBeUndefined();
  });

  test('any character outside the documented set is refused', () => {
    const other = fc.integer({ min: 0, max: 0x2fff }).map((n) => String.fromCharCode(n)).filter((c) => !ALLOWED.includes(c));
    fc.assert(
      fc.property(other, fc.integer({ min: 0, max: 10 }), (bad, at) => {
        const pw = 'Abcdef12#x';
        expect(passwordProblem(pw.slice(0, at) + bad + pw.slice(at))).toMatch(/not allowed/);
      }),
      { numRuns: 300 },
    );
  });

  test('Windows: no leading "/"', () => {
    expect(passwordProblem('/Abcdef123', 'windows')).toMatch(/"\/"/);
    expect(passwordProblem('/Abcdef123', 'linux')).toBeUndefined();
    expect(passwordProblem('Abcdef/123', 'windows')).toBeUndefined();
  });

  test('VNC: exactly 6 letters or digits', () => {
    expect(['Abc123', 'ABCDEF', '123456', 'abcdef'].every(vncPasswordValid)).toBe(true);
    expect(['Abc12', 'Abc1234', 'Abc12!', 'Abc 12', 'Ab\u00e7123'].some(vncPasswordValid)).toBe(false);
  });

  test('salted hashes: different salts, verify only the right secret', () => {
    const a = hashSecret('Str0ng#Passw0rd');
    const b = hashSecret('Str0ng#Passw0rd');
    expect(a).not.toBe(b);
    expect(verifySecret('Str0ng#Passw0rd', a)).toBe(true);
    expect(verifySecret('Str0ng#Passw0rd', b)).toBe(true);
    expect(verifySecret('Str0ng#Passw0rD', a)).toBe(false);
    expect(verifySecret('Str0ng#Passw0rd', 'plain')).toBe(false);
    expect(verifySecret('Str0ng#Passw0rd', undefined)).toBe(false);
  });
});

const shSingle = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
const shDouble = (s: string) => `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
const psSingle = (s: string) => `'${s.replace(/'/g, "''")}'`;
const psDouble = (s: string) => `"${s.replace(/[`"$]/g, (c) => `\`${c}`)}"`;

describe('recognising password changes in scripts', () => {
  test('sh: echo / printf / here-string / here-document with any quoting give back the password', () => {
    fc.assert(
      fc.property(allowedPassword, fc.constantFrom('root', 'ecs-user', 'admin_2'), (pw, user) => {
        const line = `${user}:${pw}`;
        const scripts = [
          `echo ${shSingle(line)} | chpasswd`,
          `echo -n ${shDouble(line)} | sudo chpasswd`,
          `printf '%s\\n' ${shSingle(line)} | chpasswd`,
          `chpasswd <<< ${shSingle(line)}`,
          `set -e\nchpasswd <<'EOF'\n${line}\nEOF\necho done`,
        ];
        for (const script of scripts) expect(linuxPasswordChanges(script)).toEqual([{ user, password: pw }]);
      }),
      { numRuns: 300 },
    );
  });

  test('PowerShell: net user and Set-LocalUser with either quoting', () => {
    fc.assert(
      fc.property(allowedPassword.filter((p) => !p.startsWith('/')), (pw) => {
        expect(windowsPasswordChanges(`net user Administrator ${psSingle(pw)}`)).toEqual([{ user: 'Administrator', password: pw }]);
        expect(windowsPasswordChanges(`net user 'Administrator' ${psDouble(pw)}`)).toEqual([{ user: 'Administrator', password: pw }]);
        expect(windowsPasswordChanges(`Set-LocalUser -Name 'Administrator' -Password (ConvertTo-SecureString ${psSingle(pw)} -AsPlainText -Force)`)).toEqual([
          { user: 'Administrator', password: pw },
        ]);
      }),
      { numRuns: 300 },
    );
  });

  test('scripts that change no password are not mistaken for one', () => {
    expect(linuxPasswordChanges('uptime\ncat /etc/passwd')).toEqual([]);
    expect(linuxPasswordChanges("echo 'root:$6$abc' | chpasswd -e")).toEqual([]);
    expect(windowsPasswordChanges('net user')).toEqual([]);
    expect(windowsPasswordChanges('net user Administrator *')).toEqual([]);
    expect(windowsPasswordChanges('net user bob /delete')).toEqual([]);
  });
});
