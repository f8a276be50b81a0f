import { group } from '../types.js';

const verb = (name: string, summary: string, load: () => Promise<{ default: any }>) => ({ name, summary, load: () => load().then((m) => m.default) });

export default group('snapshot-policy', 'Automatic snapshot policies: when disks are snapshotted and for how long', [
  verb('create', 'Create a policy (hours and weekdays in UTC+8, retention)', () => import('./create.js')),
  verb('list', 'List policies', () => import('./list.js')),
  verb('apply', 'Apply a policy to disks', () => import('./apply.js')),
  verb('cancel', 'Take disks out of their policy', () => import('./cancel.js')),
  verb('modify', 'Change a policy', () => import('./modify.js')),
  verb('delete', 'Delete a policy', () => import('./delete.js')),
]);
