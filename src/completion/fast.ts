// Entry of dist/complete.js, loaded by bin/ecs.js for `ecs __complete …` and
// `ecs completion SHELL` without loading the CLI. Candidates come from ./complete.js (loaded
// only for __complete) with verb specs from the build-time manifest. Anything else returns
// undefined and the full CLI takes over.

import { renameSync, writeFileSync } from 'node:fs';
import { isShell, script } from './scripts.js';

export async function fastPath(argv: string[], env: NodeJS.ProcessEnv = process.env, out: NodeJS.WritableStream = process.stdout): Promise<number | undefined> {
  if (argv[0] === '__complete') {
    // Completion never writes to stderr: not even Node's own warnings.
    if (out === process.stdout) process.emitWarning = () => undefined;
    const words = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
    let text: string;
    try {
      const { complete, formatCompletion } = await import('./complete.js');
      text = formatCompletion(await complete(words, env));
    } catch {
      text = ':4\n';
    }
    if (out === process.stdout) {
      // A fetch that timed out may still hold a socket or timer: leave once the output is out.
      await new Promise<void>((resolve) => out.write(text, () => resolve()));
      process.exit(0);
    }
    out.write(text);
    return 0;
  }
  if (argv[0] === 'completion' && argv.length === 2 && isShell(argv[1])) {
    out.write(script(argv[1]));
    return 0;
  }
  return undefined;
}

/** Build step (tsup onSuccess): every verb's options and arguments, next to this file. */
export async function writeManifest(): Promise<void> {
  const { buildManifest } = await import('./complete.js');
  const file = new URL('./complete-tree.json', import.meta.url);
  const tmp = new URL(`./complete-tree.${process.pid}.tmp`, import.meta.url);
  writeFileSync(tmp, JSON.stringify(await buildManifest()));
  renameSync(tmp, file);
}
