// The embedded backend: the simulator in-process. Parameters go through the same wire
// encoding as over HTTP, so the embedded and served simulators behave identically.

import type { ApiParams, ApiResponse, EcsApi } from '../api/types.js';
import { flattenParams } from '../api/wire.js';
import { Simulator } from './simulator.js';

export interface SimulatorBackendOptions {
  dir: string;
  regionId: string;
  env: NodeJS.ProcessEnv;
  /** --lock-timeout in ms (default: ECS_LOCK_TIMEOUT, else 60 s); see parseLockTimeout in store.ts. */
  lockTimeoutMs?: number;
}

export class SimulatorBackend implements EcsApi {
  readonly kind = 'simulator' as const;
  readonly regionId: string;
  readonly simulator: Simulator;

  constructor(opts: SimulatorBackendOptions) {
    this.regionId = opts.regionId;
    this.simulator = new Simulator({ dir: opts.dir, env: opts.env, defaultRegion: opts.regionId, lockTimeoutMs: opts.lockTimeoutMs });
  }

  async call<T extends ApiResponse = ApiResponse>(action: string, params?: ApiParams): Promise<T> {
    return (await this.simulator.dispatch(action, flattenParams(params))) as T;
  }
}
