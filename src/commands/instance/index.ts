import { group } from '../types.js';

export default group('instance', 'Create and manage ECS instances', [
  { name: 'create', summary: 'Create instances (RunInstances)', load: () => import('./create.js').then((m) => m.default) },
  { name: 'list', summary: 'List instances (all pages), with filters', aliases: ['ls'], load: () => import('./list.js').then((m) => m.default) },
  { name: 'describe', summary: 'Show everything about instances', aliases: ['show'], load: () => import('./describe.js').then((m) => m.default) },
  { name: 'start', summary: 'Start stopped instances', load: () => import('./start.js').then((m) => m.default) },
  { name: 'stop', summary: 'Stop running instances (asks first; --yes in scripts)', load: () => import('./stop.js').then((m) => m.default) },
  { name: 'reboot', summary: 'Reboot running instances (asks first; --yes in scripts)', load: () => import('./reboot.js').then((m) => m.default) },
  { name: 'delete', summary: 'Release instances (asks first; --yes in scripts)', aliases: ['release'], load: () => import('./delete.js').then((m) => m.default) },
  { name: 'reset-password', summary: 'Set a new login password (offline until a reboot, or online via Cloud Assistant)', load: () => import('./reset-password.js').then((m) => m.default) },
  { name: 'vnc-url', summary: 'Print the management terminal (VNC) URL of an instance', load: () => import('./vnc-url.js').then((m) => m.default) },
  { name: 'vnc-password', summary: 'Set the VNC (management terminal) password', load: () => import('./vnc-password.js').then((m) => m.default) },
  { name: 'auto-release', summary: 'Schedule or cancel the automatic release of an instance', load: () => import('./auto-release.js').then((m) => m.default) },
  { name: 'rename', summary: 'Change the name of an instance', load: () => import('./rename.js').then((m) => m.default) },
  { name: 'modify', summary: 'Change name, description, hostname, deletion protection', load: () => import('./modify.js').then((m) => m.default) },
  { name: 'renew', summary: 'Renew a subscription (PrePaid) instance, or turn automatic renewal on or off', load: () => import('./renew.js').then((m) => m.default) },
  { name: 'replace-system-disk', summary: 'Change the OS: a new system disk from an image (Stopped instance; asks first)', load: () => import('./replace-system-disk.js').then((m) => m.default) },
  { name: 'wait', summary: 'Wait until an instance reaches a status', load: () => import('./wait.js').then((m) => m.default) },
]);
