import { defineConfig } from 'tsup';

// One ESM bundle with code splitting: every command module is a dynamic import,
// so `ecs --help` loads only the entry chunk (see bench/startup.js).
export default defineConfig({
  // complete: the fast path bin/ecs.js takes for `ecs __complete` and `ecs completion SHELL`.
  // key: the fast path for `ecs key …` (no commander, no command tree).
  entry: { cli: 'src/cli.ts', complete: 'src/completion/fast.ts', key: 'src/fast/key.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  clean: false, // several builds may run at once during development; stale chunks are harmless
  sourcemap: false,
  minify: false,
  outDir: 'dist',
  shims: false,
  // dist/complete-tree.json: every verb's options and arguments for `ecs __complete`, so a
  // TAB loads neither commander nor verb modules (a fresh process: no stale module cache).
  // Not fatal: without the file, completion loads the verb modules instead.
  async onSuccess() {
    const { spawnSync } = await import('node:child_process');
    const { rmSync } = await import('node:fs');
    const code = "const m = await import('./dist/complete.js'); await m.writeManifest();";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
    if (r.status !== 0) {
      rmSync('dist/complete-tree.json', { force: true });
      console.warn('warning: dist/complete-tree.json not written; completion will load verb modules');
    }
  },
});
