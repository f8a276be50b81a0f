// Read-only catalogue actions: DescribeRegions, DescribeZones, DescribeInstanceTypes,
// DescribeInstanceTypeFamilies, DescribeAvailableResource, DescribeImages, DescribeVpcs and
// DescribeVSwitches (DescribeSecurityGroups is in security-groups.ts).

import { cloneJson } from '../state.js';
import { ApiError } from '../../core/errors.js';
import {
  FAMILIES, INSTANCE_TYPES, REGIONS, findFamily, findInstanceType, imagesIn, instanceTypeView, regionOrThrow,
  typeOfferedInZone, typesInZone, zoneDiskCategories, zonesOf, type RegionDef, type ZoneDef,
} from '../catalogue/index.js';
import { invalid, type Params } from '../params.js';
import { type ActionContext, defineHandlers, type TypedActionContext } from '../simulator.js';
import { matchesTagFilter, nameMatcher, readTagFilter } from './tags-model.js';

const LANGS = ['zh-CN', 'zh-TW', 'en-US', 'ja', 'fr', 'de', 'ko'] as const;

/** zh-CN/zh-TW → Chinese local names, anything else → English. */
function language(p: Params): 'zh' | 'en' {
  const v = p.raw.AcceptLanguage;
  if (v === undefined || v === '') return 'zh';
  if (!(LANGS as readonly string[]).includes(v)) {
    throw new ApiError('InvalidAcceptLanguage.NotFound', 'Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.', 404);
  }
  return v.startsWith('zh') ? 'zh' : 'en';
}

function chargeType(p: Params, allowed: readonly string[]): void {
  const v = p.raw.InstanceChargeType;
  if (v !== undefined && v !== '' && !allowed.includes(v)) {
    throw new ApiError('InvalidInstanceChargeType.NotFound', 'The InstanceChargeType does not exist in our records', 404);
  }
}

function spotStrategy(p: Params): void {
  const v = p.raw.SpotStrategy;
  if (v !== undefined && v !== '' && !['NoSpot', 'SpotWithPriceLimit', 'SpotAsPriceGo'].includes(v)) {
    throw new ApiError('InvalidSpotStrategy', 'The specified SpotStrategy is not valid.', 400);
  }
}

/** The request's region (RegionId or the backend's default), or InvalidRegionId.NotFound. */
function region(c: ActionContext): RegionDef {
  return regionOrThrow(c.params.raw.RegionId || c.regionId);
}

/** Name.N values plus the single-valued Name (several actions accept both forms). */
function listParam(p: Params, single: string, repeated: string): string[] {
  const out = p.repeat(repeated);
  const one = p.str(single);
  if (one) out.push(one);
  return out;
}

function zoneView(z: ZoneDef, lang: 'zh' | 'en', verbose: boolean): Record<string, unknown> {
  const base = { ZoneId: z.ZoneId, LocalName: z[lang], ZoneType: 'AvailabilityZone' };
  if (!verbose) return base;
  const types = typesInZone(z.ZoneId);
  const families = [...new Set(types.map((t) => t.InstanceTypeFamily))];
  const generations = [...new Set(families.map((f) => findFamily(f)!.Generation))].sort();
  const disks = zoneDiskCategories(z.ZoneId);
  return {
    ...base,
    AvailableResourceCreation: { ResourceTypes: ['VSwitch', 'IoOptimized', 'Instance', 'Disk', 'DedicatedHost'] },
    AvailableDiskCategories: { DiskCategories: disks },
    AvailableVolumeCategories: { VolumeCategories: disks.filter((d) => d !== 'cloud') },
    AvailableInstanceTypes: { InstanceTypes: types.map((t) => t.InstanceTypeId) },
    AvailableDedicatedHostTypes: { DedicatedHostType: [] },
    DedicatedHostGenerations: { DedicatedHostGeneration: [] },
    AvailableResources: {
      ResourcesInfo: [
        {
          IoOptimized: true,
          InstanceGenerations: { supportedInstanceGeneration: generations },
          InstanceTypeFamilies: { supportedInstanceTypeFamily: families },
          InstanceTypes: { supportedInstanceType: types.map((t) => t.InstanceTypeId) },
          NetworkTypes: { supportedNetworkCategory: ['vpc'] },
          SystemDiskCategories: { supportedSystemDiskCategory: disks },
          DataDiskCategories: { supportedDataDiskCategory: disks },
        },
      ],
    },
  };
}

