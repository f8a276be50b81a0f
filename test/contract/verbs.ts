// The contract table for test/contract/walker.test.ts: one entry per verb of the command tree
// (src/commands/registry.ts), keyed by its path ("instance stop"). A verb that is in the tree
// but not here fails the walker, so a new verb is added here with:
//   - args:    arguments for a run that succeeds (fixtures are made on demand; `f.running()`
//              makes a new Running instance each call, so destructive verbs get their own);
//   - data:    it returns data on stdout: -o json|yaml|tsv|ids and --query must work;
//   - mutates: it changes something: under --dry-run the simulator store, the config
//              directory and the fixture files must stay byte-for-byte the same;
//   - bad:     arguments with a bad option value (each must be a one-line usage error, exit 2);
//   - gaps:    a contract check this verb is known to fail today, with the issue that tracks
//              it. The walker runs that check as `it.fails`, so it turns red the day the verb
//              is fixed and the gap must be deleted here.

export interface Fixtures {
  /** A directory for the verb's files (key files, exports). */
  dir: string;
  /** A new Running / Stopped / subscription (PrePaid) instance, each call. */
  running(): Promise<string>;
  stopped(): Promise<string>;
  prepaid(): Promise<string>;
  /** An unencrypted OpenSSH private key, its .pub, and a PPK of it. */
  key: string;
  ppk: string;
  /** A simulator export file (valid for `simulator import`). */
  exported: string;
  /** A fresh path in `dir` that does not exist yet. */
  fresh(name: string): string;
  /** An aliyun CLI config file with one profile. */
  aliyunConfig: string;
}

export type Check = 'usage' | 'data' | 'dryRun';

export interface VerbContract {
  args: (f: Fixtures) => Promise<string[]> | string[];
  /** Stdin for every run of the verb. */
  stdin?: string;
  data?: boolean;
  mutates?: boolean;
  bad?: string[][];
  /** The verb cannot be run to success here (it serves until killed): usage checks only. */
  noRun?: string;
  /** The verb has no usage errors by design (the shells' completion hook): why. */
  noUsage?: string;
  gaps?: Partial<Record<Check, string>>;
}

const PW = 'Str0ng#Passw0rd';
const GAP_DRY_RUN = 'issue 7 §1.1: the change is made under --dry-run (instance verbs: helper layer)';
const GAP_JSON = 'issue 7 §1.6: no JSON result (instance verbs: helper layer)';

