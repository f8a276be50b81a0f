// fastKey() for any key verb, in-process (tests; bin/ecs.js loads one verb's dist/key-VERB.cjs
// instead). Its own module: the verbs' dynamic imports here would make esbuild wrap every
// module of a one-verb bundle in a lazy initialiser, parsed twice (~1.5 ms on Node 20).

import type { CommandModule } from '../commands/types.js';
import { runKeyVerb, type FastKeyOptions } from './key.js';

const VERBS = new Map<string, () => Promise<{ default: CommandModule }>>([
  ['generate', () => import('../commands/key/generate.js')],
  ['public', () => import('../commands/key/public.js')],
  ['fingerprint', () => import('../commands/key/fingerprint.js')],
  ['to-ppk', () => import('../commands/key/to-ppk.js')],
  ['from-ppk', () => import('../commands/key/from-ppk.js')],
]);

/**
 * Runs `ecs key VERB …` if the line is one the fast path handles; undefined otherwise (the
 * full CLI then runs it). argv starts with "key".
 */
export async function fastKey(argv: string[], o: FastKeyOptions = {}): Promise<number | undefined> {
  const load = argv[0] === 'key' ? VERBS.get(argv[1] ?? '') : undefined;
  return load ? runKeyVerb((await load()).default, argv.slice(2), o) : undefined;
}
