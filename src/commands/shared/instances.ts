// Instance helpers shared by the `ecs instance` verbs: fetching by IDs, the list columns,
// the describe fields, login user, and waiting for statuses.

import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import type { Column, RenderSpec } from '../../core/output.js';
import { chunks, listAll } from './pages.js';
import { GONE, waitForStatus } from './waiting.js';

export type Instance = Record<string, any>;

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

export const INSTANCE_COLUMNS: Column<Instance>[] = [
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

export const INSTANCE_SPEC: RenderSpec<Instance> = { columns: INSTANCE_COLUMNS, id: 'InstanceId' };

/** "Key: value" lines of `instance describe`. */
export function instanceFields(i: Instance): [string, unknown][] {
  const pending = pendingChanges(i);
  const expiry = i.InstanceChargeType === 'PrePaid' || (i.ExpiredTime && !POSTPAID_NO_EXPIRY.test(i.ExpiredTime)) ? i.ExpiredTime : undefined;
  const locks = (i.OperationLocks?.LockReason ?? []).map((l: any) => l.LockReason).filter(Boolean);
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

/** DescribeInstances by IDs (100 per call), in the order asked; unknown IDs are an error. */
export async function fetchInstances(ctx: Context, api: EcsApi, ids: string[], o: { allowMissing?: boolean } = {}): Promise<Instance[]> {
  const found = await instancesById(ctx, api, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length && !o.allowMissing) throw notFound(missing, ctx.region);
  return ids.map((id) => found.get(id)).filter((x): x is Instance => Boolean(x));
}

export function notFound(ids: string[], region: string): CliError {
  return new CliError(
    ids.length === 1 ? `instance ${ids[0]} does not exist in region ${region}` : `instances ${ids.join(', ')} do not exist in region ${region}`,
    { code: 'InvalidInstanceId.NotFound' },
  );
}

export async function instancesById(ctx: Context, api: EcsApi, ids: string[]): Promise<Map<string, Instance>> {
  const map = new Map<string, Instance>();
  for (const part of chunks([...new Set(ids)], 100)) {
    const items = await listAll<Instance>(api, {
      action: 'DescribeInstances',
      params: { RegionId: ctx.region, InstanceIds: JSON.stringify(part) },
      itemsPath: 'Instances.Instance',
      paging: 'page',
      pageSize: 100,
      signal: ctx.abort.signal,
    });
    for (const i of items) map.set(i.InstanceId, i);
  }
  return map;
}

/**
 * --wait: until every instance has the status (or is gone, for GONE). `strict`: a verb
 * that just started the transition fails fast when the instance is in a status from which
 * the target cannot follow (Stopped while waiting for Running).
 */
export async function waitForInstances(ctx: Context, api: EcsApi, ids: string[], target: string, strict = true): Promise<void> {
  await waitForStatus(ctx, {
    ids,
    target,
    kind: 'instance',
    statuses: async (pending) => {
      const m = await instancesById(ctx, api, pending);
      return new Map([...m].map(([id, i]) => [id, String(i.Status)]));
    },
    dead: strict ? (s) => target === 'Running' && s === 'Stopped' : undefined,
  });
}

export { GONE };
