// sshd_config audit (sshd_config(5), servconf.c): keywords are case-insensitive, the first
// value obtained wins, Include is expanded in place (globs sorted, relative to /etc/ssh), a
// Match block runs to the next Match or the end of the file it is in, and for connections
// it matches its values override the global ones. OpenSSH's defaults apply where a keyword
// is absent.

import { Findings, modeText, excerpt } from './findings.js';
import { SourceError, type AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface SshdConfigOptions {
  maxBytes?: number;
  noStat?: boolean;
  /** an extracted image or mounted disk: Include paths are read under this directory */
  root?: string;
}

/** Effective global values (the first value outside Match blocks, or the default). */
export interface SshdEffective {
  permitRootLogin: string;
  passwordAuthentication: string;
  pubkeyAuthentication: string;
  strictModes: string;
  permitEmptyPasswords: string;
  kbdInteractiveAuthentication: string;
  usePam: string;
  maxAuthTries: string;
  permitUserEnvironment: string;
  /** AuthorizedKeysFile patterns (%h, %u, %% tokens; relative to the home directory) */
  authorizedKeysFile: string[];
}

export const SSHD_MAX_BYTES = 4 * 1024 * 1024;

interface Setting {
  key: string;
  args: string[];
  file: string;
  line: number;
  /** the Match criteria in force, '' for global */
  match: string;
}

const DEFAULTS: Record<string, string> = Object.assign(Object.create(null), {
  permitrootlogin: 'prohibit-password',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  pubkeyauthentication: 'yes',
  permitemptypasswords: 'no',
  strictmodes: 'yes',
  permituserenvironment: 'no',
  usepam: 'no',
  maxauthtries: '6',
  authorizedkeysfile: '.ssh/authorized_keys .ssh/authorized_keys2',
});

const ALIASES: Record<string, string> = Object.assign(Object.create(null), {
  challengeresponseauthentication: 'kbdinteractiveauthentication',
  pubkeyacceptedkeytypes: 'pubkeyacceptedalgorithms',
});

/** Keywords that accumulate (several lines all count): never "repeated with another value". */
const MULTI = new Set(['include', 'match', 'port', 'listenaddress', 'hostkey', 'hostcertificate', 'acceptenv', 'setenv', 'subsystem', 'allowusers', 'denyusers', 'allowgroups', 'denygroups', 'permitlisten', 'permitopen', 'authorizedkeysfile', 'channeltimeout', 'logverbose']);

/** Keywords sshd refuses inside a Match block ("Directive '…' is not allowed within a Match block"). */
const GLOBAL_ONLY = new Set(
  ['usepam', 'strictmodes', 'permituserenvironment', 'port', 'listenaddress', 'hostkey', 'hostcertificate', 'protocol', 'subsystem', 'usedns', 'pidfile', 'logingracetime', 'maxstartups', 'addressfamily', 'ciphers', 'macs', 'kexalgorithms', 'syslogfacility', 'printmotd', 'printlastlog', 'tcpkeepalive', 'compression', 'hostkeyalgorithms', 'hostkeyagent', 'versionaddendum', 'securitykeyprovider', 'persourcemaxstartups', 'persourcenetblocksize', 'moduli', 'xauthlocation'],
);

/**
 * The values sshd accepts for the keywords the audit evaluates (case-insensitive, as sshd's
 * multistate parsing). Anything else: `sshd -t` says 'unsupported option "…"' or 'integer value
 * invalid' and sshd refuses to start (SSHD15).
 */
const YES_NO = ['yes', 'no'];
const VALUES: Record<string, (v: string) => boolean> = Object.assign(Object.create(null), {
  permitrootlogin: (v: string) => ['yes', 'prohibit-password', 'without-password', 'forced-commands-only', 'no'].includes(v.toLowerCase()),
  passwordauthentication: (v: string) => YES_NO.includes(v.toLowerCase()),
  kbdinteractiveauthentication: (v: string) => YES_NO.includes(v.toLowerCase()),
  pubkeyauthentication: (v: string) => YES_NO.includes(v.toLowerCase()),
  permitemptypasswords: (v: string) => YES_NO.includes(v.toLowerCase()),
  strictmodes: (v: string) => YES_NO.includes(v.toLowerCase()),
  usepam: (v: string) => YES_NO.includes(v.toLowerCase()),
  maxauthtries: (v: string) => /^\d{1,9}$/.test(v),
});

/** sshd's argv_split: whitespace-separated, double quotes group, backslash escapes quote/backslash. */
function splitArgs(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    let cur = '';
    let q = false;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === "'")) {
        cur += s[++i];
      } else if (c === '"') {
        q = !q;
      } else if (!q && (c === ' ' || c === '\t')) break;
      else cur += c;
    }
    if (q) return undefined;
    out.push(cur);
  }
  return out;
}

