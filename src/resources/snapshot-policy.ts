// The automatic snapshot policy resource. Its hours and weekdays are in UTC+8 (guide §11.6);
// DescribeAutoSnapshotPolicyEx selects one policy per call by AutoSnapshotPolicyId, and an
// unknown policy is ParameterInvalid (ecs-error-codes.md, ApplyAutoSnapshotPolicy).

import type { AutoSnapshotPolicy } from '../api/actions/snapshot-policies.js';
import { defineResource } from './types.js';

export type { AutoSnapshotPolicy };

/** '["1","13"]' → "1,13" */
export function listText(v: unknown): string {
  try {
    const a = JSON.parse(String(v));
    return Array.isArray(a) ? a.join(',') : String(v);
  } catch {
    return String(v ?? '');
  }
}

export const snapshotPolicy = defineResource({
  name: 'snapshot-policy',
  noun: 'automatic snapshot policy',
  plural: 'automatic snapshot policies',
  idField: 'AutoSnapshotPolicyId',
  nameField: 'AutoSnapshotPolicyName',
  statusField: 'Status',
  describe: {
    action: 'DescribeAutoSnapshotPolicyEx',
    itemPath: 'AutoSnapshotPolicies.AutoSnapshotPolicy',
    byIds: { style: 'single', param: 'AutoSnapshotPolicyId' },
    paging: { style: 'page', pageSize: 100 },
    regional: true,
  },
  errors: { notFound: 'ParameterInvalid' },
  statuses: ['Normal', 'Expire'],
  columns: [
    { header: 'policy', get: 'AutoSnapshotPolicyId' },
    { header: 'name', get: 'AutoSnapshotPolicyName' },
    { header: 'hours (utc+8)', get: (p) => listText(p.TimePoints) },
    { header: 'weekdays', get: (p) => listText(p.RepeatWeekdays) },
    { header: 'retention', get: (p) => (p.RetentionDays === -1 ? 'permanent' : `${p.RetentionDays}d`) },
    { header: 'disks', get: 'DiskNums' },
  ],
  fields: (p) => [
    ['AutoSnapshotPolicyId', p.AutoSnapshotPolicyId],
    ['Name', p.AutoSnapshotPolicyName],
    ['Hours (UTC+8)', listText(p.TimePoints)],
    ['Weekdays (1=Mon)', listText(p.RepeatWeekdays)],
    ['Retention', p.RetentionDays === -1 ? 'permanent' : `${p.RetentionDays} days`],
    ['Disks', p.DiskNums],
    ['Status', p.Status],
    ['Created', p.CreationTime],
  ],
  completion: { label: (p) => p.AutoSnapshotPolicyName },
});
