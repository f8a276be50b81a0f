// DescribeInstances' Instance object, built on read from the compact record, with the
// real field names.
//
// Simulator-only extension (not a field of the real API; absent when talking to the
// real service): `SimulatorExtensions`
//   { LoginUser: 'root' | 'ecs-user' | 'Administrator',
//     PendingChanges: ('Password' | 'VncPassword')[] }   // waiting for an API reboot
// The real service has no way to show a pending change; clients that want the login user
// on the real API derive it from ImageOptions.LoginAsNonRoot and OSType, as loginUser() does.

import { findFamily, findInstanceType } from '../../catalogue/index.js';
import { loginUser, minuteIso, pendingChanges, POSTPAID_EXPIRED_TIME, type InstanceRecord } from './model.js';

export function instanceView(r: InstanceRecord): Record<string, unknown> {
  const t = findInstanceType(r.type);
  const family = t ? findFamily(t.InstanceTypeFamily) : undefined;
  return {
    InstanceId: r.id,
    InstanceName: r.name,
    HostName: r.host,
    Description: r.desc ?? '',
    Status: r.status,
    RegionId: r.region,
    ZoneId: r.zone,
    InstanceType: r.type,
    InstanceTypeFamily: t?.InstanceTypeFamily ?? r.type.split('.').slice(0, 2).join('.'),
    Cpu: t?.CpuCoreCount ?? 0,
    Memory: t ? Math.round(t.MemorySize * 1024) : 0,
    GPUAmount: t?.GPUAmount ?? 0,
    GPUSpec: t?.GPUSpec ?? '',
    ImageId: r.image,
    OSType: r.os,
    OSName: r.osName,
    OSNameEn: r.osEn ?? r.osName,
    ImageOptions: { LoginAsNonRoot: r.nonRoot === 1 },
    InstanceNetworkType: 'vpc',
    IoOptimized: family?.ioOptimized ?? true,
    VpcAttributes: {
      VpcId: r.vpc,
      VSwitchId: r.vsw,
      PrivateIpAddress: { IpAddress: [r.ip] },
      NatIpAddress: '',
    },
    InnerIpAddress: { IpAddress: [] },
    PublicIpAddress: { IpAddress: r.pub ? [r.pub] : [] },
    EipAddress: { AllocationId: '', IpAddress: '', Bandwidth: 0, InternetChargeType: '', IsSupportUnassociate: false },
    InternetChargeType: 'PayByTraffic',
    InternetMaxBandwidthIn: r.bw ? 100 : 0,
    InternetMaxBandwidthOut: r.bw ?? 0,
    SecurityGroupIds: { SecurityGroupId: [...r.sg] },
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
    DeviceAvailable: true,
    Recyclable: false,
    SerialNumber: serialOf(r.id),
    ResourceGroupId: '',
    SimulatorExtensions: { LoginUser: loginUser(r), PendingChanges: pendingChanges(r) },
  };
}

/** A stable UUID-looking serial number derived from the ID (not stored). */
function serialOf(id: string): string {
  let h = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of id + round) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
