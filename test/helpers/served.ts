// Starts the built `ecs simulator serve --port 0` on a free loopback port for remote-backend
// tests and conformance tests. The server prints KEY=VALUE lines on stdout, ECS_ENDPOINT
// last, once it is listening; that line is the readiness signal.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, tempHome } from './run.js';

export interface ServedSimulator {
  /** Env that points the CLI at the server: ECS_BACKEND=remote, ECS_ENDPOINT, credentials. */
  clientEnv: NodeJS.ProcessEnv;
  port: number;
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Everything the server wrote on stderr / stdout so far. */
  stderr: () => string;
  stdout: () => string;
  child: ChildProcess;
  /** SIGTERM, wait for exit; resolves to the exit code. */
  stop: () => Promise<number | null>;
}

export interface ServeOptions {
  env: NodeJS.ProcessEnv;
  /** Extra flags, e.g. ['--throttle', '50']. */
  args?: string[];
  /** Let the server generate its credentials instead of passing a known pair. */
  generated?: boolean;
  timeoutMs?: number;
}

// Servers a test forgot to stop must not outlive the test process.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
}

export async function startServedSimulator(o: ServeOptions): Promise<ServedSimulator> {
  const env: NodeJS.ProcessEnv = { ...o.env };
  delete env.ECS_BACKEND;
  delete env.ECS_ENDPOINT;
  if (o.generated) {
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  } else {
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = `LTAItest${randomBytes(8).toString('hex')}`;
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = randomBytes(15).toString('hex');
  }
  delete env.ALIBABA_CLOUD_SECURITY_TOKEN;
  const child = spawn(process.execPath, [BIN, 'simulator', 'serve', '--port', '0', '--host', '127.0.0.1', ...(o.args ?? [])], {
    env,
    cwd: env.HOME,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const data = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ecs simulator serve did not start within ${o.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 15_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const lines = stdout.split('\n');
      const out: Record<string, string> = {};
      for (const line of lines.slice(0, -1)) {
        const i = line.indexOf('=');
        if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
        if (line.startsWith('ECS_ENDPOINT=')) {
          clearTimeout(timer);
          resolve(out);
          return;
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ecs simulator serve exited with ${code} before it was ready\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  const endpoint = data.ECS_ENDPOINT!;
  const accessKeyId = data.ALIBABA_CLOUD_ACCESS_KEY_ID!;
  const accessKeySecret = data.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? env.ALIBABA_CLOUD_ACCESS_KEY_SECRET!;
  let stopped: Promise<number | null> | undefined;
  return {
    clientEnv: {
      ECS_BACKEND: 'remote',
      ECS_ENDPOINT: endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret,
    },
    port: Number(endpoint.slice(endpoint.lastIndexOf(':') + 1)),
    endpoint,
    accessKeyId,
    accessKeySecret,
    stderr: () => stderr,
    stdout: () => stdout,
    child,
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(t);
        return code;
      })();
      return stopped;
    },
  };
}

/**
 * A served simulator in its own temporary HOME for one describe block: started in a beforeAll
 * (registered first, so the block's own beforeAll hooks can use it), stopped in an afterAll
 * that expects the server to exit 0 (unless `checkExit: false`), the HOME removed after.
 * `timeScale` is ECS_SIMULATOR_TIME_SCALE ('0' unless given; null leaves it unset).
 */
export function servedForSuite(
  prefix: string,
  o: { timeScale?: string | null; generated?: boolean; checkExit?: boolean } = {},
): { served(): ServedSimulator; env(): NodeJS.ProcessEnv } {
  let served: ServedSimulator | undefined;
  let home: ReturnType<typeof tempHome> | undefined;
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    home = tempHome(prefix);
    const timeScale = o.timeScale === undefined ? '0' : o.timeScale;
    env = { ...home.env, ECS_SIMULATOR_DIR: `${home.home}/sim`, ...(timeScale === null ? {} : { ECS_SIMULATOR_TIME_SCALE: timeScale }) };
    served = await startServedSimulator({ env, ...(o.generated ? { generated: true } : {}) });
  });
  afterAll(async () => {
    const code = await served?.stop();
    home?.cleanup();
    if (o.checkExit !== false) expect(code).toBe(0);
  });
  return {
    served: () => served!,
    env: () => env,
  };
}
