import { group } from '../types.js';

export default group('zone', 'List zones of a region', [
  { name: 'list', summary: 'List the zones of the region', load: () => import('./list.js').then((m) => m.default) },
]);
