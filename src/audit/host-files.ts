// Everything on one host: sshd_config (+ Include), /etc/passwd (+ /etc/shadow if readable),
// every account's authorized_keys files (AuthorizedKeysFile, default .ssh/authorized_keys and
// .ssh/authorized_keys2, relative to the passwd homes) with the StrictModes chain, and in the
// image profile the shell histories.

import { auditAuthorizedKeys } from './authorized-keys.js';
import { Findings } from './findings.js';
import { auditPasswd, readPasswdEntries, type PasswdEntry } from './passwd.js';
import { readSshdConfig } from './sshd-config.js';
import type { AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface HostFilesOptions {
  sshdConfig?: string;
  passwd?: string;
  shadow?: string;
  profile?: 'instance' | 'image';
  allow?: ReadonlySet<string>;
  keypairs?: ReadonlySet<string>;
  now?: Date;
}

const HISTORIES = ['.bash_history', '.zsh_history', '.sh_history', '.ash_history', '.history', '.mysql_history', '.python_history', '.psql_history'];

/** AuthorizedKeysFile tokens: %h home, %u user, %U uid, %% a percent sign; relative to home. */
export function expandAkPath(pattern: string, e: Pick<PasswdEntry, 'name' | 'home' | 'uid'>): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%' && i + 1 < pattern.length) {
      const t = pattern[++i];
      out += t === 'h' ? e.home : t === 'u' ? e.name : t === 'U' ? String(e.uid) : t === '%' ? '%' : `%${t}`;
    } else out += c;
  }
  if (!out.startsWith('/')) out = `${e.home.replace(/\/+$/, '')}/${out}`;
  return out;
}

/** IMG03: non-empty shell histories in a home directory (`root` prefixes an extracted image). */
export async function checkHistories(src: AuditSource, home: string, f: Findings, root = ''): Promise<void> {
  for (const h of HISTORIES) {
    const path = `${root}${home.replace(/\/+$/, '')}/${h}`;
    const st = await src.stat(path).catch(() => null);
    if (st && st.isFile && st.size > 0) f.add('IMG03', path, null, `${path} is ${st.size} bytes: shell history left in the image`, { fix: `: > ${path} (history -c && history -w for the current shell)` });
  }
}

export async function auditHostFiles(src: AuditSource, opts: HostFilesOptions = {}): Promise<Finding[]> {
  const sshdPath = opts.sshdConfig ?? '/etc/ssh/sshd_config';
  const passwdPath = opts.passwd ?? '/etc/passwd';
  const shadowPath = opts.shadow ?? '/etc/shadow';
  const out: Finding[] = [];
  const { findings: sshdFindings, effective } = await readSshdConfig(src, sshdPath);
  out.push(...sshdFindings);
  out.push(...(await auditPasswd(src, { passwd: passwdPath, shadow: shadowPath }, { profile: opts.profile })));
  const entries = await readPasswdEntries(src, passwdPath);
  const extra = new Findings(src.label);
  const across = new Map<string, string>();
  const done = new Set<string>();
  const akPatterns = effective.authorizedKeysFile.length === 1 && effective.authorizedKeysFile[0]!.toLowerCase() === 'none' ? [] : effective.authorizedKeysFile;
  const homesDone = new Set<string>();
  for (const e of entries) {
    if (!e.home || e.home === '/' || e.home.startsWith('/nonexistent')) continue;
    for (const pat of akPatterns) {
      const path = expandAkPath(pat, e);
      if (done.has(path)) continue;
      done.add(path);
      const st = await src.stat(path).catch(() => null);
      if (!st) continue;
      const stats = { keys: 0 };
      out.push(
        ...(await auditAuthorizedKeys(src, path, {
          user: e.name,
          uid: e.uid,
          home: e.home,
          allow: opts.allow,
          keypairs: opts.keypairs,
          permitRootLogin: effective.permitRootLogin,
          strictModes: effective.strictModes !== 'no',
          profile: opts.profile,
          now: opts.now,
          seenAcrossFiles: across,
          stats,
        })),
      );
      if (path.endsWith('/authorized_keys2') && stats.keys > 0) extra.add('AK055', path, null, `${path} holds ${stats.keys} key(s) (legacy file, easily missed)`);
    }
    if (opts.profile === 'image' && !homesDone.has(e.home)) {
      homesDone.add(e.home);
      await checkHistories(src, e.home, extra);
    }
  }
  out.push(...extra.list);
  return out;
}
