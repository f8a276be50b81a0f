import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/simulator/simulator.js';
import { INSTANCE_TYPES, PUBLIC_IMAGES } from '../../../src/simulator/catalogue/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-cat-'));
const sim = new Simulator({ dir, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fails(action: string, params: Record<string, string>): Promise<{ code: string; status: number }> {
  try {
    await sim.dispatch(action, params);
  } catch (e: any) {
    return { code: e.code, status: e.httpStatus };
  }
  throw new Error(`${action} did not fail`);
}

describe('DescribeRegions / DescribeZones', () => {
  it('lists regions with LocalName by language and RegionEndpoint', async () => {
    const r: any = await sim.dispatch('DescribeRegions', { AcceptLanguage: 'en-US' });
    expect(r.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const hz = r.Regions.Region.find((x: any) => x.RegionId === 'cn-hangzhou');
    expect(hz).toEqual({ RegionId: 'cn-hangzhou', LocalName: 'China (Hangzhou)', RegionEndpoint: 'ecs.aliyuncs.com', Status: 'available' });
    const fra = r.Regions.Region.find((x: any) => x.RegionId === 'eu-central-1');
    expect(fra.RegionEndpoint).toBe('ecs.eu-central-1.aliyuncs.com');
    const zh: any = await sim.dispatch('DescribeRegions', {});
    expect(zh.Regions.Region.find((x: any) => x.RegionId === 'cn-hangzhou').LocalName).toBe('华东1（杭州）');
    expect(await fails('DescribeRegions', { AcceptLanguage: 'xx' })).toEqual({ code: 'InvalidAcceptLanguage.NotFound', status: 404 });
    expect(await fails('DescribeRegions', { ResourceType: 'boat' })).toEqual({ code: 'InvalidResourceType.NotFound', status: 404 });
  });

  it('lists zones of a region; unknown region → InvalidRegionId.NotFound', async () => {
    const z: any = await sim.dispatch('DescribeZones', { RegionId: 'cn-hangzhou', AcceptLanguage: 'en-US' });
    const ids = z.Zones.Zone.map((x: any) => x.ZoneId);
    expect(ids).toContain('cn-hangzhou-h');
    const h = z.Zones.Zone.find((x: any) => x.ZoneId === 'cn-hangzhou-h');
    expect(h.LocalName).toBe('Hangzhou Zone H');
    expect(h.AvailableInstanceTypes.InstanceTypes).toContain('ecs.g7.large');
    expect(h.AvailableInstanceTypes.InstanceTypes).not.toContain('ecs.g8i.large');
    expect(h.AvailableResources.ResourcesInfo[0].InstanceTypeFamilies.supportedInstanceTypeFamily).toContain('ecs.g7');
    const brief: any = await sim.dispatch('DescribeZones', { RegionId: 'cn-hangzhou', Verbose: 'false' });
    expect(Object.keys(brief.Zones.Zone[0]).sort()).toEqual(['LocalName', 'ZoneId', 'ZoneType']);
    expect(await fails('DescribeZones', { RegionId: 'mars-1' })).toEqual({ code: 'InvalidRegionId.NotFound', status: 404 });
    expect(await fails('DescribeZones', { RegionId: 'cn-hangzhou', InstanceChargeType: 'Free' })).toEqual({ code: 'InvalidInstanceChargeType.NotFound', status: 404 });
  });
});

describe('DescribeInstanceTypes / DescribeInstanceTypeFamilies', () => {
  it('filters by family, CPU, memory, architecture and pages with NextToken', async () => {
    const all: any = await sim.dispatch('DescribeInstanceTypes', {});
    expect(all.InstanceTypes.InstanceType).toHaveLength(INSTANCE_TYPES.length);
    expect(all.NextToken).toBe('');
    const g7: any = await sim.dispatch('DescribeInstanceTypes', { InstanceTypeFamily: 'ecs.g7', MinimumCpuCoreCount: '8', MaximumMemorySize: '64' });
    expect(g7.InstanceTypes.InstanceType.map((t: any) => t.InstanceTypeId)).toEqual(['ecs.g7.2xlarge', 'ecs.g7.3xlarge', 'ecs.g7.4xlarge']);
    expect(g7.InstanceTypes.InstanceType[0]).toMatchObject({ CpuCoreCount: 8, MemorySize: 32, CpuArchitecture: 'X86', InstanceCategory: 'General-purpose' });
    const arm: any = await sim.dispatch('DescribeInstanceTypes', { CpuArchitecture: 'ARM' });
    expect(arm.InstanceTypes.InstanceType.length).toBeGreaterThan(0);
    expect(arm.InstanceTypes.InstanceType.every((t: any) => /^ecs\.(g8y|c8y)\./.test(t.InstanceTypeId))).toBe(true);
    const byId: any = await sim.dispatch('DescribeInstanceTypes', { 'InstanceTypes.1': 'ecs.t1.small', 'InstanceTypes.2': 'ecs.m1.medium' });
    expect(byId.InstanceTypes.InstanceType.map((t: any) => t.InstanceTypeId)).toEqual(['ecs.t1.small', 'ecs.m1.medium']);

    const seen: string[] = [];
    let token = '';
    for (let i = 0; i < 100; i++) {
      const page: any = await sim.dispatch('DescribeInstanceTypes', { MaxResults: '7', ...(token ? { NextToken: token } : {}) });
      expect(page.InstanceTypes.InstanceType.length).toBeLessThanOrEqual(7);
      seen.push(...page.InstanceTypes.InstanceType.map((t: any) => t.InstanceTypeId));
      token = page.NextToken;
      if (!token) break;
    }
    expect(seen).toEqual(INSTANCE_TYPES.map((t) => t.InstanceTypeId));
    expect((await fails('DescribeInstanceTypes', { MaxResults: '0' })).code).toBe('InvalidParameter');
    expect((await fails('DescribeInstanceTypes', { NextToken: '!!' })).code).toBe('InvalidNextToken.Malformed');
  });

  it('lists the families offered in a region, by generation', async () => {
    const f: any = await sim.dispatch('DescribeInstanceTypeFamilies', { RegionId: 'cn-hangzhou' });
    const ids = f.InstanceTypeFamilies.InstanceTypeFamily.map((x: any) => x.InstanceTypeFamilyId);
    expect(ids).toEqual(expect.arrayContaining(['ecs.g7', 'ecs.g8i', 'ecs.t1', 'ecs.gn5']));
    const jp: any = await sim.dispatch('DescribeInstanceTypeFamilies', { RegionId: 'ap-northeast-1' });
    expect(jp.InstanceTypeFamilies.InstanceTypeFamily.map((x: any) => x.InstanceTypeFamilyId)).not.toContain('ecs.gn5');
    const g1: any = await sim.dispatch('DescribeInstanceTypeFamilies', { RegionId: 'cn-hangzhou', Generation: 'ecs-1' });
    expect(g1.InstanceTypeFamilies.InstanceTypeFamily.every((x: any) => x.Generation === 'ecs-1')).toBe(true);
    expect(await fails('DescribeInstanceTypeFamilies', { RegionId: 'nowhere' })).toEqual({ code: 'InvalidRegionId.NotFound', status: 404 });
  });
});

describe('DescribeAvailableResource', () => {
  it('answers zones offering a type, and the types of a zone', async () => {
    const z: any = await sim.dispatch('DescribeAvailableResource', { RegionId: 'cn-hangzhou', DestinationResource: 'Zone', InstanceType: 'ecs.g8i.large' });
    expect(z.AvailableZones.AvailableZone.map((x: any) => x.ZoneId)).toEqual(['cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k']);
    expect(z.AvailableZones.AvailableZone[0].AvailableResources.AvailableResource[0]).toMatchObject({ Type: 'Zone' });
    const t: any = await sim.dispatch('DescribeAvailableResource', { RegionId: 'cn-hangzhou', DestinationResource: 'InstanceType', ZoneId: 'cn-hangzhou-e', Cores: '2' });
    const types = t.AvailableZones.AvailableZone[0].AvailableResources.AvailableResource[0].SupportedResources.SupportedResource.map((s: any) => s.Value);
    expect(types).toContain('ecs.s2.large');
    expect(types).not.toContain('ecs.g7.large');
    expect((await fails('DescribeAvailableResource', { RegionId: 'cn-hangzhou' })).code).toBe('MissingParameter');
    expect((await fails('DescribeAvailableResource', { RegionId: 'cn-hangzhou', DestinationResource: 'Moon' })).code).toBe('InvalidParameter');
  });
});

describe('DescribeImages', () => {
  it('filters and pages the public images; 32-bit images are hidden for types with ≥ 4 GiB', async () => {
    const first: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou' });
    expect(first).toMatchObject({ RegionId: 'cn-hangzhou', TotalCount: PUBLIC_IMAGES.length, PageNumber: 1, PageSize: 10 });
    expect(first.Images.Image).toHaveLength(10);
    const win: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', OSType: 'windows', PageSize: '50' });
    expect(win.Images.Image.every((i: any) => i.OSType === 'windows')).toBe(true);
    expect(win.TotalCount).toBe(4);
    const arm: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', Architecture: 'arm64', PageSize: '50' });
    expect(arm.Images.Image.every((i: any) => i.Architecture === 'arm64')).toBe(true);
    const ub: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', ImageName: 'ubuntu_2?_04_x64*', PageSize: '50' });
    expect(ub.Images.Image.map((i: any) => i.ImageId).sort()).toEqual(['ubuntu_22_04_x64_20G_alibase_20240926.vhd', 'ubuntu_24_04_x64_20G_alibase_20240812.vhd']);
    const two: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', ImageId: 'centos_7_9_x64_20G_alibase_20240628.vhd,win2019_1809_x64_dtc_en-us_40G_alibase_20240816.vhd' });
    expect(two.TotalCount).toBe(2);
    const self: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', ImageOwnerAlias: 'self' });
    expect(self.TotalCount).toBe(0);
    const big: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.g7.large', PageSize: '100' });
    expect(big.Images.Image.some((i: any) => i.Architecture === 'i386')).toBe(false);
    expect(big.Images.Image.some((i: any) => i.Architecture === 'arm64')).toBe(false);
    const small: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', InstanceType: 'ecs.s1.small', PageSize: '100' });
    expect(small.Images.Image.some((i: any) => i.Architecture === 'i386')).toBe(true);
    const p2: any = await sim.dispatch('DescribeImages', { RegionId: 'cn-hangzhou', PageNumber: '2', PageSize: '10' });
    expect(p2.Images.Image).toHaveLength(PUBLIC_IMAGES.length - 10);
    expect(await fails('DescribeImages', { RegionId: 'cn-hangzhou', OSType: 'beos' })).toEqual({ code: 'InvalidOSType', status: 404 });
    expect(await fails('DescribeImages', { RegionId: 'cn-hangzhou', Architecture: 'mips' })).toEqual({ code: 'InvalidArchitecture', status: 404 });
    expect(await fails('DescribeImages', { RegionId: 'cn-hangzhou', ImageOwnerAlias: 'me' })).toEqual({ code: 'InvalidImageOwnerAlias.ValueNotSupported', status: 400 });
    expect(await fails('DescribeImages', { RegionId: 'xx' })).toEqual({ code: 'InvalidRegionId.NotFound', status: 404 });
  });

  it('read-only actions never create the state file', () => {
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });
});

describe('DescribeSecurityGroups / DescribeVpcs / DescribeVSwitches', () => {
  it('show the per-region defaults once a mutating action created them', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'ecs-cat-'));
    const s2 = new Simulator({ dir: d2, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
    const { ensureRegionDefaults } = await import('../../../src/simulator/defaults.js');
    let d: any;
    await s2.store.mutate((s) => void (d = ensureRegionDefaults(s, 'cn-hangzhou', new Date())));
    const sg: any = await s2.dispatch('DescribeSecurityGroups', { RegionId: 'cn-hangzhou' });
    expect(sg.SecurityGroups.SecurityGroup).toHaveLength(1);
    expect(sg.SecurityGroups.SecurityGroup[0]).toMatchObject({ SecurityGroupId: d.securityGroupId, VpcId: d.vpcId, RuleCount: 3, SecurityGroupType: 'normal' });
    const none: any = await s2.dispatch('DescribeSecurityGroups', { RegionId: 'cn-beijing' });
    expect(none.TotalCount).toBe(0);
    const vpcs: any = await s2.dispatch('DescribeVpcs', { RegionId: 'cn-hangzhou', IsDefault: 'true' });
    expect(vpcs.Vpcs.Vpc.map((v: any) => v.VpcId)).toEqual([d.vpcId]);
    const vsw: any = await s2.dispatch('DescribeVSwitches', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h' });
    expect(vsw.VSwitches.VSwitch).toHaveLength(1);
    expect(vsw.VSwitches.VSwitch[0]).toMatchObject({ VSwitchId: d.vSwitchIdByZone['cn-hangzhou-h'], VpcId: d.vpcId, ZoneId: 'cn-hangzhou-h', IsDefault: true });
    const all: any = await s2.dispatch('DescribeVSwitches', { RegionId: 'cn-hangzhou', PageSize: '50' });
    expect(all.TotalCount).toBe(Object.keys(d.vSwitchIdByZone).length);
    rmSync(d2, { recursive: true, force: true });
  });
});
