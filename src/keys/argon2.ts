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

export async function argon2(p: Argon2Params, password: Buffer, length: number): Promise<Buffer> {
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
  // An untimed first run compiles the WASM and touches the memory, so that cold-start cost
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
