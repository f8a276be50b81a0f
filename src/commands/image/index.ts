import { group } from '../types.js';

export default group('image', 'List and manage images', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
