// Argon2 (id/i/d, v1.3) for PPK v3. The native build of @node-rs/argon2 (its Linux, macOS
// and Windows binaries ship inside registry packages, as optional dependencies) is used
// when it loads: about 6× faster than WASM, which matters because puttygen calibrates its
// passes to 100 ms of native hashing. Otherwise hash-wasm's WASM build (only its argon2
// bundle: about 3 ms to load instead of 30 for the full index). Both give the same bytes
// (test/unit/keys/argon2.test.ts). ECS_ARGON2=wasm forces the WASM build.

import { createRequire } from 'node:module';

export type Argon2Flavour = 'Argon2id' | 'Argon2i' | 'Argon2d';

export interface Argon2Params {
  flavour: Argon2Flavour;
  /** KiB */
  memory: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
}

type HashFn = (o: { password: Uint8Array; salt: Uint8Array; parallelism: number; iterations: number; memorySize: number; hashLength: number; outputType: 'binary' }) => Promise<Uint8Array>;
type NativeFn = (password: Uint8Array, o: { salt: Uint8Array; memoryCost: number; timeCost: number; parallelism: number; outputLen: number; algorithm: number; version: number }) => Buffer;
let lib: { argon2id: HashFn; argon2i: HashFn; argon2d: HashFn } | undefined;
let native: NativeFn | null | undefined;

// Made on first use: the unencrypted key paths never hash (createRequire costs ~0.2 ms).
let requireHere: NodeJS.Require | undefined;
const req = (id: string): unknown => (requireHere ??= createRequire(import.meta.url))(id);

function load() {
  lib ??= req('hash-wasm/dist/argon2.umd.min.js') as typeof lib;
  return lib!;
}

/**
 * What we agree to compute, on read (a PPK names its own parameters: "Argon2-Passes:
 * 100000000" would run for days) and on write alike, so that every PPK we write can be read.
 * Memory: 1 GiB (hash-wasm cannot allocate 2 GiB); work (passes × memory) at most 16 GiB,
 * about 16 s natively: 2,048 passes at puttygen's default 8 MiB (a key calibrated to a full
 * second of hashing still fits), 16 passes at 1 GiB.
 */
export const ARGON2_LIMITS = { maxMemoryKiB: 1024 * 1024, maxPasses: 1_000_000, maxParallelism: 255, maxWorkKiB: 16 * 1024 * 1024 } as const;

/** Why these parameters are refused, or undefined when they are within ARGON2_LIMITS. */
export function argon2ParamsProblem(p: Pick<Argon2Params, 'memory' | 'passes' | 'parallelism'>): string | undefined {
  const L = ARGON2_LIMITS;
  if (!Number.isSafeInteger(p.parallelism) || p.parallelism < 1 || p.parallelism > L.maxParallelism) return `Argon2 parallelism ${p.parallelism} is outside 1–${L.maxParallelism}`;
  if (!Number.isSafeInteger(p.memory) || p.memory < 8 * p.parallelism) return `Argon2 memory ${p.memory} KiB is below 8 KiB per lane`;
  if (p.memory > L.maxMemoryKiB) return `Argon2 memory ${p.memory} KiB is above the ${L.maxMemoryKiB} KiB (1 GiB) limit`;
  if (!Number.isSafeInteger(p.passes) || p.passes < 1 || p.passes > L.maxPasses) return `Argon2 passes ${p.passes} is outside 1–${L.maxPasses}`;
  if (p.passes * p.memory > L.maxWorkKiB) {
    return `Argon2 work of ${p.passes} passes × ${p.memory} KiB is above the limit of ${L.maxWorkKiB / 1024 / 1024} GiB in all (at ${p.memory} KiB: at most ${Math.floor(L.maxWorkKiB / p.memory)} passes)`;
  }
  return undefined;
}

/** Argon2 parameters outside ARGON2_LIMITS, or a hash the WASM build cannot run. */
export class Argon2LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Argon2LimitError';
  }
}

/** The native hashRawSync, or null when it does not load here (or ECS_ARGON2=wasm). */
function loadNative(): NativeFn | null {
  if (native === undefined) {
    native = null;
    if (process.env.ECS_ARGON2 !== 'wasm') {
      try {
        native = (req('@node-rs/argon2') as { hashRawSync: NativeFn }).hashRawSync;
      } catch {
        native = null;
      }
    }
  }
  return native;
}

/** Which implementation argon2() uses in this process. */
export function argon2Implementation(): 'native' | 'wasm' {
  return loadNative() ? 'native' : 'wasm';
}

const ALGORITHM: Record<Argon2Flavour, number> = { Argon2d: 0, Argon2i: 1, Argon2id: 2 };

export async function argon2(p: Argon2Params, password: Buffer, length: number): Promise<Buffer> {
  return argon2With(argon2Implementation(), p, password, length);
}

/** argon2() with the implementation chosen by the caller (tests compare the two). */
export async function argon2With(impl: 'native' | 'wasm', p: Argon2Params, password: Buffer, length: number): Promise<Buffer> {
  // The limits first: a PPK chooses its own cost, and the native build runs synchronously.
  const problem = argon2ParamsProblem(p);
  if (problem) throw new Argon2LimitError(problem);
  const n = impl === 'native' ? loadNative() : null;
  if (impl === 'native' && !n) throw new Error('the native Argon2 build does not load here');
  if (n) {
    try {
      // version 1 = Argon2 v1.3 (0x13), as PuTTY uses
      return n(password, { salt: p.salt, memoryCost: p.memory, timeCost: p.passes, parallelism: p.parallelism, outputLen: length, algorithm: ALGORITHM[p.flavour], version: 1 });
    } catch (e) {
      throw new Argon2LimitError(`Argon2 with ${p.memory} KiB of memory failed: ${(e as Error).message}`);
    }
  }
  const l = load();
  const fn = p.flavour === 'Argon2id' ? l.argon2id : p.flavour === 'Argon2i' ? l.argon2i : l.argon2d;
  let out: Uint8Array;
  try {
    out = await fn({ password, salt: p.salt, parallelism: p.parallelism, iterations: p.passes, memorySize: p.memory, hashLength: length, outputType: 'binary' });
  } catch (e) {
    // e.g. "Invalid typed array length" when the memory cannot be allocated
    throw new Argon2LimitError(`Argon2 with ${p.memory} KiB of memory failed: ${(e as Error).message}`);
  }
  return Buffer.from(out);
}

/**
 * puttygen's automatic choice of passes (argon2_choose_passes): try the Fibonacci numbers
 * 1, 2, 3, 5, 8, … and keep the first whose run takes at least `ms` milliseconds. The last
 * run used the real password and salt, so its output is returned too (no extra run).
 */
export async function argon2Calibrated(p: Omit<Argon2Params, 'passes'>, password: Buffer, length: number, ms = 100): Promise<{ passes: number; out: Buffer }> {
  // An untimed first run loads the library (compiles the WASM) and touches the memory, so that cold-start cost
  // does not count as hashing time (on a busy machine it would otherwise pick 1 pass).
  await argon2({ ...p, passes: 1 }, password, length);
  let a = 1;
  let b = 1;
  for (;;) {
    const t = performance.now();
    const out = await argon2({ ...p, passes: b }, password, length);
    if (performance.now() - t >= ms || (a + b) * p.memory > ARGON2_LIMITS.maxWorkKiB) return { passes: b, out };
    [a, b] = [b, a + b];
  }
}
