// Shared by the `ecs host` verbs: one target, a session, and running things as root.

import type { Context } from '../../core/context.js';
import { CliError, UsageError } from '../../core/errors.js';
import { credentials, knownHostsFile, sshFlags, targets, withSession, type SessionOptions } from '../../ssh/cli.js';
import type { SshSession } from '../../ssh/connect.js';
import { clean, shq } from '../../ssh/text.js';
import type { Target } from '../../ssh/target.js';

export const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export async function oneTarget(ctx: Context, spec: string, o: Record<string, any>, loginPrefix = ''): Promise<{ target: Target; session: SessionOptions }> {
  const flags = sshFlags(o, loginPrefix);
  const [target] = targets(ctx, [spec], flags);
  const creds = await credentials(ctx, flags, loginPrefix);
  return { target: target!, session: { ctx, flags, creds, knownHosts: knownHostsFile(ctx, flags) } };
}

export { withSession };

/** `sh -c SCRIPT sh ARGS…`, as root (sudo -n when not logged in as root). */
export function script(s: SshSession, body: string, args: string[], asRoot = true): string {
  const cmd = `sh -c ${shq(body)} sh ${args.map(shq).join(' ')}`;
  return asRoot ? s.asRoot(cmd) : cmd;
}

/** The passwd entry of a user on the host (getent: local files, LDAP, …). */
export async function account(s: SshSession, name: string): Promise<Account> {
  if (!USER_RE.test(name)) throw new UsageError(`invalid user name ${JSON.stringify(clean(name, 40))}`);
  const r = await s.exec(`getent passwd -- ${shq(name)}`, { maxBytes: 65536 });
  if (r.code === 2 || (r.code === 0 && !r.stdout.length)) throw new CliError(`${s.target.label}: no user ${name} on the host`, { code: 'Host.NoSuchUser' });
  if (r.code !== 0) throw new CliError(`${s.target.label}: getent passwd ${name} failed: ${clean(r.stderr) || `exit ${r.code}`}`, { code: 'Host.CommandFailed' });
  const f = r.stdout.toString('utf8').split('\n')[0]!.split(':');
  if (f.length < 7 || f[0] !== name || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!) || !f[5]!.startsWith('/')) {
    throw new CliError(`${s.target.label}: unexpected passwd entry for ${name}`, { code: 'Host.BadPasswd' });
  }
  return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
}

/** Explain a sudo failure in one line. */
export function sudoHint(s: SshSession, stderr: string): string {
  if (!s.isRoot && /password is required|a terminal is required|not in the sudoers|may not run sudo|not allowed to execute/i.test(stderr)) {
    return `; ${s.target.user} cannot use sudo without a password on this host (sudo -n): log in as root or allow NOPASSWD for it`;
  }
  if (!s.isRoot && /sudo: (command )?not found|sudo: not found/i.test(stderr)) return '; sudo is not installed on this host: log in as root';
  return '';
}
