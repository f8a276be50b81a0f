// On a terminal: confirmations default to No, "y" proceeds, passwords are prompted hidden
// and asked twice. A pseudo-terminal comes from `script` (util-linux/bsdutils): the CLI
// sees a TTY on stdin, stdout and stderr, as a user at a shell would.

import { readStoreState } from '../../src/simulator/store.js';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.js';
import { BIN } from '../helpers/run.js';
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

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run ecs in a pty; each time the output shows `when[i]`, type answers[i]. */
function inPty(args: string[], steps: [RegExp, string][]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const cmd = [process.execPath, BIN, ...args].map(shq).join(' ');
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...h.backend.env, TERM: 'dumb', COLUMNS: '200' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let step = 0;
    let seen = 0;
    const onData = (d: Buffer) => {
      out += d.toString();
      while (step < steps.length && steps[step]![0].test(out.slice(seen))) {
        seen = out.length;
        child.stdin.write(steps[step]![1]);
        step++;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pty run timed out; output so far:\n${out}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code: code ?? 1, out });
    });
  });
}

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
