// The seam between commands and backends is the ECS API itself (version 2014-05-26):
// an action name with PascalCase parameters, answered by the PascalCase response object
// or an ApiError carrying the real Code and HTTP status.
//
// Parameters are given in structured form and flattened by the shared wire encoder
// (src/api/wire.ts): arrays become Name.1, Name.2 …; objects become Parent.Child.
// Parameters that the real API takes as a JSON string (DescribeInstances.InstanceIds,
// DeleteKeyPairs.KeyPairNames, RunCommand.Parameters …) are passed by the caller as that
// JSON string, exactly as the official SDK does.

import type { ActionName, RequestOf, ResponseOf } from './actions/index.js';

export type ApiScalar = string | number | boolean;
export type ApiValue = ApiScalar | null | undefined | ApiValue[] | { [key: string]: ApiValue };
/**
 * Parameters in structured form. Typed request interfaces (src/api/actions/) have no index
 * signature, so the wire layer accepts any object and reads its own properties.
 */
export type ApiParams = { readonly [key: string]: ApiValue } | object;

/** A response object: always has RequestId. */
export type ApiResponse = Record<string, any> & { RequestId?: string };

export interface CallOptions {
  /** Abort the call (Ctrl-C). */
  signal?: AbortSignal;
}

/**
 * What commands see. `call` is typed by the action map (src/api/actions/): a misspelt
 * action, parameter or response field fails to compile. The backends implement it with a
 * wide signature (any action name, any parameters) so the wire stays the wire.
 */
export interface EcsApi {
  readonly kind: 'simulator' | 'remote';
  /** The region requests go to unless a call sets RegionId itself. */
  readonly regionId: string;
  call<A extends ActionName>(action: A, params: RequestOf<A>, opts?: CallOptions): Promise<ResponseOf<A>>;
  close?(): Promise<void>;
}

/** A backend's own, untyped entry (tests of unknown actions, the served simulator). */
export interface RawApi {
  call(action: string, params?: object, opts?: CallOptions): Promise<ApiResponse>;
}