/** fnmatch for one path component: * ? [...] */
export function globMatch(pat: string, name: string): boolean {
  const rec = (p: number, n: number): boolean => {
    while (p < pat.length) {
      const c = pat[p]!;
      if (c === '*') {
        if (name[n] === '.' && n === 0) return false;
        for (let k = n; k <= name.length; k++) if (rec(p + 1, k)) return true;
        return false;
      }
      if (n >= name.length) return false;
      if (c === '?') {
        p++;
        n++;
        continue;
      }
      if (c === '[') {
        const close = pat.indexOf(']', p + 2);
        if (close > 0) {
          let set = pat.slice(p + 1, close);
          const neg = set[0] === '!' || set[0] === '^';
          if (neg) set = set.slice(1);
          let hit = false;
          for (let k = 0; k < set.length; k++) {
            if (set[k + 1] === '-' && k + 2 < set.length) {
              if (name[n]! >= set[k]! && name[n]! <= set[k + 2]!) hit = true;
              k += 2;
            } else if (set[k] === name[n]) hit = true;
          }
          if (hit === neg) return false;
          p = close + 1;
          n++;
          continue;
        }
      }
      if (c !== name[n]) return false;
      p++;
      n++;
    }
    return n === name.length;
  };
  return rec(0, 0);
}

interface ParseState {
  src: AuditSource;
  opts: SshdConfigOptions;
  f: Findings;
  settings: Setting[];
  includesSeen: number;
  matchSeen: number;
  firstIncludeOrMatch?: { file: string; line: number };
  depth: number;
}

