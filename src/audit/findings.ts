// Building findings: the rule's severity and fix unless the finding says otherwise.

import { ruleById } from './rules.js';
import type { Finding, Severity } from './types.js';

export class Findings {
  readonly list: Finding[] = [];
  constructor(readonly host: string) {}

  add(rule: string, file: string, line: number | null, message: string, extra: { severity?: Severity; fix?: string } = {}): void {
    const r = ruleById(rule);
    const f: Finding = { rule, severity: extra.severity ?? r.severity, file, line, message, fix: extra.fix ?? r.fix };
    if (this.host) f.host = this.host;
    this.list.push(f);
  }
}

/** Octal mode text, e.g. 0644. */
export function modeText(mode: number): string {
  return '0' + (mode & 0o7777).toString(8).padStart(3, '0');
}

/** A short, printable excerpt of file text for messages (control characters shown as ?). */
export function excerpt(s: string, max = 60): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : ch;
    if (out.length >= max) return out + '…';
  }
  return out;
}
