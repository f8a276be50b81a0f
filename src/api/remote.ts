// RemoteBackend: signed RPC to the real ECS OpenAPI (issue 3 fills this in).
import type { ResolvedConfig } from '../core/config.js';
import { CliError } from '../core/errors.js';
import type { ApiParams, ApiResponse, EcsApi } from './types.js';

export interface RemoteBackendOptions {
  config: ResolvedConfig;
  env: NodeJS.ProcessEnv;
  debug?: (line: string) => void;
  signal?: AbortSignal;
}

export class RemoteBackend implements EcsApi {
  readonly kind = 'remote' as const;
  readonly regionId: string;
  constructor(private readonly opts: RemoteBackendOptions) {
    this.regionId = opts.config.region;
  }
  async call<T extends ApiResponse = ApiResponse>(action: string, _params?: ApiParams): Promise<T> {
    throw new CliError(`remote backend not implemented yet (${action})`);
  }
}
