import { group } from '../types.js';

const verb = (name: string, summary: string, load: () => Promise<{ default: any }>) => ({ name, summary, load: () => load().then((m) => m.default) });

export default group('image', 'List, create, copy, share, import, export and delete images', [
  verb('list', 'List public, custom and shared images', () => import('./list.js')),
  verb('describe', 'Show one image', () => import('./describe.js')),
  verb('create', 'Create a custom image from an instance or a system-disk snapshot', () => import('./create.js')),
  verb('copy', 'Copy a custom image to another region', () => import('./copy.js')),
  verb('share', 'Share a custom image with other accounts', () => import('./share.js')),
  verb('unshare', 'Stop sharing a custom image', () => import('./unshare.js')),
  verb('import', 'Import an image file from OSS', () => import('./import.js')),
  verb('export', 'Export a custom image to OSS', () => import('./export.js')),
  verb('delete', 'Delete custom images', () => import('./delete.js')),
]);
