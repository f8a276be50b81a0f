import { group } from '../types.js';

export default group('instance', 'Create and manage ECS instances', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
]);
