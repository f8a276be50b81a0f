// Colour (issue 7 §1.8, §1.12), in-process: statuses coloured in tables on a terminal; never
// in a pipe; NO_COLOR, --no-color and FORCE_COLOR honoured; the spinner's symbols and the
// prompts plain with --no-color as with NO_COLOR.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourAllowed, promptTheme, statusStyle, tableCellPainter } from '../../src/core/colour.js';
import type { IO } from '../../src/core/io.js';
import { renderTable } from '../../src/core/output.js';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';

const SGR = /\x1b\[\d+(;\d+)*m/;
const GREEN = (s: string) => `\x1b[32m${s}\x1b[39m`;
const RED = (s: string) => `\x1b[31m${s}\x1b[39m`;

describe('colour decisions', () => {
  it('per stream: a terminal yes; a pipe no; NO_COLOR, --no-color and TERM=dumb off; FORCE_COLOR on (FORCE_COLOR=0 off)', () => {
    expect(colourAllowed({}, true)).toBe(true);
    expect(colourAllowed({}, false)).toBe(false);
    expect(colourAllowed({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourAllowed({ NO_COLOR: '' }, true)).toBe(true);
    expect(colourAllowed({}, true, true)).toBe(false);
    expect(colourAllowed({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourAllowed({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourAllowed({ FORCE_COLOR: '1', TERM: 'dumb' }, false)).toBe(true);
    expect(colourAllowed({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourAllowed({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(false);
    expect(colourAllowed({ FORCE_COLOR: '1' }, true, true)).toBe(false);
  });

  it('status words and their colours (case-insensitive; unknown words and prototype keys plain)', () => {
    expect(['Running', 'Stopped', 'Pending', 'Starting', 'Stopping', 'Deleted', 'released', 'failed', 'Available'].map(statusStyle)).toEqual([
      'green', 'red', 'yellow', 'yellow', 'yellow', 'gray', 'gray', 'red', 'green',
    ]);
    for (const w of ['Whatever', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) expect(statusStyle(w)).toBeUndefined();
  });

  it('the table hook colours status cells after measuring, so columns stay aligned', async () => {
    const io = { colorOut: true } as IO;
    const paint = await tableCellPainter(io);
    const spec = { columns: [{ header: 'id', get: 'Id' }, { header: 'status', get: 'Status' }, { header: 'name', get: 'Name' }] };
    const rows = [{ Id: 'i-1', Status: 'Running', Name: 'a' }, { Id: 'i-22', Status: 'Stopped', Name: 'b' }, { Id: 'i-3', Status: 'Odd', Name: 'c' }];
    expect(renderTable(rows, spec, true, paint)).toBe(
      `ID     STATUS    NAME\ni-1    ${GREEN('Running')}   a\ni-22   ${RED('Stopped')}   b\ni-3    Odd       c\n`,
    );
    expect(await tableCellPainter({ colorOut: false } as IO)).toBeUndefined();
  });

  it('prompts get plain styles without colour on stderr', () => {
    const theme = promptTheme({ color: false, colorErr: false } as IO) as any;
    expect(theme.prefix).toEqual({ idle: '?', done: '✔' });
    expect(theme.style.answer('x')).toBe('x');
    expect(promptTheme({ color: true, colorErr: true } as IO)).toBeUndefined();
  });
});

describe('colour in commands', () => {
  let b: TestBackend;
  let running: string;
  let stopped: string;
  beforeAll(async () => {
    b = await testBackend();
    running = (await runCli(['instance', 'create', '--name', 'col-run', '-o', 'ids'], { backend: b })).stdout.trim();
    stopped = (await runCli(['instance', 'create', '--name', 'col-stop', '-o', 'ids'], { backend: b })).stdout.trim();
    expect((await runCli(['instance', 'stop', stopped, '--yes', '--wait'], { backend: b })).code).toBe(0);
  });
  afterAll(async () => b?.cleanup());

  const list = (o: { tty: boolean; env?: NodeJS.ProcessEnv; args?: string[] }) =>
    runCli(['instance', 'list', running, stopped, ...(o.args ?? [])], { backend: b, tty: o.tty, env: o.env, columns: 200 });

  it('on a terminal: Running green, Stopped red; the rest of the table plain', async () => {
    const r = await list({ tty: true });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).not.toMatch(SGR);
    expect(lines.find((l) => l.startsWith(running))).toContain(GREEN('Running'));
    expect(lines.find((l) => l.startsWith(stopped))).toContain(RED('Stopped'));
    expect(r.stdout.replace(new RegExp(SGR.source, 'g'), '')).not.toMatch(SGR);
  });

  it('never in a pipe (even with FORCE_COLOR, the pipe gets TSV); never with NO_COLOR or --no-color on a terminal', async () => {
    for (const r of [
      await list({ tty: false }),
      await list({ tty: false, env: { FORCE_COLOR: '1' } }),
      await list({ tty: true, env: { NO_COLOR: '1' } }),
      await list({ tty: true, args: ['--no-color'] }),
      await list({ tty: true, env: { FORCE_COLOR: '0' } }),
    ]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Running');
      expect(r.stdout + r.stderr).not.toMatch(SGR);
    }
  });

  it('--no-color: the spinner ends with a plain ✔ (as with NO_COLOR), not a green one', async () => {
    const [id] = [(await runCli(['instance', 'create', '--name', 'col-spin', '-o', 'ids'], { backend: b })).stdout.trim()];
    const r = await runCli(['instance', 'stop', id!, '--yes', '--wait', '--no-color'], { backend: b, tty: true, spinner: true, columns: 100 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('✔');
    expect(r.stderr).not.toMatch(SGR);
  });

  // The prompts' plain theme on a real terminal: test/e2e/instance-tty.test.ts.
});
