import { randomBytes } from 'node:crypto';
import { CliError, ExitCode, UsageError } from '../../core/errors.js';
import { sshOptions } from '../../ssh/cli.js';
import { editSshdConfig, unifiedDiff } from '../../ssh/sshd-edit.js';
import { clean, cleanLines, shq } from '../../ssh/text.js';
import { defineCommand } from '../types.js';
import { oneTarget, script, sudoHint, withSession } from './common.js';

export const DEFAULT_SSHD_CONFIG = '/etc/ssh/sshd_config';

// The service is `sshd` (RHEL, Alibaba Cloud Linux, …) or `ssh` (Debian, Ubuntu): reload
// the one that runs. systemd first, then SysV scripts.
const RELOAD = `
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for s in sshd ssh; do
    if systemctl is-active --quiet "$s"; then systemctl reload "$s" && echo "$s" && exit 0; exit 1; fi
  done
fi
for s in sshd ssh; do
  if [ -x "/etc/init.d/$s" ]; then "/etc/init.d/$s" reload >&2 && echo "$s" && exit 0; exit 1; fi
done
echo "no running sshd or ssh service found (give --reload-command)" >&2
exit 1
`;

const VALIDATE = `
PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"
exec "$1" -t -f "$2"
`;

// write the new file next to the old one with its mode and owner
const WRITE_TMP = `
set -e
f=$1; t=$2
umask 077
cat > "$t"
chmod --reference="$f" -- "$t"
chown --reference="$f" -- "$t" 2>/dev/null || true
`;

const INSTALL = `
set -e
f=$1; t=$2; b=$3
if [ -e "$b" ]; then echo "$b already exists" >&2; exit 3; fi
cp -p -- "$f" "$b"
mv -f -- "$t" "$f"
`;

