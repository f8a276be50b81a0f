// `ecs __complete WORD...`: the candidates for the last word, one per line as
// "value<TAB>description", then ":<directive>" (cobra's convention: 1 error, 2 no space,
// 4 no file completion; 0 lets the shell complete file names when there are no candidates).
//
// Commands come from the registry (metadata only); a verb's options and arguments from its
// own module (cheap), option values from choices, fixed lists, profiles, or the backend's
// resources (see ./sources.ts).

import { readFileSync } from 'node:fs';
import type { CommandNode } from '../commands/types.js';
import { registry } from '../commands/registry.js';
import { readConfigFile, type ConfigFlags } from '../core/config.js';
import { OUTPUT_FORMATS } from '../core/output.js';
import { candidates as resourceCandidates, type Candidate, type Kind } from './sources.js';

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
}

export interface ArgSpec {
  name: string;
  variadic: boolean;
  choices?: readonly string[];
}

export interface VerbSpec {
  options: OptSpec[];
  args: ArgSpec[];
}

/** The root program's options (src/cli.ts addGlobalOptions; a test keeps the two in step). */
export const GLOBAL_OPTIONS: OptSpec[] = [
  { long: '--profile', value: true, desc: 'config profile' },
  { long: '--region', value: true, desc: 'region, e.g. cn-hangzhou' },
  { long: '--backend', value: true, choices: ['simulator', 'remote'], desc: 'simulator or remote' },
  { long: '--endpoint', value: true, desc: 'API endpoint override' },
  { long: '--signature', value: true, choices: ['v3', 'v1'], desc: 'request signature version' },
  { long: '--output', short: '-o', value: true, choices: OUTPUT_FORMATS, desc: 'output format' },
  { long: '--query', value: true, desc: 'JMESPath expression' },
  { long: '--quiet', short: '-q', value: false, desc: 'data only' },
  { long: '--yes', short: '-y', value: false, desc: 'assume yes for confirmations' },
  { long: '--no-input', value: false, desc: 'never prompt' },
  { long: '--no-color', value: false, desc: 'no colour' },
  { long: '--dry-run', value: false, desc: 'validate and show what would be done' },
  { long: '--wait', value: false, desc: 'wait for the target status' },
  { long: '--wait-timeout', value: true, desc: 'seconds to wait at most' },
  { long: '--debug', value: false, desc: 'request/response log, stack traces' },
  { long: '--help', short: '-h', value: false, desc: 'show help' },
];
const ROOT_ONLY: OptSpec[] = [{ long: '--version', short: '-V', value: false, desc: 'print the version' }];

/** Group → the resource kind its ID arguments name. */
const GROUP_KIND: Record<string, Kind> = {
  instance: 'instances',
  image: 'images',
  keypair: 'keypairs',
  'security-group': 'security-groups',
  disk: 'disks',
  snapshot: 'snapshots',
  'snapshot-policy': 'snapshot-policies',
  region: 'regions',
  zone: 'zones',
  'instance-type': 'instance-types',
};

/** Groups whose ID arguments are instances (key pairs and RAM roles are named). */
const ID_IS_INSTANCE = new Set(['keypair', 'ram-role']);

const STATUSES: Record<string, string[]> = {
  instance: ['Pending', 'Running', 'Starting', 'Stopping', 'Stopped'],
  disk: ['In_use', 'Available', 'Attaching', 'Detaching', 'Creating', 'ReIniting'],
  snapshot: ['progressing', 'accomplished', 'failed'],
  image: ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'],
};

/** Verbs that act on resources in one status: offer those first (all when none is). */
const ACTS_ON: Record<string, string[]> = {
  'instance start': ['Stopped'],
  'instance stop': ['Running'],
  'instance reboot': ['Running'],
  'disk attach': ['Available'],
  'disk detach': ['In_use'],
};

const FILE_WORD = /(^|-)(files?|path|dir|out|identity|allow)$/;

