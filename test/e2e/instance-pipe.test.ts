// What needs a real process: `ecs instance list | head -c 1` (the reader goes away, EPIPE).
// The command-level assertions are in-process in test/commands/instance/.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.js';
import { BIN } from '../helpers/run.js';
import { harness, type Harness } from '../commands/instance/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
  await h.create(['--name', 'pipe-[1,3]', '--amount', '100']);
});
afterAll(async () => {
  await h?.cleanup();
});

describe('instance list into a pipe', () => {
  it('a reader that goes away (| head -c 1) ends the listing quietly: exit 0, no stack trace', () => {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" instance list -o json | head -c 1; echo " rc=$?"', process.execPath, BIN], { env: h.backend.env, encoding: 'utf8' });
    expect(r.stdout).toBe('[ rc=0\n');
    expect(r.stderr).toBe('');
  });
});
