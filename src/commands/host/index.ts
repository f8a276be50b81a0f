import { group } from '../types.js';

// Metadata only: the verb modules (and ssh2) load when that verb runs.
export default group('host', 'Fix hosts over SSH: push a key, harden sshd_config, set a password', [
  { name: 'push-key', summary: 'Add a public key to a user\'s authorized_keys (~/.ssh 700, file 600, once)', load: () => import('./push-key.js').then((m) => m.default) },
  { name: 'harden', summary: 'Disable root and/or password logins in sshd_config (backup, sshd -t, reload)', load: () => import('./harden.js').then((m) => m.default) },
  { name: 'set-password', summary: 'Set a user\'s password with chpasswd (stdin only, never argv)', load: () => import('./set-password.js').then((m) => m.default) },
]);
