import { readdirSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The key verbs never call ctx.api(), so the backends that Context imports on demand
 * (src/core/context.ts: the simulator, the HTTP client) stay out of the key bundles: such an
 * import gets a module that throws instead of ~1.3 MB of simulator code to parse.
 */
const noBackends: EsbuildPlugin = {
  name: 'key-no-backends',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(simulator|api)\// }, (a) =>
      a.kind === 'dynamic-import' && /[\\/]src[\\/]core[\\/]context\.ts$/.test(a.importer) ? { path: a.path, namespace: 'key-no-backends' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'key-no-backends' }, (a) => ({
      contents: `throw new Error(${JSON.stringify(`${a.path} is not part of the ecs key fast path (dist/key-*.cjs)`)});`,
      loader: 'js',
    }));
  },
};

export default defineConfig([
  // One bundle with code splitting: every command module is a dynamic import, so a command
  // loads only its verb's chunks (see bench/startup.js). Built as ES modules into dist/esm/,
  // then rewritten as CommonJS into dist/ (scripts/esm-to-cjs.js says why).
  {
    // complete: the fast path bin/ecs.js takes for `ecs __complete` and `ecs completion SHELL`.
    entry: { cli: 'src/cli.ts', complete: 'src/completion/fast.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: true,
    clean: true,
    sourcemap: false,
    minify: false,
    outDir: 'dist/esm',
    shims: false,
    noExternal: ['commander'],
    // dist/complete-tree.json: every verb's options and arguments for `ecs __complete`, so a
    // TAB loads neither commander nor verb modules (a fresh process: no stale module cache).
    // Not fatal: without the file, completion loads the verb modules instead.
    async onSuccess() {
      const { spawnSync } = await import('node:child_process');
      const { rmSync } = await import('node:fs');
      const cjs = spawnSync(process.execPath, ['scripts/esm-to-cjs.js'], { stdio: 'inherit' });
      if (cjs.status !== 0) throw new Error('scripts/esm-to-cjs.js failed');
      const code = "const m = require('./dist/complete.js'); m.writeManifest().then(() => {}, (e) => { console.error(e); process.exitCode = 1; });";
      const r = spawnSync(process.execPath, ['-e', code], { stdio: 'inherit' });
      if (r.status !== 0) {
        rmSync('dist/complete-tree.json', { force: true });
        console.warn('warning: dist/complete-tree.json not written; completion will load verb modules');
      }
    },
  },
  // dist/key-VERB.cjs: the fast path for `ecs key VERB …` (no commander, no command tree),
  // one CommonJS file per verb (src/fast/verbs/VERB.ts) without chunks, which bin/ecs.js
  // (CommonJS too) require()s. Node 20's ESM loader costs ~0.8 ms per module (resolve,
  // realpath, async read, compile) and ~4 ms to set up at all: the split ESM build had
  // `key to-ppk` load 24 modules, ~7 ms of the +30 ms it took over `node -e 0`, and the ESM
  // loader ~4 ms more; one file for all five verbs is ~1 ms more to compile than one for
  // to-ppk. Packages (sshpk, @inquirer, yaml …) stay import()s, loaded only where used.
  {
    entry: Object.fromEntries(
      readdirSync('src/fast/verbs')
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [`key-${f.slice(0, -3)}`, `src/fast/verbs/${f}`]),
    ),
    format: ['cjs'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    clean: false,
    sourcemap: false,
    minify: false,
    outDir: 'dist',
    shims: false,
    // import.meta.url (createRequire in keys/argon2.ts and fast/io.ts) for CommonJS. The banner
    // comes before esbuild's own "use strict", so it says it first: the file stays strict.
    banner: { js: "'use strict';\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
    esbuildPlugins: [noBackends],
  },
]);
