import { group } from '../types.js';

export default group('config', 'Manage profiles and credentials', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
