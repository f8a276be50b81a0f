// Starts `ecs simulator serve` on a free loopback port for remote-backend tests (issue 3).
export interface ServedSimulator {
  /** Env that points the CLI at the server: ECS_BACKEND=remote, ECS_ENDPOINT, credentials. */
  clientEnv: NodeJS.ProcessEnv;
  port: number;
  stop: () => Promise<void>;
}

export async function startServedSimulator(_o: { env: NodeJS.ProcessEnv }): Promise<ServedSimulator> {
  throw new Error('served simulator harness not written yet (issue 3)');
}
