// The backend a command test runs against. Command tests call testBackend() and spawn the
// CLI with the env it returns, so the same suite runs on the embedded simulator and, with
// ECS_TEST_BACKEND=remote, over the wire against `ecs simulator serve` (issue 3).

import { join } from 'node:path';
import { tempHome } from './run.js';

export interface TestBackend {
  kind: 'simulator' | 'remote';
  /** Env for spawning `ecs` (temp HOME, XDG dirs, simulator dir, time scale 0, backend selection). */
  env: NodeJS.ProcessEnv;
  /** Where the simulator keeps its state (the served one too): tests compare it before/after. */
  simulatorDir: string;
  home: string;
  cleanup: () => Promise<void>;
}

export function testBackendKind(): 'simulator' | 'remote' {
  return process.env.ECS_TEST_BACKEND === 'remote' ? 'remote' : 'simulator';
}

export async function testBackend(opts: { timeScale?: string } = {}): Promise<TestBackend> {
  const h = tempHome();
  const simulatorDir = join(h.home, 'sim');
  const env = { ...h.env, ECS_SIMULATOR_DIR: simulatorDir, ECS_SIMULATOR_TIME_SCALE: opts.timeScale ?? '0' };
  if (testBackendKind() === 'remote') {
    const { startServedSimulator } = await import('./served.js');
    const served = await startServedSimulator({ env });
    return {
      kind: 'remote',
      env: { ...env, ...served.clientEnv },
      simulatorDir,
      home: h.home,
      cleanup: async () => {
        await served.stop();
        h.cleanup();
      },
    };
  }
  return { kind: 'simulator', env, simulatorDir, home: h.home, cleanup: async () => h.cleanup() };
}
