// /etc/passwd (+ /etc/shadow when readable) audit.

import type { AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface PasswdOptions {
  profile?: 'instance' | 'image';
  maxBytes?: number;
}

/** paths: { passwd, shadow? } */
export async function auditPasswd(src: AuditSource, paths: { passwd: string; shadow?: string }, opts: PasswdOptions = {}): Promise<Finding[]> {
  void src;
  void paths;
  void opts;
  return [];
}
