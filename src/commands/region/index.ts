import { group } from '../types.js';

export default group('region', 'List regions', [
  { name: 'list', summary: 'List the regions you can use', load: () => import('./list.js').then((m) => m.default) },
]);
