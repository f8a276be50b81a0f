import { group } from '../types.js';

export default group('keypair', 'SSH key pairs of the region (the service keeps the public key)', [
  { name: 'create', summary: 'Create a key pair; the private key is saved once to NAME.pem (0600)', load: () => import('./create.js').then((m) => m.default) },
  { name: 'import', summary: 'Register an existing public key (ssh-rsa, ssh-dss, ecdsa)', load: () => import('./import.js').then((m) => m.default) },
  { name: 'list', summary: 'List key pairs (name with * wildcards, fingerprint, tag)', aliases: ['ls'], load: () => import('./list.js').then((m) => m.default) },
  { name: 'describe', summary: 'Show key pairs with their public keys', aliases: ['show'], load: () => import('./describe.js').then((m) => m.default) },
  { name: 'attach', summary: 'Bind a key pair to Linux instances (replaces theirs; a running one needs a reboot)', load: () => import('./attach.js').then((m) => m.default) },
  { name: 'detach', summary: 'Unbind a key pair from instances (a running one needs a reboot)', load: () => import('./detach.js').then((m) => m.default) },
  { name: 'delete', summary: 'Delete key pairs (asks first; refused while bound)', aliases: ['rm'], load: () => import('./delete.js').then((m) => m.default) },
]);
