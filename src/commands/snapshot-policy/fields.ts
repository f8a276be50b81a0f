import { listText, type Rec } from '../shared/storage.js';

export function policyFields(p: Rec): [string, unknown][] {
  return [
    ['AutoSnapshotPolicyId', p.AutoSnapshotPolicyId],
    ['Name', p.AutoSnapshotPolicyName],
    ['Hours (UTC+8)', listText(p.TimePoints)],
    ['Weekdays (1=Mon)', listText(p.RepeatWeekdays)],
    ['Retention', p.RetentionDays === -1 ? 'permanent' : `${p.RetentionDays} days`],
    ['Disks', p.DiskNums],
    ['Status', p.Status],
    ['Created', p.CreationTime],
  ];
}
