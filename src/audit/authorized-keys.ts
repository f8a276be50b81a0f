// authorized_keys audit (sshd(8) AUTHORIZED_KEYS FILE FORMAT, auth-options.c semantics).

import type { AuditSource } from './source.js';
import type { Finding } from './types.js';

export interface AuthorizedKeysOptions {
  /** account the file belongs to (StrictModes owner checks, root rules); inferred from the path when absent */
  user?: string;
  uid?: number;
  /** the account's home directory: the StrictModes chain stops there */
  home?: string;
  /** SHA256 fingerprints (SHA256:…) allowed by --allow; undefined = no allow-list */
  allow?: ReadonlySet<string>;
  /** fingerprints (SHA256:… and/or MD5 colon-hex) of the account's key pairs; undefined = not checked */
  keypairs?: ReadonlySet<string>;
  /** effective PermitRootLogin of the host when known (from auditSshdConfig) */
  permitRootLogin?: string;
  /** effective StrictModes (default yes) */
  strictModes?: boolean;
  /** 'image': the S001 "no preset credentials" profile */
  profile?: 'instance' | 'image';
  /** clock for expiry-time checks */
  now?: Date;
  /** read cap (default 256 MiB) */
  maxBytes?: number;
  /** skip the file's mode/owner checks (e.g. stdin) */
  noStat?: boolean;
}

export async function auditAuthorizedKeys(src: AuditSource, path: string, opts: AuthorizedKeysOptions = {}): Promise<Finding[]> {
  void src;
  void path;
  void opts;
  return [];
}