function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '');
}

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<host>', '[USER@]HOST[:PORT]')
      .option('--disable-root-login', 'PermitRootLogin no')
      .option('--disable-password-auth', 'PasswordAuthentication no, KbdInteractiveAuthentication no, PubkeyAuthentication yes (needs a key login in this run)')
      .option('--sshd-config <path>', `sshd_config on the host (default ${DEFAULT_SSHD_CONFIG})`)
      .option('--sshd-binary <path>', 'sshd used to validate the edited file with -t (default: sshd from PATH, /usr/sbin)')
      .option('--reload-command <cmd>', 'run on the host (as root) instead of reloading the sshd/ssh service');
    sshOptions(cmd, { sudo: false });
    cmd.addHelpText(
      'after',
      `
Edits sshd_config as sshd reads it: the first value of a keyword wins and Include'd files
are read in place, so the setting is changed where it is first read, or a new line goes
before the first Include/Match; Match blocks that set another value are changed too.
Then: the edited file is checked with \`sshd -t -f\` (nothing changes if it fails), the old
one is kept as FILE.bak_<UTC timestamp>, the new one replaces it with the same mode and
owner, and the service (sshd or ssh) is reloaded (or --reload-command runs). Logged in as
another user than root, this is done with \`sudo -n\`.

--disable-password-auth is refused unless this run logged in with a key (--identity,
~/.ssh/id_* or the agent), so a host is never left without a way in. --dry-run prints the
diff on stdout and changes nothing. A config that already has the values is left alone.

Examples:
  ecs host harden root@10.0.0.5 --disable-root-login --disable-password-auth --dry-run
  ecs host harden admin@10.0.0.5 -i ~/.ssh/admin.pem --disable-password-auth`,
    );
  },
  async run(ctx, [host], o) {
    if (!o.disableRootLogin && !o.disablePasswordAuth) throw new UsageError('nothing to do: give --disable-root-login and/or --disable-password-auth');
    const want: [string, string][] = [];
    if (o.disableRootLogin) want.push(['PermitRootLogin', 'no']);
    // keyboard-interactive is a password prompt too (through PAM): off with it
    if (o.disablePasswordAuth) want.push(['PasswordAuthentication', 'no'], ['KbdInteractiveAuthentication', 'no'], ['PubkeyAuthentication', 'yes']);
    const file: string = o.sshdConfig ?? DEFAULT_SSHD_CONFIG;
    if (!file.startsWith('/')) throw new UsageError(`--sshd-config must be an absolute path, got ${JSON.stringify(clean(file, 100))}`);
    const dry = Boolean(ctx.globals.dryRun);
    const { target, session } = await oneTarget(ctx, host, o);

    return withSession(target, session, async (s) => {
      if (o.disablePasswordAuth && s.auth === 'password') {
        throw new CliError(
          `${target.label}: refusing to disable password logins: this run logged in with a password, not a key; log in with a key (--identity FILE, ~/.ssh/id_* or the ssh-agent) first, so the host keeps a way in`,
          { code: 'Host.NoKeyLogin' },
        );
      }
      const r = await s.exec(s.asRoot(`cat -- ${shq(file)}`), { maxBytes: 1024 * 1024 });
      if (r.code !== 0) throw new CliError(`${target.label}: cannot read ${clean(file)}: ${clean(r.stderr) || `exit ${r.code}`}${sudoHint(s, r.stderr)}`, { code: 'Host.ReadFailed' });
      const text = r.stdout.toString('utf8');
      if (text.includes('\0')) throw new CliError(`${target.label}: ${clean(file)} is a binary file, not an sshd_config`, { code: 'Host.BadConfig' });
      const edit = editSshdConfig(text, want);
      if (!edit.edits.length) {
        ctx.note(`${target.label}: ${clean(file)} already has ${want.map(([k, v]) => `${k} ${v}`).join(', ')}; nothing changed`);
        await ctx.renderRecord({ Host: target.label, File: file, Changed: 0, Backup: null, Reloaded: false }, [['Host', target.label], ['File', file], ['Changed', 0]]);
        return 0;
      }
      if (dry) {
        ctx.io.stdout.write(cleanLines(unifiedDiff(edit, file, `${file} (edited)`)));
        ctx.note(`${target.label}: dry run: ${edit.edits.length} line(s) would change; nothing changed`);
        return 0;
      }
      const tmp = `${file}.ecs-${randomBytes(4).toString('hex')}`;
      const w = await s.exec(script(s, WRITE_TMP, [file, tmp]), { stdin: edit.text });
      if (w.code !== 0) {
        await s.exec(s.asRoot(`rm -f -- ${shq(tmp)}`));
        throw new CliError(`${target.label}: cannot write ${clean(tmp)}: ${clean(w.stderr) || `exit ${w.code}`}${sudoHint(s, w.stderr)}`, { code: 'Host.WriteFailed' });
      }
      const v = await s.exec(script(s, VALIDATE, [o.sshdBinary ?? 'sshd', tmp]));
      if (v.code !== 0) {
        await s.exec(s.asRoot(`rm -f -- ${shq(tmp)}`));
        throw new CliError(`${target.label}: sshd -t rejected the edited config, nothing changed: ${clean(v.stderr) || `exit ${v.code}`}`, { code: 'Host.ConfigInvalid' });
      }
      const backup = `${file}.bak_${stamp(new Date())}`;
      const inst = await s.exec(script(s, INSTALL, [file, tmp, backup]));
      if (inst.code !== 0) {
        await s.exec(s.asRoot(`rm -f -- ${shq(tmp)}`));
        throw new CliError(`${target.label}: cannot install the edited config: ${clean(inst.stderr) || `exit ${inst.code}`}`, { code: 'Host.WriteFailed' });
      }
      const reload = o.reloadCommand !== undefined ? s.asRoot(`sh -c ${shq(o.reloadCommand)}`) : script(s, RELOAD, []);
      const rl = await s.exec(reload);
      for (const e of edit.edits) ctx.note(`${target.label}: ${clean(file)}:${e.line}: ${e.old === null ? 'added' : `${clean(e.old)} →`} ${clean(e.new)}`);
      if (rl.code !== 0) {
        throw new CliError(`${target.label}: ${clean(file)} was changed (backup ${clean(backup)}) but the reload failed: ${clean(rl.stderr) || `exit ${rl.code}`}; reload sshd by hand`, { code: 'Host.ReloadFailed', exitCode: ExitCode.FAILURE });
      }
      const service = o.reloadCommand !== undefined ? '(--reload-command)' : clean(rl.stdout.toString('utf8')) || 'sshd';
      ctx.note(`${target.label}: backup ${clean(backup)}; reloaded ${service}`);
      if (s.isRoot && edit.edits.some((e) => /^\s*PermitRootLogin\b/i.test(e.new))) ctx.warn(`${target.label}: logged in as root; from now on root logins over SSH are refused: check another user can log in and use sudo`);
      await ctx.renderRecord({ Host: target.label, File: file, Changed: edit.edits.length, Backup: backup, Reloaded: true }, [
        ['Host', target.label],
        ['File', file],
        ['Changed', edit.edits.length],
        ['Backup', backup],
        ['Reloaded', service],
      ]);
      return 0;
    });
  },
});
