// `ecs key …` without commander or the command tree (issue 12 part 2): bin/ecs.js sends the
// key verbs here, each through its own one-file bundle (src/fast/verbs/VERB.ts, built to
// dist/key-VERB.cjs: to-ppk alone is 83 KB to compile instead of 127 KB for all five, ~1 ms
// on Node 20). The verb modules are the same ones the full CLI runs; their configure() is
// replayed on a small recorder that knows the part of commander's API they use, and argv is
// parsed against what it recorded.
//
// Only well-formed command lines are handled here. Anything else (help, an unknown or
// malformed option, a bad value, a missing argument, a global option that takes a value)
// returns undefined, and bin/ecs.js hands the line to the full CLI, which reports it with
// exactly the words it always uses. So the fast path can never change an error message.

import type { CommandModule } from '../commands/types.js';
import { Context, type GlobalOptions } from '../core/context.js';
import { ExitCode } from '../core/errors.js';
import { installInterruptHandler, reportError } from '../core/report.js';
import type { IO } from '../core/io.js';
import { lazySystemIO, type LazySystemIO } from './io.js';

/** The global flags that take no value; any other global option goes to the full CLI. */
const GLOBAL_FLAGS = new Map<string, [keyof GlobalOptions, boolean]>([
  ['-q', ['quiet', true]],
  ['--quiet', ['quiet', true]],
  ['-y', ['yes', true]],
  ['--yes', ['yes', true]],
  ['--no-input', ['input', false]],
  ['--no-color', ['color', false]],
  ['--dry-run', ['dryRun', true]],
  ['--debug', ['debug', true]],
]);

interface Spec {
  long: string;
  short?: string;
  /** camelCase attribute name */
  attr: string;
  value: 'none' | 'required' | 'optional';
  negate: boolean;
  parser?: (v: string, prev: unknown) => unknown;
  def?: unknown;
  choices?: readonly string[];
}

class Unsupported extends Error {}

function camel(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function parseFlags(flags: string): Omit<Spec, 'attr' | 'parser' | 'def' | 'choices'> {
  const m = /^(?:(-[A-Za-z]),\s*)?(--[a-z0-9][a-z0-9-]*)(?:\s+(<[^>]+>|\[[^\]]+\]))?$/.exec(flags.trim());
  if (!m) throw new Unsupported(flags);
  const [, short, long, arg] = m;
  return { long: long!, short, value: arg === undefined ? 'none' : arg.startsWith('<') ? 'required' : 'optional', negate: long!.startsWith('--no-') };
}

/** The part of commander's Option the key verbs use. */
class RecordedOption {
  readonly spec: Spec;
  constructor(flags: string) {
    const f = parseFlags(flags);
    this.spec = { ...f, attr: camel(f.long) };
  }
  choices(values: readonly string[]): this {
    this.spec.choices = values;
    return this;
  }
  default(v: unknown): this {
    this.spec.def = v;
    return this;
  }
  argParser(fn: (v: string, prev: unknown) => unknown): this {
    this.spec.parser = fn;
    return this;
  }
  hideHelp(): this {
    return this;
  }
}

/** The part of commander's Command the key verbs' configure() uses. */
class Recorder {
  readonly options: Spec[] = [];
  readonly args: { name: string; required: boolean; variadic: boolean }[] = [];
  argument(spec: string): this {
    const m = /^([<[])([a-zA-Z][\w-]*)(\.\.\.)?[>\]]$/.exec(spec);
    if (!m) throw new Unsupported(spec);
    this.args.push({ name: m[2]!, required: m[1] === '<', variadic: Boolean(m[3]) });
    return this;
  }
  createOption(flags: string): RecordedOption {
    return new RecordedOption(flags);
  }
  addOption(o: RecordedOption): this {
    if (!(o instanceof RecordedOption)) throw new Unsupported('option');
    this.options.push(o.spec);
    return this;
  }
  option(flags: string, _desc?: string, parserOrDefault?: unknown, def?: unknown): this {
    const o = new RecordedOption(flags);
    if (typeof parserOrDefault === 'function') {
      o.argParser(parserOrDefault as (v: string, prev: unknown) => unknown);
      if (def !== undefined) o.default(def);
    } else if (parserOrDefault !== undefined) {
      o.default(parserOrDefault);
    }
    return this.addOption(o);
  }
  addHelpText(): this {
    return this;
  }
  description(): this {
    return this;
  }
}

