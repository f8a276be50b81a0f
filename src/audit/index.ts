// The audits, for the commands (src/commands/audit/*) and for `audit host` (over SFTP):
// each one reads through an AuditSource and returns findings.

export type { Finding, Severity } from './types.js';
export { SEVERITIES, severityRank } from './types.js';
export type { AuditSource, FileStat } from './source.js';
export { localSource, SourceError } from './source.js';
export { auditAuthorizedKeys, type AuthorizedKeysOptions } from './authorized-keys.js';
export { auditSshdConfig, readSshdConfig, type SshdConfigOptions, type SshdEffective, type SshdConfigResult } from './sshd-config.js';
export { auditPasswd, readPasswdEntries, type PasswdOptions, type PasswdEntry } from './passwd.js';
export { auditHostFiles, type HostFilesOptions } from './host-files.js';
export { RULES, ruleById, type Rule } from './rules.js';
export { reportFindings, sortFindings, summary, stripControl, toSarif, parseSeverity } from './report.js';
