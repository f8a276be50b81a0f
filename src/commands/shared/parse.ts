// Small parsers for option values shared by verbs (commander argParsers throw usage errors).

/**
 * A bad option value, as commander's InvalidArgumentError (which commander recognises by
 * its code and reports as "option '--x <v>' argument 'y' is invalid. …"), defined here so
 * that verbs parsing their options do not load commander (the `ecs key` fast path).
 */
export class InvalidArgumentError extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * A text a modify verb sets (--name, --description, --hostname): an empty value is dropped on
 * the wire, so the verb would report "updated" and change nothing (issue 7 §3.6).
 */
export function nonEmpty(flag: string) {
  return (v: string): string => {
    if (v.trim() === '') throw new InvalidArgumentError(`${flag} is empty (an empty value cannot set or clear it)`);
    return v;
  };
}

export function positiveInt(flag: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}, got "${v}"`);
    }
    return n;
  };
}

export interface TagKV {
  Key: string;
  /** Absent for `--tag K` (no "="): a filter then matches by key, a new tag gets an empty value. */
  Value?: string;
}

/** --tag K=V (repeatable); `K` alone has no value. */
export function collectTag(v: string, prev: TagKV[] = []): TagKV[] {
  const i = v.indexOf('=');
  const Key = (i < 0 ? v : v.slice(0, i)).trim();
  const Value = i < 0 ? undefined : v.slice(i + 1);
  if (!Key) throw new InvalidArgumentError(`--tag needs KEY=VALUE, got "${v}"`);
  if (Key.length > 128 || /^(aliyun|acs:)/i.test(Key) || /^https?:\/\//i.test(Key)) {
    throw new InvalidArgumentError(`--tag key "${Key}" is not allowed (at most 128 characters, not starting with aliyun, acs:, http:// or https://)`);
  }
  return [...prev, Value === undefined ? { Key } : { Key, Value }];
}

export function oneOf(flag: string, values: readonly string[]) {
  return (v: string): string => {
    const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (!hit) throw new InvalidArgumentError(`${flag} must be one of ${values.join(', ')}, got "${v}"`);
    return hit;
  };
}
