// `ecs __complete WORD...`: the candidates for the last word, one per line as
// "value<TAB>description", then ":<directive>" (cobra's convention: 1 error, 2 no space,
// 4 no file completion; 0 lets the shell complete file names when there are no candidates).
//
// Commands come from the registry (metadata only); a verb's options and arguments from its
// own module (cheap), option values from choices, profiles, or the backend's resources:
// the resource an argument or option names is declared on the verb (CommandModule.completion,
// set by the builders from the verb's descriptor) and its candidates come from that
// descriptor (./sources.ts). Global options come from src/core/global-options.ts.

import { readFileSync } from 'node:fs';
import type { CommandNode, CompletionDecl, CompletionTarget } from '../commands/types.js';
import { registry } from '../commands/registry.js';
import { readConfigFile, type ConfigFlags } from '../core/config.js';
import { GLOBAL_OPTIONS as GLOBALS } from '../core/global-options.js';
import { candidates as resourceCandidates, type Candidate } from './sources.js';

export const Directive = { Default: 0, Error: 1, NoSpace: 2, NoFileComp: 4 } as const;

export interface Completion {
  items: Candidate[];
  directive: number;
}

export interface OptSpec {
  long?: string;
  short?: string;
  value: boolean;
  choices?: readonly string[];
  desc: string;
  hidden?: boolean;
  /** What its value completes to (global options; a verb's come from its declaration). */
  target?: CompletionTarget;
}

export interface ArgSpec {
  name: string;
  variadic: boolean;
  choices?: readonly string[];
}

export interface VerbSpec {
  options: OptSpec[];
  args: ArgSpec[];
  /** The verb's declaration: which resource each argument and option names. */
  completion?: CompletionDecl;
}

/** The root program's options, from their one declaration (src/core/global-options.ts). */
export const GLOBAL_OPTIONS: OptSpec[] = [
  ...GLOBALS.map((g): OptSpec => ({ long: g.long, short: g.short, value: g.value, choices: g.choices, desc: g.brief, target: g.complete })),
  { long: '--help', short: '-h', value: false, desc: 'show help' },
];
const ROOT_ONLY: OptSpec[] = [{ long: '--version', short: '-V', value: false, desc: 'print the version' }];

/** Values that name files or paths (commander placeholders and option names): the shell completes files. */
const FILE_WORD = /(^|-)(files?|path|dir|out|identity|allow)$/;

/**
 * What a positional argument completes to: the verb's declaration, else a file or a config
 * profile when its placeholder says so (<file>, <profile>), else nothing.
 */
export function argTarget(verb: VerbSpec, index: number): CompletionTarget | undefined {
  const args = verb.args;
  const i = index < args.length ? index : args.at(-1)?.variadic ? args.length - 1 : -1;
  if (i < 0) return undefined;
  const declared = verb.completion?.args?.[i];
  if (declared) return declared;
  const n = args[i]!.name.toLowerCase();
  if (n === 'profile' || n === 'profiles') return 'profile';
  if (FILE_WORD.test(n.replace(/[^a-z-]/g, ''))) return 'file';
  return undefined;
}

function clean(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ').trim();
}

function visibleNodes(nodes: CommandNode[]): CommandNode[] {
  return nodes.filter((n) => !n.hidden && (n.load || (n.children && visibleNodes(n.children).length > 0)));
}

/**
 * Verb specs written at build time (dist/complete-tree.json, see tsup.config.ts), so a TAB
 * needs neither commander nor the verb's module. Without it (running from src), each verb
 * is loaded on demand.
 */
let manifest: Record<string, VerbSpec> | null | undefined;
function fromManifest(path: string[]): VerbSpec | undefined {
  if (manifest === undefined) {
    try {
      manifest = JSON.parse(readFileSync(new URL('./complete-tree.json', import.meta.url), 'utf8')) as Record<string, VerbSpec>;
    } catch {
      manifest = null;
    }
  }
  return manifest?.[path.join(' ')];
}

