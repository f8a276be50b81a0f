// In-process SimulatorServer on a free loopback port, with a temp state dir (unit tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatorServer, type Faults, type ServerOptions } from '../../../src/simulator/server.js';

export const AK = 'LTAItestkey';
export const SK = 'testsecret123';

export async function startServer(faults: Faults = {}, extraEnv: NodeJS.ProcessEnv = {}, extra: Pick<ServerOptions, 'now' | 'random'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-srv-'));
  const logs: string[] = [];
  const server = new SimulatorServer({
    dir,
    env: { ECS_SIMULATOR_TIME_SCALE: '0', ...extraEnv },
    host: '127.0.0.1',
    port: 0,
    credentials: { accessKeyId: AK, accessKeySecret: SK },
    faults,
    log: (l) => logs.push(l),
    ...extra,
  });
  const addr = await server.listen();
  return {
    server,
    dir,
    port: addr.port,
    endpoint: `127.0.0.1:${addr.port}`,
    logs,
    async stop() {
      await server.close(1000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
