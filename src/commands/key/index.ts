import { group } from '../types.js';

// Metadata only: the verb modules (and src/keys) load when that verb runs.
export default group('key', 'Offline SSH key helpers: generate, convert to/from PuTTY PPK, fingerprints', [
  { name: 'generate', summary: 'Generate an RSA key pair (PEM or OpenSSH, .pub, optional .ppk)', load: () => import('./generate.js').then((m) => m.default) },
  { name: 'public', summary: 'Print the OpenSSH public key line of a key file', load: () => import('./public.js').then((m) => m.default) },
  { name: 'fingerprint', summary: 'Fingerprints as ssh-keygen -l (SHA256 or --md5), authorized_keys too', load: () => import('./fingerprint.js').then((m) => m.default) },
  { name: 'to-ppk', summary: 'Convert a PEM/OpenSSH private key to PuTTY PPK v3 or v2', load: () => import('./to-ppk.js').then((m) => m.default) },
  { name: 'from-ppk', summary: 'Convert a PuTTY PPK v2/v3 key to PEM or OpenSSH format', load: () => import('./from-ppk.js').then((m) => m.default) },
]);
