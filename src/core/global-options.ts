// The global options, declared once (no parsers here: completion loads this without
// commander; src/cli.ts adds the value parsers): src/cli.ts builds the commander options from this list,
// its path finder skips their values with it, and completion (src/completion/complete.ts)
// offers them and their values from it. (The fast path in bin/ecs.js answers --version and
// --help from dist/help.json, which scripts/gen-help.js renders through src/cli.ts.)

import type { CompletionTarget } from '../commands/types.js';
import { OUTPUT_FORMATS } from './output.js';

export interface GlobalOption {
  /** commander flags: "-o, --output <format>". */
  flags: string;
  long: string;
  short?: string;
  /** Takes a value. */
  value: boolean;
  /** Help text (the parser's). */
  description: string;
  /** Shorter text for completion menus. */
  brief: string;
  choices?: readonly string[];
  /** What completion offers for the value (besides `choices`). */
  complete?: CompletionTarget;
}

function opt(flags: string, description: string, brief: string, extra: Partial<GlobalOption> = {}): GlobalOption {
  const long = flags.match(/--[a-z][a-z-]*/)![0];
  const short = flags.match(/^-([a-zA-Z]),/)?.[0].slice(0, 2);
  return { flags, long, short, value: /[<[]/.test(flags), description, brief, ...extra };
}

export const GLOBAL_OPTIONS: readonly GlobalOption[] = [
  opt('--profile <name>', 'config profile (env ECS_PROFILE)', 'config profile', { complete: 'profile' }),
  opt('--region <id>', 'region, e.g. cn-hangzhou (env ALIBABA_CLOUD_REGION_ID)', 'region, e.g. cn-hangzhou', { complete: { resource: 'region' } }),
  opt('--backend <kind>', 'simulator or remote (env ECS_BACKEND)', 'simulator or remote', { choices: ['simulator', 'remote'] }),
  opt('--endpoint <host[:port]>', 'API endpoint override (env ECS_ENDPOINT)', 'API endpoint override'),
  opt('--signature <version>', 'request signature for the remote backend', 'request signature version', { choices: ['v3', 'v1'] }),
  opt('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join('|')}`, 'output format', { choices: OUTPUT_FORMATS }),
  opt('--query <expr>', 'JMESPath expression over the JSON result', 'JMESPath expression'),
  opt('-q, --quiet', 'no progress or messages, data only', 'data only'),
  opt('-y, --yes', 'assume yes for confirmations (required without a terminal)', 'assume yes for confirmations'),
  opt('--no-input', 'never prompt', 'never prompt'),
  opt('--no-color', 'no colour (also NO_COLOR)', 'no colour'),
  opt('--dry-run', 'validate and show what would be done', 'validate and show what would be done'),
  opt('--wait', 'wait until the operation reaches its target status', 'wait for the target status'),
  opt('--wait-timeout <seconds>', 'give up waiting after this long (exit 5)', 'seconds to wait at most'),
  opt('--lock-timeout <seconds>', 'embedded simulator: give up waiting for its state lock after this long (env ECS_LOCK_TIMEOUT, default 60)', 'seconds to wait for the simulator lock'),
  opt('--debug', 'request/response log on stderr (secrets redacted), stack traces', 'request/response log, stack traces'),
];

/** Flags (long and short) of the global options that take a value. */
export const VALUE_FLAGS: ReadonlySet<string> = new Set(GLOBAL_OPTIONS.filter((o) => o.value).flatMap((o) => (o.short ? [o.long, o.short] : [o.long])));
