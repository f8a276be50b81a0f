import { group } from '../types.js';

export default group('security-group', 'Security groups, their rules, and which rule decides', [
  { name: 'create', summary: 'Create a security group (normal or enterprise) in a VPC', load: () => import('./create.js').then((m) => m.default) },
  { name: 'list', summary: 'List security groups (name, VPC, type, tag)', aliases: ['ls'], load: () => import('./list.js').then((m) => m.default) },
  { name: 'describe', summary: 'Show security groups with their rules', aliases: ['show'], load: () => import('./describe.js').then((m) => m.default) },
  { name: 'delete', summary: 'Delete security groups (asks first; refused while in use)', aliases: ['rm'], load: () => import('./delete.js').then((m) => m.default) },
  { name: 'join', summary: 'Put an instance in a security group (1 to 5 groups per instance)', load: () => import('./join.js').then((m) => m.default) },
  { name: 'leave', summary: 'Take an instance out of a security group (never its last)', load: () => import('./leave.js').then((m) => m.default) },
  group('rule', 'Inbound and outbound rules of a security group', [
    { name: 'add', summary: 'Add a rule (warns when 22, 3389 or a database port opens to everyone)', load: () => import('./rule-add.js').then((m) => m.default) },
    { name: 'remove', summary: 'Remove a rule by ID or by its fields', aliases: ['rm'], load: () => import('./rule-remove.js').then((m) => m.default) },
    { name: 'list', summary: 'List the rules of a security group', aliases: ['ls'], load: () => import('./rule-list.js').then((m) => m.default) },
  ]),
  { name: 'check', summary: 'Which rule decides for a packet, and why (a group or an instance)', load: () => import('./check.js').then((m) => m.default) },
]);
