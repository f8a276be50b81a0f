// Build step: Node's own modules that cost start-up time to load are loaded on first use.
//
// Measured on Node 20, one process each: crypto ~2.7 ms, child_process ~2.3 ms, tty ~1.9 ms,
// zlib ~1.5 ms (they share net and stream). A module-level `var x = require("crypto")` (also
// wrapped in __toESM, or through esbuild's __require in bundled CommonJS such as commander,
// which loads child_process only to run executable subcommands, which ecs has none of)
// becomes a proxy that requires the module when a property is first read: `ecs instance
// describe` then loads none of them. Works alike on every Node version.
//
// Used by scripts/esm-to-cjs.js for dist/*.js; run alone (`node scripts/lazy-builtins.js`)
// it rewrites the key fast path's dist/key-*.cjs, which tsup writes as CommonJS directly.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAZY_BUILTINS = new Set(['child_process', 'crypto', 'http', 'https', 'net', 'readline', 'stream', 'tty', 'zlib']);
const BUILTIN_REQUIRE =
  /^([ \t]*(?:var|const|let) [A-Za-z_$][\w$]* = )(__toESM\()?(?:require|\(0, [A-Za-z_$][\w$]*\.__require\)|__require)\("(?:node:)?([a-z_]+)"\)(?:, 1)?(\))?(;|\.[A-Za-z_$][\w$]*;)$/gm;
export const LAZY_HELPER =
  "function __lazyBuiltin(id) { let m; return new Proxy({}, { get(_t, k) { m ??= require(id); return k === 'default' ? m : m[k]; } }); }";

/** The code with its module-level requires of costly built-ins made lazy; how many were. */
export function lazyBuiltins(code) {
  let lazy = 0;
  const out = code.replace(BUILTIN_REQUIRE, (m, decl, toEsm, id, close, tail) => {
    // `var E = require("events").EventEmitter;` style (a member read at once) stays eager,
    // as does anything whose parentheses do not pair up.
    if (!LAZY_BUILTINS.has(id) || tail !== ';' || Boolean(toEsm) !== Boolean(close)) return m;
    lazy++;
    return `${decl}__lazyBuiltin(${JSON.stringify(id)});`;
  });
  return { code: out, lazy };
}

/** Insert the helper after the file's 'use strict' line(s). */
export function withHelper(code) {
  const m = /^(?:(['"])use strict\1;\n)+/.exec(code);
  const at = m ? m[0].length : 0;
  return code.slice(0, at) + LAZY_HELPER + '\n' + code.slice(at);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));
  let files = 0;
  for (const f of readdirSync(dist)) {
    if (!/^key-.*\.cjs$/.test(f)) continue;
    const file = join(dist, f);
    const { code, lazy } = lazyBuiltins(readFileSync(file, 'utf8'));
    if (lazy) writeFileSync(file, withHelper(code));
    files++;
  }
  if (files === 0) throw new Error(`no dist/key-*.cjs in ${dist}`);
}
