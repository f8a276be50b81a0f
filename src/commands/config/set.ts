import { Argument } from 'commander';
import { readConfigFile } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { KEYS, keyDef, looksLikeSecret, readSecretInput } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Set one key of a profile (the current one, or --profile NAME)')
      .addArgument(new Argument('<key>', 'the key (see Keys below)').choices(Object.keys(KEYS)))
      .argument('[value]', 'the value (secret keys: use --stdin)')
      .option('--stdin', 'read the value from stdin (required for access-key-secret and security-token)')
      .option('--unset', 'remove the key from the profile')
      .addHelpText(
        'after',
        `
Keys:
${Object.entries(KEYS)
  .map(([k, d]) => `  ${k.padEnd(18)} ${d.help}`)
  .join('\n')}

Examples:
  ecs config set region cn-shanghai
  ecs config set backend remote --profile prod
  ecs config set access-key-secret --stdin < secret.txt
  ecs config set endpoint --unset`,
      );
  },
  async run(ctx, [key, value]: [string, string | undefined], opts: { stdin?: boolean; unset?: boolean }) {
    const def = keyDef(key);
    const file = readConfigFile(ctx.env);
    const profiles = file.profiles ?? {};
    const explicit = ctx.globals.profile ?? ctx.env.ECS_PROFILE;
    const name = explicit || file.current || 'default';
    if (explicit && !Object.hasOwn(profiles, name)) {
      throw new UsageError(`profile "${name}" does not exist (create it with: ecs config init --profile-name ${name})`);
    }
    let newValue: string | undefined;
    if (def.secret && value !== undefined) {
      throw new UsageError(`refusing ${key} on the command line (it would show in ps and shell history): use ecs config set ${key} --stdin`);
    }
    if (opts.unset) {
      if (value !== undefined || opts.stdin) throw new UsageError('--unset takes no value');
    } else if (opts.stdin) {
      if (value !== undefined) throw new UsageError('give the value either as an argument or with --stdin, not both');
      newValue = await readSecretInput(ctx, { stdin: true, what: key, stdinFlag: '--stdin' });
    } else if (value === undefined) {
      throw new UsageError(`missing value for ${key}${def.secret ? ' (use --stdin)' : ''}`);
    } else {
      newValue = value;
    }
    if (newValue !== undefined) newValue = def.check(newValue);
    if (key === 'access-key-id' && value !== undefined && looksLikeSecret(value)) {
      ctx.warn('the access-key-id value looks like an AccessKey secret; command lines show in ps and shell history (if it is a secret, rotate it)');
    }
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would ${opts.unset ? `remove ${key} from` : `set ${key} in`} profile ${name}; nothing changed`);
      return;
    }
    const { updateConfigFile } = await import('../../core/config-store.js');
    await updateConfigFile(ctx.env, (f) => {
      const p = (f.profiles![name] ??= {});
      if (newValue === undefined) delete p[def.field];
      else p[def.field] = newValue as never;
      f.current ??= name;
    });
    ctx.note(opts.unset ? `${key} removed from profile ${name}` : `${key} set in profile ${name}`);
  },
});
