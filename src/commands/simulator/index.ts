import { group } from '../types.js';

const verb = (name: string, summary: string, load: () => Promise<{ default: any }>) => ({ name, summary, load: () => load().then((m) => m.default) });

export default group('simulator', 'Control the embedded ECS simulator', [
  verb('status', 'Show the state directory, what it holds and the simulated clock', () => import('./status.js')),
  verb('get', 'Show settings (time-scale, quotas, faults)', () => import('./get.js')),
  verb('set', 'Change a setting', () => import('./set.js')),
  verb('advance', 'Move simulated time forward', () => import('./advance.js')),
  verb('reset', 'Delete everything the simulator holds', () => import('./reset.js')),
  verb('export', 'Write the whole state to a file', () => import('./export.js')),
  verb('import', 'Replace the whole state with an exported one', () => import('./import.js')),
  { name: 'serve', summary: 'Serve the simulator over the ECS OpenAPI wire protocol', load: () => import('./serve.js').then((m) => m.default) },
]);
