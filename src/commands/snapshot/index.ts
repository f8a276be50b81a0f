import { group } from '../types.js';

const verb = (name: string, summary: string, load: () => Promise<{ default: any }>) => ({ name, summary, load: () => load().then((m) => m.default) });

export default group('snapshot', 'Create, list and delete disk snapshots', [
  verb('create', 'Snapshot a disk (full the first time, incremental after)', () => import('./create.js')),
  verb('list', 'List snapshots', () => import('./list.js')),
  verb('describe', 'Show one snapshot', () => import('./describe.js')),
  verb('delete', 'Delete snapshots', () => import('./delete.js')),
]);
