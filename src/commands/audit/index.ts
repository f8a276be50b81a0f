import { group } from '../types.js';

// Metadata only: the verb modules (and src/audit) load when that verb runs.
export default group('audit', 'Audit authorized_keys, sshd_config, accounts, hosts over SSH and the cloud account', [
  { name: 'authorized-keys', summary: 'Audit authorized_keys files (options, key strength, duplicates, modes)', load: () => import('./authorized-keys.js').then((m) => m.default) },
  { name: 'sshd-config', summary: 'Audit an sshd_config (first value wins, Include and Match followed)', load: () => import('./sshd-config.js').then((m) => m.default) },
  { name: 'passwd', summary: 'Audit /etc/passwd (and /etc/shadow when readable)', load: () => import('./passwd.js').then((m) => m.default) },
  { name: 'host', summary: 'Audit hosts over SSH (all of the above, many hosts, known_hosts checked)', load: () => import('./host.js').then((m) => m.default) },
  { name: 'cloud', summary: 'Audit the account: root logins, preset passwords, key pairs, security groups', load: () => import('./cloud.js').then((m) => m.default) },
]);