/** Every verb's spec, keyed by its path ("instance stop"): the build-time manifest. */
export async function buildManifest(nodes: CommandNode[] = registry, path: string[] = []): Promise<Record<string, VerbSpec>> {
  const out: Record<string, VerbSpec> = {};
  for (const n of nodes) {
    if (n.load) out[[...path, n.name].join(' ')] = await specOf(n);
    else Object.assign(out, await buildManifest(n.children ?? [], [...path, n.name]));
  }
  return out;
}

async function loadVerb(node: CommandNode, path: string[]): Promise<VerbSpec> {
  return fromManifest(path) ?? specOf(node);
}

async function specOf(node: CommandNode): Promise<VerbSpec> {
  try {
    const [mod, { Command }] = await Promise.all([node.load!(), import('commander')]);
    const cmd = new Command(node.name);
    mod.configure(cmd);
    return {
      options: cmd.options.map((o) => ({
        long: o.long,
        short: o.short,
        value: Boolean(o.required || o.optional),
        choices: o.argChoices,
        desc: clean(o.description ?? ''),
        hidden: o.hidden,
      })),
      args: cmd.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic, choices: a.argChoices })),
      completion: mod.completion,
    };
  } catch {
    return { options: [], args: [] };
  }
}

function findOption(name: string, opts: OptSpec[]): OptSpec | undefined {
  return opts.find((o) => o.long === name || o.short === name);
}

function profileNames(env: NodeJS.ProcessEnv): Candidate[] {
  try {
    const f = readConfigFile(env);
    return Object.entries(f.profiles ?? {}).map(([n, p]) => [n, [p.backend ?? 'simulator', p.region].filter(Boolean).join(' ')]);
  } catch {
    return [];
  }
}

const none = (directive: number = Directive.NoFileComp): Completion => ({ items: [], directive });

async function targetValues(t: CompletionTarget | undefined, flags: ConfigFlags, env: NodeJS.ProcessEnv, given: ReadonlySet<string> = new Set()): Promise<Completion> {
  if (t === undefined) return none();
  if (t === 'file') return none(Directive.Default);
  if (t === 'profile') return { items: profileNames(env), directive: Directive.NoFileComp };
  if ('values' in t) return { items: t.values.map((v) => [v]), directive: Directive.NoFileComp };
  let items = (await resourceCandidates(t.resource, flags, env)).filter(([v]) => !given.has(v));
  // A verb that acts on some statuses (stop → Running) offers those first (all when none is).
  const fit = t.statuses ? items.filter(([, , s]) => s !== undefined && t.statuses!.includes(s)) : [];
  if (fit.length > 0) items = fit;
  return { items: items.map(([v, d]) => (d ? [v, d] : [v]) as Candidate), directive: Directive.NoFileComp };
}

async function optionValues(opt: OptSpec, verb: VerbSpec | undefined, flags: ConfigFlags, env: NodeJS.ProcessEnv): Promise<Completion> {
  if (opt.choices?.length) return { items: opt.choices.map((c) => [c]), directive: Directive.NoFileComp };
  const declared = opt.target ?? (opt.long ? verb?.completion?.options?.[opt.long] : undefined);
  if (declared) return targetValues(declared, flags, env);
  if (FILE_WORD.test((opt.long ?? opt.short ?? '').replace(/^-+/, ''))) return none(Directive.Default);
  return none();
}

function recordFlag(flags: ConfigFlags, opt: OptSpec, value: string): void {
  switch (opt.long) {
    case '--profile':
      flags.profile = value;
      break;
    case '--region':
      flags.region = value;
      break;
    case '--backend':
      flags.backend = value;
      break;
    case '--endpoint':
      flags.endpoint = value;
      break;
    case '--signature':
      flags.signature = value;
      break;
  }
}

