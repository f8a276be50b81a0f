import type { CommandNode } from '../types.js';

// Top-level verbs that are not resource groups: `completion SHELL` and the hidden
// `__complete` the scripts call. bin/ecs.js answers both from dist/complete.js without
// loading the CLI; these nodes serve help, errors and in-process runs.
const nodes: CommandNode[] = [
  { name: 'completion', summary: 'Print the shell completion script (bash, zsh, fish)', load: () => import('./completion.js').then((m) => m.default) },
  { name: '__complete', summary: 'Completion candidates for the shell scripts', hidden: true, load: () => import('./complete.js').then((m) => m.default) },
];
export default nodes;
