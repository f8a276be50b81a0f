// scripts/lazy-builtins.js: which module-level requires become lazy, and that the proxy it puts
// in their place behaves as the module (named members, a namespace's default, first use loads).

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script
import { lazyBuiltins, withHelper } from '../../../scripts/lazy-builtins.js';

const rewrite = (code: string): { code: string; lazy: number } => lazyBuiltins(code) as { code: string; lazy: number };

describe('lazyBuiltins', () => {
  it('rewrites the forms esbuild emits for costly built-ins, and only those', () => {
    const src = [
      'var import_crypto = require("crypto");',
      'var zlib = __toESM(require("zlib"));',
      'var nodeCrypto = __toESM(require("node:crypto"), 1);',
      '    var childProcess = (0, import_chunk_X.__require)("child_process");',
      'var import_fs = require("fs");',
      '    var EventEmitter = (0, import_chunk_X.__require)("events").EventEmitter;',
      'var t = require("tty").isatty;',
      'var half = __toESM(require("crypto");',
      'var import_os = require("os");',
    ].join('\n');
    const { code, lazy } = rewrite(src);
    expect(lazy).toBe(4);
    expect(code.split('\n')).toEqual([
      'var import_crypto = __lazyBuiltin("crypto");',
      'var zlib = __lazyBuiltin("zlib");',
      'var nodeCrypto = __lazyBuiltin("crypto");',
      '    var childProcess = __lazyBuiltin("child_process");',
      'var import_fs = require("fs");',
      '    var EventEmitter = (0, import_chunk_X.__require)("events").EventEmitter;',
      'var t = require("tty").isatty;',
      'var half = __toESM(require("crypto");',
      'var import_os = require("os");',
    ]);
  });

  it('the proxy loads the module on first use and answers its members and a default', () => {
    const loaded: string[] = [];
    const realRequire = createRequire(import.meta.url);
    const req = (id: string) => (loaded.push(id), realRequire(id));
    const code = withHelper(`'use strict';\n${rewrite('var import_zlib = require("zlib");\nvar ns = __toESM(require("node:crypto"));').code}\nreturn { import_zlib, ns };`);
    expect(code.startsWith(`'use strict';\nfunction __lazyBuiltin(id)`)).toBe(true);
    const { import_zlib, ns } = new Function('require', code)(req) as { import_zlib: typeof import('node:zlib'); ns: { default: typeof import('node:crypto'); createHash: typeof import('node:crypto').createHash } };
    expect(loaded).toEqual([]);
    expect(import_zlib.crc32('abc')).toBe(0x352441c2);
    expect(loaded).toEqual(['zlib']);
    const sha = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(ns.default.createHash('sha256').update('abc').digest('hex')).toBe(sha);
    expect(ns.createHash('sha256').update('abc').digest('hex')).toBe(sha);
    expect(loaded).toEqual(['zlib', 'crypto']);
  });
});
