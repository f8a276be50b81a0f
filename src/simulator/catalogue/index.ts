// Catalogue lookups used by the actions: regions, zones, instance types and where they are
// offered, and images (public from the seed, custom from state.images).

import { ApiError } from '../../core/errors.js';
import type { SimState } from '../state.js';
import { FAMILIES, INSTANCE_TYPES, type FamilyDef, type InstanceTypeDef } from './instance-types.js';
import { PUBLIC_IMAGES, type PublicImageDef } from './images.js';
import { REGIONS, type RegionDef, type ZoneDef } from './regions.js';

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
  const custom = state.images?.[imageId];
  if (!custom || (regionId && custom.RegionId && custom.RegionId !== regionId)) return undefined;
  return custom;
}

/** All images visible in a region: public ones, then the region's custom images. */
export function imagesIn(state: SimState, regionId: string): Record<string, any>[] {
  const custom = Object.values(state.images ?? {}).filter((i: any) => !i.RegionId || i.RegionId === regionId);
  return [...PUBLIC_IMAGES.map(publicImageView), ...custom];
}

/** Memory limit for a 32-bit image (guide §2.1 row 20: no 32-bit images with ≥ 4 GiB memory). */
export const MAX_MEMORY_FOR_32BIT_GIB = 4;
