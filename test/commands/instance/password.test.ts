// reset-password / vnc-password end to end: sources (stdin, file, --generate, no prompt
// without a terminal), local validation before any API call, offline (pending until an API
// reboot) and online (Cloud Assistant) modes, many IDs, and secrets never in logs or store.

import { readStoreState } from '../../../src/simulator/store.js';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../../../src/simulator/password.js';
import { testBackend } from '../../helpers/backend.js';
import { harness, PASSWORD, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

const NEW_PW = 'N3w!Secret-pass';
const WINDOWS_IMAGE = 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd';

/** The stored salted hash of a user's password, from the store (the simulator keeps no plaintext). */
function storedHash(id: string, user: string): string | undefined {
  return readStoreState(h.backend.simulatorDir).instances[id]?.pw?.[user];
}

describe('reset-password offline (default)', () => {
  it('sets the password through the API, pending until a reboot through the API', async () => {
    const [id] = await h.create(['--name', 'off', '--password-stdin'], PASSWORD);
    const r = await h.ecs(['instance', 'reset-password', id!, '--password-stdin'], { input: `${NEW_PW}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${id}: password of root set; takes effect after a reboot through the API (ecs instance reboot ${id})\n`);
    let d = await h.json(['instance', 'describe', id!]);
    expect(d.SimulatorExtensions.PendingChanges).toEqual(['Password']);
    expect((await h.ecs(['instance', 'describe', id!])).stdout).toMatch(/^Pending changes\tPassword \(take effect after a reboot through the API/m);
    expect(verifySecret(PASSWORD, storedHash(id!, 'root'))).toBe(true);
    expect((await h.ecs(['instance', 'reboot', id!, '--yes', '--wait'])).code).toBe(0);
    d = await h.json(['instance', 'describe', id!]);
    expect(d.SimulatorExtensions.PendingChanges).toEqual([]);
    expect(verifySecret(NEW_PW, storedHash(id!, 'root'))).toBe(true);
    expect(h.state()).not.toContain(NEW_PW);
  });

  it('--reboot --yes --wait applies it at once; --password-file; ecs-user instances set ecs-user', async () => {
    const [id] = await h.create(['--name', 'nonroot', '--login-as-non-root']);
    const file = join(h.backend.home, 'pw.txt');
    writeFileSync(file, `${NEW_PW}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    const r = await h.ecs(['instance', 'reset-password', id!, '--password-file', file, '--reboot', '--yes', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^${id}: password of ecs-user set; rebooted: in effect$`, 'm'));
    expect(r.stderr).not.toMatch(/warning/);
    expect(verifySecret(NEW_PW, storedHash(id!, 'ecs-user'))).toBe(true);
    expect((await h.json(['instance', 'describe', id!])).SimulatorExtensions.PendingChanges).toEqual([]);
  });

  it('a group/world-readable password file is used with a warning', async () => {
    const [id] = await h.create(['--name', 'warnfile']);
    const file = join(h.backend.home, 'pw-open.txt');
    writeFileSync(file, NEW_PW);
    chmodSync(file, 0o644);
    const r = await h.ecs(['instance', 'reset-password', id!, '--password-file', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*pw-open\.txt is readable by other users \(mode 644\); chmod 600 /m);
  });

  it('--generate: a strong password printed once on stdout, even for many IDs; one result line each', async () => {
    const ids = await h.create(['--name', 'gen', '--amount', '3']);
    const r = await h.ecs(['instance', 'reset-password', ...ids, '--generate']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out).toHaveLength(2);
    expect(out[1]).toBe('');
    const pw = out[0]!;
    expect(pw).toMatch(/^[A-Za-z0-9!@#%^*\-_+=.,:?]{20}$/);
    expect(/[A-Z]/.test(pw) && /[a-z]/.test(pw) && /[0-9]/.test(pw) && /[^A-Za-z0-9]/.test(pw)).toBe(true);
    expect(r.stderr.trim().split('\n').sort()).toEqual(ids.map((id) => `${id}: password of root set; takes effect after a reboot through the API (ecs instance reboot ${id})`).sort());
    expect((await h.ecs(['instance', 'reboot', ...ids, '--yes'])).code).toBe(0);
    for (const id of ids) expect(verifySecret(pw, storedHash(id, 'root'))).toBe(true);
  });

  it('many IDs with failures: bounded concurrency, one line per instance, exit 1', async () => {
    const ids = await h.create(['--name', 'mix', '--amount', '2']);
    const r = await h.ecs(['instance', 'reset-password', ids[0]!, 'i-missing0000000000000', ids[1]!, '--password-stdin', '--concurrency', '2'], { input: NEW_PW });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain(`${ids[0]}: password of root set; takes effect after a reboot through the API (ecs instance reboot ${ids[0]})`);
    expect(lines).toContain(`${ids[1]}: password of root set; takes effect after a reboot through the API (ecs instance reboot ${ids[1]})`);
    expect(lines).toContain('i-missing0000000000000: failed: instance i-missing0000000000000 does not exist in region cn-hangzhou (InvalidInstanceId.NotFound)');
    expect(lines[lines.length - 1]).toBe('error: ecs instance reset-password: 1 of 3 failed: i-missing0000000000000 (InvalidInstanceId.NotFound)');
  });

  it('Windows: Administrator; a password starting with / is refused for it (exit 2) and nothing changes', async () => {
    const [win] = await h.create(['--name', 'win', '--image', WINDOWS_IMAGE, '--type', 'ecs.g7.large', '--password-stdin'], PASSWORD);
    const before = h.state();
    const r = await h.ecs(['instance', 'reset-password', win!, '--password-stdin'], { input: '/Abcdef123' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: invalid password: a Windows password cannot start with "/" (InvalidPassword.Malformed)\n');
    expect(h.state()).toBe(before);
    const ok = await h.ecs(['instance', 'reset-password', win!, '--password-stdin'], { input: NEW_PW });
    expect(ok.stderr).toMatch(/password of Administrator set/);
  });
});

describe('reset-password online (Cloud Assistant)', () => {
  it('changes the password of the login user on a Running instance, no reboot, nothing pending', async () => {
    const [id] = await h.create(['--name', 'on']);
    const r = await h.ecs(['instance', 'reset-password', id!, '--mode', 'online', '--password-stdin'], { input: NEW_PW });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${id}: password of root changed online (no reboot needed)\n`);
    expect(verifySecret(NEW_PW, storedHash(id!, 'root'))).toBe(true);
    expect((await h.json(['instance', 'describe', id!])).SimulatorExtensions.PendingChanges).toEqual([]);
    expect(h.state()).not.toContain(NEW_PW);
  });

  it('Windows: net user through Cloud Assistant, also with a quote in the password', async () => {
    const [win] = await h.create(['--name', 'winon', '--image', WINDOWS_IMAGE, '--type', 'ecs.g7.large']);
    const pw = 'Win#Passw0rd';
    const r = await h.ecs(['instance', 'reset-password', win!, '--mode', 'online', '--password-stdin'], { input: pw });
    expect(r.code).toBe(0);
    expect(verifySecret(pw, storedHash(win!, 'Administrator'))).toBe(true);
  });

  it('a Stopped instance fails with the service\'s per-instance error; root on an ecs-user instance is refused', async () => {
    const [id] = await h.create(['--name', 'stopped']);
    await h.ecs(['instance', 'stop', id!, '--yes', '--wait']);
    let r = await h.ecs(['instance', 'reset-password', id!, '--mode', 'online', '--password-stdin'], { input: NEW_PW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: online reset failed on i-\w+ \(invocation t-\w+ Aborted: InstanceNotRunning, .*\); try --mode offline\n$/);
    const [nr] = await h.create(['--name', 'nr', '--login-as-non-root']);
    r = await h.ecs(['instance', 'reset-password', nr!, '--mode', 'online', '--user', 'root', '--password-stdin'], { input: NEW_PW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/root password cannot be reset/);
    r = await h.ecs(['instance', 'reset-password', nr!, '--mode', 'online', '--password-stdin'], { input: NEW_PW });
    expect(r.code).toBe(0);
    expect(verifySecret(NEW_PW, storedHash(nr!, 'ecs-user'))).toBe(true);
  });

  it('--debug logs the requests with the password redacted (offline and online)', async () => {
    const [id] = await h.create(['--name', 'dbg']);
    const secret = 'Dbg#Secret99x';
    for (const mode of ['offline', 'online']) {
      const r = await h.ecs(['instance', 'reset-password', id!, '--mode', mode, '--password-stdin', '--debug'], { input: secret });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(mode === 'offline' ? /ModifyInstanceAttribute/ : /RunCommand/);
      expect(r.stderr).toContain('<redacted>');
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe('reset-password / vnc-password bad input: exit 2 before any API call, store unchanged', () => {
  it('refuses weak passwords, flags in the wrong mode, argv passwords, and prompting without a terminal', async () => {
    const [id] = await h.create(['--name', 'bad']);
    const cases: [string[], string | undefined, RegExp][] = [
      [['--password-stdin'], 'short1A', /^error: invalid password: it has 7 characters; 8 to 30 are needed \(InvalidPassword\.Malformed\)$/],
      [['--password-stdin'], 'nouppercase1', /2 of the 4 character classes/],
      [['--password-stdin'], 'Has space 1A', /space not allowed/],
      [['--password-stdin'], '', /standard input was empty/],
      [['--password', 'Str0ng#Passw0rd'], undefined, /never taken on the command line/],
      [[], undefined, /no terminal to prompt for new password: use --password-stdin or --password-file FILE/],
      [['--password-stdin', '--generate'], 'x', /choose one of/],
      [['--mode', 'online', '--reboot', '--yes', '--generate'], undefined, /--reboot is for --mode offline/],
      [['--user', 'admin', '--generate'], undefined, /--user is for --mode online/],
      [['--mode', 'sideways', '--generate'], undefined, /argument 'sideways' is invalid/],
      [['--password-file', '/nonexistent/pw'], undefined, /--password-file \/nonexistent\/pw: no such file/],
    ];
    for (const [args, input, msg] of cases) {
      const before = h.state();
      const r = await h.ecs(['instance', 'reset-password', id!, ...args], { input });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(msg);
      expect(h.state()).toBe(before);
    }
  });

  it('vnc-password: exactly 6 letters/digits, pending until an API reboot', async () => {
    const [id] = await h.create(['--name', 'vnc']);
    for (const bad of ['12345', '1234567', 'abc12!']) {
      const before = h.state();
      const r = await h.ecs(['instance', 'vnc-password', id!, '--password-stdin'], { input: bad });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: invalid VNC password: exactly 6 letters or digits are needed.*\(IncorrectVncPassword\.Malformed\)\n$/);
      expect(h.state()).toBe(before);
    }
    const r = await h.ecs(['instance', 'vnc-password', id!, '--password-stdin'], { input: 'Ab12cd\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/takes effect after a reboot through the API/);
    expect((await h.json(['instance', 'describe', id!])).SimulatorExtensions.PendingChanges).toEqual(['VncPassword']);
    await h.ecs(['instance', 'reboot', id!, '--yes']);
    expect((await h.json(['instance', 'describe', id!])).SimulatorExtensions.PendingChanges).toEqual([]);
    const g = await h.ecs(['instance', 'vnc-password', id!, '--generate']);
    expect(g.stdout).toMatch(/^[A-Za-z0-9]{6}\n$/);
    const missing = await h.ecs(['instance', 'vnc-password', 'i-missing0000000000000', '--password-stdin'], { input: 'Ab12cd' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/InvalidInstanceId\.NotFound/);
  });
});
