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

const req = createRequire(import.meta.url);

function load() {
  lib ??= req('hash-wasm/dist/argon2.umd.min.js');
  return lib!;
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
  const n = impl === 'native' ? loadNative() : null;
  if (impl === 'native' && !n) throw new Error('the native Argon2 build does not load here');
  if (n) {
    // version 1 = Argon2 v1.3 (0x13), as PuTTY uses
    return n(password, { salt: p.salt, memoryCost: p.memory, timeCost: p.passes, parallelism: p.parallelism, outputLen: length, algorithm: ALGORITHM[p.flavour], version: 1 });
  }
  const l = load();
  const fn = p.flavour === 'Argon2id' ? l.argon2id : p.flavour === 'Argon2i' ? l.argon2i : l.argon2d;
  const out = await fn({ password, salt: p.salt, parallelism: p.parallelism, iterations: p.passes, memorySize: p.memory, hashLength: length, outputType: 'binary' });
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
    if (performance.now() - t >= ms || b > 1_000_000) return { passes: b, out };
    [a, b] = [b, a + b];
  }
}