/** The kind a word names: "instance-id", "INSTANCE", "disk", "keypair-name" … */
function kindOfWord(word: string): Kind | undefined {
  const n = word.toLowerCase().replace(/[^a-z]/g, '');
  if (n.includes('policy')) return 'snapshot-policies';
  if (n.includes('securitygroup') || n === 'sg' || n === 'group') return 'security-groups';
  if (n.includes('instancetype') || n === 'type') return 'instance-types';
  if (n.includes('instance')) return 'instances';
  if (n.includes('snapshot')) return 'snapshots';
  if (n.includes('disk')) return 'disks';
  if (n.includes('image')) return 'images';
  if (n.includes('keypair')) return 'keypairs';
  if (n === 'region' || n === 'regionid') return 'regions';
  if (n === 'zone' || n === 'zoneid') return 'zones';
  return undefined;
}

/** What a positional argument completes to. */
export function argTarget(group: string, verb: string, arg: ArgSpec): Kind | 'file' | 'profile' | undefined {
  const n = arg.name.toLowerCase();
  if (n === 'profile' || n === 'profiles') return 'profile';
  if (FILE_WORD.test(n.replace(/[^a-z-]/g, ''))) return 'file';
  if (/^(id|ids)$/.test(n.replace(/[^a-z]/g, ''))) return ID_IS_INSTANCE.has(group) ? 'instances' : GROUP_KIND[group];
  if (/^names?$/.test(n) && group === 'keypair' && verb !== 'create' && verb !== 'import') return 'keypairs';
  if (/^names?$/.test(n)) return undefined;
  return kindOfWord(n);
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

async function optionValues(opt: OptSpec, group: string | undefined, flags: ConfigFlags, env: NodeJS.ProcessEnv): Promise<Completion> {
  if (opt.choices?.length) return { items: opt.choices.map((c) => [c]), directive: Directive.NoFileComp };
  const name = (opt.long ?? opt.short ?? '').replace(/^-+/, '');
  if (name === 'profile') return { items: profileNames(env), directive: Directive.NoFileComp };
  if (name === 'status') return { items: (STATUSES[group ?? ''] ?? STATUSES.instance!).map((s) => [s]), directive: Directive.NoFileComp };
  if (FILE_WORD.test(name)) return none(Directive.Default);
  const kind = kindOfWord(name);
  if (!kind) return none();
  return { items: await resourceCandidates(kind, flags, env), directive: Directive.NoFileComp };
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

  const group = path[0];
  const opts = verb ? [...verb.options, ...GLOBAL_OPTIONS] : path.length === 0 ? [...GLOBAL_OPTIONS, ...ROOT_ONLY] : GLOBAL_OPTIONS;
  if (pending) return filter(await optionValues(pending, group, flags, env), cur);
  if (!dashDash && cur.startsWith('-')) {
    const eq = cur.indexOf('=');
    if (eq > 0) {
      const opt = findOption(cur.slice(0, eq), opts);
      if (!opt?.value) return none();
      const r = filter(await optionValues(opt, group, flags, env), cur.slice(eq + 1));
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
  const target = argTarget(group!, path[path.length - 1]!, arg);
  if (target === 'file') return none(Directive.Default);
  if (target === 'profile') return filter({ items: profileNames(env), directive: Directive.NoFileComp }, cur);
  if (!target) return none();
  const given = new Set(positionals);
  let items = (await resourceCandidates(target, flags, env)).filter(([v]) => !given.has(v));
  const wanted = positionals.length === 0 || arg.variadic ? ACTS_ON[path.join(' ')] : undefined;
  const fit = wanted && target === GROUP_KIND[group!] ? items.filter(([, , s]) => s !== undefined && wanted.includes(s)) : [];
  if (fit.length > 0) items = fit;
  return filter({ items: items.map(([v, d]) => (d ? [v, d] : [v]) as Candidate), directive: Directive.NoFileComp }, cur);
}

function filter(c: Completion, prefix: string): Completion {
  return prefix ? { ...c, items: c.items.filter(([v]) => v.startsWith(prefix)) } : c;
}

/** The text `ecs __complete` prints. */
export function formatCompletion(c: Completion): string {
  return c.items.map(([v, d]) => (d ? `${v}\t${clean(d)}` : v) + '\n').join('') + `:${c.directive}\n`;
}
