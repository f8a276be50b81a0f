// Parallel writers need processes: 8 `ecs simulator advance` processes at a time against one
// store. The rest of `ecs simulator` is tested in-process in test/commands/simulator.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, testBackendKind, type TestBackend } from '../helpers/backend.js';
import { runEcs } from '../helpers/run.js';
import { Store } from '../../src/simulator/store.js';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(async () => b.cleanup());

const ecs = (args: string[]) => runEcs(args, { env: b.env });
const state = () => new Store(b.simulatorDir).read();

describe('ecs simulator, parallel processes', () => {
  // The simulator verbs open the store directly (never the API), so the remote run would repeat this one as is.
  it.skipIf(testBackendKind() === 'remote')('8 parallel processes × 25 `simulator advance 1` lose no update', async () => {
    const loop = async () => {
      for (let i = 0; i < 25; i++) {
        const r = await ecs(['simulator', 'advance', '1']);
        expect(r.code, r.stderr).toBe(0);
      }
    };
    await Promise.all(Array.from({ length: 8 }, loop));
    expect(state().clockOffsetMs).toBe(200_000);
    expect(existsSync(join(b.simulatorDir, 'state.lock'))).toBe(false);
  }, 120_000);
});
