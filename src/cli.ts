// Entry: builds the commander tree from the registry, loads only the verb being run,
// maps every error to one stderr line and a documented exit code.

import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registry, visible } from './commands/registry.js';
import type { CommandNode } from './commands/types.js';
import type { EcsApi } from './api/types.js';
import { Context, type GlobalOptions } from './core/context.js';
import { installInterruptHandler, reportError, type SignalSource } from './core/report.js';
import { ExitCode, UsageError } from './core/errors.js';
import { colorAllowed, systemIO, type IO } from './core/io.js';
import { durationMs } from './core/duration.js';
import { GLOBAL_OPTIONS, VALUE_FLAGS } from './core/global-options.js';
import { parseOutputFormat } from './core/output.js';

export const HELP_WIDTH = 80;

let cachedVersion: string | undefined;
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}


/** The command path named on argv: ["instance", "list"], as far as the tree goes. */
export function findPath(argv: string[], nodes: CommandNode[] = registry): { path: string[]; leaf?: CommandNode } {
  const path: string[] = [];
  let level: CommandNode[] | undefined = nodes;
  let leaf: CommandNode | undefined;
  for (let i = 0; i < argv.length && level; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++; // global options that take a value (src/core/global-options.ts)
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

/** --wait-timeout: seconds (90) or a duration (90s, 10m), > 0 (a bad value is one usage line, exit 2). */
function parseWaitTimeout(v: string): number {
  const ms = durationMs(v);
  if (ms === undefined || !(ms > 0)) throw new InvalidArgumentError(`--wait-timeout must be a positive number of seconds (or a duration: 90s, 10m), got "${v}"`);
  return ms / 1000;
}

/** Value parsers of the global options (the options themselves: src/core/global-options.ts). */
const GLOBAL_PARSERS: ReadonlyMap<string, (v: string) => unknown> = new Map<string, (v: string) => unknown>([
  ['--output', parseOutputFormat],
  ['--wait-timeout', parseWaitTimeout],
]);

function addGlobalOptions(program: Command): void {
  for (const g of GLOBAL_OPTIONS) {
    const o = new Option(g.flags, g.description);
    const parse = GLOBAL_PARSERS.get(g.long);
    if (parse) o.argParser(parse);
    else if (g.choices) o.choices(g.choices);
    program.addOption(o);
  }
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
  /**
   * Where SIGINT comes from and how "exit at once" (a second Ctrl-C) is done. Default: the
   * process's, for a real run; in-process tests pass an emitter and an exit that records.
   * Without io and without signals given, an injected-io run installs no handler.
   */
  signals?: SignalSource;
  exit?: (code: number) => void;
}

/** Whether `target` is `n` or below it. */
function leads(n: CommandNode, target: CommandNode): boolean {
  return n === target || (n.children?.some((c) => leads(c, target)) ?? false);
}

/**
 * Build the commander tree. With the verb found on argv, only the path to it is built:
 * commander then parses that verb's options and needs no other command (a typo in a
 * command name finds no verb, and then the whole tree is built for suggestions and help);
 * the ~200 other commands cost ~4 ms of start-up.
 */
function addNodes(parent: Command, nodes: CommandNode[], target: CommandNode | undefined, run: (node: CommandNode, cmd: Command) => void): void {
  for (const n of visible(nodes)) {
    if (target && !leads(n, target)) continue;
    const cmd = new Command(n.name).description(n.summary);
    if (n.aliases) cmd.aliases(n.aliases);
    cmd.copyInheritedSettings(parent);
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
      if ((globals.output as string) === 'sarif' && !module!.sarif) throw new UsageError('-o sarif is only for the ecs audit commands');
      ctx = new Context(io, globals, env, opts.apiFactory);
      opts.onContext?.(ctx);
      const signals = opts.signals ?? (opts.io ? undefined : process);
      const off = signals ? installInterruptHandler(ctx, io, signals, opts.exit ?? ((c) => process.exit(c))) : undefined;
      try {
        const code = await module!.run(ctx, positional, verbOpts);
        if (typeof code === 'number') exitCode = code;
      } finally {
        await ctx.close();
        off?.();
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
    return reportError(io, e, { debug, json: jsonErrors });
  }
}


function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
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
