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
  // ---- authorized_keys: parsing (sshd ignores these lines) -----------------------------------
  R('AK001', 'authorized_keys', 'high', 'Line sshd cannot parse (bad base64, truncated blob, unterminated quote): ignored', 'Fix or delete the line; copy the key again from its .pub file', 'AK-09'),
  R('AK002', 'authorized_keys', 'high', 'Unknown key type: sshd ignores the line', 'Use a supported type (ssh-ed25519, ecdsa-sha2-*, ssh-rsa, sk-*) or delete the line', 'AK-09'),
  R('AK003', 'authorized_keys', 'high', 'The type inside the key blob does not match the type token (or a wrong ECDSA curve)', 'Copy the whole line again from the key\'s .pub file', 'AK-09'),
  R('AK004', 'authorized_keys', 'high', 'Unknown option: sshd ignores the whole line', 'Correct the option name (see sshd(8) AUTHORIZED_KEYS FILE FORMAT) or remove it'),
  R('AK005', 'authorized_keys', 'medium', 'Invalid option value (expiry-time, environment, permitopen, permitlisten, tunnel, empty from=)', 'Correct the value; a rejected value makes sshd ignore the line'),
  R('AK006', 'authorized_keys', 'low', 'Line longer than 8 KB (the documented limit)', 'Keep one key per line; remove stray text'),
  R('AK007', 'authorized_keys', 'low', 'CRLF line endings, a byte order mark or control characters (copied from Windows?)', 'Convert the file to plain LF text (dos2unix) and remove the BOM'),
  R('AK008', 'authorized_keys', 'critical', 'A private key pasted into authorized_keys', 'Delete the private key block and treat that key as compromised: replace it', 'AK-13'),
  // ---- authorized_keys: key types and strength ---------------------------------------------
  R('AK010', 'authorized_keys', 'high', 'DSA key (ssh-dss): 1024 bits, disabled by default since OpenSSH 7.0, removed in 10.0', 'Replace it with an Ed25519 key (ssh-keygen -t ed25519)', 'AK-08'),
  R('AK011', 'authorized_keys', 'high', 'RSA key below 1024 bits: refused by OpenSSH 7+ and factorable', 'Replace it with an Ed25519 or RSA-3072 key'),
  R('AK012', 'authorized_keys', 'high', 'RSA key below 2048 bits', 'Replace it with an Ed25519 or RSA-3072 key', 'AK-07'),
  R('AK013', 'authorized_keys', 'info', 'RSA key below 3072 bits (112-bit security)', 'Plan a move to Ed25519 or RSA-3072'),
  R('AK014', 'authorized_keys', 'medium', 'RSA key with a weak public exponent or an even modulus', 'Replace the key; it was not made by a sound key generator'),
  R('AK015', 'authorized_keys', 'medium', 'Certificate line without cert-authority: never authorizes a login', 'Put the CA\'s public key with cert-authority instead, or the plain key'),
  R('AK016', 'authorized_keys', 'info', 'Security-key (sk-) key: needs its FIDO token at login', 'Nothing to do if intended; keep touch-required'),
  // ---- authorized_keys: duplicates and inventory -------------------------------------------
  R('AK020', 'authorized_keys', 'medium', 'The same key more than once: later copies are never used', 'Keep one line per key', 'AK-10'),
  R('AK021', 'authorized_keys', 'high', 'A restricted key (from=, command=, expiry-time=) also appears unrestricted: the restriction is void', 'Delete the unrestricted copy (sshd keeps searching after a refused line, and uses the first line that allows the key)'),
  R('AK022', 'authorized_keys', 'medium', 'The same key in several authorized_keys files (shared key or authorized_keys2 copy)', 'Give each account its own key; remove copies from authorized_keys2'),
  R('AK023', 'authorized_keys', 'high', 'Key not in the allow-list (--allow)', 'Delete the key unless it is known; otherwise add it to the allow-list', 'AK-05'),
  R('AK024', 'authorized_keys', 'high', 'Key matches no key pair of the account (--keypairs)', 'Delete unrecognised keys (S001); or import the key as a key pair (ecs keypair import)', 'AK-05'),
  // ---- authorized_keys: options ------------------------------------------------------------
  R('AK031', 'authorized_keys', 'high', 'Key in root\'s authorized_keys: root login should be off', 'Log in as ecs-user with sudo; remove root\'s keys and set PermitRootLogin no (S002)', 'S002'),
  R('AK032', 'authorized_keys', 'medium', 'command= without restrict: forwarding and a pty are still allowed', 'Add restrict (or no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty)'),
  R('AK033', 'authorized_keys', 'medium', 'from= that allows any address (*, 0.0.0.0/0, ::/0)', 'Name the hosts or networks the key may come from'),
  R('AK034', 'authorized_keys', 'medium', 'environment= option (effective only with PermitUserEnvironment; then an LD_PRELOAD-style bypass)', 'Remove environment= and keep PermitUserEnvironment no'),
  R('AK035', 'authorized_keys', 'low', 'expiry-time has passed: the line is dead', 'Delete the line'),
  R('AK036', 'authorized_keys', 'medium', 'cert-authority without principals=: any certificate naming the user is accepted', 'Add principals="..." to limit the accepted certificates'),
  R('AK037', 'authorized_keys', 'low', 'principals= without cert-authority: sshd always refuses the line', 'Add cert-authority (for a CA key) or remove principals='),
  R('AK038', 'authorized_keys', 'low', 'permitopen/permitlisten to any port or tunnel= forwarding', 'Limit forwarding to the needed host:port'),
  R('AK039', 'authorized_keys', 'low', 'no-touch-required on a security key: no user presence check', 'Remove no-touch-required'),
  R('AK040', 'authorized_keys', 'high', 'Repeated command=, from= or principals=: sshd ignores the whole line', 'Keep one of each'),
  R('AK041', 'authorized_keys', 'low', 'Contradictory flags (e.g. no-pty,pty): the last one wins', 'Keep the one you mean (restrict,pty is the documented way to re-enable)'),
  R('AK042', 'authorized_keys', 'info', 'Keys in root\'s file while PermitRootLogin is no: dead keys', 'Delete them'),
  // ---- authorized_keys: file and directory modes (StrictModes) ---------------------------------
  R('AK050', 'authorized_keys', 'high', 'authorized_keys writable by group or others (critical with StrictModes no: sshd accepts it)', 'chmod 600 FILE', 'AK-01'),
  R('AK051', 'authorized_keys', 'high', 'A directory from the file up to home is group/other-writable or owned by another user: sshd ignores the file', 'chmod go-w DIR; chown USER DIR', 'AK-03'),
  R('AK052', 'authorized_keys', 'medium', 'authorized_keys not 0600 or ~/.ssh not 0700', 'chmod 700 ~/.ssh; chmod 600 ~/.ssh/authorized_keys', 'AK-02/AK-03'),
  R('AK053', 'authorized_keys', 'high', 'authorized_keys owned by another user (not the account, not root)', 'chown USER:USER FILE', 'AK-04'),
  R('AK054', 'authorized_keys', 'medium', 'authorized_keys is a symlink, FIFO or device, not a regular file', 'Replace it with a regular file owned by the user'),
  R('AK055', 'authorized_keys', 'low', 'Keys in the legacy authorized_keys2', 'Move the keys to authorized_keys and delete authorized_keys2'),
  // ---- sshd_config ---------------------------------------------------------------------------
  R('SSHD01', 'sshd_config', 'high', 'PermitRootLogin yes', 'PermitRootLogin no (first occurrence, above any Include and Match)', 'SSHD-01'),
  R('SSHD02', 'sshd_config', 'medium', 'PermitRootLogin is not no (absent = prohibit-password)', 'PermitRootLogin no; log in as ecs-user and use sudo (S002)', 'SSHD-01'),
  R('SSHD03', 'sshd_config', 'high', 'PasswordAuthentication yes (absent = yes)', 'PasswordAuthentication no, after a key login works (S001)', 'SSHD-02'),
  R('SSHD04', 'sshd_config', 'medium', 'KbdInteractiveAuthentication yes with UsePAM: passwords still possible', 'KbdInteractiveAuthentication no', 'SSHD-05'),
  R('SSHD05', 'sshd_config', 'high', 'PubkeyAuthentication no: key logins fail', 'PubkeyAuthentication yes', 'SSHD-03'),
  R('SSHD06', 'sshd_config', 'critical', 'PermitEmptyPasswords yes', 'PermitEmptyPasswords no', 'SSHD-04'),
  R('SSHD07', 'sshd_config', 'high', 'StrictModes no: writable authorized_keys files are accepted', 'StrictModes yes'),
  R('SSHD08', 'sshd_config', 'medium', 'PermitUserEnvironment enabled', 'PermitUserEnvironment no'),
  R('SSHD09', 'sshd_config', 'high', 'sshd_config writable by group/others or not owned by root', 'chown root:root FILE; chmod 600 FILE'),
  R('SSHD10', 'sshd_config', 'low', 'sshd_config readable by group/others (CIS: 0600)', 'chmod 600 FILE'),
  R('SSHD11', 'sshd_config', 'info', 'Include or Match present: effective values may differ per connection', 'Check with sshd -T (-C user=...,host=...,addr=...)', 'SSHD-06'),
  R('SSHD12', 'sshd_config', 'low', 'Keyword repeated with another value: only the first one counts', 'Delete the later occurrence (or move the intended value first)', 'SSHD-07'),
  R('SSHD13', 'sshd_config', 'low', 'MaxAuthTries above 4', 'MaxAuthTries 4'),
  R('SSHD14', 'sshd_config', 'medium', 'PubkeyAcceptedAlgorithms re-enables ssh-rsa (SHA-1) or ssh-dss', 'Remove ssh-rsa and ssh-dss from the list'),
  R('SSHD15', 'sshd_config', 'medium', 'Line sshd cannot parse (missing argument or unbalanced quotes): sshd refuses to start', 'Fix the line; check with sshd -t'),
  R('SSHD16', 'sshd_config', 'info', 'AuthorizedKeysFile or AuthorizedKeysCommand not the default', 'Audit the files it names; keep them under the users\' homes'),
  // ---- /etc/passwd, /etc/shadow --------------------------------------------------------------
  R('PW01', 'passwd', 'critical', 'UID 0 account other than root', 'Delete the account or give it its own UID', 'PW-01'),
  R('PW02', 'passwd', 'medium', 'System account (UID < 1000) with a login shell', 'usermod -s /usr/sbin/nologin USER', 'PW-02'),
  R('PW03', 'passwd', 'high', 'Duplicate UID', 'Give each account its own UID'),
  R('PW04', 'passwd', 'high', 'Duplicate user name', 'Delete the duplicate line'),
  R('PW05', 'passwd', 'high', 'Empty password field in /etc/passwd: login without a password', 'passwd -l USER (or set x and a shadow entry)', 'SH-01'),
  R('PW06', 'passwd', 'medium', 'Malformed line (not 7 colon-separated fields, bad UID)', 'Fix the line with vipw'),
  R('SH01', 'passwd', 'high', 'Login-capable account with an empty password in /etc/shadow', 'passwd -l USER', 'SH-01'),
  // ---- image hygiene (--profile image, S001) -------------------------------------------------
  R('IMG01', 'image', 'high', 'Image profile: authorized_keys is not empty (preset credentials)', 'Empty every authorized_keys file before creating the image (S001)', 'AK-14'),
  R('IMG02', 'image', 'high', 'Image profile: an account has a password set', 'passwd -d USER for every account before creating the image (S001)', 'SH-02'),
  R('IMG03', 'image', 'low', 'Image profile: shell history left behind', 'history -c && history -w; delete the history file (S001)', 'HI-01'),
  // ---- cloud (backend) -------------------------------------------------------------------
  R('CL01', 'cloud', 'high', 'Instance created with the image\'s preset password (PasswordInherit)', 'Attach a key pair and reset credentials; deny ecs:PasswordInherit with the documented RAM policy (S001)', 'CL-01'),
  R('CL02', 'cloud', 'medium', 'Linux instance logs in as root', 'Create instances with LoginAsNonRoot (ecs-user); deny ecs:LoginAsNonRoot=false with the documented RAM policy (S002)', 'CL-02'),
  R('CL03', 'cloud', 'medium', 'Linux instance with no key pair (password login only)', 'ecs keypair attach NAME INSTANCE, then disable password login', 'CL-03'),
  R('CL04', 'cloud', 'low', 'Key pair bound to no instance', 'Delete it if unused (ecs keypair delete NAME)', 'CL-04'),
  R('SG01', 'cloud', 'critical', 'Security group accepts all protocols and ports from 0.0.0.0/0', 'Revoke the rule; allow only the needed ports from known addresses', 'SG-01'),
  R('SG02', 'cloud', 'high', 'Security group opens SSH (22) or RDP (3389) to 0.0.0.0/0', 'Allow 22/3389 only from your administration addresses', 'SG-02'),
  R('SG03', 'cloud', 'high', 'Security group opens a database or legacy port (21, 23, 1433, 1434, 1521, 3306, 5432, 6379) to 0.0.0.0/0', 'Allow the port only from the application\'s addresses or security group', 'SG-03'),
  R('SG04', 'cloud', 'info', 'Rule for TCP 25: no effect unless the port-25 restriction was lifted', 'Use 465 for mail, or apply to lift the restriction', 'SG-04'),
  R('SG05', 'cloud', 'info', 'Inbound rule for a carrier-blocked port (135, 139, 444, 445, 5800, 5900)', 'Use another port', 'SG-05'),
  R('SG06', 'cloud', 'medium', 'Rule shadowed by a rule with higher priority (or a same-priority drop)', 'Delete the rule or fix the priorities', 'SG-06'),
  R('SG07', 'cloud', 'low', 'Security group with more than 80 rules (80% of 100)', 'Remove redundant rules or split the group', 'SG-07'),
  R('SG08', 'cloud', 'info', 'Instance still in the system default security group', 'Move it to a group of its own', 'SG-08'),
  R('SG09', 'cloud', 'medium', 'Classic intranet inbound address rule whose CIDR is not /32', 'Use a security-group source or a /32 address', 'SG-09'),
];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`internal: unknown audit rule ${id}`);
  return r;
}
