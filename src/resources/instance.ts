// The instance resource: its descriptor and the instance behaviour the verbs share
// (addresses, login user, pending changes, Windows).

import type { Instance } from '../api/actions/instances.js';
import type { Column } from '../core/output.js';
import { defineResource } from './types.js';

export type { Instance };

export const INSTANCE_STATUSES = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'] as const;

export function privateIp(i: Instance): string | undefined {
  return i.VpcAttributes?.PrivateIpAddress?.IpAddress?.[0] ?? i.InnerIpAddress?.IpAddress?.[0] ?? i.NetworkInterfaces?.NetworkInterface?.[0]?.PrimaryIpAddress;
}

export function publicIp(i: Instance): string | undefined {
  return i.PublicIpAddress?.IpAddress?.[0] || i.EipAddress?.IpAddress || undefined;
}

/** root, ecs-user (ImageOptions.LoginAsNonRoot) or Administrator (Windows). */
export function loginUser(i: Instance): string {
  const ext = i.SimulatorExtensions?.LoginUser;
  if (typeof ext === 'string' && ext) return ext;
  if (String(i.OSType ?? '').toLowerCase() === 'windows') return 'Administrator';
  return i.ImageOptions?.LoginAsNonRoot ? 'ecs-user' : 'root';
}

/** Changes waiting for a reboot through the API (simulator extension; absent on the real API). */
export function pendingChanges(i: Instance): string[] | undefined {
  const p = i.SimulatorExtensions?.PendingChanges;
  return Array.isArray(p) ? p.map(String) : undefined;
}

export function isWindows(i: Instance): boolean {
  return String(i.OSType ?? '').toLowerCase() === 'windows';
}

function memory(i: Instance): string | undefined {
  if (typeof i.Memory !== 'number') return undefined;
  const gib = i.Memory / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

function tags(i: Instance): string | undefined {
  const t = i.Tags?.Tag as { TagKey: string; TagValue: string }[] | undefined;
  return t?.length ? t.map((x) => `${x.TagKey}=${x.TagValue}`).join(', ') : undefined;
}

const POSTPAID_NO_EXPIRY = /^2099-12-31/;

const COLUMNS: Column<Instance>[] = [
  { header: 'ID', get: 'InstanceId' },
  { header: 'Name', get: 'InstanceName' },
  { header: 'Status', get: 'Status' },
  { header: 'Zone', get: 'ZoneId' },
  { header: 'Type', get: 'InstanceType' },
  { header: 'Private IP', get: privateIp },
  { header: 'Public IP', get: publicIp },
  { header: 'Charge', get: 'InstanceChargeType' },
  { header: 'Created', get: 'CreationTime' },
];

/** "Key: value" lines of `instance describe`. */
export function instanceFields(i: Instance): [string, unknown][] {
  const pending = pendingChanges(i);
  const expiry = i.InstanceChargeType === 'PrePaid' || (i.ExpiredTime && !POSTPAID_NO_EXPIRY.test(i.ExpiredTime)) ? i.ExpiredTime : undefined;
  const locks = (i.OperationLocks?.LockReason ?? []).map((l) => l.LockReason).filter(Boolean);
  const f: [string, unknown][] = [
    ['ID', i.InstanceId],
    ['Name', i.InstanceName],
    ['Hostname', i.HostName],
    ['Description', i.Description],
    ['Status', i.Status],
    ['Region', i.RegionId],
    ['Zone', i.ZoneId],
    ['Type', i.InstanceType],
    ['vCPU', i.Cpu],
    ['Memory', memory(i)],
    ['Image', i.ImageId],
    ['OS', i.OSNameEn || i.OSName],
    ['OS type', i.OSType],
    ['Private IP', privateIp(i)],
    ['Public IP', publicIp(i)],
    ['VPC', i.VpcAttributes?.VpcId],
    ['vSwitch', i.VpcAttributes?.VSwitchId],
    ['Security groups', i.SecurityGroupIds?.SecurityGroupId],
    ['Key pair', i.KeyPairName],
    ['Login user', loginUser(i)],
    ['Charge type', i.InstanceChargeType],
    ['Created', i.CreationTime],
    ['Started', i.StartTime],
    ['Expires', expiry],
    ['Auto-release', i.AutoReleaseTime],
    ['Deletion protection', i.DeletionProtection === undefined ? undefined : i.DeletionProtection ? 'on' : 'off'],
    ['Tags', tags(i)],
  ];
  if (locks.length) f.push(['Locked', locks.join(', ')]);
  if (pending) {
    f.push(['Pending changes', pending.length ? `${pending.join(', ')} (take effect after a reboot through the API: ecs instance reboot ${i.InstanceId})` : 'none']);
  }
  return f;
}

export const instance = defineResource({
  name: 'instance',
  noun: 'instance',
  plural: 'instances',
  idField: 'InstanceId',
  nameField: 'InstanceName',
  statusField: 'Status',
  describe: {
    action: 'DescribeInstances',
    itemPath: 'Instances.Instance',
    byIds: { style: 'json', param: 'InstanceIds', max: 100 },
    paging: { style: 'token', pageSize: 100 },
    regional: true,
  },
  errors: { notFound: 'InvalidInstanceId.NotFound', wrongStatus: 'IncorrectInstanceStatus' },
  statuses: INSTANCE_STATUSES,
  transitional: ['Pending', 'Starting', 'Stopping'],
  columns: COLUMNS,
  fields: instanceFields,
});

/** While waiting for Running: a Stopped instance will not get there by itself. */
export function stoppedWhileWaitingForRunning(status: string, target: string): boolean {
  return target === 'Running' && status === 'Stopped';
}
