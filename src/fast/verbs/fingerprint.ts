// dist/key-fingerprint.cjs, which bin/ecs.js require()s for `ecs key fingerprint …`: the fast path
// (src/fast/key.ts) with this verb alone, none of the others' code to compile.
import verb from '../../commands/key/fingerprint.js';
import { runKeyVerb } from '../key.js';

/** fastKey() of src/fast/any-verb.ts for this verb alone; argv starts with "key fingerprint". */
export const fastKey = (argv: string[]): Promise<number | undefined> => runKeyVerb(verb, argv.slice(2), { exitWhenDone: true });
