import { readConfigFile, DEFAULT_REGION, type Profile } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { Option } from 'commander';
import type { Context } from '../../core/context.js';
import { defineCommand } from '../types.js';
import { askValid, closeAsk } from './ask.js';
import { checkAccessKeyId, checkBackend, checkEndpoint, checkProfileName, checkRegion, looksLikeSecret, readSecretInput } from './shared.js';

interface InitOptions {
  profileName?: string;
  accessKeyId?: string;
  accessKeySecretStdin?: boolean;
  accessKeySecretFile?: string;
  securityTokenFile?: string;
  accessKeySecret?: string;
  use?: boolean;
  force?: boolean;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Create or replace a profile: prompts on a terminal, or takes flags')
      .option('--profile-name <name>', 'profile to write (default: --profile, or "default")')
      .option('--access-key-id <id>', 'AccessKey ID')
      .option('--access-key-secret-stdin', 'read the AccessKey secret from stdin')
      .option('--access-key-secret-file <file>', 'read the AccessKey secret from a file')
      .option('--security-token-file <file>', 'read an STS token from a file (StsToken credentials)')
      .addOption(new Option('--access-key-secret <secret>').hideHelp())
      .option('--use', 'make it the current profile (automatic for the first profile)')
      .option('--force', 'replace an existing profile without asking')
      .addHelpText(
        'after',
        `
Backend, region, endpoint and signature come from the global options --backend,
--region, --endpoint and --signature (on a terminal, backend and region are
asked for when not given). The secret is never taken as a command-line value.

Examples:
  ecs config init
  ecs config init --profile-name prod --backend remote --region cn-shanghai \\
      --access-key-id LTAI5tExample --access-key-secret-stdin < secret.txt
  ecs config init --profile-name local --backend remote \\
      --endpoint 127.0.0.1:8787 --access-key-id LTAI5tExample \\
      --access-key-secret-file ~/.ecs-secret`,
      );
  },
  async run(ctx, _args, o: InitOptions) {
    try {
      await init(ctx, o);
    } finally {
      closeAsk(ctx);
    }
  },
});

async function init(ctx: Context, o: InitOptions): Promise<void> {
  if (o.accessKeySecret !== undefined) {
    throw new UsageError('refusing an AccessKey secret on the command line (it would show in ps and shell history): use --access-key-secret-stdin or --access-key-secret-file');
  }
  if (o.accessKeyId && looksLikeSecret(o.accessKeyId)) {
    ctx.warn('the --access-key-id value looks like an AccessKey secret; command lines show in ps and shell history (if it is a secret, rotate it)');
  }
  const g = ctx.globals;
  // stdin carries the secret with --access-key-secret-stdin, so nothing is asked then.
  const interactive = ctx.canPrompt() && !o.accessKeySecretStdin;
  const file = readConfigFile(ctx.env);
  const profiles = file.profiles ?? {};

  // No terminal and nothing said: refuse rather than quietly write a default profile.
  const said = [o.profileName, g.profile, o.accessKeyId, o.accessKeySecretStdin, o.accessKeySecretFile, o.securityTokenFile, g.backend, g.region, g.endpoint, g.signature].some((v) => v !== undefined && v !== false);
  if (!interactive && !said) {
    throw new UsageError('config init needs a terminal to ask on, or flags: --profile-name NAME with --backend, --region, --access-key-id … (see ecs config init --help)');
  }
  const name = checkProfileName(o.profileName ?? g.profile ?? (interactive ? await askValid(ctx, 'Profile name', 'default', checkProfileName) : 'default'));
  const exists = Object.hasOwn(profiles, name);
  if (exists && !o.force) {
    if (!interactive) throw new UsageError(`profile "${name}" already exists: pass --force to replace it`);
    closeAsk(ctx);
    await ctx.confirm(`Profile "${name}" exists. Replace it?`, `replacing profile "${name}"`);
  }
  const old: Profile = exists ? profiles[name]! : {};

  const backend = g.backend ? checkBackend(g.backend) : interactive ? await askValid(ctx, 'Backend (simulator|remote)', old.backend ?? 'simulator', checkBackend) : 'simulator';
  const region = g.region ? checkRegion(g.region) : interactive ? await askValid(ctx, 'Region', old.region ?? DEFAULT_REGION, checkRegion) : undefined;
  const endpoint = g.endpoint ? checkEndpoint(g.endpoint) : undefined;
  let accessKeyId = o.accessKeyId ? checkAccessKeyId(o.accessKeyId) : undefined;
  let secret = await readSecretInput(ctx, {
    stdin: o.accessKeySecretStdin,
    file: o.accessKeySecretFile,
    what: 'AccessKey secret',
    stdinFlag: '--access-key-secret-stdin',
    fileFlag: '--access-key-secret-file',
  });
  const token = await readSecretInput(ctx, { file: o.securityTokenFile, what: 'security token', stdinFlag: '--security-token-file' });
  if (interactive && accessKeyId === undefined) {
    const id = await askValid(ctx, `AccessKey ID${backend === 'simulator' ? ' (empty for none)' : ''}`, undefined, (v) => (v === '' && backend === 'simulator' ? '' : checkAccessKeyId(v)));
    accessKeyId = id || undefined;
  }
  if (interactive && accessKeyId && secret === undefined) {
    closeAsk(ctx);
    secret = await ctx.promptSecret('AccessKey secret:', '--access-key-secret-stdin or --access-key-secret-file');
    if (!secret) throw new UsageError('the AccessKey secret is empty; nothing was written');
  }
  if (accessKeyId && !secret) throw new UsageError('--access-key-id needs its secret: --access-key-secret-stdin or --access-key-secret-file');
  if (secret && !accessKeyId) throw new UsageError('an AccessKey secret needs --access-key-id');
  if (token && !accessKeyId) throw new UsageError('--security-token-file needs --access-key-id and its secret');
  if (backend === 'remote' && !accessKeyId) {
    ctx.warn('no credentials in this profile: the remote backend will need ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  }

  const profile: Profile = { backend };
  if (region) profile.region = region;
  if (endpoint) profile.endpoint = endpoint;
  if (g.signature) profile.signature = g.signature === 'v1' ? 'v1' : 'v3';
  if (accessKeyId) profile.accessKeyId = accessKeyId;
  if (secret) profile.accessKeySecret = secret;
  if (token) profile.securityToken = token;

  if (ctx.globals.dryRun) {
    ctx.note(`dry run: would ${exists ? 'replace' : 'create'} profile "${name}"; nothing changed`);
    return;
  }
  const { updateConfigFile } = await import('../../core/config-store.js');
  const next = await updateConfigFile(ctx.env, (f) => {
    f.profiles![name] = profile;
    if (o.use || !f.current || !Object.hasOwn(f.profiles!, f.current)) f.current = name;
  });
  ctx.note(`profile "${name}" ${exists ? 'replaced' : 'created'}${next.current === name ? ' (current)' : ''}`);
}
