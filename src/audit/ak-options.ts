// authorized_keys options as sshd 9.2 parses them (auth-options.c sshauthopt_parse):
// comma-separated, case-insensitive keywords (prefix-matched as strncasecmp does), flags with
// an optional "no-" prefix, quoted values with \" escapes. Any error makes sshd ignore the
// whole line.

export interface ParsedOptions {
  /** why sshd rejects the line ('' when it accepts it) and which rule says so */
  error: string;
  errorRule: '' | 'AK004' | 'AK040' | 'AK005' | 'AK001';
  restrict: boolean;
  certAuthority: boolean;
  command?: string;
  from?: string;
  principals?: string;
  expiry?: string;
  /** expiry-time as a Date (UTC unless no Z... sshd reads it as local time without Z) */
  expiryDate?: Date;
  environment: string[];
  permitopen: string[];
  permitlisten: string[];
  tunnel?: string;
  /** negatable flags: last value wins; [keyword, value] as seen */
  flags: Map<string, boolean>;
  /** a flag given both ways (without restrict explaining it) */
  contradictory: string[];
  /** soft problems sshd accepts (AK005) */
  badValues: string[];
  noTouchRequired: boolean;
}

const FLAGS_NEG = ['port-forwarding', 'agent-forwarding', 'x11-forwarding', 'pty', 'user-rc', 'touch-required', 'verify-required'];

function ieq(s: string, i: number, word: string): boolean {
  if (s.length - i < word.length) return false;
  for (let j = 0; j < word.length; j++) {
    let c = s.charCodeAt(i + j);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== word.charCodeAt(j)) return false;
  }
  return true;
}

