// Catalogue lookups used by the actions: regions, zones, instance types and where they are
// offered, and images (public from the seed, custom from state.images).

import { ApiError } from '../../core/errors.js';
import { cloneJson, type SimState } from '../state.js';
import { FAMILIES, INSTANCE_TYPES, type FamilyDef, type InstanceTypeDef } from './instance-types.js';
import { settingValue } from '../settings.js';
import { PUBLIC_IMAGES, type PublicImageDef } from './images.js';
import { REGIONS, type RegionDef, type ZoneDef } from './regions.js';
import { own } from '../own.js';

export { FAMILIES, INSTANCE_TYPES, PUBLIC_IMAGES, REGIONS };
export type { FamilyDef, InstanceTypeDef, PublicImageDef, RegionDef, ZoneDef };

const regionById = new Map(REGIONS.map((r) => [r.RegionId, r]));
const zoneById = new Map(REGIONS.flatMap((r) => r.zones.map((z) => [z.ZoneId, { zone: z, region: r }] as const)));
const typeById = new Map(INSTANCE_TYPES.map((t) => [t.InstanceTypeId, t]));
const familyById = new Map(FAMILIES.map((f) => [f.InstanceTypeFamilyId, f]));
const imageById = new Map(PUBLIC_IMAGES.map((i) => [i.ImageId, i]));

export function findRegion(regionId: string): RegionDef | undefined {
  return regionById.get(regionId);
}

/** The region, or the real service's answer to an unknown RegionId. */
export function regionOrThrow(regionId: string): RegionDef {
  const r = regionById.get(regionId);
  if (!r) throw new ApiError('InvalidRegionId.NotFound', 'The specified RegionId does not exist.', 404);
  return r;
}

export function zonesOf(region: string | RegionDef): ZoneDef[] {
  const r = typeof region === 'string' ? regionById.get(region) : region;
  return r ? r.zones : [];
}

/** A zone and its region, by ZoneId. */
export function findZone(zoneId: string): { zone: ZoneDef; region: RegionDef } | undefined {
  return zoneById.get(zoneId);
}

export function findInstanceType(id: string): InstanceTypeDef | undefined {
  return typeById.get(id);
}

export function findFamily(id: string): FamilyDef | undefined {
  return familyById.get(id);
}

export function familyOf(type: InstanceTypeDef): FamilyDef {
  return familyById.get(type.InstanceTypeFamily)!;
}

/** Whether the zone carries the type (by zone tier and, for gn5, region). */
export function typeOfferedInZone(type: string | InstanceTypeDef, zoneId: string): boolean {
  const t = typeof type === 'string' ? typeById.get(type) : type;
  const z = zoneById.get(zoneId);
  if (!t || !z) return false;
  const f = familyOf(t);
  if (f.regions && !f.regions.includes(z.region.RegionId)) return false;
  return f.tiers.includes(z.zone.tier);
}

/** Types offered in a zone, in catalogue order. */
export function typesInZone(zoneId: string): InstanceTypeDef[] {
  return INSTANCE_TYPES.filter((t) => typeOfferedInZone(t, zoneId));
}

/** Zones of a region that offer the type (all zones when no type is given). */
export function zonesOffering(regionId: string, type?: string): ZoneDef[] {
  return zonesOf(regionId).filter((z) => !type || typeOfferedInZone(type, z.ZoneId));
}

/** The zone RunInstances picks when none is given: the newest zone offering the type. */
export function defaultZone(regionId: string, type?: string): ZoneDef | undefined {
  const zs = zonesOffering(regionId, type);
  return zs[zs.length - 1];
}

/** The API view of a public image (DescribeImages' Image object). */
export function publicImageView(d: PublicImageDef): Record<string, any> {
  return {
    ImageId: d.ImageId,
    ImageName: d.ImageName,
    ImageFamily: d.ImageFamily,
    ImageVersion: '',
    Description: d.Description,
    OSType: d.OSType,
    Platform: d.Platform,
    OSName: d.OSName,
    OSNameEn: d.OSNameEn,
    Architecture: d.Architecture,
    Size: d.Size,
    BootMode: d.BootMode,
    ImageOwnerAlias: 'system',
    IsPublic: true,
    IsSelfShared: '',
    IsCopied: false,
    IsSubscribed: false,
    IsSupportCloudinit: d.IsSupportCloudinit,
    IsSupportIoOptimized: true,
    LoginAsNonRootSupported: d.LoginAsNonRootSupported,
    Usage: 'instance',
    Status: 'Available',
    Progress: '100%',
    CreationTime: d.CreationTime,
    ProductCode: '',
    Tags: { Tag: [] },
    DiskDeviceMappings: { DiskDeviceMapping: [{ Device: '/dev/xvda', Size: String(d.Size), Type: 'system', Format: '', SnapshotId: '' }] },
    Features: { NvmeSupport: d.Architecture === 'i386' ? 'unsupported' : 'supported' },
  };
}

/**
 * An image by ID as the API shows it: a public image (any region), or a custom/shared image
 * from state.images (records there are Image objects plus RegionId; only in their region
 * when regionId is given).
 */
