import { defineDelete } from '../builders/index.js';
import { securityGroup } from '../../resources/security-group.js';

export default defineDelete({
  resource: securityGroup,
  verb: 'security-group delete',
  action: 'DeleteSecurityGroup',
  params: (id) => ({ SecurityGroupId: id }),
  apiDryRun: false,
  help: 'Refused (DependencyViolation) while instances are in the group or another group\'s rules name\nit. Its rules are deleted with it. Asks first on a terminal; --yes otherwise.',
  examples: ['ecs security-group delete sg-bp67acfmxazb4ph6xxxx', 'ecs security-group list --name "tmp-*" -o ids | xargs ecs security-group delete --yes'],
});
