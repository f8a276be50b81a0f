import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { CliError, UsageError } from '../../core/errors.js';
import { readCapped } from '../../ssh/known-hosts.js';
import { parseAuthorizedKeys } from '../../keys/load.js';
import { sshOptions } from '../../ssh/cli.js';
import { clean } from '../../ssh/text.js';
import { defineCommand } from '../types.js';
import { account, oneTarget, script, sudoHint, withSession } from './common.js';

// Runs as root (or as the user, for their own file). Refuses symlinks (root must not be
// led to chmod/chown elsewhere), creates the directory 700 and the file 600, fixes their
// modes and owner, and prints the file so the caller can tell whether the key is there.
const PREPARE = `
set -e
d=$1; f=$2; owner=$3; dry=$4
for p in "$d" "$f"; do
  if [ -L "$p" ]; then echo "$p is a symbolic link; refusing to follow it" >&2; exit 3; fi
done
if [ -e "$d" ] && [ ! -d "$d" ]; then echo "$d exists and is not a directory" >&2; exit 3; fi
if [ -e "$f" ] && [ ! -f "$f" ]; then echo "$f exists and is not a regular file" >&2; exit 3; fi
if [ "$dry" = dry ]; then
  if [ -f "$f" ]; then exec cat -- "$f"; fi
  exit 0
fi
umask 077
[ -d "$d" ] || mkdir -m 700 -- "$d"
[ -f "$f" ] || : > "$f"
chmod 700 -- "$d"
chmod 600 -- "$f"
if [ -n "$owner" ]; then chown -- "$owner" "$d" "$f"; fi
exec cat -- "$f"
`;

const APPEND = `
set -e
f=$1
if [ -L "$f" ] || [ ! -f "$f" ]; then echo "$f changed while the key was being added" >&2; exit 3; fi
cat >> "$f"
`;

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<host>', '[USER@]HOST[:PORT]')
      .requiredOption('--key <file>', 'the public key to add (one OpenSSH line, e.g. id_ed25519.pub)')
      .option('--user <name>', 'whose authorized_keys (default: the login user)')
      .option('--authorized-keys <path>', 'the file on the host (default: ~USER/.ssh/authorized_keys)');
    sshOptions(cmd, { sudo: false });
    cmd.addHelpText(
      'after',
      `
The manual binding of the ECS guide (no reboot): creates ~/.ssh with mode 700 and
authorized_keys with mode 600, owned by the user, and adds the key unless the same key is
already there (whatever its options or comment): running it twice leaves one line.
Existing modes are corrected to 700/600. Logged in as another user than --user, the work
is done with \`sudo -n\` (never asks for a password). Symbolic links are refused.
--dry-run connects and tells what would change, changing nothing.

Examples:
  ecs host push-key root@10.0.0.5 --key ~/.ssh/id_ed25519.pub
  ecs host push-key admin@10.0.0.5 --key deploy.pub --user deploy -i ~/.ssh/admin.pem`,
    );
  },
  async run(ctx, [host], o) {
    // the key: one public key line, read capped
    let buf: Buffer | undefined;
    try {
      buf = readCapped(o.key, 64 * 1024);
    } catch (e) {
      throw new UsageError(`--key ${o.key}: ${clean((e as Error).message)}`);
    }
    if (!buf) throw new UsageError(`--key ${o.key}: no such file`);
    const parsed = parseAuthorizedKeys(buf);
    if (parsed.keys.length !== 1) throw new UsageError(`--key ${o.key}: expected one public key line, found ${parsed.keys.length}${parsed.skipped.length ? ` (and ${parsed.skipped.length} unparsable line(s))` : ''}`);
    const key = parsed.keys[0]!;
    const type = key.blob.subarray(4, 4 + key.blob.readUInt32BE(0)).toString('latin1');
    const comment = clean(key.comment, 200).replace(/\s+/g, ' ');
    const line = `${type} ${key.blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
    const fp = `SHA256:${createHash('sha256').update(key.blob).digest('base64').replace(/=+$/, '')}`;

    const { target, session } = await oneTarget(ctx, host, o);
    const dry = Boolean(ctx.globals.dryRun);
    const res = await withSession(target, session, async (s) => {
      const user = o.user ?? target.user;
      const acct = await account(s, user);
      const file = o.authorizedKeys ?? posix.join(acct.home, '.ssh', 'authorized_keys');
      if (!file.startsWith('/')) throw new UsageError(`--authorized-keys must be an absolute path, got ${JSON.stringify(clean(file, 100))}`);
      const dir = posix.dirname(file);
      const self = user === target.user && !s.isRoot;
      const owner = s.isRoot || !self ? `${acct.uid}:${acct.gid}` : '';
      const r = await s.exec(script(s, PREPARE, [dir, file, owner, dry ? 'dry' : ''], !self), { maxBytes: 16 * 1024 * 1024 });
      if (r.code !== 0) throw new CliError(`${target.label}: cannot prepare ${file}: ${clean(r.stderr) || `exit ${r.code}`}${sudoHint(s, r.stderr)}`, { code: 'Host.PushKeyFailed' });
      const existing = r.stdout;
      const present = parseAuthorizedKeys(existing).keys.some((k) => k.blob.equals(key.blob));
      if (!present && !dry) {
        const sep = existing.length && existing[existing.length - 1] !== 0x0a ? '\n' : '';
        const a = await s.exec(script(s, APPEND, [file], !self), { stdin: `${sep}${line}\n` });
        if (a.code !== 0) throw new CliError(`${target.label}: cannot append to ${file}: ${clean(a.stderr) || `exit ${a.code}`}${sudoHint(s, a.stderr)}`, { code: 'Host.PushKeyFailed' });
      }
      return { Host: target.label, User: user, File: file, Fingerprint: fp, Added: !present && !dry, AlreadyPresent: present, DryRun: dry };
    });
    const verb = res.AlreadyPresent ? 'is already in' : dry ? 'would be added to' : 'added to';
    ctx.note(`${res.Host}: key ${fp} ${verb} ${clean(res.File)} (user ${res.User}; ${dry ? 'dry run, nothing changed' : '~/.ssh 700, file 600'})`);
    await ctx.renderRecord(res, [
      ['Host', res.Host],
      ['User', res.User],
      ['File', res.File],
      ['Fingerprint', res.Fingerprint],
      ['Added', res.Added],
      ['AlreadyPresent', res.AlreadyPresent],
    ]);
  },
});
