import { CliError, UsageError } from '../../core/errors.js';
import { sshOptions } from '../../ssh/cli.js';
import { clean } from '../../ssh/text.js';
import { readSecret } from '../shared/secret.js';
import { defineCommand } from '../types.js';
import { account, oneTarget, sudoHint, USER_RE, withSession } from './common.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<host>', '[USER@]HOST[:PORT]')
      .requiredOption('--user <name>', 'whose password to set')
      .option('--password-stdin', 'read the new password from standard input')
      .option('--password-file <file>', 'read the new password from a file (mode 0600)');
    sshOptions(cmd, { loginPrefix: 'login-', sudo: false });
    cmd.addHelpText(
      'after',
      `
Runs chpasswd on the host (with \`sudo -n\` when not logged in as root). The new password
goes to chpasswd's standard input only: never on a command line, never logged. It comes
from --password-stdin, --password-file FILE or a hidden prompt (asked twice) on a terminal.
The login password, if one is needed, comes from --login-password-file or
--login-password-stdin. --dry-run connects and checks the user exists, changing nothing.

Examples:
  ecs host set-password root@10.0.0.5 --user ecs-user --password-file new.txt
  ecs host set-password admin@10.0.0.5 --user deploy          # asks on the terminal, twice
  pass show ecs/deploy | ecs host set-password admin@10.0.0.5 --user deploy --password-stdin`,
    );
  },
  async run(ctx, [host], o) {
    if (!USER_RE.test(o.user)) throw new UsageError(`--user: invalid user name ${JSON.stringify(clean(o.user, 40))}`);
    if (o.passwordStdin && o.loginPasswordStdin) throw new UsageError('standard input cannot carry both the new password and the login password');
    // the login credentials first: their flag errors come before any prompt
    const { target, session } = await oneTarget(ctx, host, o, 'login-');
    const secret = await readSecret(ctx, { passwordStdin: o.passwordStdin, passwordFile: o.passwordFile }, { what: 'new password', promptByDefault: true });
    const pw = secret!.value;
    if (/[\n\r\0]/.test(pw)) throw new UsageError('the new password cannot contain a line break or NUL');
    const dry = Boolean(ctx.globals.dryRun);
    await withSession(target, session, async (s) => {
      const acct = await account(s, o.user);
      if (dry) return;
      const r = await s.exec(s.asRoot('chpasswd'), { stdin: `${acct.name}:${pw}\n` });
      if (r.code !== 0) {
        // chpasswd does not echo the password, but make sure nothing of it is shown
        const err = clean(r.stderr.split(pw).join('***'));
        throw new CliError(`${target.label}: chpasswd failed for ${acct.name}: ${err || `exit ${r.code}`}${sudoHint(s, r.stderr)}`, { code: 'Host.ChpasswdFailed' });
      }
    });
    ctx.note(`${target.label}: ${dry ? 'dry run: the password of' : 'set the password of'} ${o.user}${dry ? ' would be set; nothing changed' : ''}`);
    await ctx.renderRecord({ Host: target.label, User: o.user, Changed: !dry }, [
      ['Host', target.label],
      ['User', o.user],
      ['Changed', !dry],
    ]);
  },
});
