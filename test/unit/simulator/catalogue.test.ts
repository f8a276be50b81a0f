import { describe, expect, it } from 'vitest';
import {
  FAMILIES, INSTANCE_TYPES, PUBLIC_IMAGES, REGIONS, defaultZone, findImage, findInstanceType, findRegion, findZone,
  regionOrThrow, typeOfferedInZone, zonesOf,
} from '../../../src/simulator/catalogue/index.js';
import { ensureRegionDefaults } from '../../../src/simulator/defaults.js';
import { emptyState } from '../../../src/simulator/state.js';
import { ApiError } from '../../../src/core/errors.js';

describe('regions and zones', () => {
  it('has the documentation regions and today’s major ones, each with real-shaped zones', () => {
    const required = ['cn-hangzhou', 'cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'us-west-1', 'us-east-1', 'eu-central-1'];
    for (const id of required) {
      const r = findRegion(id);
      expect(r, id).toBeDefined();
      expect(r!.zones.length).toBeGreaterThan(0);
      for (const z of r!.zones) expect(z.ZoneId).toMatch(id.startsWith('cn-') ? new RegExp(`^${id}-[a-z]$`) : new RegExp(`^${id}[a-z]$`));
    }
    expect(zonesOf('cn-hangzhou').map((z) => z.ZoneId)).toEqual(expect.arrayContaining(['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j']));
    // The guide's create-disk zone picker (§3).
    for (const z of ['ap-southeast-1a', 'ap-northeast-1a', 'cn-hongkong-b', 'us-east-1a', 'us-west-1b', 'cn-beijing-b', 'cn-hangzhou-e', 'cn-qingdao-b', 'cn-shanghai-c', 'cn-shenzhen-a']) {
      expect(findZone(z), z).toBeDefined();
    }
    expect(new Set(REGIONS.map((r) => r.RegionId)).size).toBe(REGIONS.length);
  });

  it('an unknown region is InvalidRegionId.NotFound (404)', () => {
    try {
      regionOrThrow('mars-1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('InvalidRegionId.NotFound');
      expect((e as ApiError).httpStatus).toBe(404);
    }
  });
});

describe('instance types', () => {
  it('carries the guide’s default PAYG types with their documented specs', () => {
    const spec: [string, number, number][] = [
      ['ecs.t1.small', 1, 1], ['ecs.s1.small', 1, 2], ['ecs.s1.medium', 1, 4], ['ecs.s2.small', 2, 2], ['ecs.s2.large', 2, 4],
      ['ecs.s2.xlarge', 2, 8], ['ecs.s3.medium', 4, 4], ['ecs.s3.large', 4, 8], ['ecs.m1.medium', 4, 16],
    ];
    for (const [id, cpu, mem] of spec) expect(findInstanceType(id)).toMatchObject({ CpuCoreCount: cpu, MemorySize: mem });
  });

  it('has current families, every type belongs to a known family and IDs are unique', () => {
    const fams = new Set(FAMILIES.map((f) => f.InstanceTypeFamilyId));
    for (const f of ['ecs.g7', 'ecs.c7', 'ecs.r7', 'ecs.g8i', 'ecs.c8i', 'ecs.r8i', 'ecs.u1', 'ecs.e', 'ecs.t6', 'ecs.t5', 'ecs.g6', 'ecs.c6', 'ecs.r6', 'ecs.hfc7', 'ecs.gn5', 'ecs.g8y']) {
      expect(fams.has(f), f).toBe(true);
    }
    for (const t of INSTANCE_TYPES) expect(fams.has(t.InstanceTypeFamily), t.InstanceTypeId).toBe(true);
    expect(new Set(INSTANCE_TYPES.map((t) => t.InstanceTypeId)).size).toBe(INSTANCE_TYPES.length);
    expect(findInstanceType('ecs.g7.large')).toMatchObject({ CpuCoreCount: 2, MemorySize: 8 });
    expect(findInstanceType('ecs.c7.xlarge')).toMatchObject({ CpuCoreCount: 4, MemorySize: 8 });
    expect(findInstanceType('ecs.r8i.2xlarge')).toMatchObject({ CpuCoreCount: 8, MemorySize: 64 });
  });

  it('is not offered everywhere: generation I only in old zones, new families only in new ones, gn5 only in the guide’s regions', () => {
    expect(typeOfferedInZone('ecs.s2.large', 'cn-hangzhou-e')).toBe(true);
    expect(typeOfferedInZone('ecs.s2.large', 'cn-hangzhou-k')).toBe(false);
    expect(typeOfferedInZone('ecs.g7.large', 'cn-hangzhou-e')).toBe(false);
    expect(typeOfferedInZone('ecs.g7.large', 'cn-hangzhou-h')).toBe(true);
    expect(typeOfferedInZone('ecs.g8i.large', 'cn-hangzhou-h')).toBe(false);
    expect(typeOfferedInZone('ecs.g8i.large', 'cn-hangzhou-j')).toBe(true);
    expect(typeOfferedInZone('ecs.gn5-c4g1.xlarge', 'cn-hangzhou-f')).toBe(true);
    expect(typeOfferedInZone('ecs.gn5-c4g1.xlarge', 'ap-northeast-1b')).toBe(false); // Japan is not in the gn5 list
    expect(typeOfferedInZone('ecs.nope.large', 'cn-hangzhou-h')).toBe(false);
    expect(typeOfferedInZone('ecs.g7.large', 'cn-nowhere-a')).toBe(false);
    // Every region offers a current general-purpose type somewhere, so `instance create` works everywhere.
    for (const r of REGIONS) expect(defaultZone(r.RegionId, 'ecs.g7.large'), r.RegionId).toBeDefined();
    expect(defaultZone('cn-hangzhou', 'ecs.s2.large')!.ZoneId).toBe('cn-hangzhou-e');
  });
});

describe('public images', () => {
  const state = emptyState(new Date());
  it('covers the required OSes with real-shaped IDs', () => {
    const ids = PUBLIC_IMAGES.map((i) => i.ImageId);
    for (const re of [/^aliyun_3_x64_20G_alibase_\d{8}\.vhd$/, /^aliyun_3_arm64_/, /^centos_7_9_x64_/, /^ubuntu_22_04_x64_/, /^ubuntu_24_04_x64_/, /^debian_12_\d+_x64_/, /^win2022_/, /^win2019_/]) {
      expect(ids.some((i) => re.test(i)), String(re)).toBe(true);
    }
    expect(PUBLIC_IMAGES.some((i) => i.Architecture === 'i386')).toBe(true);
    expect(PUBLIC_IMAGES.filter((i) => i.Architecture === 'arm64').length).toBeGreaterThanOrEqual(2);
  });

  it('findImage gives the API view; ecs-user only on supporting Linux images, never Windows', () => {
    const al3 = findImage(state, 'aliyun_3_x64_20G_alibase_20240819.vhd')!;
    expect(al3).toMatchObject({ OSType: 'linux', Platform: 'Aliyun', Architecture: 'x86_64', ImageOwnerAlias: 'system', Status: 'Available', LoginAsNonRootSupported: true, Size: 20 });
    for (const i of PUBLIC_IMAGES.filter((x) => x.OSType === 'windows')) {
      expect(findImage(state, i.ImageId)).toMatchObject({ LoginAsNonRootSupported: false, Size: 40, Architecture: 'x86_64' });
    }
    expect(findImage(state, 'centos_6_10_32_20G_alibase_20200319.vhd')).toMatchObject({ Architecture: 'i386', LoginAsNonRootSupported: false });
    expect(findImage(state, 'm-nope')).toBeUndefined();
  });

  it('findImage finds custom images in state, only in their region when asked', () => {
    const s = emptyState(new Date());
    s.images['m-bp1abc'] = { ImageId: 'm-bp1abc', RegionId: 'cn-hangzhou', ImageOwnerAlias: 'self', OSType: 'linux', Status: 'Available' };
    expect(findImage(s, 'm-bp1abc')?.ImageOwnerAlias).toBe('self');
    expect(findImage(s, 'm-bp1abc', 'cn-hangzhou')).toBeDefined();
    expect(findImage(s, 'm-bp1abc', 'cn-beijing')).toBeUndefined();
  });
});

describe('per-region defaults', () => {
  it('creates a default VPC, a vSwitch per zone and the default security group with the documented rules, once', () => {
    const s = emptyState(new Date());
    const now = new Date('2026-01-01T00:00:00Z');
    const d = ensureRegionDefaults(s, 'cn-hangzhou', now);
    expect(d.vpcId).toMatch(/^vpc-bp[a-z0-9]{18}$/);
    expect(d.securityGroupId).toMatch(/^sg-bp[a-z0-9]{18}$/);
    expect(Object.keys(d.vSwitchIdByZone).sort()).toEqual(zonesOf('cn-hangzhou').map((z) => z.ZoneId).sort());
    for (const [zone, id] of Object.entries(d.vSwitchIdByZone)) {
      expect(id).toMatch(/^vsw-bp/);
      expect(s.vswitches[id]).toMatchObject({ ZoneId: zone, VpcId: d.vpcId, IsDefault: true });
    }
    const cidrs = Object.values(s.vswitches).map((v: any) => v.CidrBlock);
    expect(new Set(cidrs).size).toBe(cidrs.length);
    expect(s.vpcs[d.vpcId]).toMatchObject({ CidrBlock: '172.16.0.0/12', IsDefault: true, RegionId: 'cn-hangzhou' });
    const sg = s.securityGroups[d.securityGroupId];
    expect(sg.VpcId).toBe(d.vpcId);
    const rules = sg.Permissions.map((p: any) => `${p.Direction} ${p.IpProtocol} ${p.PortRange} ${p.SourceCidrIp} ${p.Policy} ${p.Priority}`).sort();
    expect(rules).toEqual([
      'ingress ICMP -1/-1 0.0.0.0/0 Accept 110',
      'ingress TCP 22/22 0.0.0.0/0 Accept 110',
      'ingress TCP 3389/3389 0.0.0.0/0 Accept 110',
    ]);
    const again = ensureRegionDefaults(s, 'cn-hangzhou', now);
    expect(again).toEqual(d);
    expect(Object.keys(s.vpcs)).toHaveLength(1);
    const other = ensureRegionDefaults(s, 'eu-central-1', now);
    expect(other.vpcId).not.toBe(d.vpcId);
    expect(Object.keys(s.securityGroups)).toHaveLength(2);
  });

  it('refuses an unknown region and changes nothing', () => {
    const s = emptyState(new Date());
    const before = JSON.stringify(s);
    expect(() => ensureRegionDefaults(s, 'xx-1', new Date())).toThrow(/RegionId does not exist/);
    expect(JSON.stringify(s)).toBe(before);
  });
});
