// Ctrl-C during --wait, in-process: SIGINT comes from an injected emitter (RunOptions.signals),
// "exit at once" from an injected exit; the first Ctrl-C aborts the wait (exit 130, our words
// only), a second one exits at once. The pty test covers Ctrl-C at a prompt.

import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';

let b: TestBackend;
let id: string;
beforeAll(async () => {
  b = await testBackend();
  id = (await runCli(['instance', 'create', '--name', 'ctrl-c', '-o', 'ids'], { backend: b })).stdout.trim();
  expect(id).toMatch(/^i-/);
});
afterAll(async () => b?.cleanup());

describe('Ctrl-C during --wait', () => {
  it('the first aborts the wait: exit 130, "interrupted" on stderr, no stack; a second exits at once', async () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let sent = 0;
    // Waiting for a status the instance never reaches: only Ctrl-C ends it.
    const r = await runCli(['instance', 'wait', id, '--status', 'Stopped', '--wait-timeout', '600'], {
      backend: b,
      signals: signals as any,
      exit: (c) => void exits.push(c),
      onStderr: (text) => {
        // The wait has begun: Ctrl-C twice in a row (the second would end the process at once).
        if (sent === 0 && text.includes('Waiting for instance')) {
          sent++;
          setImmediate(() => {
            signals.emit('SIGINT');
            signals.emit('SIGINT');
          });
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`Waiting for instance ${id} to be Stopped ...\n\ninterrupted (press Ctrl-C again to exit at once)\n`), r.stderr).toBe(true);
    expect(r.stderr.endsWith('error: interrupted (Interrupted)\n'), r.stderr).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at |MaxListeners/);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(exits).toEqual([130]);
  });
});
