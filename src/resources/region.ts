// The region resource (DescribeRegions: one answer, no paging, no by-ID parameter).

import type { Region } from '../api/actions/catalogue.js';
import { defineResource } from './types.js';

export type { Region };

export const region = defineResource({
  name: 'region',
  noun: 'region',
  plural: 'regions',
  idField: 'RegionId',
  nameField: 'LocalName',
  describe: {
    action: 'DescribeRegions',
    itemPath: 'Regions.Region',
    byIds: { style: 'client' },
    paging: { style: 'none' },
    regional: false,
    // English names, as the lists print and completion describes them.
    params: { AcceptLanguage: 'en-US' },
  },
  errors: { notFound: 'InvalidRegionId.NotFound' },
  columns: [
    { header: 'region', get: 'RegionId' },
    { header: 'name', get: 'LocalName' },
    { header: 'endpoint', get: 'RegionEndpoint' },
  ],
  fields: (r) => [
    ['Region', r.RegionId],
    ['Name', r.LocalName],
    ['Endpoint', r.RegionEndpoint],
    ['Status', r.Status],
  ],
});
