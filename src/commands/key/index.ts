import { group } from '../types.js';

export default group('key', 'Offline SSH key helpers: generate, convert to/from PuTTY PPK, fingerprints', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
