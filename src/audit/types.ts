// Shared types of the audits: findings and severities.

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface Finding {
  /** stable rule ID (see rules.ts) */
  rule: string;
  severity: Severity;
  /** the file (or resource, for cloud audits) the finding is about */
  file: string;
  /** 1-based line, or null when the finding is about the whole file */
  line: number | null;
  message: string;
  fix: string;
  /** 'user@host:port' for remote audits */
  host?: string;
}
