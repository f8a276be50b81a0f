// Recognising password changes in Cloud Assistant scripts (see cloud-assistant.ts for why):
// small sh and PowerShell word parsers, the user:password lines fed to chpasswd, `net user`
// and Set-LocalUser, and masking of the secrets (in every usual escaped form) before a
// script or its parameters are stored.

// ---- tiny shell word parser (single/double quotes, backslash escapes, concatenation) ----

function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      cur += line.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) i++;
        cur += line[i];
        i++;
      }
      inWord = true;
      i++;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Split at an unquoted character (e.g. the pipe). */
function splitUnquoted(line: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === q) q = undefined;
      else if (q === '"' && ch === '\\') {
        cur += ch + (line[i + 1] ?? '');
        i++;
        continue;
      }
    } else if (ch === '\\') {
      cur += ch + (line[i + 1] ?? '');
      i++;
      continue;
    } else if (ch === "'" || ch === '"') q = ch;
    else if (ch === sep && line[i + 1] !== sep && line[i - 1] !== sep) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Index of `token` outside quotes (and not backslash-escaped), or -1. */
function findUnquoted(line: string, token: string): number {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === q) q = undefined;
      else if (q === '"' && ch === '\\') i++;
    } else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') q = ch;
    else if (line.startsWith(token, i)) return i;
  }
  return -1;
}

/** What an `echo`/`printf` pipeline stage writes. */
function producedText(stage: string): string | undefined {
  const w = shellWords(stage.trim());
  if (w[0] === 'echo') {
    const args = w.slice(1).filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a)));
    return args.join(' ');
  }
  if (w[0] === 'printf' && w.length >= 2) {
    const fmt = w[1]!;
    if (fmt.includes('%s') && w.length >= 3) return fmt.replace(/\\n/g, '\n').replace('%s', () => w[2]!);
    return fmt.replace(/\\n/g, '\n');
  }
  return undefined;
}

export interface PasswordChange {
  user: string;
  password: string;
}

/** user:password lines fed to chpasswd by a shell script. */
export function linuxPasswordChanges(script: string): PasswordChange[] {
  if (!/\bchpasswd\b/.test(script)) return [];
  const lines = script.split(/\r?\n/);
  const feeds: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/\bchpasswd\b/.test(line) || /\bchpasswd\s+(-e|--encrypted)\b/.test(line)) continue;
    const hs = findUnquoted(line, '<<<');
    const hd = hs < 0 ? findUnquoted(line, '<<') : -1;
    const doc = hd >= 0 ? /^-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line.slice(hd + 2)) : null;
    if (hs >= 0) {
      feeds.push(shellWords(line.slice(hs + 3)).join(' '));
    } else if (doc) {
      const end = doc[2]!;
      for (i++; i < lines.length && lines[i]!.trim() !== end; i++) feeds.push(lines[i]!);
    } else {
      const stages = splitUnquoted(line, '|');
      const at = stages.findIndex((s) => /\bchpasswd\b/.test(s));
      if (at > 0) {
        const text = producedText(stages[at - 1]!);
        if (text !== undefined) feeds.push(text);
      }
    }
  }
  const out: PasswordChange[] = [];
  for (const feed of feeds) {
    for (const l of feed.split('\n')) {
      const c = l.indexOf(':');
      if (c <= 0) continue;
      const user = l.slice(0, c).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*\$?$/.test(user)) continue;
      out.push({ user, password: l.slice(c + 1) });
    }
  }
  return out;
}

/** PowerShell words: '…' with '' for a quote, "…" with `x escapes and "" for a quote. */
function psWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      i++;
      for (;;) {
        if (i >= line.length) break;
        if (line[i] === "'") {
          if (line[i + 1] === "'") {
            cur += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cur += line[i++];
      }
      inWord = true;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= line.length) break;
        if (line[i] === '`' && i + 1 < line.length) {
          cur += line[i + 1];
          i += 2;
          continue;
        }
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            cur += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cur += line[i++];
      }
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/**
 * `net user USER PASSWORD` (PowerShell or cmd quoting) and
 * Set-LocalUser -Name U -Password (ConvertTo-SecureString 'P' -AsPlainText -Force).
 */
export function windowsPasswordChanges(script: string, type = 'RunPowerShellScript'): PasswordChange[] {
  const words = type === 'RunBatScript' ? (l: string) => shellWords(l.replace(/'/g, '\\\'')) : psWords;
  const out: PasswordChange[] = [];
  for (const line of script.split(/\r?\n/)) {
    const w = words(line.trim());
    if (w.length >= 4 && w[0]!.toLowerCase() === 'net' && w[1]!.toLowerCase() === 'user' && w[3] !== '*' && !w[3]!.startsWith('/')) {
      out.push({ user: w[2]!, password: w[3]! });
      continue;
    }
    const m = /Set-LocalUser\s+-Name\s+(['"]?)([^'"\s]+)\1.*ConvertTo-SecureString\s+('(?:[^']|'')*'|"(?:[^"`]|`.|"")*")/i.exec(line);
    if (m) out.push({ user: m[2]!, password: psWords(m[3]!)[0] ?? '' });
  }
  return out;
}

/** The forms a secret takes inside scripts and parameters: raw and as the usual quotings escape it. */
function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    secret.replace(/'/g, "'\\''"), // sh single quotes
    secret.replace(/'/g, "''"), // PowerShell single quotes
    secret.replace(/[\\"$`]/g, (c) => `\\${c}`), // sh double quotes
    secret.replace(/[`"$]/g, (c) => `\`${c}`), // PowerShell double quotes
    JSON.stringify(secret).slice(1, -1), // inside a JSON string
  ]);
  return [...forms].filter(Boolean).sort((a, b) => b.length - a.length);
}

export function mask(text: string, secrets: string[]): string {
  let t = text;
  for (const s of secrets) for (const form of secretForms(s)) t = t.split(form).join('******');
  return t;
}
