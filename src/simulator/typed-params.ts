// A typed view of the request parameters for a handler that names its action
// (`ActionContext<'DescribeZones'>`): every parameter name it reads is checked against the
// request type (src/api/actions/), so a misspelt parameter fails to compile. The object is
// the same Params; only the names it accepts are narrowed.

import type { Params, StrOpts } from './params.js';

/** Wire names of a request type: top-level names, and Parent.Child for nested objects. */
export type ParamName<R> = {
  [K in keyof R & string]: NonNullable<R[K]> extends readonly unknown[]
    ? K
    : NonNullable<R[K]> extends object
      ? K | `${K}.${keyof NonNullable<R[K]> & string}`
      : K;
}[keyof R & string];

type IntOpts = Parameters<Params['int']>[1];

export interface TypedParams<R> {
  /** The flat wire map itself (untyped: Name.1, Parent.Child …). */
  readonly raw: Readonly<Record<string, string>>;
  has(name: ParamName<R>): boolean;
  str(name: ParamName<R>, o: StrOpts & { required: true }): string;
  str(name: ParamName<R>, o?: StrOpts): string | undefined;
  int(name: ParamName<R>, o?: IntOpts): number | undefined;
  bool(name: ParamName<R>, dflt?: boolean): boolean;
  repeat(name: ParamName<R>): string[];
  objList(name: ParamName<R>): Record<string, string>[];
  obj(name: ParamName<R>): Record<string, string>;
  jsonList(name: ParamName<R>, o?: { max?: number; required?: boolean }): string[] | undefined;
  jsonObject(name: ParamName<R>): Record<string, unknown> | undefined;
}
