import { defineList } from '../builders/index.js';
import { region } from '../../resources/region.js';

export default defineList({
  resource: region,
  description: 'List the regions you can use (DescribeRegions)',
  examples: ['ecs region list', 'ecs region list -o ids', `ecs region list -o json --query "[?starts_with(RegionId, 'cn-')].RegionId"`],
});
