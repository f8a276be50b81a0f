// Lookups by untrusted strings (IDs, names, tag keys, setting keys, action names) in plain
// objects. `coll[id]` with id "__proto__", "constructor", "toString" … returns an inherited
// value (Object.prototype, a function) instead of "not found", and a write through it pollutes
// Object.prototype for the whole process. Every lookup of a state collection by a request's
// value goes through own(); every object built from request keys is nullObject().
//
// New action modules: use own(state.<collection>, id) / hasOwn(...) for every by-ID read, never
// state.<collection>[id].

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** The collection's own entry for `key`, or undefined (never an inherited property). */
export function own<T>(coll: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return coll != null && hasOwnProperty.call(coll, key) ? coll[key] : undefined;
}

/** Whether `key` is an own entry of the collection. */
export function hasOwn(coll: object | null | undefined, key: string): boolean {
  return coll != null && hasOwnProperty.call(coll, key);
}

/** An object without a prototype, for maps keyed by request-supplied strings. */
export function nullObject<T = string>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
