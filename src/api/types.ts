// The seam between commands and backends is the ECS API itself (version 2014-05-26):
// an action name with PascalCase parameters, answered by the PascalCase response object
// or an ApiError carrying the real Code and HTTP status.
//
// Parameters are given in structured form and flattened by the shared wire encoder
// (src/api/wire.ts): arrays become Name.1, Name.2 …; objects become Parent.Child.
// Parameters that the real API takes as a JSON string (DescribeInstances.InstanceIds,
// DeleteKeyPairs.KeyPairNames, RunCommand.Parameters …) are passed by the caller as that
// JSON string, exactly as the official SDK does.

export type ApiScalar = string | number | boolean;
export type ApiValue = ApiScalar | null | undefined | ApiValue[] | { [key: string]: ApiValue };
export type ApiParams = Record<string, ApiValue>;

/** A response object: always has RequestId. */
export type ApiResponse = Record<string, any> & { RequestId?: string };

export interface CallOptions {
  /** Abort the call (Ctrl-C). */
  signal?: AbortSignal;
}

export interface EcsApi {
  readonly kind: 'simulator' | 'remote';
  /** The region requests go to unless a call sets RegionId itself. */
  readonly regionId: string;
  call<T extends ApiResponse = ApiResponse>(action: string, params?: ApiParams, opts?: CallOptions): Promise<T>;
  close?(): Promise<void>;
}
