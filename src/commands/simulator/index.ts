import { group } from '../types.js';

export default group('simulator', 'Control the embedded ECS simulator', [
  // { name: 'list', summary: '...', load: () => import('./list.js').then((m) => m.default) },
  { name: 'serve', summary: 'Serve the simulator over the ECS OpenAPI wire protocol', load: () => import('./serve.js').then((m) => m.default) },
]);