async function parseFile(st: ParseState, path: string, match: string, fromInclude: boolean): Promise<void> {
  let buf: Buffer;
  try {
    buf = await st.src.readFile(path, st.opts.maxBytes ?? SSHD_MAX_BYTES);
  } catch (e) {
    // sshd: an Include that matches no file is not an error
    if (fromInclude && e instanceof SourceError && e.code === 'ENOENT') return;
    st.f.add('FILE01', path, null, e instanceof SourceError ? e.message : `${path}: ${(e as Error).message}`, fromInclude ? { severity: 'low' } : {});
    return;
  }
  if (buf.indexOf(0) >= 0) {
    st.f.add('FILE02', path, null, `${path} contains NUL bytes: not an sshd_config text`);
    return;
  }
  if (!st.opts.noStat) await checkMode(st, path);
  const lines = buf.toString('utf8').split('\n');
  let active = match;
  for (let i = 0; i < lines.length; i++) {
    const lnum = i + 1;
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    let p = 0;
    while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p++;
    if (p >= line.length || line[p] === '#') continue;
    // keyword, then an optional "=" and the arguments
    let k = p;
    while (k < line.length && line[k] !== ' ' && line[k] !== '\t' && line[k] !== '=') k++;
    const rawKey = line.slice(p, k);
    let key = rawKey.toLowerCase();
    if (Object.hasOwn(ALIASES, key)) key = ALIASES[key]!;
    let rest = line.slice(k);
    rest = rest.replace(/^[ \t]*=?[ \t]*/, '');
    // a trailing comment after arguments is not part of sshd's grammar: leave as is
    const args = splitArgs(rest);
    if (!args) {
      st.f.add('SSHD15', path, lnum, `${excerpt(rawKey, 40)}: unbalanced quotes; sshd refuses to start`);
      continue;
    }
    if (!args.length) {
      st.f.add('SSHD15', path, lnum, `${excerpt(rawKey, 40)} has no argument; sshd refuses to start`);
      continue;
    }
    if (key === 'match') {
      st.matchSeen++;
      st.firstIncludeOrMatch ??= { file: path, line: lnum };
      const crit = args.join(' ');
      // "Match all" is a block too: its values override the global ones for every connection
      active = `Match ${crit} (${path}:${lnum})`;
      continue;
    }
    if (key === 'include') {
      st.includesSeen++;
      st.firstIncludeOrMatch ??= { file: path, line: lnum };
      if (st.depth >= 16) {
        st.f.add('SSHD15', path, lnum, 'Include nested too deeply (sshd stops at 16)');
        continue;
      }
      for (const a of args) {
        const abs = `${st.opts.root ?? ''}${a.startsWith('/') ? a : `/etc/ssh/${a}`}`;
        const files = await expandGlob(st, abs);
        st.depth++;
        for (const file of files) await parseFile(st, file, active, true);
        st.depth--;
      }
      continue;
    }
    if (active && GLOBAL_ONLY.has(key)) {
      st.f.add('SSHD15', path, lnum, `${excerpt(rawKey, 40)} is not allowed within a Match block; sshd refuses to start`);
      continue;
    }
    if (Object.hasOwn(VALUES, key) && !VALUES[key]!(args[0]!)) {
      st.f.add('SSHD15', path, lnum, `${excerpt(rawKey, 40)} ${excerpt(args[0]!, 40)}: not a value sshd accepts; sshd refuses to start`);
      continue;
    }
    st.settings.push({ key, args, file: path, line: lnum, match: active });
  }
}

