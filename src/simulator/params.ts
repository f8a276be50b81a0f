// Reading request parameters the way the real service does: from the flat wire map
// (Name.1, Parent.Child, JSON-string lists), with the real error codes for missing or
// malformed values.

import { ApiError } from '../core/errors.js';
import { nullObject } from './own.js';

export function missing(name: string): ApiError {
  return new ApiError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`, 400);
}

export function invalid(name: string, detail?: string, code = 'InvalidParameter'): ApiError {
  return new ApiError(code, detail ?? `The specified parameter "${name}" is not valid.`, 400);
}

export interface StrOpts {
  required?: boolean;
  maxLength?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
  /** Error code for a bad value, e.g. "InvalidInstanceName.Malformed". */
  code?: string;
  message?: string;
}

export class Params {
  /** The wire parameters, as a null-prototype copy: a name is only ever found as sent. */
  readonly raw: Readonly<Record<string, string>>;

  constructor(raw: Readonly<Record<string, string>>) {
    this.raw = Object.getPrototypeOf(raw) === null ? raw : Object.assign(nullObject(), raw);
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  str(name: string, o: StrOpts & { required: true }): string;
  str(name: string, o?: StrOpts): string | undefined;
  str(name: string, o: StrOpts = {}): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') {
      if (o.required) throw missing(name);
      return undefined;
    }
    const bad = () => invalid(name, o.message, o.code);
    if (o.maxLength !== undefined && v.length > o.maxLength) throw bad();
    if (o.pattern && !o.pattern.test(v)) throw bad();
    if (o.oneOf && !o.oneOf.includes(v)) throw bad();
    return v;
  }

  int(name: string, o: { required?: boolean; min?: number; max?: number; default?: number; code?: string; message?: string } = {}): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') {
      if (o.required) throw missing(name);
      return o.default;
    }
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
      throw invalid(name, o.message, o.code);
    }
    return n;
  }

  bool(name: string, dflt = false): boolean {
    const v = this.raw[name];
    if (v === undefined || v === '') return dflt;
    if (v === 'true' || v === 'True' || v === 'TRUE') return true;
    if (v === 'false' || v === 'False' || v === 'FALSE') return false;
    throw invalid(name);
  }

  /** Name.1, Name.2 … (RepeatList) in index order. */
  repeat(name: string): string[] {
    const out: [number, string][] = [];
    const prefix = `${name}.`;
    for (const [k, v] of Object.entries(this.raw)) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      if (/^\d+$/.test(rest)) out.push([Number(rest), v]);
    }
    return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** Name.1.Key, Name.1.Value … → [{Key, Value}, …] in index order. */
  objList(name: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    const prefix = `${name}.`;
    for (const [k, v] of Object.entries(this.raw)) {
      if (!k.startsWith(prefix)) continue;
      const m = /^(\d+)\.(.+)$/.exec(k.slice(prefix.length));
      if (!m) continue;
      const i = Number(m[1]);
      if (!byIndex.has(i)) byIndex.set(i, nullObject());
      byIndex.get(i)![m[2]!] = v;
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** Parent.Child … → {Child: …} */
  obj(name: string): Record<string, string> {
    const out = nullObject();
    const prefix = `${name}.`;
    for (const [k, v] of Object.entries(this.raw)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
    return out;
  }

  /** A list sent as a JSON string ('["i-1","i-2"]'), as DescribeInstances.InstanceIds is. */
  jsonList(name: string, o: { max?: number; required?: boolean } = {}): string[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') {
      if (o.required) throw missing(name);
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw invalid(name, `The specified parameter "${name}" is not a valid JSON array.`, `Invalid${name}.Malformed`);
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string' || typeof x === 'number')) {
      throw invalid(name, `The specified parameter "${name}" is not a valid JSON array of strings.`, `Invalid${name}.Malformed`);
    }
    if (o.max !== undefined && parsed.length > o.max) {
      throw invalid(name, `The specified parameter "${name}" has more than ${o.max} items.`, `Invalid${name}.Malformed`);
    }
    return parsed.map(String);
  }

  /** A map sent as a JSON string ('{"a":"b"}'), as RunCommand.Parameters is. */
  jsonObject(name: string): Record<string, unknown> | undefined {
    const v = this.raw[name];
    if (v === undefined || v === '') return undefined;
    try {
      const parsed = JSON.parse(v);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      /* fall through */
    }
    throw invalid(name, `The specified parameter "${name}" is not a valid JSON object.`);
  }
}