function describeRegions(c: TypedActionContext<'DescribeRegions'>) {
  const lang = language(c.params);
  chargeType(c.params, ['PrePaid', 'PostPaid', 'SpotWithPriceLimit', 'SpotAsPriceGo']);
  const rt = c.params.raw.ResourceType;
  if (rt !== undefined && rt !== '' && !['instance', 'disk', 'reservedinstance', 'scu'].includes(rt)) {
    throw new ApiError('InvalidResourceType.NotFound', 'The ResourceType provided does not exist in our records.', 404);
  }
  return {
    Regions: {
      Region: REGIONS.map((r) => ({ RegionId: r.RegionId, LocalName: r[lang], RegionEndpoint: r.RegionEndpoint, Status: 'available' })),
    },
  };
}

function describeZones(c: TypedActionContext<'DescribeZones'>) {
  const r = region(c);
  const lang = language(c.params);
  chargeType(c.params, ['PrePaid', 'PostPaid']);
  spotStrategy(c.params);
  const verbose = c.params.bool('Verbose', true);
  return { Zones: { Zone: r.zones.map((z) => zoneView(z, lang, verbose)) } };
}

const MAX_TYPES_PAGE = 1600;

function describeInstanceTypes(c: TypedActionContext<'DescribeInstanceTypes'>) {
  const p = c.params;
  const ids = new Set(p.repeat('InstanceTypes'));
  const families = new Set(listParam(p, 'InstanceTypeFamily', 'InstanceTypeFamilies'));
  const archs = new Set(listParam(p, 'CpuArchitecture', 'CpuArchitectures'));
  const categories = new Set(listParam(p, 'InstanceCategory', 'InstanceCategories'));
  const gpuSpecs = new Set(listParam(p, 'GPUSpec', 'GpuSpecs'));
  const level = p.str('InstanceFamilyLevel', { oneOf: ['EntryLevel', 'EnterpriseLevel', 'CreditEntryLevel'] });
  const num = (name: string) => {
    const v = p.raw[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw invalid(name);
    return n;
  };
  const minCpu = num('MinimumCpuCoreCount');
  const maxCpu = num('MaximumCpuCoreCount');
  const minMem = num('MinimumMemorySize');
  const maxMem = num('MaximumMemorySize');
  const minGpu = num('MinimumGPUAmount');
  const maxGpu = num('MaximumGPUAmount');
  const maxResults = p.int('MaxResults', { min: 1, max: MAX_TYPES_PAGE, default: MAX_TYPES_PAGE })!;
  const offset = decodeToken(p.str('NextToken'));

  const all = INSTANCE_TYPES.map(instanceTypeView).filter((t) =>
    (ids.size === 0 || ids.has(t.InstanceTypeId)) &&
    (families.size === 0 || families.has(t.InstanceTypeFamily)) &&
    (archs.size === 0 || archs.has(t.CpuArchitecture)) &&
    (categories.size === 0 || categories.has(t.InstanceCategory)) &&
    (gpuSpecs.size === 0 || gpuSpecs.has(t.GPUSpec)) &&
    (!level || t.InstanceFamilyLevel === level) &&
    (minCpu === undefined || t.CpuCoreCount >= minCpu) &&
    (maxCpu === undefined || t.CpuCoreCount <= maxCpu) &&
    (minMem === undefined || t.MemorySize >= minMem) &&
    (maxMem === undefined || t.MemorySize <= maxMem) &&
    (minGpu === undefined || t.GPUAmount >= minGpu) &&
    (maxGpu === undefined || t.GPUAmount <= maxGpu));
  const page = all.slice(offset, offset + maxResults);
  const next = offset + maxResults < all.length ? encodeToken(offset + maxResults) : '';
  return { InstanceTypes: { InstanceType: page }, NextToken: next };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}
function decodeToken(token: string | undefined): number {
  if (!token) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m) throw invalid('NextToken', 'The specified parameter "NextToken" is not valid.', 'InvalidNextToken.Malformed');
  return Number(m[1]);
}

function describeInstanceTypeFamilies(c: ActionContext) {
  const r = region(c);
  const gen = c.params.str('Generation', { oneOf: ['ecs-1', 'ecs-2', 'ecs-3', 'ecs-4', 'ecs-5', 'ecs-6'] });
  const offered = new Set(r.zones.flatMap((z) => typesInZone(z.ZoneId).map((t) => t.InstanceTypeFamily)));
  return {
    InstanceTypeFamilies: {
      InstanceTypeFamily: FAMILIES.filter((f) => offered.has(f.InstanceTypeFamilyId) && (!gen || f.Generation === gen)).map((f) => ({
        InstanceTypeFamilyId: f.InstanceTypeFamilyId,
        Generation: f.Generation,
      })),
    },
  };
}