interface Parsed {
  globals: GlobalOptions;
  positional: unknown[];
  opts: Record<string, unknown>;
}

/** argv after `key VERB`; throws Unsupported for anything the full CLI should handle. */
function parseArgs(rec: Recorder, argv: string[]): Parsed {
  const byFlag = new Map<string, Spec>();
  for (const s of rec.options) {
    byFlag.set(s.long, s);
    if (s.short) byFlag.set(s.short, s);
  }
  // commander: defaults first; a lone --no-x defaults x to true
  const opts: Record<string, unknown> = Object.create(null);
  for (const s of rec.options) {
    if (s.def !== undefined) opts[s.attr] = s.def;
    else if (s.negate && !rec.options.some((o) => o !== s && o.attr === s.attr)) opts[s.attr] = true;
  }
  const globals: GlobalOptions = { input: true, color: true };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      words.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const spec = byFlag.get(flag);
    if (!spec) {
      const g = GLOBAL_FLAGS.get(flag);
      if (!g || eq > 0) throw new Unsupported(a);
      (globals as Record<string, unknown>)[g[0]] = g[1];
      continue;
    }
    if (spec.value === 'none') {
      if (eq > 0) throw new Unsupported(a);
      opts[spec.attr] = !spec.negate;
      continue;
    }
    if (spec.value === 'optional') throw new Unsupported(a);
    let v: string;
    if (eq > 0) v = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new Unsupported(a);
      v = argv[++i]!;
      // commander refuses "--out -q" style values that look like options (except "-")
      if (v.startsWith('-') && v !== '-') throw new Unsupported(a);
    }
    if (spec.choices && !spec.choices.includes(v)) throw new Unsupported(a);
    try {
      opts[spec.attr] = spec.parser ? spec.parser(v, opts[spec.attr]) : v;
    } catch {
      throw new Unsupported(a);
    }
  }
  const positional: unknown[] = [];
  let w = 0;
  for (const arg of rec.args) {
    if (arg.variadic) {
      const rest = words.slice(w);
      if (arg.required && rest.length === 0) throw new Unsupported(arg.name);
      positional.push(rest);
      w = words.length;
    } else {
      if (w >= words.length) {
        if (arg.required) throw new Unsupported(arg.name);
        positional.push(undefined);
      } else positional.push(words[w++]);
    }
  }
  if (w < words.length) throw new Unsupported(words[w]!);
  return { globals, positional, opts: { ...opts } };
}

export interface FastKeyOptions {
  env?: NodeJS.ProcessEnv;
  io?: IO;
  /**
   * End the process as soon as the verb is done and its output written (bin/ecs.js). Node
   * would otherwise first run the V8 tasks still pending (on Node 24 typically a scavenge,
   * ~0.8 ms) for a heap that is about to go. Not with an injected io, nor while a stream
   * still holds unwritten output.
   */
  exitWhenDone?: boolean;
}

/**
 * Runs `ecs key VERB …` for that verb's module (argv: what follows `key VERB`) if the line is
 * one this path handles; undefined otherwise (the full CLI then runs it).
 */
export async function runKeyVerb(module: CommandModule, argv: string[], o: FastKeyOptions = {}): Promise<number | undefined> {
  const rec = new Recorder();
  let parsed: Parsed;
  try {
    module.configure(rec as never);
    parsed = parseArgs(rec, argv);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const env = o.env ?? process.env;
  const io = o.io ?? lazySystemIO(env, { noColor: parsed.globals.color === false });
  const ctx = new Context(io, parsed.globals, env);
  const off = o.io ? undefined : installInterruptHandler(ctx, io, process, (c) => process.exit(c));
  let code: number;
  try {
    const done = await module.run(ctx, parsed.positional as never[], parsed.opts);
    code = ctx.abort.signal.aborted ? ExitCode.INTERRUPTED : typeof done === 'number' ? done : ExitCode.OK;
  } catch (e) {
    code = reportError(io, e, { debug: parsed.globals.debug });
  } finally {
    off?.();
    await ctx.close();
  }
  if (o.exitWhenDone && !o.io && (io as LazySystemIO).settled()) process.exit(code);
  return code;
}
