// sshd_config audit: first value wins, Include expanded in place, Match blocks followed.

import type { AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface SshdConfigOptions {
  maxBytes?: number;
  noStat?: boolean;
}

/** Effective global values (lower-cased keywords → first value), for the other audits. */
export interface SshdEffective {
  permitRootLogin: string;
  passwordAuthentication: string;
  pubkeyAuthentication: string;
  strictModes: string;
  authorizedKeysFile: string[];
}

export async function auditSshdConfig(src: AuditSource, path: string, opts: SshdConfigOptions = {}): Promise<Finding[]> {
  void src;
  void path;
  void opts;
  return [];
}
