import { group } from '../types.js';

export default group('instance-type', 'List instance types', [
  { name: 'list', summary: 'List instance types with vCPUs and memory', load: () => import('./list.js').then((m) => m.default) },
]);
