import { group } from '../types.js';

export default group('simulator', 'Control the embedded ECS simulator', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
