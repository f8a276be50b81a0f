// Build step: the split ES-module build (dist/esm/, from tsup) rewritten as CommonJS files in
// dist/ with the same names, which bin/ecs.js require()s.
//
// Why: Node 20's ES-module loader costs about 0.5 ms per module to resolve (a realpath and a
// stat each) and translate, and a command loads ~45 of them (`ecs region list`: ~38 ms of
// ESM machinery in a profile; the same chunks as CommonJS run ~14 ms faster). esbuild cannot
// split CommonJS output, so the chunks it splits as ES modules are converted one by one:
// import/export become require/exports (esbuild's transform, no down-levelling), import() of
// a sibling chunk becomes a require() in a promise, and import.meta.url is the file's URL.
// Packages that are ES modules only (chalk, ora, yaml, @inquirer …) are import()ed in the
// sources, and import() stays import() for them.
import { transformSync } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = new URL('../dist/esm/', import.meta.url).pathname;
const to = new URL('../dist/', import.meta.url).pathname;
mkdirSync(to, { recursive: true });
// dist/*.js are CommonJS (the key fast path's files are .cjs already).
writeFileSync(join(to, 'package.json'), '{ "type": "commonjs" }\n');
for (const f of readdirSync(to)) if (f.endsWith('.js')) rmSync(join(to, f));
const SIBLING_IMPORT = /\bimport\((["'])(\.\/[^"'\\]+\.js)\1\)/g;

// Node's own modules that cost start-up time to load (measured on Node 20, one process each:
// crypto ~2.7 ms, child_process ~2.3 ms, tty ~1.9 ms, zlib ~1.5 ms; they share net and
// stream) are loaded on first use instead: a module-level `var x = require("crypto")` (also
// wrapped in __toESM, or through esbuild's __require in bundled CommonJS such as commander,
// which loads child_process only to run executable subcommands, which ecs has none of)
// becomes a proxy that requires the module when a property is first read. `ecs instance
// describe` then loads none of them. Works alike on every Node version.
const LAZY_BUILTINS = new Set(['child_process', 'crypto', 'http', 'https', 'net', 'readline', 'stream', 'tty', 'zlib']);
const BUILTIN_REQUIRE = /^([ \t]*(?:var|const|let) [A-Za-z_$][\w$]* = )(?:__toESM\()?(?:require|\(0, [A-Za-z_$][\w$]*\.__require\)|__require)\("(?:node:)?([a-z_]+)"\)\)?(;|\.[A-Za-z_$][\w$]*;)$/gm;
const LAZY_HELPER =
  "function __lazyBuiltin(id) { let m; return new Proxy({}, { get(_t, k) { m ??= require(id); return k === 'default' ? m : m[k]; } }); }";

let n = 0;
for (const f of readdirSync(from)) {
  if (!f.endsWith('.js')) continue;
  let { code } = transformSync(readFileSync(join(from, f), 'utf8'), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    define: { 'import.meta.url': '__importMetaUrl' },
    // ES modules are strict; these files must stay so.
    banner: "'use strict';",
    logLevel: 'error',
  });
  let lazy = 0;
  code = code.replace(SIBLING_IMPORT, (_m, q, p) => `Promise.resolve().then(() => require(${q}${p}${q}))`);
  code = code.replace(BUILTIN_REQUIRE, (m, decl, id, tail) => {
    if (!LAZY_BUILTINS.has(id)) return m;
    lazy++;
    // `var E = require("events").EventEmitter;` style: a member read at once stays eager.
    return tail === ';' ? `${decl}__lazyBuiltin(${JSON.stringify(id)});` : m;
  });
  // Only files that use import.meta.url pay for the URL (pathToFileURL at load).
  const head = [
    code.includes('__importMetaUrl') ? "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" : '',
    lazy ? LAZY_HELPER : '',
  ].filter(Boolean).join('\n');
  if (head) code = code.replace(/^'use strict';\n/, (s) => `${s}${head}\n`);
  writeFileSync(join(to, f), code);
  n++;
}
if (n === 0) throw new Error(`no modules in ${from}`);