/** Parse the options text (up to the first unquoted space/tab). */
export function parseOptions(s: string, now: Date): ParsedOptions {
  const o: ParsedOptions = { error: '', errorRule: '', restrict: false, certAuthority: false, environment: [], permitopen: [], permitlisten: [], flags: new Map(), contradictory: [], badValues: [], noTouchRequired: false };
  let i = 0;
  const fail = (rule: ParsedOptions['errorRule'], why: string): ParsedOptions => {
    o.error = why;
    o.errorRule = rule;
    return o;
  };
  const dequote = (name: string): string | undefined => {
    if (s[i] !== '"') return undefined;
    i++;
    let v = '';
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && s[i + 1] === '"') i++;
      v += s[i++];
    }
    if (i >= s.length) return undefined;
    i++;
    void name;
    return v;
  };
  const valued = (word: string): boolean => {
    if (ieq(s, i, word) && s[i + word.length] === '=') {
      i += word.length + 1;
      return true;
    }
    return false;
  };
  while (i < s.length) {
    let matched = false;
    let lastKw: string | undefined;
    if (ieq(s, i, 'restrict')) {
      i += 8;
      o.restrict = true;
      for (const f of FLAGS_NEG) if (f !== 'touch-required' && f !== 'verify-required') o.flags.set(f, false);
      matched = true;
    } else if (ieq(s, i, 'cert-authority')) {
      i += 14;
      o.certAuthority = true;
      matched = true;
    } else {
      let neg = false;
      let j = i;
      if (ieq(s, j, 'no-')) {
        neg = true;
        j += 3;
      }
      for (const f of FLAGS_NEG) {
        if (ieq(s, j, f)) {
          const prev = o.flags.get(f);
          if (prev !== undefined && prev !== !neg && !o.restrict) o.contradictory.push(f);
          o.flags.set(f, !neg);
          if (f === 'touch-required' && neg) o.noTouchRequired = true;
          i = j + f.length;
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      const kw = ['expiry-time', 'command', 'principals', 'from', 'permitopen', 'permitlisten', 'environment', 'tunnel'].find((w) => valued(w));
      lastKw = kw;
      if (!kw && s[i] === ',') {
        // an empty option (",," or a leading comma): sshd matches nothing and moves on
      } else if (!kw) {
        let end = s.indexOf(',', i);
        if (end < 0) end = s.length;
        const eq = s.indexOf('=', i);
        const name = s.slice(i, eq >= 0 && eq < end ? eq : end);
        return fail('AK004', `unknown option "${name}"`);
      }
    }
    const kw = matched ? undefined : lastKw;
    if (kw) {
      const v = dequote(kw);
      if (v === undefined) return fail('AK001', `${kw}= value is not a complete quoted string`);
      switch (kw) {
        case 'command':
          if (o.command !== undefined) return fail('AK040', 'command= given twice (sshd: multiple "command" clauses)');
          o.command = v;
          break;
        case 'principals':
          if (o.principals !== undefined) return fail('AK040', 'principals= given twice (sshd: multiple "principals" clauses)');
          o.principals = v;
          break;
        case 'from':
          if (o.from !== undefined) return fail('AK040', 'from= given twice (sshd: multiple "from" clauses)');
          o.from = v;
          if (v.trim() === '') o.badValues.push('from= is empty');
          break;
        case 'expiry-time': {
          const d = parseExpiry(v);
          if (!d) return fail('AK005', `expiry-time="${v}" is not YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z] (sshd rejects the line)`);
          if (!o.expiryDate || d < o.expiryDate) {
            o.expiry = v;
            o.expiryDate = d;
          }
          break;
        }
        case 'environment': {
          const eq = v.indexOf('=');
          let okName = eq > 0;
          for (let k = 0; okName && k < eq; k++) {
            const c = v.charCodeAt(k);
            okName = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
          }
          if (!okName) return fail('AK005', `environment="${v}" is not NAME=value (sshd rejects the line)`);
          o.environment.push(v);
          break;
        }
        case 'permitopen':
        case 'permitlisten': {
          const colon = v.lastIndexOf(':');
          const port = colon >= 0 ? v.slice(colon + 1) : kw === 'permitlisten' ? v : '';
          if (kw === 'permitopen' && colon < 0) return fail('AK005', `permitopen="${v}" has no port (sshd rejects the line)`);
          if (port !== '*' && !(port.length > 0 && port.length <= 5 && [...port].every((c) => c >= '0' && c <= '9') && Number(port) <= 65535)) return fail('AK005', `${kw}="${v}" has an invalid port (sshd rejects the line)`);
          (kw === 'permitopen' ? o.permitopen : o.permitlisten).push(v);
          break;
        }
        case 'tunnel':
          if (!(v.length > 0 && v.length < 10 && [...v].every((c) => c >= '0' && c <= '9')) && v.toLowerCase() !== 'any') return fail('AK005', `tunnel="${v}" is not a tunnel number (sshd rejects the line)`);
          o.tunnel = v;
          break;
      }
    }
    if (i >= s.length) break;
    if (s[i] !== ',') return fail('AK004', `unexpected text "${s.slice(i, i + 20)}" in the options (sshd: invalid key option string)`);
    i++;
    // a trailing comma before the key is accepted: sshd's parser stops at the space
  }
  void now;
  return o;
}

/** sshd's parse_absolute_time: YYYYMMDD or YYYYMMDDHHMM[SS], optional Z (else local time). */
export function parseExpiry(v: string): Date | undefined {
  let t = v;
  const utc = t.endsWith('Z') || t.endsWith('z');
  if (utc) t = t.slice(0, -1);
  if (!(t.length === 8 || t.length === 12 || t.length === 14)) return undefined;
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) < 0x30 || t.charCodeAt(k) > 0x39) return undefined;
  const n = (a: number, b: number) => Number(t.slice(a, b));
  const [Y, M, D, h, m, sec] = [n(0, 4), n(4, 6), n(6, 8), t.length >= 12 ? n(8, 10) : 0, t.length >= 12 ? n(10, 12) : 0, t.length === 14 ? n(12, 14) : 0];
  if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60) return undefined;
  return utc ? new Date(Date.UTC(Y, M - 1, D, h, m, sec)) : new Date(Y, M - 1, D, h, m, sec);
}
