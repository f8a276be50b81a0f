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
import { lazyBuiltins, withHelper } from './lazy-builtins.js';
import { closure, packChunks } from './pack-chunks.js';

const from = new URL('../dist/esm/', import.meta.url).pathname;
const to = new URL('../dist/', import.meta.url).pathname;
mkdirSync(to, { recursive: true });
// dist/*.js are CommonJS (the key fast path's files are .cjs already).
writeFileSync(join(to, 'package.json'), '{ "type": "commonjs" }\n');
for (const f of readdirSync(to)) if (f.endsWith('.js')) rmSync(join(to, f));
const SIBLING_IMPORT = /\bimport\((["'])(\.\/[^"'\\]+\.js)\1\)/g;

// Node's costly built-ins are required on first use (scripts/lazy-builtins.js).
let n = 0;
/** name → CommonJS text, written once packed. */
const files = new Map();
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
  code = code.replace(SIBLING_IMPORT, (_m, q, p) => `Promise.resolve().then(() => require(${q}${p}${q}))`);
  const lazy = lazyBuiltins(code);
  code = lazy.code;
  if (lazy.lazy) code = withHelper(code);
  // Only files that use import.meta.url pay for the URL (pathToFileURL at load).
  if (code.includes('__importMetaUrl')) code = code.replace(/^'use strict';\n/, (s) => `${s}const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;\n`);
  files.set(f, code);
  n++;
}
if (n === 0) throw new Error(`no modules in ${from}`);
// The chunks every full-CLI command loads go into cli.js, those every simulator command
// loads into the simulator backend's file (scripts/pack-chunks.js says why and how); none
// that the completion fast path loads. ECS_BUILD_NO_PACK=1 leaves every chunk in its file.
if (process.env.ECS_BUILD_NO_PACK !== '1') {
  const source = (f) => /^\/\/ src\/(\S+)/m.exec(readFileSync(join(from, f), 'utf8'))?.[1] ?? '';
  const backend = [...files.keys()].find((f) => /^backend-[\w-]+\.js$/.test(f) && source(f) === 'simulator/backend.ts');
  // What a TAB loads (the completion fast path, src/completion/fast.ts): complete.js, the
  // completion engine it imports, and the simulator's store (its version says whether the
  // completion cache is fresh). Those chunks stay out of both packs, so a TAB answered from
  // the cache loads neither commander nor the simulator.
  const tab = new Set(
    [...files.keys()].filter((f) => f === 'complete.js' || /^complete-[\w-]+\.js$/.test(f) || /^store-[A-Z0-9]+\.js$/.test(f)).flatMap((f) => [...closure(files, f)]),
  );
  packChunks(files, ['cli.js', ...(backend ? [backend] : [])], tab);
}
for (const [f, code] of files) writeFileSync(join(to, f), code);
