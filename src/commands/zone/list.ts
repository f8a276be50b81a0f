import { defineList } from '../builders/index.js';
import { zone } from '../../resources/zone.js';

export default defineList({
  resource: zone,
  description: 'List the zones of the region (--region, default from your profile) (DescribeZones)',
  examples: [
    'ecs zone list',
    'ecs zone list --region ap-northeast-1 -o ids',
    `ecs zone list -o json --query "[?contains(AvailableInstanceTypes.InstanceTypes, 'ecs.g8i.large')].ZoneId"`,
  ],
});
