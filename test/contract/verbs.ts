import { writeFileSync } from 'node:fs';
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
  /** A new key pair (imported from key.pub), a new security group, each call: its name / ID. */
  keypair(): Promise<string>;
  securityGroup(): Promise<string>;
  /** Run ecs (a fixture step that must succeed); its stdout, trimmed. */
  cli(args: string[]): Promise<string>;
}

export type Check = 'usage' | 'data' | 'query' | 'dryRun';

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
let n = 0;
const ZONE = 'cn-hangzhou-h';

// Storage fixtures, made through the CLI.
const zoneOf = async (f: Fixtures, inst: string) => JSON.parse(await f.cli(['instance', 'describe', inst, '-o', 'json', '--query', 'ZoneId'])) as string;
const newDisk = (f: Fixtures, zone = ZONE) => f.cli(['disk', 'create', '--zone', zone, '--size', '20', '-o', 'ids']);
const systemDisk = (f: Fixtures, inst: string) => f.cli(['disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids']);
async function attachedDisk(f: Fixtures): Promise<string> {
  const inst = await f.running();
  const d = await newDisk(f, await zoneOf(f, inst));
  await f.cli(['disk', 'attach', d, inst]);
  return d;
}
const newSnapshot = async (f: Fixtures) => f.cli(['snapshot', 'create', await systemDisk(f, await f.running()), '-o', 'ids']);
const newPolicy = async (f: Fixtures) => JSON.parse(await f.cli(['snapshot-policy', 'create', '--hours', '3', '-o', 'json', '--query', 'AutoSnapshotPolicyId'])) as string;
const newImage = async (f: Fixtures) => f.cli(['image', 'create', '--instance', await f.running(), '-o', 'ids']);

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
  },
  'instance vnc-password': { args: async (f) => [await f.running(), '--generate'], data: true, mutates: true },
  'instance auto-release': { args: async (f) => [await f.running(), '--at', '+2h'], mutates: true, bad: [['--at', 'later']] },
  'instance rename': { args: async (f) => [await f.running(), 'walker-renamed'], data: true, mutates: true },
  'instance modify': { args: async (f) => [await f.running(), '--description', 'walked'], data: true, mutates: true },
  'instance renew': { args: async (f) => [await f.prepaid(), '--period', '1'], data: true, mutates: true, bad: [['--period', '0'], ['--period-unit', 'Decade']] },
  'instance vnc-url': { args: async (f) => [await f.running()], data: true },
  'instance wait': { args: async (f) => [await f.running(), '--status', 'Running'], data: true, bad: [['--status', 'Bogus']] },

  // ---- key pairs, security groups, RAM roles, tags (issue 9) ---------------------------
  'keypair create': { args: (f) => [`walkerkp${++n}`, '--out', f.fresh('kp.pem')], data: true, mutates: true, bad: [['--ppk-version', '4'], ['--tag', '=x']] },
  'keypair import': { args: (f) => [`walkerimp${++n}`, '--public-key', `${f.key}.pub`], data: true, mutates: true },
  'keypair list': { args: () => [], data: true, bad: [['--tag', '=x']] },
  'keypair describe': { args: async (f) => [await f.keypair()], data: true },
  'keypair attach': { args: async (f) => [await f.keypair(), await f.running()], data: true, mutates: true, bad: [['--concurrency', '0']] },
  'keypair detach': {
    args: async (f) => {
      const [k, i] = [await f.keypair(), await f.running()];
      await f.cli(['keypair', 'attach', k, i]);
      return [k, i];
    },
    data: true,
    mutates: true,
  },
  'keypair delete': { args: async (f) => [await f.keypair(), '--yes'], data: true, mutates: true },
  'security-group create': { args: () => ['--name', 'walker-sg'], data: true, mutates: true, bad: [['--type', 'advanced'], ['--tag', '=x']] },
  'security-group list': { args: () => [], data: true, bad: [['--type', 'advanced']] },
  'security-group describe': { args: async (f) => [await f.securityGroup()], data: true },
  'security-group delete': { args: async (f) => [await f.securityGroup(), '--yes'], data: true, mutates: true, bad: [['--concurrency', '0']] },
  'security-group join': { args: async (f) => [await f.securityGroup(), await f.running()], data: true, mutates: true },
  'security-group leave': {
    args: async (f) => {
      const [g, i] = [await f.securityGroup(), await f.running()];
      await f.cli(['security-group', 'join', g, i]);
      return [g, i];
    },
    data: true,
    mutates: true,
  },
  'security-group rule add': {
    args: async (f) => [await f.securityGroup(), '--port', '22', '--source', '203.0.113.0/24'],
    data: true,
    mutates: true,
    bad: [['--protocol', 'sctp'], ['--policy', 'reject'], ['--direction', 'sideways'], ['--priority', '0'], ['--port', '0']],
  },
  'security-group rule remove': {
    args: async (f) => {
      const g = await f.securityGroup();
      await f.cli(['security-group', 'rule', 'add', g, '--port', '80', '--source', '0.0.0.0/0']);
      return [g, '--port', '80', '--source', '0.0.0.0/0', '--yes'];
    },
    data: true,
    mutates: true,
  },
  'security-group rule list': { args: async (f) => [await f.securityGroup()], data: true, bad: [['--direction', 'up']] },
  'security-group check': { args: async (f) => [await f.securityGroup(), '--from', '198.51.100.1', '--port', '22'], data: true, bad: [['--port', '99999'], ['--protocol', 'sctp'], ['--from', 'nowhere']] },
  'ram-role attach': { args: async (f) => ['EcsRamRoleDocumentTesting', await f.running()], data: true, mutates: true },
  'ram-role detach': {
    args: async (f) => {
      const i = await f.running();
      await f.cli(['ram-role', 'attach', 'EcsRamRoleDocumentTesting', i]);
      return ['EcsRamRoleDocumentTesting', i];
    },
    data: true,
    mutates: true,
  },
  'ram-role describe': { args: async (f) => [await f.running()], data: true },
  'tag add': { args: async (f) => [await f.running(), 'env=walk'], data: true, mutates: true, bad: [['--type', 'vpc']] },
  'tag remove': {
    args: async (f) => {
      const i = await f.running();
      await f.cli(['tag', 'add', i, 'env=walk']);
      return [i, 'env'];
    },
    mutates: true,
    bad: [['--type', 'vpc']],
  },
  'tag list': { args: () => [], data: true, bad: [['--type', 'vpc']] },

  // ---- catalogue ---------------------------------------------------------------------
  'image list': { args: () => ['--os-type', 'linux'], data: true, bad: [['--arch', 'mips'], ['--os-type', 'beos']] },
  'image describe': { args: () => ['ubuntu_24_04_x64_20G_alibase_20240812.vhd'], data: true },
  'instance-type list': { args: () => ['--family', 'ecs.g7'], data: true, bad: [['--min-cpu', 'two'], ['--min-memory', '-4']] },
  'region list': { args: () => [], data: true },
  'zone list': { args: () => [], data: true },

  // ---- storage: disks, snapshots, policies, images (helper sim11) ----------------------
  'disk create': { args: () => ['--zone', ZONE, '--size', '20'], data: true, mutates: true, bad: [['--size', '0'], ['--category', 'floppy']] },
  'disk list': { args: () => [], data: true, bad: [['--type', 'boot'], ['--status', 'Sleeping']] },
  'disk describe': { args: async (f) => [await newDisk(f)], data: true },
  'disk attach': {
    args: async (f) => {
      const inst = await f.running();
      return [await newDisk(f, await zoneOf(f, inst)), inst];
    },
    data: true,
    mutates: true,
  },
  'disk detach': { args: async (f) => [await attachedDisk(f), '--yes'], data: true, mutates: true },
  'disk resize': { args: async (f) => [await newDisk(f), '--size', '40'], data: true, mutates: true, bad: [['--size', 'x'], ['--type', 'sideways']] },
  'disk reset': {
    args: async (f) => {
      const sys = await systemDisk(f, await f.stopped());
      return [sys, '--snapshot', await f.cli(['snapshot', 'create', sys, '-o', 'ids']), '--yes'];
    },
    data: true,
    mutates: true,
  },
  'disk reinit': { args: async (f) => [await systemDisk(f, await f.stopped()), '--yes'], data: true, mutates: true },
  'disk modify': { args: async (f) => [await newDisk(f), '--name', 'walked'], data: true, mutates: true },
  'disk delete': { args: async (f) => [await newDisk(f), '--yes'], data: true, mutates: true },
  'snapshot create': { args: async (f) => [await systemDisk(f, await f.running())], data: true, mutates: true, bad: [['--retention-days', '0']] },
  'snapshot list': { args: () => [], data: true, bad: [['--kind', 'hourly']] },
  'snapshot describe': { args: async (f) => [await newSnapshot(f)], data: true },
  'snapshot delete': { args: async (f) => [await newSnapshot(f), '--yes'], data: true, mutates: true },
  'snapshot-policy create': { args: () => ['--hours', '2'], data: true, mutates: true, bad: [['--hours', '24'], ['--retention', '0'], ['--days', 'someday'], ['--tz', 'Mars']] },
  'snapshot-policy list': { args: () => [], data: true },
  'snapshot-policy apply': { args: async (f) => [await newPolicy(f), await newDisk(f)], data: true, mutates: true },
  'snapshot-policy cancel': {
    args: async (f) => {
      const d = await newDisk(f);
      await f.cli(['snapshot-policy', 'apply', await newPolicy(f), d]);
      return [d];
    },
    data: true,
    mutates: true,
  },
  'snapshot-policy modify': { args: async (f) => [await newPolicy(f), '--retention', '7'], data: true, mutates: true, bad: [['--retention', 'x']] },
  'snapshot-policy delete': { args: async (f) => [await newPolicy(f), '--yes'], data: true, mutates: true },
  'image create': { args: async (f) => ['--instance', await f.running()], data: true, mutates: true },
  'image copy': { args: async (f) => [await newImage(f), '--to', 'cn-shanghai'], data: true, mutates: true },
  'image share': { args: async (f) => [await newImage(f), '2000000000000001'], data: true, mutates: true },
  'image unshare': {
    args: async (f) => {
      const img = await newImage(f);
      await f.cli(['image', 'share', img, '2000000000000001']);
      return [img, '2000000000000001', '--yes'];
    },
    data: true,
    mutates: true,
  },
  'image import': {
    args: async (f) => {
      await f.cli(['simulator', 'set', 'feature.image-import', 'on']);
      return ['--oss', 'walker-bucket/disk.raw', '--os-type', 'linux', '--platform', 'CentOS', '--size', '20'];
    },
    data: true,
    mutates: true,
    bad: [['--format', 'qcow2'], ['--os-type', 'beos']],
  },
  'image export': {
    args: async (f) => {
      await f.cli(['simulator', 'set', 'feature.image-export', 'on']);
      return [await newImage(f), '--bucket', 'walker-bucket'];
    },
    data: true,
    mutates: true,
    bad: [['--format', 'iso']],
  },
  'image delete': { args: async (f) => [await newImage(f), '--yes'], data: true, mutates: true },
  'instance replace-system-disk': {
    args: async (f) => [await f.stopped(), '--image', 'ubuntu_24_04_x64_20G_alibase_20240812.vhd', '--yes'],
    data: true,
    mutates: true,
    bad: [['--size', '0']],
  },

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

  // ---- audits and host operations (issue 10) ------------------------------------------
  'audit authorized-keys': { args: (f) => [`${f.key}.pub`], data: true, bad: [['--fail-on', 'severe']] },
  'audit sshd-config': {
    args: (f) => {
      const p = f.fresh('sshd_config');
      writeFileSync(p, 'PermitRootLogin no\nPasswordAuthentication no\n', { mode: 0o600 });
      return [p];
    },
    data: true,
    bad: [['--fail-on', 'severe']],
  },
  'audit passwd': {
    args: (f) => {
      const p = f.fresh('passwd');
      writeFileSync(p, 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/usr/sbin/nologin\n');
      return [p];
    },
    data: true,
    bad: [['--fail-on', 'severe']],
  },
  'audit cloud': { args: () => [], data: true, bad: [['--fail-on', 'severe']] },
  'audit host': { args: () => ['root@127.0.0.1:1'], noRun: 'needs an SSH server (tested against a real sshd in test/ssh/audit-host.test.ts)', bad: [['--concurrency', '0'], ['--fail-on', 'severe']] },
  'host push-key': { args: (f) => ['root@127.0.0.1:1', '--key', `${f.key}.pub`], noRun: 'needs an SSH server (tested against a real sshd in test/ssh/host-ops.test.ts)' },
  'host harden': { args: () => ['root@127.0.0.1:1', '--disable-root-login'], noRun: 'needs an SSH server (tested against a real sshd in test/ssh/host-ops.test.ts)' },
  'host set-password': { args: () => ['root@127.0.0.1:1', '--user', 'ecs-user', '--password-stdin'], stdin: `${PW}\n`, noRun: 'needs an SSH server (tested against a real sshd in test/ssh/host-ops.test.ts)' },

  // ---- completion --------------------------------------------------------------------
  completion: { args: () => ['bash'], bad: [['tcsh']] },
  __complete: {
    args: () => ['--', 'inst'],
    noRun: 'the shells call it (test/e2e/completion.test.ts)',
    noUsage: 'it never fails and never writes to stderr, whatever the words (test/e2e/completion.test.ts)',
  },
};

export { PW as WALKER_PASSWORD };
