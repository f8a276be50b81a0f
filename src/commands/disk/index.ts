import { group } from '../types.js';

const verb = (name: string, summary: string, load: () => Promise<{ default: any }>) => ({ name, summary, load: () => load().then((m) => m.default) });

export default group('disk', 'Create, attach, detach, resize, roll back and delete cloud disks', [
  verb('create', 'Create a data disk (empty or from a snapshot)', () => import('./create.js')),
  verb('list', 'List disks', () => import('./list.js')),
  verb('describe', 'Show one disk', () => import('./describe.js')),
  verb('attach', 'Attach a disk to an instance in the same zone', () => import('./attach.js')),
  verb('detach', 'Detach a data disk from its instance', () => import('./detach.js')),
  verb('resize', 'Grow a disk', () => import('./resize.js')),
  verb('reset', 'Roll a disk back to one of its snapshots', () => import('./reset.js')),
  verb('reinit', 'Re-initialise a disk to its initial state', () => import('./reinit.js')),
  verb('modify', 'Change a disk\'s name, description and release flags', () => import('./modify.js')),
  verb('delete', 'Delete (release) data disks', () => import('./delete.js')),
]);
