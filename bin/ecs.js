#!/usr/bin/env node
// Start-up path: answer --version and plain --help without loading the CLI at all
// (help texts are rendered at build time into dist/help.json), otherwise load dist/cli.js.
import module from 'node:module';
import { readFileSync } from 'node:fs';

module.enableCompileCache?.();

const argv = process.argv.slice(2);
const root = new URL('../', import.meta.url);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version + '\n');
} else {
  let help;
  if ((argv.length === 1 || argv.length === 2) && (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h')) {
    try {
      help = JSON.parse(readFileSync(new URL('dist/help.json', root), 'utf8'))[argv.length === 1 ? '' : argv[0]];
    } catch {
      help = undefined;
    }
  }
  // Completion fast path: `ecs __complete …` and `ecs completion SHELL` from dist/complete.js
  // (no commander tree); undefined means "not mine", e.g. `ecs completion --help`.
  const fast = typeof help !== 'string' && (argv[0] === '__complete' || argv[0] === 'completion')
    ? await import('../dist/complete.js').then((m) => m.fastPath(argv), () => undefined)
    : undefined;
  // Key fast path: `ecs key VERB …` runs the verb without commander or the command tree;
  // undefined means "the full CLI handles this line" (help, a usage error …).
  // ECS_KEY_FAST=0 turns it off (tests compare the two paths).
  const keyFast = typeof help !== 'string' && fast === undefined && argv[0] === 'key' && process.env.ECS_KEY_FAST !== '0'
    ? await import('../dist/key.js').then((m) => m.fastKey(argv))
    : undefined;
  if (typeof help === 'string') {
    process.stdout.write(help);
  } else if (fast !== undefined) {
    process.exitCode = fast;
  } else if (keyFast !== undefined) {
    process.exitCode = keyFast;
  } else {
    const { main } = await import('../dist/cli.js');
    const code = await main(argv);
    process.exitCode = code;
  }
}