const DESTINATIONS = ['Zone', 'IoOptimized', 'InstanceType', 'Network', 'ddh', 'SystemDisk', 'DataDisk'] as const;

function supported(Value: string, extra: Record<string, unknown> = {}) {
  return { Value, Status: 'Available', StatusCategory: 'WithStock', ...extra };
}

function describeAvailableResource(c: ActionContext) {
  const p = c.params;
  const r = region(c);
  const dest = p.str('DestinationResource', { required: true, oneOf: DESTINATIONS });
  chargeType(p, ['PrePaid', 'PostPaid']);
  spotStrategy(p);
  const zoneId = p.str('ZoneId');
  const typeId = p.str('InstanceType');
  const cores = p.int('Cores', { min: 1 });
  const memory = p.raw.Memory ? Number(p.raw.Memory) : undefined;
  if (memory !== undefined && !(memory > 0)) throw invalid('Memory');
  if (typeId && !findInstanceType(typeId)) {
    throw new ApiError('InvalidInstanceType.ValueNotSupported', 'The specified InstanceType does not exist or beyond the permitted range.', 400);
  }
  const zones = zonesOf(r).filter((z) => (!zoneId || z.ZoneId === zoneId) && (!typeId || typeOfferedInZone(typeId, z.ZoneId)));
  const typesFor = (z: ZoneDef) =>
    typesInZone(z.ZoneId).filter((t) => (!typeId || t.InstanceTypeId === typeId) && (cores === undefined || t.CpuCoreCount === cores) && (memory === undefined || t.MemorySize === memory));
  const sysCat = p.str('SystemDiskCategory');
  type Supported = ReturnType<typeof supported>;
  const resourceFor = (z: ZoneDef): { Type: string; SupportedResources: { SupportedResource: Supported[] } }[] => {
    const res = (Type: string, list: Supported[]) => [{ Type, SupportedResources: { SupportedResource: list } }];
    const disks = zoneDiskCategories(z.ZoneId);
    switch (dest) {
      case 'Zone':
        return res('Zone', [supported(z.ZoneId)]);
      case 'InstanceType':
        return res('InstanceType', typesFor(z).map((t) => supported(t.InstanceTypeId)));
      case 'IoOptimized':
        return res('IoOptimized', [supported('optimized')]);
      case 'Network':
        return res('Network', [supported('vpc')]);
      case 'SystemDisk':
        return res('SystemDisk', disks.filter((d) => !sysCat || d === sysCat).map((d) => supported(d, { Min: 20, Max: 2048, Unit: 'GiB' })));
      case 'DataDisk':
        return res('DataDisk', disks.map((d) => supported(d, { Min: d === 'cloud' ? 5 : 20, Max: d === 'cloud' ? 2000 : 32768, Unit: 'GiB' })));
      default:
        return res('ddh', []);
    }
  };
  const AvailableZone = zones
    .map((z) => ({ RegionId: r.RegionId, ZoneId: z.ZoneId, Status: 'Available', StatusCategory: 'WithStock', AvailableResources: { AvailableResource: resourceFor(z) } }))
    .filter((z) => z.AvailableResources.AvailableResource.every((a) => a.SupportedResources.SupportedResource.length > 0));
  return { AvailableZones: { AvailableZone } };
}

const IMAGE_STATUSES = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'];

