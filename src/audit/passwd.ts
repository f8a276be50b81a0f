// /etc/passwd (+ /etc/shadow when readable) audit: extra UID 0, system accounts with login
// shells, duplicate UIDs and names, empty passwords; the image profile (S001): passwords set.

import { excerpt, Findings } from './findings.js';
import { SourceError, type AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface PasswdOptions {
  profile?: 'instance' | 'image';
  maxBytes?: number;
  /** UID_MIN of login.defs (default 1000) */
  uidMin?: number;
}

export interface PasswdEntry {
  name: string;
  passwd: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  line: number;
}

export const PASSWD_MAX_BYTES = 16 * 1024 * 1024;

const NOLOGIN = new Set(['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false', '/bin/sync', '/sbin/shutdown', '/sbin/halt', '/usr/sbin/halt', '/usr/sbin/shutdown', '/bin/nologin', '/usr/bin/nologin', '']);

export function canLogIn(shell: string): boolean {
  return !NOLOGIN.has(shell);
}

/** Parse passwd text; malformed lines become PW06 findings when `f` is given. */
export function parsePasswd(text: string, file: string, f?: Findings): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (!l.trim() || l.startsWith('#')) continue;
    if (l.startsWith('+') || l.startsWith('-')) continue; // NIS compat entries
    const p = l.split(':');
    const uid = Number(p[2]);
    if (p.length !== 7 || !p[0] || !/^\d+$/.test(p[2] ?? '') || !/^\d+$/.test(p[3] ?? '')) {
      f?.add('PW06', file, i + 1, `line ${i + 1}: "${excerpt(l, 50)}" is not name:password:UID:GID:GECOS:home:shell`);
      continue;
    }
    out.push({ name: p[0], passwd: p[1]!, uid, gid: Number(p[3]), home: p[5]!, shell: p[6]!, line: i + 1 });
  }
  return out;
}

/** Accounts from a source's passwd file (for host audits); [] when unreadable. */
export async function readPasswdEntries(src: AuditSource, path = '/etc/passwd'): Promise<PasswdEntry[]> {
  try {
    return parsePasswd((await src.readFile(path, PASSWD_MAX_BYTES)).toString('utf8'), path);
  } catch {
    return [];
  }
}

export async function auditPasswd(src: AuditSource, paths: { passwd: string; shadow?: string }, opts: PasswdOptions = {}): Promise<Finding[]> {
  const f = new Findings(src.label);
  const max = opts.maxBytes ?? PASSWD_MAX_BYTES;
  const uidMin = opts.uidMin ?? 1000;
  let text: string;
  try {
    const buf = await src.readFile(paths.passwd, max);
    if (buf.indexOf(0) >= 0) {
      f.add('FILE02', paths.passwd, null, `${paths.passwd} contains NUL bytes: not a passwd file`);
      return f.list;
    }
    text = buf.toString('utf8');
  } catch (e) {
    f.add('FILE01', paths.passwd, null, e instanceof SourceError ? e.message : `${paths.passwd}: ${(e as Error).message}`);
    return f.list;
  }
  const file = paths.passwd;
  const entries = parsePasswd(text, file, f);
  const byUid = new Map<number, PasswdEntry>();
  const byName = new Map<string, PasswdEntry>();
  for (const e of entries) {
    if (e.uid === 0 && e.name !== 'root') f.add('PW01', file, e.line, `${e.name} has UID 0: a second root account`, { fix: `userdel ${e.name} (or usermod -u NEW_UID ${e.name})` });
    if (e.uid !== 0 && e.uid < uidMin && canLogIn(e.shell) && e.uid !== 65534) {
      f.add('PW02', file, e.line, `system account ${e.name} (UID ${e.uid}) has the login shell ${excerpt(e.shell, 40)}`, { fix: `usermod -s /usr/sbin/nologin ${e.name}` });
    }
    const du = byUid.get(e.uid);
    if (du && !(e.uid === 0 && e.name !== 'root')) f.add('PW03', file, e.line, `${e.name} has UID ${e.uid}, like ${du.name} (line ${du.line})`);
    else if (!du) byUid.set(e.uid, e);
    const dn = byName.get(e.name);
    if (dn) f.add('PW04', file, e.line, `${e.name} is defined again (first on line ${dn.line}); the first entry counts`, { fix: `vipw: delete line ${e.line}` });
    else byName.set(e.name, e);
    if (e.passwd === '' && canLogIn(e.shell) && opts.profile !== 'image') f.add('PW05', file, e.line, `${e.name} has an empty password field: no password is needed`, { fix: `passwd -l ${e.name}` });
    if (opts.profile === 'image' && e.passwd !== '' && e.passwd !== 'x' && e.passwd !== '*' && !e.passwd.startsWith('!')) {
      f.add('IMG02', file, e.line, `${e.name} has a password hash in ${file}`, { fix: `passwd -d ${e.name}` });
    }
  }
  if (paths.shadow) {
    let sh: string | undefined;
    try {
      const buf = await src.readFile(paths.shadow, max);
      sh = buf.indexOf(0) >= 0 ? undefined : buf.toString('utf8');
      if (sh === undefined) f.add('FILE02', paths.shadow, null, `${paths.shadow} contains NUL bytes: not a shadow file`);
    } catch (e) {
      // unreadable shadow: normal without root; a finding only when it was asked for explicitly and exists
      if (!(e instanceof SourceError && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EPERM'))) f.add('FILE01', paths.shadow, null, e instanceof SourceError ? e.message : `${paths.shadow}: ${(e as Error).message}`, { severity: 'info' });
    }
    if (sh !== undefined) {
      const lines = sh.split('\n');
      for (let i = 0; i < lines.length; i++) {
        let l = lines[i]!;
        if (l.endsWith('\r')) l = l.slice(0, -1);
        if (!l.trim() || l.startsWith('#')) continue;
        const p = l.split(':');
        const name = p[0]!;
        const hash = p[1] ?? '';
        const acct = byName.get(name);
        const login = acct ? canLogIn(acct.shell) : true;
        if (hash === '' && login && opts.profile !== 'image') f.add('SH01', paths.shadow, i + 1, `${name} has an empty password in ${paths.shadow}: login without a password`, { fix: `passwd -l ${name}` });
        if (opts.profile === 'image' && hash !== '' && !hash.startsWith('!') && !hash.startsWith('*')) {
          f.add('IMG02', paths.shadow, i + 1, `${name} has a password set (an image must not carry preset passwords)`, { fix: `passwd -d ${name}` });
        }
      }
    }
  }
  return f.list;
}