async function expandGlob(st: ParseState, pattern: string): Promise<string[]> {
  const slash = pattern.lastIndexOf('/');
  const dir = pattern.slice(0, slash) || '/';
  const base = pattern.slice(slash + 1);
  if (!/[*?[]/.test(base) && !/[*?[]/.test(dir)) return [pattern];
  if (/[*?[]/.test(dir) || !st.src.list) return [];
  const names = await st.src.list(dir).catch(() => null);
  if (!names) return [];
  return names.filter((n) => globMatch(base, n)).sort().map((n) => `${dir === '/' ? '' : dir}/${n}`);
}

async function checkMode(st: ParseState, path: string): Promise<void> {
  const s = await st.src.stat(path).catch(() => null);
  if (!s) return;
  if (s.mode & 0o022 || s.uid !== 0) {
    st.f.add('SSHD09', path, null, `${path} has mode ${modeText(s.mode)}, owner uid ${s.uid}: ${s.uid !== 0 ? 'not owned by root' : 'group/others can change sshd settings'}`, { fix: `chown root:root ${path}; chmod 600 ${path}` });
  } else if (s.mode & 0o044) {
    st.f.add('SSHD10', path, null, `${path} has mode ${modeText(s.mode)} (CIS: 0600)`, { fix: `chmod 600 ${path}` });
  }
}

export interface SshdConfigResult {
  findings: Finding[];
  effective: SshdEffective;
}

export async function auditSshdConfig(src: AuditSource, path: string, opts: SshdConfigOptions = {}): Promise<Finding[]> {
  return (await readSshdConfig(src, path, opts)).findings;
}

/** The audit and the effective global values (for the authorized_keys audits of a host). */
export async function readSshdConfig(src: AuditSource, path: string, opts: SshdConfigOptions = {}): Promise<SshdConfigResult> {
  const f = new Findings(src.label);
  const st: ParseState = { src, opts, f, settings: [], includesSeen: 0, matchSeen: 0, depth: 0 };
  await parseFile(st, path, '', false);
  const readable = !f.list.some((x) => x.rule === 'FILE01' && x.file === path);
  // first value wins (global scope); repeated keywords with another value
  const first = new Map<string, Setting>();
  for (const s of st.settings) {
    if (s.match) continue;
    const prev = first.get(s.key);
    if (!prev) first.set(s.key, s);
    else if (!MULTI.has(s.key) && prev.args.join(' ').toLowerCase() !== s.args.join(' ').toLowerCase()) {
      f.add('SSHD12', s.file, s.line, `${s.key} ${excerpt(s.args.join(' '), 40)} is ignored: ${prev.file}:${prev.line} set ${excerpt(prev.args.join(' '), 40)} first`);
    }
  }
  const val = (k: string): string => (first.get(k)?.args[0] ?? DEFAULTS[k] ?? '').toLowerCase();
  const where = (k: string): { file: string; line: number | null } => {
    const s = first.get(k);
    return s ? { file: s.file, line: s.line } : { file: path, line: null };
  };
  const absent = (k: string) => (first.has(k) ? '' : ' (absent: the OpenSSH default)');
  if (readable) {
    // PermitRootLogin
    const prl = val('permitrootlogin');
    if (prl === 'yes') f.add('SSHD01', where('permitrootlogin').file, where('permitrootlogin').line, 'PermitRootLogin yes: root can log in with a password');
    else if (prl !== 'no') f.add('SSHD02', where('permitrootlogin').file, where('permitrootlogin').line, `PermitRootLogin ${prl}${absent('permitrootlogin')}: root can still log in${prl === 'forced-commands-only' ? ' with keys that have command=' : ' with a key'}`);
    const pa = val('passwordauthentication');
    if (pa === 'yes') f.add('SSHD03', where('passwordauthentication').file, where('passwordauthentication').line, `PasswordAuthentication yes${absent('passwordauthentication')}: password logins are allowed`);
    else if (val('kbdinteractiveauthentication') === 'yes' && val('usepam') === 'yes') {
      f.add('SSHD04', where('kbdinteractiveauthentication').file, where('kbdinteractiveauthentication').line, `KbdInteractiveAuthentication yes${absent('kbdinteractiveauthentication')} with UsePAM yes: PAM still asks for passwords although PasswordAuthentication is no`);
    }
    if (val('pubkeyauthentication') === 'no') f.add('SSHD05', where('pubkeyauthentication').file, where('pubkeyauthentication').line, 'PubkeyAuthentication no: key logins are refused');
    if (val('permitemptypasswords') === 'yes') f.add('SSHD06', where('permitemptypasswords').file, where('permitemptypasswords').line, 'PermitEmptyPasswords yes: accounts with an empty password can log in');
    if (val('strictmodes') === 'no') f.add('SSHD07', where('strictmodes').file, where('strictmodes').line, 'StrictModes no: sshd accepts authorized_keys files others can write');
    const pue = val('permituserenvironment');
    if (pue !== 'no') f.add('SSHD08', where('permituserenvironment').file, where('permituserenvironment').line, `PermitUserEnvironment ${pue}: users can set LD_PRELOAD and the like for sshd's session`);
    const mat = Number(val('maxauthtries'));
    if (Number.isFinite(mat) && mat > 4) f.add('SSHD13', where('maxauthtries').file, where('maxauthtries').line, `MaxAuthTries ${mat}${absent('maxauthtries')} (CIS: 4 or less)`);
    const algs = first.get('pubkeyacceptedalgorithms');
    if (algs) {
      const list = algs.args.join(',').replace(/^[+\-^]/, '').split(',');
      const bad = list.filter((a) => a === 'ssh-rsa' || a === 'ssh-dss' || a === 'ssh-rsa-cert-v01@openssh.com' || a === 'ssh-dss-cert-v01@openssh.com');
      if (bad.length && !algs.args.join(',').startsWith('-')) f.add('SSHD14', algs.file, algs.line, `PubkeyAcceptedAlgorithms allows ${bad.join(', ')} (SHA-1 signatures / DSA)`);
    }
    const akf = first.get('authorizedkeysfile');
    if (akf && akf.args.join(' ') !== DEFAULTS.authorizedkeysfile && akf.args.join(' ') !== '.ssh/authorized_keys') f.add('SSHD16', akf.file, akf.line, `AuthorizedKeysFile ${excerpt(akf.args.join(' '), 60)}: keys come from these paths`);
    const akc = first.get('authorizedkeyscommand');
    if (akc && akc.args[0]?.toLowerCase() !== 'none') f.add('SSHD16', akc.file, akc.line, `AuthorizedKeysCommand ${excerpt(akc.args.join(' '), 60)}: keys also come from this command`);
    if (st.firstIncludeOrMatch) {
      f.add('SSHD11', st.firstIncludeOrMatch.file, st.firstIncludeOrMatch.line, `${st.includesSeen ? `${st.includesSeen} Include` : ''}${st.includesSeen && st.matchSeen ? ' and ' : ''}${st.matchSeen ? `${st.matchSeen} Match block(s)` : ''}: connections matching a block may get other values`);
    }
    // Match blocks: the first value per keyword in each block overrides the global one for its connections
    const seenInBlock = new Set<string>();
    for (const s of st.settings) {
      if (!s.match) continue;
      const id = `${s.match}\u0000${s.key}`;
      if (seenInBlock.has(id)) continue;
      seenInBlock.add(id);
      const v = (s.args[0] ?? '').toLowerCase();
      const ctx = `in ${s.match}`;
      if (s.key === 'permitrootlogin' && v === 'yes') f.add('SSHD01', s.file, s.line, `PermitRootLogin yes ${ctx}`);
      else if (s.key === 'permitrootlogin' && v !== 'no' && prl === 'no') f.add('SSHD02', s.file, s.line, `PermitRootLogin ${v} ${ctx} (global: no)`);
      else if (s.key === 'passwordauthentication' && v === 'yes' && pa !== 'yes') f.add('SSHD03', s.file, s.line, `PasswordAuthentication yes ${ctx} (global: ${pa})`);
      else if (s.key === 'pubkeyauthentication' && v === 'no') f.add('SSHD05', s.file, s.line, `PubkeyAuthentication no ${ctx}`);
      else if (s.key === 'permitemptypasswords' && v === 'yes') f.add('SSHD06', s.file, s.line, `PermitEmptyPasswords yes ${ctx}`);
      else if (s.key === 'kbdinteractiveauthentication' && v === 'yes' && pa !== 'yes' && val('usepam') === 'yes') f.add('SSHD04', s.file, s.line, `KbdInteractiveAuthentication yes ${ctx} with UsePAM yes`);
      else if (s.key === 'permituserenvironment' && v !== 'no') f.add('SSHD08', s.file, s.line, `PermitUserEnvironment ${v} ${ctx}`);
    }
  }
  const effective: SshdEffective = {
    permitRootLogin: val('permitrootlogin'),
    passwordAuthentication: val('passwordauthentication'),
    pubkeyAuthentication: val('pubkeyauthentication'),
    strictModes: val('strictmodes'),
    permitEmptyPasswords: val('permitemptypasswords'),
    kbdInteractiveAuthentication: val('kbdinteractiveauthentication'),
    usePam: val('usepam'),
    maxAuthTries: val('maxauthtries'),
    permitUserEnvironment: val('permituserenvironment'),
    authorizedKeysFile: first.get('authorizedkeysfile')?.args ?? DEFAULTS.authorizedkeysfile!.split(' '),
  };
  return { findings: f.list, effective };
}
