// Entry: builds the commander tree from the registry, loads only the verb being run,
// maps every error to one stderr line and a documented exit code.

import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registry, visible } from './commands/registry.js';
import type { CommandNode } from './commands/types.js';
import type { EcsApi } from './api/types.js';
import { Context, type GlobalOptions } from './core/context.js';
import { CliError, ExitCode, errorJson, formatErrorLine } from './core/errors.js';
import { colorAllowed, systemIO, type IO } from './core/io.js';
import { OUTPUT_FORMATS, parseOutputFormat } from './core/output.js';

export const HELP_WIDTH = 80;

let cachedVersion: string | undefined;
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** Global options that take a value (so the path finder can skip the value). */
const VALUE_OPTIONS = new Set(['--profile', '--region', '--backend', '--endpoint', '-o', '--output', '--query', '--wait-timeout', '--signature']);

/** The command path named on argv: ["instance", "list"], as far as the tree goes. */
export function findPath(argv: string[], nodes: CommandNode[] = registry): { path: string[]; leaf?: CommandNode } {
  const path: string[] = [];
  let level: CommandNode[] | undefined = nodes;
  let leaf: CommandNode | undefined;
  for (let i = 0; i < argv.length && level; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    const n: CommandNode | undefined = level.find((x) => x.name === a || x.aliases?.includes(a));
    if (!n) break;
    path.push(n.name);
    if (n.load) {
      leaf = n;
      break;
    }
    level = n.children;
  }
  return { path, leaf };
}

