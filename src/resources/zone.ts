// The zone resource (DescribeZones of the region: one answer, no paging).

import type { Zone } from '../api/actions/catalogue.js';
import { defineResource } from './types.js';

export type { Zone };

export const zone = defineResource({
  name: 'zone',
  noun: 'zone',
  plural: 'zones',
  idField: 'ZoneId',
  nameField: 'LocalName',
  describe: {
    action: 'DescribeZones',
    itemPath: 'Zones.Zone',
    byIds: { style: 'client' },
    paging: { style: 'none' },
    regional: true,
    params: { AcceptLanguage: 'en-US' },
  },
  errors: { notFound: 'InvalidZoneId.NotFound' },
  columns: [
    { header: 'zone', get: 'ZoneId' },
    { header: 'name', get: 'LocalName' },
    { header: 'instance types', get: (z) => z.AvailableInstanceTypes?.InstanceTypes?.length ?? 0 },
    { header: 'disk categories', get: 'AvailableDiskCategories.DiskCategories' },
  ],
  fields: (z) => [
    ['Zone', z.ZoneId],
    ['Name', z.LocalName],
    ['Type', z.ZoneType],
    ['Instance types', z.AvailableInstanceTypes?.InstanceTypes?.length ?? 0],
    ['Disk categories', z.AvailableDiskCategories?.DiskCategories],
  ],
});
