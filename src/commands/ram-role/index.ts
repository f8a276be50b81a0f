import { group } from '../types.js';

export default group('ram-role', 'Instance RAM roles (VPC instances, one role each)', [
  { name: 'attach', summary: 'Give instances a RAM role (--replace swaps a role they have)', load: () => import('./attach.js').then((m) => m.default) },
  { name: 'detach', summary: 'Take a RAM role away from instances', load: () => import('./detach.js').then((m) => m.default) },
  { name: 'describe', summary: 'Show the RAM role of instances', aliases: ['show'], load: () => import('./describe.js').then((m) => m.default) },
]);
