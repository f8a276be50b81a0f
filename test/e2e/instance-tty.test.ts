// On a terminal: confirmations default to No, "y" proceeds, passwords are prompted hidden
// and asked twice. A pseudo-terminal comes from `script` (util-linux/bsdutils): the CLI
// sees a TTY on stdin, stdout and stderr, as a user at a shell would.

import { readStoreState } from '../../src/simulator/store.js';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.js';
import { runInPty } from '../helpers/pty.js';
import { harness, type Harness } from '../commands/instance/helpers.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript && process.env.CI === 'true') throw new Error('the `script` command (util-linux/bsdutils) is needed for the TTY tests');
const maybe = hasScript ? describe : describe.skip;
if (!hasScript) console.warn('skipping TTY tests: `script` (util-linux/bsdutils) is not installed');

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

/** Run ecs in a pty; each time the output shows steps[i][0], type steps[i][1]. */
const inPty = (args: string[], steps: [RegExp, string][]) => runInPty(args, steps, { env: { ...h.backend.env, TERM: 'dumb', COLUMNS: '200' } });

maybe('on a terminal', () => {
  it('stop asks first; Enter means No: nothing changes, exit 1', async () => {
    const [id] = await h.create(['--name', 'tty-no']);
    const before = h.state();
    const r = await inPty(['instance', 'stop', id!], [[/\(y\/N/, '\r']]);
    expect(r.out).toMatch(/Stop instance i-\w+\? Services on it will be interrupted/);
    expect(r.out).toMatch(/aborted: nothing was changed/);
    expect(r.code).toBe(1);
    expect(h.state()).toBe(before);
  });

  it('delete: "n" keeps the instance; "y" releases it', async () => {
    const [id] = await h.create(['--name', 'tty-yes']);
    await h.ecs(['instance', 'stop', id!, '--yes', '--wait']);
    let r = await inPty(['instance', 'delete', id!], [[/\(y\/N/, 'n\r']]);
    expect(r.code).toBe(1);
    expect((await h.json(['instance', 'list', id!])).length).toBe(1);
    r = await inPty(['instance', 'delete', id!, '--wait'], [[/\(y\/N/, 'y\r']]);
    expect(r.code).toBe(0);
    expect((await h.json(['instance', 'list', id!])).length).toBe(0);
  });

  it('reset-password prompts hidden, twice; a mismatch changes nothing', async () => {
    const [id] = await h.create(['--name', 'tty-pw']);
    const pw = 'Tty#Passw0rd1';
    const before = h.state();
    let r = await inPty(['instance', 'reset-password', id!], [[/New password:/, `${pw}\r`], [/Repeat to confirm:/, 'Other#Passw0rd1\r']]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/the two entries do not match; nothing was changed/);
    expect(h.state()).toBe(before);
    r = await inPty(['instance', 'reset-password', id!], [[/New password:/, `${pw}\r`], [/Repeat to confirm:/, `${pw}\r`]]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/password of root set/);
    expect(r.out).not.toContain(pw); // never echoed
    expect((await h.json(['instance', 'describe', id!])).SimulatorExtensions.PendingChanges).toEqual(['Password']);
  });

  it('a weak password is refused at the first entry, before "Repeat to confirm" (issue 7 §1.9)', async () => {
    const [id] = await h.create(['--name', 'tty-weak']);
    const before = h.state();
    const r = await inPty(['instance', 'reset-password', id!], [[/New password:/, 'weak\r'], [/Repeat to confirm:/, 'weak\r']]);
    expect(r.code).toBe(2);
    expect(r.answered).toBe(1);
    expect(r.out).not.toMatch(/Repeat to confirm/);
    expect(r.out).toMatch(/error: invalid password: it has 4 characters.*\(InvalidPassword\.Malformed\)/);
    expect(h.state()).toBe(before);
  });

  it('Ctrl-C at a prompt exits 130 with our words only (no prompt-library text), nothing changed', async () => {
    const [id] = await h.create(['--name', 'tty-ctrl-c']);
    const before = h.state();
    for (const [args, prompt] of [
      [['instance', 'stop', id!], /\(y\/N/],
      [['instance', 'reset-password', id!], /New password:/],
    ] as [string[], RegExp][]) {
      const r = await inPty(args, [[prompt, '\x03']]);
      expect(r.code, r.out).toBe(130);
      expect(r.out).toMatch(/interrupted: nothing was changed/);
      expect(r.out).not.toMatch(/force closed|ExitPromptError|SIGINT|\n\s+at /);
      expect(h.state()).toBe(before);
    }
  });

  it('--no-color: the prompt has no colour, as with NO_COLOR (with TERM=xterm it would)', async () => {
    const [id] = await h.create(['--name', 'tty-colour']);
    const colour = /\x1b\[(3[0-7]|9[0-7]|39)m/;
    const env = { ...h.backend.env, TERM: 'xterm', COLUMNS: '200' };
    const coloured = await runInPty(['instance', 'stop', id!], [[/\(y\/N/, 'n\r']], { env });
    expect(coloured.out).toMatch(colour);
    for (const [args, extra] of [
      [['instance', 'stop', id!, '--no-color'], {}],
      [['instance', 'stop', id!], { NO_COLOR: '1' }],
    ] as [string[], NodeJS.ProcessEnv][]) {
      const r = await runInPty(args, [[/\(y\/N/, 'n\r']], { env: { ...env, ...extra } });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/Stop instance i-\w+\?/);
      expect(r.out).not.toMatch(colour);
    }
  });

  it('create --password prompts twice; reset-password --reboot asks first, then prompts', async () => {
    const pw = 'Cr8#Passw0rd';
    let r = await inPty(['instance', 'create', '--name', 'tty-create', '--password', '-o', 'ids'], [[/Instance password:/, `${pw}\r`], [/Repeat to confirm:/, `${pw}\r`]]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(pw);
    const id = /i-[a-z0-9]{20}/.exec(r.out)![0];
    expect(readStoreState(h.backend.simulatorDir).instances[id]).toBeDefined();
    r = await inPty(['instance', 'reset-password', id, '--reboot', '--wait'], [[/\(y\/N/, 'y\r'], [/New password:/, `${pw}\r`], [/Repeat to confirm:/, `${pw}\r`]]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Set a new password and reboot instance i-\w+\?/);
    expect(r.out).toMatch(/password of root set; rebooted: in effect/);
    expect((await h.json(['instance', 'describe', id])).SimulatorExtensions.PendingChanges).toEqual([]);
  });
});
