import { group } from '../types.js';

export default group('tag', 'Tags on instances, disks, snapshots, images, security groups and key pairs', [
  { name: 'add', summary: 'Tag a resource (KEY=VALUE; an existing key is overwritten)', load: () => import('./add.js').then((m) => m.default) },
  { name: 'remove', summary: 'Remove tags from a resource by key', aliases: ['rm'], load: () => import('./remove.js').then((m) => m.default) },
  { name: 'list', summary: 'List tags (of resources, or of every taggable resource in the region)', aliases: ['ls'], load: () => import('./list.js').then((m) => m.default) },
]);
