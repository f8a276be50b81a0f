// Build step (after scripts/esm-to-cjs.js has the CommonJS text of every dist/*.js file):
// pack the chunks a host file always loads into the host file itself.
//
// Why: esbuild's code splitting makes many small shared chunks (a verb's module loads ~40
// files), and Node's CommonJS loader costs ~0.1 ms per file beyond compiling it (resolve,
// stat, realpath, read, wrap). A host's static closure is loaded whenever the host is, so
// its members can live in the host file as functions run on first require.
//
// How: the host file starts with a small loader (a Map of name → factory); each packed
// chunk's code becomes a factory `(module, exports, require, __filename, __dirname)` whose
// `require` answers packed names from the Map and anything else with the real require. The
// packed chunk's own file stays as a two-line stub that requires the host and hands out the
// same exports, so every other file that requires the chunk (a verb loaded later) gets the
// one instance: module identity (instanceof, shared state) is kept.
//
// Hosts: cli.js (every full-CLI command) and the embedded simulator's backend (every
// simulator command). A chunk that the completion fast path (complete.js) loads is packed
// nowhere, so a TAB never loads the CLI's pack.

const STATIC = /(?<!=> )\brequire\("\.\/([^"\\]+\.js)"\)/g;

/** The sibling files `code` requires at load (not inside `() => require(...)`: a dynamic import). */
export function staticDeps(code) {
  return [...new Set([...code.matchAll(STATIC)].map((m) => m[1]))];
}

/** The files `start` loads: its static requires, and the dynamic ones `follow(name)` allows, transitively. */
export function closure(files, start, follow = () => false) {
  const seen = new Set();
  const todo = [start];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f) || !files.has(f)) continue;
    seen.add(f);
    const code = files.get(f);
    for (const d of staticDeps(code)) todo.push(d);
    for (const m of code.matchAll(/=> require\("\.\/([^"\\]+\.js)"\)/g)) if (follow(m[1])) todo.push(m[1]);
  }
  return seen;
}

const KEY = 'ecs.dist.pack';

function loader(host) {
  // Each host has its own factories and instances; the stubs reach a host's loader through a
  // registry per dist directory (a process could load two installs).
  return [
    'const __pack = new Map();',
    'const __packDone = new Map();',
    'function __packRequire(id) {',
    "  const name = typeof id === 'string' && id.startsWith('./') ? id.slice(2) : undefined;",
    '  const f = name === undefined ? undefined : __pack.get(name);',
    '  if (f === undefined) return require(id);',
    '  let m = __packDone.get(name);',
    '  if (m) return m.exports;',
    '  m = { exports: {} };',
    '  __packDone.set(name, m);',
    "  f(m, m.exports, __packRequire, require('node:path').join(__dirname, name), __dirname);",
    '  return m.exports;',
    '}',
    `{ const r = (globalThis[Symbol.for(${JSON.stringify(KEY)})] ??= new Map()); if (!r.has(__dirname)) r.set(__dirname, new Map()); r.get(__dirname).set(${JSON.stringify(host)}, __packRequire); }`,
  ].join('\n');
}

const ANY_SIBLING = /\brequire\("\.\/([^"\\]+\.js)"\)/g;

/** In a file that is not the host: the packed chunk from its host's loader (the host loaded first if need be). */
const PACKED_HELPER = `function __packed(host, id) { const r = globalThis[Symbol.for(${JSON.stringify(KEY)})]?.get(__dirname)?.get(host); if (r) return r(id); require('./' + host); return globalThis[Symbol.for(${JSON.stringify(KEY)})].get(__dirname).get(host)(id); }`;

const stripStrict = (code) => code.replace(/^(['"])use strict\1;\n/, '');

/**
 * Pack `files` (name → CommonJS text, changed in place): for each host (a name, or a RegExp
 * matched against the names), its static closure minus what earlier hosts packed and minus
 * the names in `excluded`. Every require of a packed chunk, anywhere,
 * then goes to its host's loader (no stub file to load); the stubs stay for anything else
 * that names the file. Returns host → packed names.
 */
export function packChunks(files, hosts, excluded = new Set()) {
  /** packed chunk → its host */
  const hostOf = new Map();
  const members = new Map();
  for (const h of hosts) {
    const host = typeof h === 'string' ? (files.has(h) ? h : undefined) : [...files.keys()].find((f) => h.test(f));
    if (!host || excluded.has(host) || hostOf.has(host) || members.has(host)) continue;
    const list = [...closure(files, host)].filter((f) => f !== host && !hostOf.has(f) && !excluded.has(f) && /^chunk-[\w-]+\.js$/.test(f));
    if (list.length === 0) continue;
    for (const f of list) hostOf.set(f, host);
    members.set(host, list);
  }
  // Which host's file a file's code ends up in (its own name for a file that is not packed).
  const fileOf = (f) => hostOf.get(f) ?? f;
  const rewritten = new Map();
  for (const [f, code] of files) {
    let usesHelper = false;
    const text = code.replace(ANY_SIBLING, (m, name) => {
      const h = hostOf.get(name);
      if (!h) return m;
      if (fileOf(f) === h) return `__packRequire("./${name}")`;
      usesHelper = true;
      return `__packed(${JSON.stringify(h)}, "./${name}")`;
    });
    rewritten.set(f, { text, usesHelper });
  }
  for (const [f, { text, usesHelper }] of rewritten) {
    if (hostOf.has(f)) continue; // written into its host below
    const list = members.get(f);
    const helper = usesHelper || list?.some((x) => rewritten.get(x).usesHelper) ? PACKED_HELPER + '\n' : '';
    if (!list) {
      files.set(f, usesHelper ? `'use strict';\n${helper}${stripStrict(text)}` : text);
      continue;
    }
    const parts = [loader(f)];
    for (const x of list) {
      parts.push(`__pack.set(${JSON.stringify(x)}, function (module, exports, require, __filename, __dirname) {\n'use strict';\n${stripStrict(rewritten.get(x).text)}\n});`);
      // The stub, for whatever else names the file: the one instance, through the host's loader.
      files.set(x, `'use strict';\nrequire(${JSON.stringify(`./${f}`)});\nmodule.exports = globalThis[Symbol.for(${JSON.stringify(KEY)})].get(__dirname).get(${JSON.stringify(f)})(${JSON.stringify(`./${x}`)});\n`);
    }
    files.set(f, `'use strict';\n${helper}${parts.join('\n')}\n${stripStrict(text)}`);
  }
  return members;
}
