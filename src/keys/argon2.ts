// Argon2 (id/i/d, v1.3) for PPK v3 through hash-wasm's WASM build. Only hash-wasm's argon2
// bundle is loaded (about 3 ms) instead of its full index (about 30 ms).

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
let lib: { argon2id: HashFn; argon2i: HashFn; argon2d: HashFn } | undefined;

function load() {
  lib ??= createRequire(import.meta.url)('hash-wasm/dist/argon2.umd.min.js');
  return lib!;
}

/**
 * What we agree to compute, on read (a PPK names its own parameters: "Argon2-Passes:
 * 100000000" would run for days) and on write alike, so that every PPK we write can be read.
 * Memory: 1 GiB (hash-wasm cannot allocate 2 GiB); work (passes × memory) at most 4 GiB,
 * a few seconds: 512 passes at puttygen's default 8 MiB, 4 passes at 1 GiB.
 */
export const ARGON2_LIMITS = { maxMemoryKiB: 1024 * 1024, maxPasses: 1_000_000, maxParallelism: 255, maxWorkKiB: 4 * 1024 * 1024 } as const;

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

export async function argon2(p: Argon2Params, password: Buffer, length: number): Promise<Buffer> {
  const problem = argon2ParamsProblem(p);
  if (problem) throw new Argon2LimitError(problem);
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
  // An untimed first run compiles the WASM and touches the memory, so that cold-start cost
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
