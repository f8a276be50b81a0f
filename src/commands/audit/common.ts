// Shared by the local audit verbs: --fail-on, --profile, the help footer, and reading
// allow-lists. Not imported by index.ts (lazy loading).

import { InvalidArgumentError, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../audit/types.js';

export function severityArg(flag: string) {
  return (v: string): Severity => {
    const s = v.toLowerCase();
    if (!(SEVERITIES as readonly string[]).includes(s)) throw new InvalidArgumentError(`${flag} must be one of ${SEVERITIES.join(', ')}, got "${v}"`);
    return s as Severity;
  };
}

export function addFailOn(cmd: Command): Command {
  return cmd.option('--fail-on <severity>', `exit 3 when a finding is at or above this severity (${SEVERITIES.join('|')})`, severityArg('--fail-on'));
}

export const AUDIT_EXIT_HELP = `
Output: a table grouped by file on a terminal (colour unless NO_COLOR or --no-color), -o json
(an array of findings: rule, severity, file, line, message, fix), -o sarif (SARIF 2.1.0),
-o yaml|tsv. Text taken from files is stripped of control characters on the terminal.
Exit codes: 0 done (findings or not); 3 a finding at or above --fail-on; 1 a file could not
be audited at all (FILE01 finding, the other files are still audited); 2 usage.`;

/** The S001 profile: from the verb's --profile, or the global --profile when it says image/instance. */
export function auditProfile(o: Record<string, unknown>, globals: { profile?: string }): 'instance' | 'image' {
  const v = (o.auditProfile as string | undefined) ?? (globals.profile === 'image' || globals.profile === 'instance' ? globals.profile : undefined);
  return v === 'image' ? 'image' : 'instance';
}

export function profileOption(cmd: Command): Command {
  return cmd.option('--image', 'image-hygiene profile (S001: no preset keys, passwords or shell history); also --profile image');
}