export function findImage(state: SimState, imageId: string, regionId?: string): Record<string, any> | undefined {
  const pub = imageById.get(imageId);
  if (pub) return publicImageView(pub);
  const custom = own(state.images, imageId);
  if (!custom || (regionId && custom.RegionId && custom.RegionId !== regionId)) return undefined;
  const view = ownerView(state, imageId, custom);
  return view ? cloneJson(view) : undefined; // a copy: callers may change what they get, the state must not change with it
}

/**
 * The account's view of a custom image: its own (ImageOwnerAlias self) or shared with it
 * (others); undefined when neither. Images without an owner record belong to the account.
 */
function ownerView(state: SimState, imageId: string, rec: Record<string, any>): Record<string, any> | undefined {
  const metaAll = state.imageMeta as Record<string, { owner: string; share?: [string, number][] }> | undefined;
  const meta = metaAll && Object.hasOwn(metaAll, imageId) ? metaAll[imageId] : undefined;
  if (!meta) return rec;
  const me = settingValue(state, 'account-id');
  const mine = meta.owner === me;
  if (!mine && !meta.share?.some(([a]) => a === me)) return undefined;
  return { ...rec, ImageOwnerAlias: mine ? 'self' : 'others', ImageOwnerId: Number(meta.owner), IsSelfShared: mine && meta.share?.length ? 'True' : mine ? 'False' : '' };
}

/** All images visible in a region: public ones, then the region's custom images (own and shared with the account). */
export function imagesIn(state: SimState, regionId: string): Record<string, any>[] {
  const custom: Record<string, any>[] = [];
  for (const [id, i] of Object.entries((state.images ?? {}) as Record<string, any>)) {
    if (i.RegionId && i.RegionId !== regionId) continue;
    const view = ownerView(state, id, i);
    if (!view) continue;
    const copy = cloneJson(view);
    delete copy.PasswordHash;
    custom.push(copy);
  }
  return [...PUBLIC_IMAGES.map(publicImageView), ...custom];
}

/** Memory limit for a 32-bit image (guide §2.1 row 20: no 32-bit images with ≥ 4 GiB memory). */
export const MAX_MEMORY_FOR_32BIT_GIB = 4;

/** Disk categories a zone offers (older zones: basic/ultra/SSD; newer: ESSD and ESSD AutoPL). */
export function zoneDiskCategories(zoneId: string): string[] {
  const z = zoneById.get(zoneId);
  if (!z) return [];
  switch (z.zone.tier) {
    case 'legacy':
      return ['cloud', 'cloud_efficiency', 'cloud_ssd', 'cloud_essd'];
    case 'current':
      return ['cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto'];
    default:
      return ['cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto', 'cloud_essd_entry'];
  }
}

/** The API view of an instance type (DescribeInstanceTypes' InstanceType object). */
export function instanceTypeView(t: InstanceTypeDef): Record<string, any> {
  const f = familyOf(t);
  const cpu = t.CpuCoreCount;
  const eni = cpu <= 2 ? 2 : cpu <= 4 ? 3 : cpu <= 8 ? 4 : 8;
  return {
    InstanceTypeId: t.InstanceTypeId,
    InstanceTypeFamily: t.InstanceTypeFamily,
    InstanceCategory: f.category,
    InstanceFamilyLevel: f.level,
    CpuArchitecture: f.arch,
    CpuCoreCount: cpu,
    MemorySize: t.MemorySize,
    PhysicalProcessorModel: f.processor,
    GPUAmount: t.GPUAmount ?? 0,
    GPUSpec: t.GPUSpec ?? '',
    GPUMemorySize: 0,
    LocalStorageCategory: '',
    LocalStorageAmount: 0,
    LocalStorageCapacity: 0,
    EniQuantity: eni,
    EniTotalQuantity: eni,
    EniPrivateIpAddressQuantity: cpu <= 2 ? 6 : 10,
    EniIpv6AddressQuantity: cpu <= 2 ? 1 : 10,
    DiskQuantity: f.Generation === 'ecs-1' ? 5 : 17,
    PrimaryEniQueueNumber: Math.min(cpu, 32),
    SecondaryEniQueueNumber: Math.min(cpu, 32),
    TotalEniQueueQuantity: Math.min(cpu, 32) * eni,
    QueuePairNumber: Math.min(cpu, 32),
    InstanceBandwidthRx: Math.min(cpu * 1024 * 512, 64_000_000) || 512_000,
    InstanceBandwidthTx: Math.min(cpu * 1024 * 512, 64_000_000) || 512_000,
    InstancePpsRx: Math.min(cpu * 150_000, 12_000_000),
    InstancePpsTx: Math.min(cpu * 150_000, 12_000_000),
    NvmeSupport: /^ecs\.(g8i|c8i|r8i|g8y|c8y)$/.test(t.InstanceTypeFamily) ? 'required' : 'unsupported',
    JumboFrameSupport: f.Generation === 'ecs-6',
    SupportedBootModes: { SupportedBootMode: f.arch === 'ARM' ? ['UEFI'] : ['BIOS', 'UEFI'] },
  };
}
