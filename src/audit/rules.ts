// The rule catalogue: stable IDs, severities, titles and fixes. The README's table is
// generated from this list (scripts/gen-audit-rules.js; test/unit/audit/readme.test.ts).

import type { Severity } from './types.js';

export type RuleKind = 'authorized_keys' | 'sshd_config' | 'passwd' | 'image' | 'cloud' | 'file';

export interface Rule {
  id: string;
  kind: RuleKind;
  severity: Severity;
  title: string;
  /** the default fix text (a finding may give a more precise one) */
  fix: string;
  /** where the rule comes from (spec IDs / documents) */
  ref?: string;
}

const R = (id: string, kind: RuleKind, severity: Severity, title: string, fix: string, ref?: string): Rule => ({ id, kind, severity, title, fix, ref });

export const RULES: readonly Rule[] = [
  // ---- files in general -------------------------------------------------------------------
  R('FILE01', 'file', 'medium', 'File could not be read (missing, permission, too large, not a regular file)', 'Check the path and permissions; audit as a user that can read it (sudo)'),
  R('FILE02', 'file', 'medium', 'Binary file (NUL bytes): not a text file sshd can use', 'Replace the file with the intended text file'),
];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`internal: unknown audit rule ${id}`);
  return r;
}
