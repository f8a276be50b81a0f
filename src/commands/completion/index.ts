import type { CommandNode } from '../types.js';

// Top-level verbs that are not resource groups (completion, hidden __complete).
const nodes: CommandNode[] = [];
export default nodes;
