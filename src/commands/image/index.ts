import { group } from '../types.js';

export default group('image', 'List and describe images', [
  { name: 'list', summary: 'List public, custom and shared images', load: () => import('./list.js').then((m) => m.default) },
  { name: 'describe', summary: 'Show one image', load: () => import('./describe.js').then((m) => m.default) },
]);
