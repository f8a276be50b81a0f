import { group } from '../types.js';

export default group('region', 'List regions', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
