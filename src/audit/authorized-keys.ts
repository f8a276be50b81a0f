// authorized_keys audit (sshd(8) AUTHORIZED_KEYS FILE FORMAT; auth-options.c and
// auth2-pubkeyfile.c semantics; StrictModes as misc.c safe_path). One pass over the bytes.

import { parseOptions, type ParsedOptions } from './ak-options.js';
import { blobInfo, decodeB64, inspect, KEY_TYPES, matchType, md5Fingerprint, plainBlob, scratchBytes, sha256Digest, digestFingerprint, T_DSS, T_RSA, T_SK_ED25519, T_SK_P256 } from '../keys/scan.js';
import { DigestSet } from './digest-set.js';
import { excerpt, Findings, modeText } from './findings.js';
import { SourceError, type AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface AuthorizedKeysOptions {
  /** account the file belongs to (StrictModes owner checks, root rules); inferred from the path when absent */
  user?: string;
  uid?: number;
  /** the account's home directory: the StrictModes chain stops there */
  home?: string;
  /** fingerprints (SHA256:…) allowed by --allow; undefined = no allow-list */
  allow?: ReadonlySet<string>;
  /** fingerprints (SHA256:… and/or MD5:aa:bb…) of the account's key pairs; undefined = not checked */
  keypairs?: ReadonlySet<string>;
  /** effective PermitRootLogin of the host when known (from the sshd_config audit) */
  permitRootLogin?: string;
  /** effective StrictModes (default yes) */
  strictModes?: boolean;
  /** 'image': the S001 "no preset credentials" profile */
  profile?: 'instance' | 'image';
  /** clock for expiry-time checks */
  now?: Date;
  /** read cap (default 256 MiB) */
  maxBytes?: number;
  /** skip the file's mode/owner checks (stdin, or files copied elsewhere) */
  noStat?: boolean;
  /** fingerprint → "file:line" across several files (AK022); filled in */
  seenAcrossFiles?: Map<string, string>;
  /** set to the number of key lines found (host audits use it for authorized_keys2) */
  stats?: { keys: number };
}

export const AK_MAX_BYTES = 256 * 1024 * 1024;
const LINE_LIMIT = 8192;

const SP = 0x20;
const TAB = 0x09;

// restriction bits of a key line
const R_FROM = 1;
const R_EXPIRY = 2;
const R_COMMAND = 4;
const R_RESTRICT = 8;
const R_CA = 16;

export async function auditAuthorizedKeys(src: AuditSource, path: string, opts: AuthorizedKeysOptions = {}): Promise<Finding[]> {
  const f = new Findings(src.label);
  let buf: Buffer;
  try {
    if (!opts.noStat) {
      const st = await src.stat(path);
      if (st === null) throw new SourceError(`${path}: no such file`, 'ENOENT');
      // a FIFO, socket or device: sshd refuses it (AK054 below); reading it could block or never end
      const fmt = st.mode & 0o170000;
      if (!st.isFile && !st.isDirectory && fmt !== 0o120000) {
        const acct = await resolveAccount(src, path, opts);
        await checkModes(src, path, acct, opts, f);
        return f.list;
      }
    }
    buf = await src.readFile(path, opts.maxBytes ?? AK_MAX_BYTES);
  } catch (e) {
    f.add('FILE01', path, null, e instanceof SourceError ? e.message : `${path}: ${(e as Error).message}`);
    return f.list;
  }
  const acct = opts.noStat ? { user: opts.user, uid: opts.uid, home: opts.home } : await resolveAccount(src, path, opts);
  if (!opts.noStat) await checkModes(src, path, acct, opts, f);
  if (buf.indexOf(0) >= 0) {
    f.add('FILE02', path, null, `${path} contains NUL bytes: a binary file, not an authorized_keys text`);
    return f.list;
  }
  scanKeys(buf, path, acct, opts, f);
  return f.list;
}

interface Account {
  user?: string;
  uid?: number;
  home?: string;
}

function dirnameOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

/** The account a file belongs to: given, or inferred from /root/… and /home/USER/… paths. */
async function resolveAccount(src: AuditSource, path: string, opts: AuthorizedKeysOptions): Promise<Account> {
  let { user, uid, home } = opts;
  if (!user) {
    if (path.startsWith('/root/')) user = 'root';
    else if (path.startsWith('/home/')) {
      const rest = path.slice(6);
      const s = rest.indexOf('/');
      if (s > 0) user = rest.slice(0, s);
    }
  }
  if (user && !home) {
    home = (await src.homeOf?.(user).catch(() => null)) ?? (user === 'root' ? '/root' : path.startsWith(`/home/${user}/`) ? `/home/${user}` : undefined);
  }
  if (!home) {
    const d = dirnameOf(path);
    home = d.endsWith('/.ssh') ? dirnameOf(d) : d;
  }
  if (uid === undefined) {
    if (user === 'root') uid = 0;
    else {
      const st = await src.stat(home).catch(() => null);
      if (st) uid = st.uid;
    }
  }
  return { user, uid, home };
}

async function checkModes(src: AuditSource, path: string, acct: Account, opts: AuthorizedKeysOptions, f: Findings): Promise<void> {
  const st = await src.stat(path).catch(() => null);
  if (!st) return;
  const who = acct.user ?? (acct.uid !== undefined ? `uid ${acct.uid}` : 'the account');
  if (!st.isFile) {
    const kind = (st.mode & 0o170000) === 0o120000 ? 'a symbolic link' : st.isDirectory ? 'a directory' : 'not a regular file (FIFO, socket or device)';
    f.add('AK054', path, null, `${path} is ${kind}; sshd reads only a regular file (and checks the link target's directories)`);
  } else {
    if (st.mode & 0o022) {
      const off = opts.strictModes === false;
      const who2 = st.mode & 0o002 ? 'others' : 'its group';
      const effect = off ? ' and StrictModes no makes sshd accept it' : st.mode & 0o002 ? '; sshd (StrictModes) ignores the file' : "; sshd (StrictModes) ignores the file, except Debian's when the group is the user's private group";
      f.add('AK050', path, null, `${path} has mode ${modeText(st.mode)}: ${who2} can add keys${effect}`, { severity: off ? 'critical' : 'high', fix: `chmod 600 ${path}` });
    } else if ((st.mode & 0o777) !== 0o600) {
      f.add('AK052', path, null, `${path} has mode ${modeText(st.mode)} (expected 0600)`, { fix: `chmod 600 ${path}` });
    }
    if (acct.uid !== undefined && st.uid !== acct.uid && st.uid !== 0) {
      f.add('AK053', path, null, `${path} is owned by uid ${st.uid}, not by ${who} (uid ${acct.uid}) or root: that user can add keys`, { fix: `chown ${acct.user ?? acct.uid} ${path}` });
    }
  }
  // every directory from the file's up to the home directory (inclusive), or up to /
  let dir = dirnameOf(path);
  const home = acct.home;
  for (let guard = 0; guard < 64; guard++) {
    const ds = await src.stat(dir).catch(() => null);
    if (ds) {
      const badOwner = acct.uid !== undefined && ds.uid !== acct.uid && ds.uid !== 0;
      if ((ds.mode & 0o022) || badOwner) {
        const why = [ds.mode & 0o022 ? `mode ${modeText(ds.mode)} (group/others can write)` : '', badOwner ? `owner uid ${ds.uid} (neither ${who} nor root)` : ''].filter(Boolean).join(' and ');
        f.add('AK051', dir, null, `${dir} has ${why}: sshd (StrictModes) ignores ${path}`, { fix: `chmod go-w ${dir}${badOwner ? `; chown ${acct.user ?? acct.uid} ${dir}` : ''}` });
      } else if (dir.endsWith('/.ssh') && (ds.mode & 0o777) !== 0o700) {
        f.add('AK052', dir, null, `${dir} has mode ${modeText(ds.mode)} (expected 0700)`, { fix: `chmod 700 ${dir}` });
      }
    }
    if (dir === home || dir === '/' || dir === '.') break;
    dir = dirnameOf(dir);
  }
}

/** The part of a line after leading blanks: what the rules look at. */
function scanKeys(buf: Buffer, path: string, acct: Account, opts: AuthorizedKeysOptions, f: Findings): void {
  const now = opts.now ?? new Date();
  // root only by name or an explicit uid 0 (not because a test file in /tmp is root's)
  const isRoot = acct.user === 'root' || opts.uid === 0;
  const rootOff = opts.permitRootLogin === 'no';
  const forcedOnly = opts.permitRootLogin === 'forced-commands-only';
  const image = opts.profile === 'image';
  const allow = opts.allow;
  const keypairs = opts.keypairs;
  const across = opts.seenAcrossFiles;
  // duplicates: fingerprint → index into firstLine/firstBits
  const seen = new DigestSet(4096);
  let firstLine = new Int32Array(1024);
  let firstBits = new Uint8Array(1024);
  let nKeys = 0;
  let crlf = 0;
  let firstCrlf = 0;
  let pos = 0;
  let lnum = 0;
  const n = buf.length;
  if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    f.add('AK007', path, 1, 'line 1 starts with a UTF-8 byte order mark: sshd cannot read the key on that line');
    pos = 3;
  }
  let inPrivate = false;
  // the key's description for messages, built only when a line has a finding (one closure, not one per line)
  let desc: string | undefined;
  let wTok = 0;
  let wBits = 0;
  let wFp = '';
  let wBe = 0;
  let wEnd = 0;
  let wDigest: Uint8Array = new Uint8Array(32);
  const fpOf = (): string => (wFp ||= digestFingerprint(wDigest));
  const what = (): string => (desc ??= `${KEY_TYPES[wTok]} ${wBits} bits ${fpOf()}${commentOf(buf, wBe, wEnd)}`);
  // token ends by native scans: spaces are frequent; the next tab is remembered so the
  // search for it never runs over the file more than once
  let nextTab = buf.indexOf(TAB);
  if (nextTab < 0) nextTab = n;
  let nextSp = -1;
  const tokEnd = (from: number, end: number): number => {
    if (nextTab < from) {
      nextTab = buf.indexOf(TAB, from);
      if (nextTab < 0) nextTab = n;
    }
    if (nextSp < from) {
      nextSp = buf.indexOf(SP, from);
      if (nextSp < 0) nextSp = n;
    }
    const e = nextTab < nextSp ? nextTab : nextSp;
    return e < end ? e : end;
  };
  while (pos < n) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0) nl = n;
    lnum++;
    const lineStart = pos;
    let end = nl;
    pos = nl + 1;
    if (end > lineStart && buf[end - 1] === 13) {
      end--;
      if (crlf++ === 0) firstCrlf = lnum;
    }
    let cp = lineStart;
    while (cp < end && (buf[cp] === SP || buf[cp] === TAB)) cp++;
    if (inPrivate) {
      if (buf[cp] === 0x2d && buf.indexOf('-----END', cp, 'latin1') === cp) inPrivate = false;
      continue;
    }
    if (cp === end || buf[cp] === 0x23 /* # */) continue;
    if (end - lineStart > LINE_LIMIT) f.add('AK006', path, lnum, `line ${lnum} is ${end - lineStart} bytes long (sshd documents 8 KB)`);
    // pasted private keys
    if (buf[cp] === 0x2d /* - */ || buf[cp] === 0x50 /* P */) {
      const head = buf.toString('latin1', cp, Math.min(end, cp + 40));
      if ((head.startsWith('-----BEGIN') && buf.toString('latin1', cp, end).includes('PRIVATE KEY')) || head.startsWith('PuTTY-User-Key-File-')) {
        f.add('AK008', path, lnum, `line ${lnum} starts a private key (${excerpt(buf.toString('latin1', cp, end), 50)})`);
        inPrivate = head.startsWith('-----BEGIN');
        continue;
      }
    }
    // sshd: try a key with no options first, then skip the options and try again
    let te = cp;
    te = tokEnd(te, end);
    let tok = matchType(buf, cp, te);
    let o: ParsedOptions | undefined;
    let optText = '';
    if (tok < 0) {
      // options end at the first space/tab outside double quotes (\" is an escaped quote)
      let q = false;
      let oe = cp;
      for (; oe < end && (q || (buf[oe] !== SP && buf[oe] !== TAB)); oe++) {
        if (buf[oe] === 0x5c && buf[oe + 1] === 0x22) oe++;
        else if (buf[oe] === 0x22) q = !q;
      }
      optText = buf.toString('utf8', cp, oe);
      let ks = oe;
      while (ks < end && (buf[ks] === SP || buf[ks] === TAB)) ks++;
      let ke = ks;
      ke = tokEnd(ke, end);
      const tok2 = matchType(buf, ks, ke);
      if (q) {
        f.add('AK001', path, lnum, `line ${lnum}: unterminated quote in the options; sshd ignores the line`);
        continue;
      }
      if (tok2 < 0) {
        // not a known type after the options either: which failure is it?
        const first = optText;
        const looksType = (s: string) => s.startsWith('ssh-') || s.startsWith('ecdsa-') || s.startsWith('sk-') || s.startsWith('rsa-') || s.endsWith('@openssh.com');
        if (looksType(first) && !first.includes('=') && !first.includes(',')) {
          f.add('AK002', path, lnum, `line ${lnum}: unknown key type "${excerpt(first, 40)}"; sshd ignores the line`);
        } else if (ks < end && looksType(buf.toString('latin1', ks, ke))) {
          f.add('AK002', path, lnum, `line ${lnum}: unknown key type "${excerpt(buf.toString('latin1', ks, ke), 40)}"; sshd ignores the line`);
        } else if (!first.includes('=') && !first.includes(',') && parseOptions(first, now).error) {
          f.add('AK001', path, lnum, `line ${lnum}: "${excerpt(buf.toString('utf8', cp, end), 40)}" is not a key line; sshd ignores it`);
        } else if (ks >= end) {
          f.add('AK001', path, lnum, `line ${lnum}: no key (${excerpt(first, 40)}); sshd ignores the line`);
        } else {
          const po = parseOptions(first, now);
          if (po.error) f.add(po.errorRule || 'AK001', path, lnum, `line ${lnum}: ${po.error}; sshd ignores the line`);
          else f.add('AK001', path, lnum, `line ${lnum}: "${excerpt(buf.toString('latin1', ks, ke), 40)}" is not a key type; sshd ignores the line`);
        }
        continue;
      }
      o = parseOptions(optText, now);
      if (o.error) {
        f.add(o.errorRule || 'AK001', path, lnum, `line ${lnum}: ${o.error}; sshd ignores the line`);
        continue;
      }
      cp = ks;
      te = ke;
      tok = tok2;
    }
    // the base64 blob
    let bs = te;
    while (bs < end && (buf[bs] === SP || buf[bs] === TAB)) bs++;
    let be = bs;
    be = tokEnd(be, end);
    const blen = decodeB64(buf, bs, be);
    if (blen < 0) {
      f.add('AK001', path, lnum, bs === be ? `line ${lnum}: ${KEY_TYPES[tok]} with no key data; sshd ignores the line` : `line ${lnum}: the key data is not valid base64; sshd ignores the line`);
      continue;
    }
    const sc = scratchBytes();
    inspect(sc, blen, tok);
    if (blobInfo.error) {
      const rule = blobInfo.error.startsWith('the key blob holds') || blobInfo.error.includes('curve') ? 'AK003' : 'AK001';
      f.add(rule, path, lnum, `line ${lnum}: ${blobInfo.error} (type token ${KEY_TYPES[tok]}); sshd ignores the line`);
      continue;
    }
    // the fingerprint hashes the decoded bytes in place; only certificates build a new blob
    const plain = tok >= 8 ? plainBlob(Buffer.from(sc.subarray(0, blen)), tok) : sc.subarray(0, blen);
    const digest = sha256Digest(plain);
    const base = tok >= 8 ? tok - 8 : tok;
    const bits = blobInfo.bits;
    nKeys++;
    desc = undefined;
    wTok = tok;
    wBits = bits;
    wFp = '';
    wDigest = digest;
    wBe = be;
    wEnd = end;
    // key types and strength
    if (base === T_DSS) f.add('AK010', path, lnum, `line ${lnum}: DSA key (${what()})`);
    else if (base === T_RSA) {
      if (bits < 1024) f.add('AK011', path, lnum, `line ${lnum}: RSA key of ${bits} bits, refused by OpenSSH (${what()})`);
      else if (bits < 2048) f.add('AK012', path, lnum, `line ${lnum}: RSA key of ${bits} bits (${what()})`);
      else if (bits < 3072) f.add('AK013', path, lnum, `line ${lnum}: RSA key of ${bits} bits (${what()})`);
      const e = blobInfo.rsaE;
      if ((e >= 0 && (e < 65537 || e % 2 === 0)) || blobInfo.rsaEven) {
        f.add('AK014', path, lnum, `line ${lnum}: RSA ${blobInfo.rsaEven ? 'modulus is even' : `public exponent ${e} is weak`} (${what()})`);
      }
    }
    if (tok >= 8 && !(o && o.certAuthority)) f.add('AK015', path, lnum, `line ${lnum}: a certificate (${KEY_TYPES[tok]}) without cert-authority never authorizes a login (${what()})`);
    if (base === T_SK_ED25519 || base === T_SK_P256) {
      if (o?.noTouchRequired) f.add('AK039', path, lnum, `line ${lnum}: no-touch-required on a security key (${what()})`);
      else f.add('AK016', path, lnum, `line ${lnum}: security-key key ${KEY_TYPES[tok]} (${what()})`);
    }
    // options
    let rbits = 0;
    if (o) {
      if (o.from !== undefined) rbits |= R_FROM;
      if (o.expiryDate) rbits |= R_EXPIRY;
      if (o.command !== undefined) rbits |= R_COMMAND;
      if (o.restrict || o.flags.get('port-forwarding') === false || o.flags.get('pty') === false) rbits |= R_RESTRICT;
      if (o.certAuthority) rbits |= R_CA;
      if (o.command !== undefined && !o.restrict) {
        const fl = o.flags;
        if (!(fl.get('port-forwarding') === false && fl.get('agent-forwarding') === false && fl.get('x11-forwarding') === false && fl.get('pty') === false)) {
          f.add('AK032', path, lnum, `line ${lnum}: command="${excerpt(o.command, 40)}" without restrict: port/agent/X11 forwarding and a pty are still allowed`);
        }
      }
      if (o.from !== undefined) {
        const broad = o.from.split(',').find((p) => {
          const t = p.trim();
          return t === '*' || t === '0.0.0.0/0' || t === '::/0' || t === '*.*' || t === '*.*.*.*';
        });
        if (broad) f.add('AK033', path, lnum, `line ${lnum}: from="${excerpt(o.from, 40)}" allows any address (${broad.trim()})`);
      }
      for (const bad of o.badValues) f.add('AK005', path, lnum, `line ${lnum}: ${bad}`);
      if (o.environment.length) f.add('AK034', path, lnum, `line ${lnum}: environment="${excerpt(o.environment[0]!, 40)}"${o.environment.length > 1 ? ` and ${o.environment.length - 1} more` : ''}`);
      if (o.expiryDate && o.expiryDate.getTime() <= now.getTime()) f.add('AK035', path, lnum, `line ${lnum}: expiry-time="${o.expiry}" has passed; sshd refuses this key`);
      if (o.certAuthority && o.principals === undefined) f.add('AK036', path, lnum, `line ${lnum}: cert-authority without principals= (${what()})`);
      if (o.principals !== undefined && !o.certAuthority) f.add('AK037', path, lnum, `line ${lnum}: principals="${excerpt(o.principals, 40)}" without cert-authority: sshd always refuses this line`);
      const anyOpen = o.permitopen.find((p) => p === '*:*' || p.endsWith(':*'));
      const anyListen = o.permitlisten.find((p) => p === '*' || p.endsWith(':*') || p.startsWith('*:'));
      if (anyOpen || anyListen || o.tunnel !== undefined) f.add('AK038', path, lnum, `line ${lnum}: ${anyOpen ? `permitopen="${anyOpen}"` : anyListen ? `permitlisten="${anyListen}"` : `tunnel="${o.tunnel}"`} allows broad forwarding`);
      if (o.noTouchRequired && !(base === T_SK_ED25519 || base === T_SK_P256)) {
        /* no-touch-required on a non-sk key has no effect: not a finding */
      }
      if (o.contradictory.length) f.add('AK041', path, lnum, `line ${lnum}: ${o.contradictory.map((c) => `${c} and no-${c}`).join(', ')} both given; the last one wins`);
    }
    // duplicates
    const got = seen.addOrGet(digest);
    if (got < 0) {
      const idx = -got - 1;
      if (idx >= firstLine.length) {
        const nl2 = new Int32Array(firstLine.length * 2);
        nl2.set(firstLine);
        firstLine = nl2;
        const nb = new Uint8Array(firstBits.length * 2);
        nb.set(firstBits);
        firstBits = nb;
      }
      firstLine[idx] = lnum;
      firstBits[idx] = rbits;
    } else {
      const prev = got;
      const l1 = firstLine[prev]!;
      const a = firstBits[prev]!;
      const refusable = a & (R_FROM | R_EXPIRY);
      if ((refusable && (rbits & refusable) !== refusable) || (a === 0 && rbits & (R_FROM | R_EXPIRY | R_COMMAND | R_RESTRICT))) {
        const msg = a === 0
          ? `line ${lnum}: this restricted copy never applies: line ${l1} has the same key with no restriction and sshd uses the first line that allows it (${what()})`
          : `line ${lnum}: same key as line ${l1} without its ${[refusable & R_FROM ? 'from=' : '', refusable & R_EXPIRY ? 'expiry-time=' : ''].filter(Boolean).join(' and ')}: a login line ${l1} refuses is accepted here (${what()})`;
        f.add('AK021', path, lnum, msg, { fix: a === 0 ? `Delete line ${l1} (the unrestricted copy)` : `Delete line ${lnum}` });
      } else {
        f.add('AK020', path, lnum, `line ${lnum}: same key as line ${l1}; this line is never used (${what()})`, { fix: `Delete line ${lnum}` });
      }
    }
    if (across) {
      const fp = fpOf();
      const other = across.get(fp);
      if (other === undefined) across.set(fp, `${path}:${lnum}`);
      else if (!other.startsWith(`${path}:`)) f.add('AK022', path, lnum, `line ${lnum}: the same key is in ${other} (${what()})`);
    }
    // inventory
    if (allow && !allow.has(fpOf())) f.add('AK023', path, lnum, `line ${lnum}: key not in the allow-list (${what()})`);
    if (keypairs && !keypairs.has(fpOf()) && !keypairs.has(md5Fingerprint(plain))) f.add('AK024', path, lnum, `line ${lnum}: key matches no key pair of the account (${what()})`);
    // root's keys
    if (isRoot && !(rbits & R_CA)) {
      if (rootOff) f.add('AK042', path, lnum, `line ${lnum}: PermitRootLogin is no, so this key of root's is never used (${what()})`);
      else if (!(forcedOnly && o?.command !== undefined)) {
        f.add('AK031', path, lnum, opts.permitRootLogin ? `line ${lnum}: root can log in with this key (PermitRootLogin ${opts.permitRootLogin}) (${what()})` : `line ${lnum}: a key in root's authorized_keys; root login should be off (S002) (${what()})`);
      }
    }
  }
  if (crlf) f.add('AK007', path, firstCrlf, `${crlf} line(s) end with CR LF (first: line ${firstCrlf})`, { fix: `dos2unix ${path}` });
  if (image && nKeys) f.add('IMG01', path, null, `${path} holds ${nKeys} key(s); an image must not carry preset keys`, { fix: `: > ${path}` });
  if (opts.stats) opts.stats.keys = nKeys;
}

function commentOf(buf: Buffer, from: number, end: number): string {
  while (from < end && (buf[from] === SP || buf[from] === TAB)) from++;
  return from < end ? `, comment "${excerpt(buf.toString('utf8', from, end), 40)}"` : '';
}