function addGlobalOptions(program: Command): void {
  program
    .option('--profile <name>', 'config profile (env ECS_PROFILE)')
    .option('--region <id>', 'region, e.g. cn-hangzhou (env ALIBABA_CLOUD_REGION_ID)')
    .addOption(new Option('--backend <kind>', 'simulator or remote (env ECS_BACKEND)').choices(['simulator', 'remote']))
    .option('--endpoint <host[:port]>', 'API endpoint override (env ECS_ENDPOINT)')
    .addOption(new Option('--signature <version>', 'request signature for the remote backend').choices(['v3', 'v1']))
    .addOption(new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join('|')}`).argParser(parseOutputFormat))
    .option('--query <expr>', 'JMESPath expression over the JSON result')
    .option('-q, --quiet', 'no progress or messages, data only')
    .option('-y, --yes', 'assume yes for confirmations (required without a terminal)')
    .option('--no-input', 'never prompt')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--dry-run', 'validate and show what would be done')
    .option('--wait', 'wait until the operation reaches its target status')
    .addOption(
      new Option('--wait-timeout <seconds>', 'give up waiting after this long (exit 5)').argParser((v) => {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`--wait-timeout must be a positive number of seconds, got "${v}"`);
        return n;
      }),
    )
    .option('--debug', 'request/response log on stderr (secrets redacted), stack traces');
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Injected streams (in-process tests, test/helpers/cli.ts). Without `color`, colour is
   * decided here as for the real streams (NO_COLOR, --no-color, FORCE_COLOR, TERM, TTYs).
   */
  io?: Omit<IO, 'color'> & { color?: boolean };
  /** Injected backend for in-process tests. */
  apiFactory?: (ctx: Context) => Promise<EcsApi>;
  /** Receives the context once built (tests, signal handling). */
  onContext?: (ctx: Context) => void;
}

function addNodes(parent: Command, nodes: CommandNode[], target: CommandNode | undefined, run: (node: CommandNode, cmd: Command) => void): void {
  for (const n of visible(nodes)) {
    const cmd = new Command(n.name).description(n.summary);
    if (n.aliases) cmd.aliases(n.aliases);
    copySettings(parent, cmd);
    if (n.children) {
      addNodes(cmd, n.children, target, run);
    } else if (n === target) {
      run(n, cmd);
    } else {
      // Not the verb being run: only its name and summary are needed (help, suggestions).
      cmd.allowUnknownOption().allowExcessArguments();
    }
    parent.addCommand(cmd, n.hidden ? { hidden: true } : undefined);
  }
}

function copySettings(from: Command, to: Command): void {
  to.copyInheritedSettings(from);
}

export async function main(argv: string[], opts: RunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const noColorFlag = argv.includes('--no-color');
  const io: IO = opts.io
    ? {
        ...opts.io,
        color: opts.io.color ?? colorAllowed(env, opts.io.stdoutIsTTY || opts.io.stderrIsTTY, noColorFlag),
        colorOut: opts.io.colorOut ?? colorAllowed(env, opts.io.stdoutIsTTY, noColorFlag),
        colorErr: opts.io.colorErr ?? colorAllowed(env, opts.io.stderrIsTTY, noColorFlag),
      }
    : systemIO(env, { noColor: noColorFlag });
  const { leaf } = findPath(argv);
  const module = leaf?.load ? await leaf.load() : undefined;

  let exitCode: number = ExitCode.OK;
  let ctx: Context | undefined;
  const program = new Command('ecs');
  program
    .description('Administer Alibaba Cloud ECS: instances, images, keys; an embedded ECS simulator by default')
    .version(version(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      outputError: (s, write) => write(s.startsWith('error:') ? s : `error: ${s}`),
    })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .helpCommand(true);
  addGlobalOptions(program);
  program.addHelpText(
    'after',
    `
Environment: ECS_PROFILE, ECS_BACKEND, ECS_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID,
  ECS_SIMULATOR_DIR, ECS_SIMULATOR_TIME_SCALE, XDG_CONFIG_HOME, XDG_DATA_HOME, NO_COLOR.
Exit codes: 0 ok, 1 API/operation error, 2 usage error, 3 audit findings,
  4 authentication/credentials, 5 timeout while waiting, 130 interrupted.`,
  );

  addNodes(program, registry, leaf, (node, cmd) => {
    module!.configure(cmd);
    cmd.action(async (...a: unknown[]) => {
      const self = a[a.length - 1] as Command;
      const verbOpts = a[a.length - 2] as Record<string, unknown>;
      const positional = a.slice(0, -2);
      const globals = self.optsWithGlobals() as GlobalOptions;
      ctx = new Context(io, globals, env, opts.apiFactory);
      opts.onContext?.(ctx);
      if (!opts.io) installInterruptHandler(ctx);
      try {
        const code = await module!.run(ctx, positional, verbOpts);
        if (typeof code === 'number') exitCode = code;
      } finally {
        await ctx.close();
      }
    });
  });

  const debug = argv.includes('--debug');
  const jsonErrors = /(^|\s)(-o|--output)(\s+|=)json(\s|$)/.test(argv.join(' '));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx?.abort.signal.aborted ? ExitCode.INTERRUPTED : exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        return e.exitCode === 0 ? 0 : ExitCode.USAGE;
      }
      // commander printed its own errors (outputError); one thrown past it (e.g. from an
      // option parser or a hook) was not: every exit 2 gets its one line.
      if (!e.code.startsWith('commander.')) io.stderr.write(oneLine(e.message.startsWith('error:') ? e.message : `error: ${e.message}`) + '\n');
      return ExitCode.USAGE;
    }
    if (isPromptInterrupt(e)) {
      // Ctrl-C (or a closed terminal) at a prompt: as during --wait, exit 130 with our words only.
      io.stderr.write('\ninterrupted: nothing was changed\n');
      return ExitCode.INTERRUPTED;
    }
    if (e instanceof CliError) {
      if (jsonErrors) io.stderr.write(JSON.stringify(errorJson(e)) + '\n');
      else io.stderr.write(formatErrorLine(e) + '\n');
      if (debug && e.stack) io.stderr.write(e.stack + '\n');
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`error: ${err?.message ?? String(e)}\n`);
    if (debug && err?.stack) io.stderr.write(err.stack + '\n');
    else io.stderr.write('(run with --debug for details)\n');
    return ExitCode.FAILURE;
  }
}

/** @inquirer's prompts reject with ExitPromptError on Ctrl-C (and AbortPromptError on abort). */
function isPromptInterrupt(e: unknown): boolean {
  const name = (e as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Ctrl-C: abort the running operation (exit 130); a second Ctrl-C exits at once. */
function installInterruptHandler(ctx: Context): void {
  let count = 0;
  process.on('SIGINT', () => {
    count++;
    if (count > 1) process.exit(ExitCode.INTERRUPTED);
    ctx.abort.abort();
    process.exitCode = ExitCode.INTERRUPTED;
    process.stderr.write('\ninterrupted (press Ctrl-C again to exit at once)\n');
  });
}

/** For scripts/gen-help.js: the help text of the root and of every group, at HELP_WIDTH. */
export async function renderAllHelp(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const capture = async (args: string[]) => {
    let text = '';
    const sink = { write: (s: string) => ((text += s), true) } as any;
    const io: IO = { stdin: process.stdin, stdout: sink, stderr: sink, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: HELP_WIDTH, color: false };
    await main(args, { io, env: {} });
    return text;
  };
  out[''] = await capture(['--help']);
  for (const n of visible(registry)) if (n.children) out[n.name] = await capture([n.name, '--help']);
  return out;
}
