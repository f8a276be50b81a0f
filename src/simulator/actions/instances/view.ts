// DescribeInstances' Instance object, built on read from the compact record, with the
// real field names (the fields an admin and the CLI use; empty legacy sub-objects such as
// EipAddress and InnerIpAddress are left out to keep 10,000-instance listings fast).
//
// Simulator-only extension (not a field of the real API; absent when talking to the
// real service): `SimulatorExtensions`
//   { LoginUser: 'root' | 'ecs-user' | 'Administrator',
//     PendingChanges: ('Password' | 'VncPassword')[] }   // waiting for an API reboot
// The real service has no way to show a pending change; clients that want the login user
// on the real API derive it from ImageOptions.LoginAsNonRoot and OSType, as loginUser() does.

import { findFamily, findInstanceType, PUBLIC_IMAGES } from '../../catalogue/index.js';
import type { SimState } from '../../state.js';
import { hostOf, loginUser, minuteIso, nameOf, pendingChanges, POSTPAID_EXPIRED_TIME, regionOf, vpcOf, type InstanceRecord } from './model.js';

const publicOsNames = new Map(PUBLIC_IMAGES.map((i) => [i.ImageId, [i.OSName, i.OSNameEn] as const]));

export function instanceView(state: SimState, r: InstanceRecord): Record<string, unknown> {
  const t = findInstanceType(r.type);
  const family = t ? findFamily(t.InstanceTypeFamily) : undefined;
  const names = publicOsNames.get(r.image);
  const osName = r.osName ?? names?.[0] ?? '';
  const v: Record<string, unknown> = {
    InstanceId: r.id,
    InstanceName: nameOf(r),
    HostName: hostOf(r),
    Description: r.desc ?? '',
    Status: r.status,
    RegionId: regionOf(r),
    ZoneId: r.zone,
    InstanceType: r.type,
    InstanceTypeFamily: t?.InstanceTypeFamily ?? r.type.split('.').slice(0, 2).join('.'),
    Cpu: t?.CpuCoreCount ?? 0,
    Memory: t ? Math.round(t.MemorySize * 1024) : 0,
    ImageId: r.image,
    OSType: r.os,
    OSName: osName,
    OSNameEn: r.osEn ?? names?.[1] ?? osName,
    ImageOptions: { LoginAsNonRoot: r.nonRoot === 1 },
    InstanceNetworkType: 'vpc',
    IoOptimized: family?.ioOptimized ?? true,
    VpcAttributes: {
      VpcId: vpcOf(state, r),
      VSwitchId: r.vsw,
      PrivateIpAddress: { IpAddress: [r.ip] },
      NatIpAddress: '',
    },
    PublicIpAddress: { IpAddress: r.pub ? [r.pub] : [] },
    InternetChargeType: 'PayByTraffic',
    InternetMaxBandwidthIn: r.bwIn ?? (r.bw ? Math.max(10, r.bw) : 0),
    InternetMaxBandwidthOut: r.bw ?? 0,
    SecurityGroupIds: { SecurityGroupId: r.sg.slice() },
    KeyPairName: r.kp ?? '',
    InstanceChargeType: r.charge,
    SpotStrategy: 'NoSpot',
    CreationTime: minuteIso(r.ct),
    StartTime: r.st ? minuteIso(r.st) : '',
    ExpiredTime: r.exp ? minuteIso(r.exp) : POSTPAID_EXPIRED_TIME,
    AutoReleaseTime: r.rel ? minuteIso(r.rel) : '',
    StoppedMode: r.status === 'Stopped' && r.charge === 'PostPaid' ? (r.stopMode ?? 'KeepCharging') : 'Not-applicable',
    DeletionProtection: r.delProt === 1,
    OperationLocks: { LockReason: r.lock ? [{ LockReason: r.lock, LockMsg: 'The subscription has expired; renew it to use the instance.' }] : [] },
    Tags: { Tag: (r.tags ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    SimulatorExtensions: { LoginUser: loginUser(r), PendingChanges: pendingChanges(r) },
  };
  if (t?.GPUAmount) {
    v.GPUAmount = t.GPUAmount;
    v.GPUSpec = t.GPUSpec ?? '';
  }
  return v;
}