function optionCandidates(opts: OptSpec[], cur: string): Candidate[] {
  const shown = opts.filter((o) => !o.hidden);
  const longs = shown.filter((o) => o.long?.startsWith(cur)).map((o): Candidate => [o.long!, o.desc]);
  if (longs.length > 0 || cur.startsWith('--')) return longs;
  return shown.filter((o) => o.short?.startsWith(cur)).map((o): Candidate => [o.short!, o.desc]);
}

/** Candidates for the last of `words` (the words after `ecs`; the last one may be ""). */
export async function complete(words: string[], env: NodeJS.ProcessEnv): Promise<Completion> {
  const all = words.length ? words : [''];
  const cur = all[all.length - 1]!;
  const flags: ConfigFlags = {};
  let level = visibleNodes(registry);
  const path: string[] = [];
  let verb: VerbSpec | undefined;
  const positionals: string[] = [];
  let dashDash = false;
  let pending: OptSpec | undefined;
  let helpTopic = false;

  for (const w of all.slice(0, -1)) {
    const opts = verb ? [...verb.options, ...GLOBAL_OPTIONS] : [...GLOBAL_OPTIONS, ...ROOT_ONLY];
    if (pending) {
      recordFlag(flags, pending, w);
      pending = undefined;
    } else if (!dashDash && w === '--') {
      dashDash = true;
    } else if (!dashDash && w.startsWith('-') && w !== '-') {
      const eq = w.indexOf('=');
      const opt = findOption(eq > 0 ? w.slice(0, eq) : w, opts);
      if (opt?.value) {
        if (eq > 0) recordFlag(flags, opt, w.slice(eq + 1));
        else pending = opt;
      }
    } else if (!verb) {
      if (path.length === 0 && w === 'help' && !helpTopic) {
        helpTopic = true;
        continue;
      }
      const n = level.find((x) => x.name === w || x.aliases?.includes(w));
      if (!n) return none();
      path.push(n.name);
      if (n.load) {
        if (helpTopic) return none();
        verb = await loadVerb(n, path);
      } else level = visibleNodes(n.children ?? []);
    } else {
      positionals.push(w);
    }
  }

  const opts = verb ? [...verb.options, ...GLOBAL_OPTIONS] : path.length === 0 ? [...GLOBAL_OPTIONS, ...ROOT_ONLY] : GLOBAL_OPTIONS;
  if (pending) return filter(await optionValues(pending, verb, flags, env), cur);
  if (!dashDash && cur.startsWith('-')) {
    const eq = cur.indexOf('=');
    if (eq > 0) {
      const opt = findOption(cur.slice(0, eq), opts);
      if (!opt?.value) return none();
      const r = filter(await optionValues(opt, verb, flags, env), cur.slice(eq + 1));
      return { items: r.items.map(([v, d]) => [`${cur.slice(0, eq + 1)}${v}`, d] as Candidate), directive: r.directive };
    }
    return { items: optionCandidates(opts, cur), directive: Directive.NoFileComp };
  }
  if (!verb) {
    const items: Candidate[] = level.map((n) => [n.name, clean(n.summary)]);
    if (path.length === 0 && !helpTopic) items.push(['help', 'help for a command']);
    return filter({ items, directive: Directive.NoFileComp }, cur);
  }
  const arg = verb.args[positionals.length] ?? (verb.args.at(-1)?.variadic ? verb.args.at(-1) : undefined);
  if (!arg) return none();
  if (arg.choices?.length) return filter({ items: arg.choices.map((c) => [c]), directive: Directive.NoFileComp }, cur);
  return filter(await targetValues(argTarget(verb, positionals.length), flags, env, new Set(positionals)), cur);
}

function filter(c: Completion, prefix: string): Completion {
  return prefix ? { ...c, items: c.items.filter(([v]) => v.startsWith(prefix)) } : c;
}

/** The text `ecs __complete` prints. */
export function formatCompletion(c: Completion): string {
  return c.items.map(([v, d]) => (d ? `${v}\t${clean(d)}` : v) + '\n').join('') + `:${c.directive}\n`;
}