function describeImages(c: ActionContext) {
  const p = c.params;
  const r = region(c);
  const ids = p.str('ImageId')?.split(',').map((s) => s.trim()).filter(Boolean);
  const name = p.str('ImageName');
  const owner = p.raw.ImageOwnerAlias;
  if (owner && !['system', 'self', 'others', 'marketplace'].includes(owner)) {
    throw new ApiError('InvalidImageOwnerAlias.ValueNotSupported', 'The specified ImageOwnerAlias is not supported.', 400);
  }
  const osType = p.raw.OSType;
  if (osType && !['windows', 'linux'].includes(osType)) throw new ApiError('InvalidOSType', 'The specified OSType is not valid.', 404);
  const arch = p.raw.Architecture;
  if (arch && !['i386', 'x86_64', 'arm64'].includes(arch)) throw new ApiError('InvalidArchitecture', 'The specified Architecture is not valid.', 404);
  const statusRaw = p.str('Status') ?? 'Available';
  const statuses = statusRaw === 'ALL' ? IMAGE_STATUSES : statusRaw.split(',').map((s) => s.trim());
  if (!statuses.every((s) => IMAGE_STATUSES.includes(s))) throw invalid('Status', 'The specified parameter "Status" is not valid.', 'InvalidParamter');
  const family = p.str('ImageFamily');
  const isPublic = p.has('IsPublic') ? p.bool('IsPublic') : undefined;
  const typeId = p.str('InstanceType');
  const type = typeId ? findInstanceType(typeId) : undefined;
  if (typeId && !type) throw new ApiError('InvalidInstanceType.ValueNotSupported', 'The specified InstanceType does not exist.', 400);
  const typeArch = type && findFamily(type.InstanceTypeFamily)!.arch;
  const pageNumber = p.int('PageNumber', { min: 1, default: 1 })!;
  const pageSize = p.int('PageSize', { min: 1, max: 100, default: 10 })!;
  const match = name ? nameMatcher(name) : undefined;
  const tagFilter = readTagFilter(p);

  const all = imagesIn(c.state, r.RegionId).filter((i) =>
    matchesTagFilter(i, tagFilter) &&
    (!ids || ids.includes(i.ImageId)) &&
    (!match || match(i.ImageName)) &&
    (!owner || i.ImageOwnerAlias === owner) &&
    (!osType || i.OSType === osType) &&
    (!arch || i.Architecture === arch) &&
    statuses.includes(i.Status) &&
    (!family || i.ImageFamily === family) &&
    (isPublic === undefined || Boolean(i.IsPublic) === isPublic) &&
    (!type || ((typeArch === 'ARM') === (i.Architecture === 'arm64') && !(i.Architecture === 'i386' && type.MemorySize >= 4))));
  const start = (pageNumber - 1) * pageSize;
  return {
    RegionId: r.RegionId,
    TotalCount: all.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
    Images: { Image: all.slice(start, start + pageSize) },
  };
}

// The default VPC and vSwitches (ECS 2014-05-26 still answers DescribeVpcs/DescribeVSwitches;
// the VPC product API has the same shapes). Only the per-region defaults exist so far.
function paged<T>(c: ActionContext, items: T[], max = 50) {
  const pageNumber = c.params.int('PageNumber', { min: 1, default: 1 })!;
  const pageSize = c.params.int('PageSize', { min: 1, max, default: 10 })!;
  const start = (pageNumber - 1) * pageSize;
  return { page: items.slice(start, start + pageSize), meta: { TotalCount: items.length, PageNumber: pageNumber, PageSize: pageSize } };
}

function describeVpcs(c: TypedActionContext<'DescribeVpcs'>) {
  const p = c.params;
  const r = region(c);
  const ids = p.str('VpcId')?.split(',').map((x) => x.trim());
  const isDefault = p.has('IsDefault') ? p.bool('IsDefault') : undefined;
  const name = p.str('VpcName');
  const all = Object.values(c.state.vpcs ?? {}).filter((v: any) =>
    v.RegionId === r.RegionId && (!ids || ids.includes(v.VpcId)) && (isDefault === undefined || Boolean(v.IsDefault) === isDefault) && (!name || v.VpcName === name));
  const { page, meta } = paged(c, all);
  return { ...meta, Vpcs: { Vpc: page.map((v: any) => cloneJson(v)) } };
}

function describeVSwitches(c: TypedActionContext<'DescribeVSwitches'>) {
  const p = c.params;
  const r = region(c);
  const vpcId = p.str('VpcId');
  const vswId = p.str('VSwitchId');
  const zoneId = p.str('ZoneId');
  const isDefault = p.has('IsDefault') ? p.bool('IsDefault') : undefined;
  const all = Object.values(c.state.vswitches ?? {}).filter((v: any) =>
    v.RegionId === r.RegionId && (!vpcId || v.VpcId === vpcId) && (!vswId || v.VSwitchId === vswId) && (!zoneId || v.ZoneId === zoneId) &&
    (isDefault === undefined || Boolean(v.IsDefault) === isDefault));
  const { page, meta } = paged(c, all);
  return { ...meta, VSwitches: { VSwitch: page.map((v: any) => cloneJson(v)) } };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  DescribeVpcs: describeVpcs,
  DescribeVSwitches: describeVSwitches,
  DescribeRegions: describeRegions,
  DescribeZones: describeZones,
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeInstanceTypeFamilies: describeInstanceTypeFamilies,
  DescribeAvailableResource: describeAvailableResource,
  DescribeImages: describeImages,
});
