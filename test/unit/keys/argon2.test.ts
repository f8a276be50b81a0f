// Argon2 for PPK v3: the native build (@node-rs/argon2) and hash-wasm's WASM build give the
// same bytes for every flavour and lane count, and the native one is used when it loads
// (ECS_ARGON2=wasm forces WASM; the PPK oracle tests check the bytes against puttygen).
import { describe, expect, it } from 'vitest';
import { argon2Implementation, argon2With, type Argon2Flavour } from '../../../src/keys/argon2.js';

const cases: [Argon2Flavour, number, number][] = [
  ['Argon2id', 1, 8192], ['Argon2id', 3, 64], ['Argon2i', 1, 64], ['Argon2i', 2, 256], ['Argon2d', 1, 64], ['Argon2d', 4, 128],
];

describe('argon2', () => {
  it('uses the native build when it loads', () => {
    expect(argon2Implementation()).toBe('native');
  });

  it.each(cases)('%s with %i lanes and %i KiB: native and WASM give the same 80 bytes', async (flavour, parallelism, memory) => {
    const p = { flavour, memory, passes: 3, parallelism, salt: Buffer.alloc(16, 2) };
    const native = await argon2With('native', p, Buffer.alloc(32, 1), 80);
    const wasm = await argon2With('wasm', p, Buffer.alloc(32, 1), 80);
    expect(native).toHaveLength(80);
    expect(native.toString('hex')).toBe(wasm.toString('hex'));
    // and a different password gives different bytes (the comparison means something)
    const other = await argon2With('native', p, Buffer.alloc(32, 3), 80);
    expect(other.equals(native)).toBe(false);
  });
});
