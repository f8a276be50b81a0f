// Per-region defaults, created lazily in state on first use so that `instance create`
// needs few flags: a default VPC, a default vSwitch in every zone of the region, and the
// system-created default security group with the documented rules (guide §13.2: TCP 22,
// TCP 3389 and all ICMP from 0.0.0.0/0 at priority 110; members may talk to each other).
//
// Call from a mutating action (it changes state). Idempotent: a second call returns the
// same IDs and only fills what is missing (e.g. a zone added to the catalogue later).

import { regionOrThrow, zonesOf } from './catalogue/index.js';
import { newId } from './ids.js';
import type { SimState } from './state.js';

export interface RegionDefaults {
  vpcId: string;
  vSwitchIdByZone: Record<string, string>;
  securityGroupId: string;
}

export const DEFAULT_VPC_CIDR = '172.16.0.0/12';

/** The default vSwitch of the n-th zone: 172.16.0.0/20, 172.16.16.0/20, … (as the console makes them). */
export function defaultVSwitchCidr(n: number): string {
  const third = n * 16;
  return `172.${16 + Math.floor(third / 256)}.${third % 256}.0/20`;
}

function rule(sgId: string, protocol: string, port: string, now: string): Record<string, any> {
  return {
    SecurityGroupRuleId: newId('sgr'),
    Direction: 'ingress',
    IpProtocol: protocol,
    PortRange: port,
    SourceCidrIp: '0.0.0.0/0',
    SourceGroupId: '',
    SourcePortRange: '',
    DestCidrIp: '',
    DestGroupId: '',
    Ipv6SourceCidrIp: '',
    Ipv6DestCidrIp: '',
    Policy: 'Accept',
    Priority: '110',
    NicType: 'intranet',
    Description: '',
    CreateTime: now,
    SecurityGroupId: sgId,
  };
}

export function ensureRegionDefaults(state: SimState, regionId: string, now: Date): RegionDefaults {
  regionOrThrow(regionId);
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  state.vpcs ??= {};
  state.vswitches ??= {};
  state.securityGroups ??= {};

  let vpc = Object.values(state.vpcs).find((v: any) => v.RegionId === regionId && v.IsDefault);
  if (!vpc) {
    const VpcId = newId('vpc', regionId);
    vpc = {
      VpcId,
      RegionId: regionId,
      VpcName: '',
      Description: 'System created default VPC.',
      CidrBlock: DEFAULT_VPC_CIDR,
      IsDefault: true,
      Status: 'Available',
      CreationTime: at,
      VSwitchIds: { VSwitchId: [] as string[] },
    };
    state.vpcs[VpcId] = vpc;
  }

  const vSwitchIdByZone: Record<string, string> = {};
  const existing = Object.values(state.vswitches).filter((s: any) => s.VpcId === vpc.VpcId && s.IsDefault);
  zonesOf(regionId).forEach((z, i) => {
    let vsw = existing.find((s: any) => s.ZoneId === z.ZoneId);
    if (!vsw) {
      const VSwitchId = newId('vsw', regionId);
      vsw = {
        VSwitchId,
        VpcId: vpc.VpcId,
        RegionId: regionId,
        ZoneId: z.ZoneId,
        VSwitchName: '',
        Description: 'System created default VSwitch.',
        CidrBlock: defaultVSwitchCidr(i),
        IsDefault: true,
        Status: 'Available',
        // A /20 has 4096 addresses; the service reserves the first three and the last one.
        AvailableIpAddressCount: 4092,
        CreationTime: at,
      };
      state.vswitches[VSwitchId] = vsw;
      vpc.VSwitchIds.VSwitchId.push(VSwitchId);
    }
    vSwitchIdByZone[z.ZoneId] = vsw.VSwitchId;
  });

  let sg = Object.values(state.securityGroups).find((g: any) => g.RegionId === regionId && g.IsDefault);
  if (!sg) {
    const SecurityGroupId = newId('sg', regionId);
    sg = {
      SecurityGroupId,
      RegionId: regionId,
      VpcId: vpc.VpcId,
      SecurityGroupName: `sg-default-${regionId}`,
      Description: 'System created security group.',
      SecurityGroupType: 'normal',
      InnerAccessPolicy: 'Accept',
      IsDefault: true,
      CreationTime: at,
      Tags: { Tag: [] },
      Permissions: [
        rule(SecurityGroupId, 'TCP', '22/22', at),
        rule(SecurityGroupId, 'TCP', '3389/3389', at),
        rule(SecurityGroupId, 'ICMP', '-1/-1', at),
        // Conflict C2: S004 §1.5 also lists HTTP 80 and HTTPS 443 (setting security-group.default-web-ports).
        ...(state.settings?.['security-group.default-web-ports'] === 'true' ? [rule(SecurityGroupId, 'TCP', '80/80', at), rule(SecurityGroupId, 'TCP', '443/443', at)] : []),
      ],
    };
    state.securityGroups[SecurityGroupId] = sg;
  }

  return { vpcId: vpc.VpcId, vSwitchIdByZone, securityGroupId: sg.SecurityGroupId };
}
