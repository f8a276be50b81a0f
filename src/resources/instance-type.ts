// The instance type resource (DescribeInstanceTypes: MaxResults/NextToken paging, by IDs
// through the InstanceTypes.N repeat list; not regional).

import type { InstanceType } from '../api/actions/catalogue.js';
import { defineResource } from './types.js';

export type { InstanceType };

export const instanceType = defineResource({
  name: 'instance-type',
  noun: 'instance type',
  plural: 'instance types',
  idField: 'InstanceTypeId',
  describe: {
    action: 'DescribeInstanceTypes',
    itemPath: 'InstanceTypes.InstanceType',
    byIds: { style: 'repeat', param: 'InstanceTypes', max: 10 },
    paging: { style: 'token', pageSize: 1600 },
    regional: false,
  },
  errors: { notFound: 'InvalidInstanceType.ValueNotSupported' },
  columns: [
    { header: 'type', get: 'InstanceTypeId' },
    { header: 'family', get: 'InstanceTypeFamily' },
    { header: 'vcpu', get: 'CpuCoreCount' },
    { header: 'memory gib', get: 'MemorySize' },
    { header: 'arch', get: 'CpuArchitecture' },
    { header: 'gpu', get: (t) => (t.GPUAmount ? `${t.GPUAmount}× ${t.GPUSpec}` : '') },
    { header: 'category', get: 'InstanceCategory' },
  ],
  fields: (t) => [
    ['Type', t.InstanceTypeId],
    ['Family', t.InstanceTypeFamily],
    ['vCPU', t.CpuCoreCount],
    ['Memory (GiB)', t.MemorySize],
    ['Architecture', t.CpuArchitecture],
    ['Category', t.InstanceCategory],
  ],
  completion: { label: (t) => t.InstanceTypeFamily },
});