export const VERBS: Record<string, VerbContract> = {
  // ---- instance ----------------------------------------------------------------------
  'instance create': {
    args: () => ['--name', 'walker-new'],
    data: true,
    mutates: true,
    bad: [['--amount', '0'], ['--amount', 'x'], ['--tag', '=novalue'], ['--charge-type', 'Free']],
  },
  'instance list': { args: () => [], data: true, bad: [['--status', 'Sleeping'], ['--tag', '=x']] },
  'instance describe': { args: async (f) => [await f.running()], data: true },
  'instance start': { args: async (f) => [await f.stopped()], data: true, mutates: true, bad: [['--concurrency', '0']] },
  'instance stop': { args: async (f) => [await f.running(), '--yes'], data: true, mutates: true, bad: [['--stopped-mode', 'Nap'], ['--concurrency', '-1']] },
  'instance reboot': { args: async (f) => [await f.running(), '--yes'], data: true, mutates: true, bad: [['--concurrency', '1.5']] },
  'instance delete': { args: async (f) => [await f.stopped(), '--yes'], data: true, mutates: true, bad: [['--concurrency', 'many']] },
  'instance reset-password': {
    args: async (f) => [await f.running(), '--generate'],
    data: true,
    mutates: true,
    bad: [['--mode', 'sideways']],
    gaps: { data: GAP_JSON, dryRun: GAP_DRY_RUN },
  },
  'instance vnc-password': { args: async (f) => [await f.running(), '--generate'], data: true, mutates: true, gaps: { data: GAP_JSON, dryRun: GAP_DRY_RUN } },
  'instance auto-release': { args: async (f) => [await f.running(), '--at', '+2h'], mutates: true, bad: [['--at', 'later']], gaps: { dryRun: GAP_DRY_RUN } },
  'instance rename': { args: async (f) => [await f.running(), 'walker-renamed'], data: true, mutates: true, gaps: { data: GAP_JSON, dryRun: GAP_DRY_RUN } },
  'instance modify': { args: async (f) => [await f.running(), '--description', 'walked'], data: true, mutates: true, gaps: { data: GAP_JSON, dryRun: GAP_DRY_RUN } },
  'instance renew': { args: async (f) => [await f.prepaid(), '--period', '1'], data: true, mutates: true, bad: [['--period', '0'], ['--period-unit', 'Decade']], gaps: { dryRun: GAP_DRY_RUN } },
  'instance wait': { args: async (f) => [await f.running(), '--status', 'Running'], data: true, bad: [['--status', 'Bogus']], gaps: { data: GAP_JSON } },

  // ---- catalogue ---------------------------------------------------------------------
  'image list': { args: () => ['--os-type', 'linux'], data: true, bad: [['--arch', 'mips'], ['--os-type', 'beos']] },
  'image describe': { args: () => ['ubuntu_24_04_x64_20G_alibase_20240812.vhd'], data: true },
  'instance-type list': { args: () => ['--family', 'ecs.g7'], data: true, bad: [['--min-cpu', 'two'], ['--min-memory', '-4']] },
  'region list': { args: () => [], data: true },
  'zone list': { args: () => [], data: true },

  // ---- key (offline) -----------------------------------------------------------------
  'key generate': {
    args: (f) => ['--out', f.fresh('gen'), '--no-passphrase', '--bits', '2048'],
    mutates: true,
    bad: [['--bits', '1000'], ['--format', 'der'], ['--ppk-version', '4']],
  },
  'key public': { args: (f) => [f.key, '--out', f.fresh('pub.pub')], mutates: true },
  'key fingerprint': { args: (f) => [f.key], data: true },
  'key to-ppk': { args: (f) => [f.key, '--out', f.fresh('to.ppk')], mutates: true, bad: [['--kdf', 'md5'], ['--argon2-passes', '0']] },
  'key from-ppk': { args: (f) => [f.ppk, '--out', f.fresh('from'), '--format', 'openssh'], mutates: true, bad: [['--format', 'der']] },

  // ---- config ------------------------------------------------------------------------
  'config init': {
    args: () => ['--profile-name', 'walker-init', '--region', 'cn-shanghai'],
    mutates: true,
    bad: [['--profile-name', 'bad name!']],
  },
  'config list': { args: () => [], data: true },
  'config show': { args: () => [], data: true },
  'config set': { args: () => ['region', 'cn-beijing'], mutates: true },
  'config use': { args: () => ['walker-other'], mutates: true },
  'config import-aliyun': { args: (f) => [f.aliyunConfig, '--profile', 'ak', '--as', 'walker-imported', '--force'], data: true, mutates: true },

  // ---- simulator ---------------------------------------------------------------------
  'simulator status': { args: () => [], data: true },
  'simulator get': { args: () => [], data: true },
  'simulator set': { args: () => ['latency', '0'], mutates: true },
  'simulator advance': { args: () => ['1h'], mutates: true },
  'simulator reset': { args: () => ['--yes', '--keep-settings'], mutates: true },
  'simulator export': { args: (f) => [f.fresh('export.json')], mutates: true },
  'simulator import': { args: (f) => [f.exported, '--yes'], mutates: true },
  'simulator serve': { args: () => ['--port', '0'], noRun: 'serves until killed (tested in test/e2e/serve.test.ts)', bad: [['--port', '70000'], ['--fail-rate', '2']] },

  // ---- completion --------------------------------------------------------------------
  completion: { args: () => ['bash'], bad: [['tcsh']] },
  __complete: {
    args: () => ['--', 'inst'],
    noRun: 'the shells call it (test/e2e/completion.test.ts)',
    noUsage: 'it never fails and never writes to stderr, whatever the words (test/e2e/completion.test.ts)',
  },
};

export { PW as WALKER_PASSWORD };
