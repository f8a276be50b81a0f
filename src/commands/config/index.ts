import { group } from '../types.js';

export default group('config', 'Manage profiles and credentials', [
  { name: 'init', summary: 'Create or replace a profile (prompts on a terminal, or flags)', load: () => import('./init.js').then((m) => m.default) },
  { name: 'list', summary: 'List profiles; the current one is marked', load: () => import('./list.js').then((m) => m.default) },
  { name: 'show', summary: 'Effective configuration and the source of each value', load: () => import('./show.js').then((m) => m.default) },
  { name: 'set', summary: 'Set one key of a profile', load: () => import('./set.js').then((m) => m.default) },
  { name: 'use', summary: 'Make a profile the current one', load: () => import('./use.js').then((m) => m.default) },
  { name: 'import-aliyun', summary: "Import AK/StsToken profiles from aliyun-cli's config.json", load: () => import('./import-aliyun.js').then((m) => m.default) },
]);
