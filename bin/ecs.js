#!/usr/bin/env node
// Start-up path: answer --version and plain --help without loading the CLI at all (help
// texts are rendered at build time into dist/help.json), `ecs key VERB …` from
// dist/key-VERB.cjs, otherwise load dist/cli.js.
//
// CommonJS on purpose (bin/package.json): an ES module entry makes Node 20 set up its ESM
// loader first, ~4 ms of the ~20 ms `ecs key to-ppk` took beyond `node -e 0`. The lines
// answered here need no ESM, and neither do the others: dist/*.js are CommonJS too, converted
// from the split ES-module build (scripts/esm-to-cjs.js: ~14 ms less per command on Node 20).
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

require('node:module').enableCompileCache?.();

const argv = process.argv.slice(2);
const root = join(__dirname, '..');

/** `ecs __complete …` / `ecs completion SHELL` from dist/complete.js; undefined without it. */
async function completionFastPath(args) {
  let complete;
  try {
    complete = require('../dist/complete.js');
  } catch {
    return undefined;
  }
  return complete.fastPath(args);
}

async function main() {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version + '\n');
    return;
  }
  let help;
  if ((argv.length === 1 || argv.length === 2) && (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h')) {
    try {
      help = JSON.parse(readFileSync(join(root, 'dist', 'help.json'), 'utf8'))[argv.length === 1 ? '' : argv[0]];
    } catch {
      help = undefined;
    }
  }
  if (typeof help === 'string') {
    process.stdout.write(help);
    return;
  }
  // Completion fast path: `ecs __complete …` and `ecs completion SHELL` from dist/complete.js
  // (no commander tree); undefined means "not mine", e.g. `ecs completion --help`.
  const fast = argv[0] === '__complete' || argv[0] === 'completion'
    ? await completionFastPath(argv)
    : undefined;
  if (fast !== undefined) {
    process.exitCode = fast;
    return;
  }
  // Key fast path: `ecs key VERB …` runs the verb from dist/key-VERB.cjs, without commander or
  // the command tree; undefined means "the full CLI handles this line" (help, a usage error …),
  // as does a verb without such a file. ECS_KEY_FAST=0 turns it off (tests compare the paths).
  const keyFile = argv[0] === 'key' && process.env.ECS_KEY_FAST !== '0' && /^[a-z][a-z-]*$/.test(argv[1] ?? '') ? join(root, 'dist', `key-${argv[1]}.cjs`) : undefined;
  const keyFast = keyFile !== undefined && existsSync(keyFile) ? await require(keyFile).fastKey(argv) : undefined;
  if (keyFast !== undefined) {
    process.exitCode = keyFast;
    return;
  }
  const { main: cli } = require('../dist/cli.js');
  process.exitCode = await cli(argv);
}

main();
