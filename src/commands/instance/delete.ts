import { defineDelete } from '../builders/index.js';
import { instance } from '../../resources/instance.js';

export default defineDelete({
  resource: instance,
  verb: 'instance delete',
  configure: (cmd) => void cmd.option('--force', 'release even a Running instance (Force=true)'),
  action: 'DeleteInstance',
  params: (id, o) => ({ InstanceId: id, Force: o.force ? true : undefined }),
  apiDryRun: true,
  confirm: () => ({ action: 'Release', consequence: 'Its data cannot be recovered.' }),
  dryText: 'would release',
  help: `Releases pay-as-you-go instances; disks released with the instance are deleted and its
automatic snapshots removed; data cannot be recovered. Subscription instances cannot be
released by hand. Asks for confirmation on a terminal; without one, --yes is required.
With --wait, returns when the instances are gone.`,
  examples: ['ecs instance delete i-bp67acfmxazb4ph6xxxx', 'ecs instance delete i-bp67acfmxazb4ph6xxxx --force --yes --wait'],
});
