import { defineDescribe } from '../builders/index.js';
import { instance } from '../../resources/instance.js';

export default defineDescribe({
  resource: instance,
  help: `Shows IDs, name, status, zone, type, vCPU/memory, image and OS, IPs, VPC/vSwitch, security
groups, key pair, login user, charge type, created/expiry, auto-release, pending changes.
-o json prints the DescribeInstances Instance object (an array for several IDs).`,
  examples: ['ecs instance describe i-bp67acfmxazb4ph6xxxx', 'ecs instance describe i-bp67acfmxazb4ph6xxxx -o json --query Status'],
});
