// Seeded instance types: the user guide's default PAYG types and gn5 (§4), plus today's
// common families. Memory is GiB, as DescribeInstanceTypes reports it. Where a family is
// offered is a rule (offeredIn), so not every type exists in every zone.

import type { ZoneTier } from './regions.js';

export type Arch = 'X86' | 'ARM';
/** DescribeInstanceTypes InstanceCategory values. */
export type Category =
  | 'General-purpose'
  | 'Compute-optimized'
  | 'Memory-optimized'
  | 'Shared'
  | 'Compute-optimized with GPU'
  | 'High Clock Speed';

export interface FamilyDef {
  InstanceTypeFamilyId: string;
  /** DescribeInstanceTypeFamilies Generation (ecs-1 … ecs-6). */
  Generation: string;
  category: Category;
  level: 'EntryLevel' | 'EnterpriseLevel' | 'CreditEntryLevel';
  arch: Arch;
  processor: string;
  ioOptimized: boolean;
  /** Zone tiers carrying this family. */
  tiers: ZoneTier[];
  /** If set, only these regions carry it (gn5 per the guide, L859). */
  regions?: string[];
}

export interface InstanceTypeDef {
  InstanceTypeId: string;
  InstanceTypeFamily: string;
  CpuCoreCount: number;
  /** GiB */
  MemorySize: number;
  GPUAmount?: number;
  GPUSpec?: string;
}

const F = (
  id: string, Generation: string, category: Category, level: FamilyDef['level'], arch: Arch, processor: string,
  tiers: ZoneTier[], extra: Partial<FamilyDef> = {},
): FamilyDef => ({ InstanceTypeFamilyId: id, Generation, category, level, arch, processor, tiers, ioOptimized: true, ...extra });

const OLD: ZoneTier[] = ['legacy'];
const G4: ZoneTier[] = ['legacy', 'current'];
const G5: ZoneTier[] = ['current', 'newest'];
const G6: ZoneTier[] = ['current', 'newest'];
const NEW: ZoneTier[] = ['newest'];

/** gn5 regions as listed in the guide (L859). */
const GN5_REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'us-east-1', 'us-west-1', 'cn-hongkong', 'ap-southeast-1', 'ap-southeast-2', 'eu-central-1'];

export const FAMILIES: FamilyDef[] = [
  // Generation I, non-I/O-optimized (guide §2.1 row 4): cannot use SSH key pairs (L3538).
  F('ecs.t1', 'ecs-1', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon E5-2420', OLD, { ioOptimized: false }),
  F('ecs.s1', 'ecs-1', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon E5-2420', OLD, { ioOptimized: false }),
  F('ecs.s2', 'ecs-1', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon E5-2420', OLD, { ioOptimized: false }),
  F('ecs.s3', 'ecs-1', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon E5-2420', OLD, { ioOptimized: false }),
  F('ecs.m1', 'ecs-1', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon E5-2420', OLD, { ioOptimized: false }),
  // Generation III GPU (guide §4).
  F('ecs.gn5', 'ecs-3', 'Compute-optimized with GPU', 'EnterpriseLevel', 'X86', 'Intel Xeon E5-2682v4 (Broadwell)', G4, { regions: GN5_REGIONS }),
  F('ecs.g5', 'ecs-4', 'General-purpose', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8163 (Skylake)', G4),
  F('ecs.c5', 'ecs-4', 'Compute-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8163 (Skylake)', G4),
  F('ecs.r5', 'ecs-4', 'Memory-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8163 (Skylake)', G4),
  F('ecs.t5', 'ecs-4', 'Shared', 'CreditEntryLevel', 'X86', 'Intel Xeon CPU', G4),
  F('ecs.g6', 'ecs-5', 'General-purpose', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8269CY (Cascade Lake)', G5),
  F('ecs.c6', 'ecs-5', 'Compute-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8269CY (Cascade Lake)', G5),
  F('ecs.r6', 'ecs-5', 'Memory-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8269CY (Cascade Lake)', G5),
  F('ecs.hfc6', 'ecs-5', 'High Clock Speed', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8269CY (Cascade Lake)', G5),
  F('ecs.t6', 'ecs-5', 'Shared', 'CreditEntryLevel', 'X86', 'Intel Xeon CPU', G5),
  F('ecs.gn6i', 'ecs-5', 'Compute-optimized with GPU', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8163 (Skylake)', G5),
  F('ecs.g7', 'ecs-6', 'General-purpose', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8369B (Ice Lake)', G6),
  F('ecs.c7', 'ecs-6', 'Compute-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8369B (Ice Lake)', G6),
  F('ecs.r7', 'ecs-6', 'Memory-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8369B (Ice Lake)', G6),
  F('ecs.hfc7', 'ecs-6', 'High Clock Speed', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8369HB (Cooper Lake)', G6),
  F('ecs.gn7i', 'ecs-6', 'Compute-optimized with GPU', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8369B (Ice Lake)', G6),
  F('ecs.u1', 'ecs-6', 'General-purpose', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum', G6),
  F('ecs.e', 'ecs-6', 'Shared', 'EntryLevel', 'X86', 'Intel Xeon Platinum', G6),
  F('ecs.g8i', 'ecs-6', 'General-purpose', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8475B (Sapphire Rapids)', NEW),
  F('ecs.c8i', 'ecs-6', 'Compute-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8475B (Sapphire Rapids)', NEW),
  F('ecs.r8i', 'ecs-6', 'Memory-optimized', 'EnterpriseLevel', 'X86', 'Intel Xeon Platinum 8475B (Sapphire Rapids)', NEW),
  F('ecs.g8y', 'ecs-6', 'General-purpose', 'EnterpriseLevel', 'ARM', 'YiTian 710', NEW),
  F('ecs.c8y', 'ecs-6', 'Compute-optimized', 'EnterpriseLevel', 'ARM', 'YiTian 710', NEW),
];

/** Standard sizes: suffix → vCPUs. */
const SIZES: [string, number][] = [
  ['large', 2], ['xlarge', 4], ['2xlarge', 8], ['3xlarge', 12], ['4xlarge', 16], ['6xlarge', 24], ['8xlarge', 32], ['16xlarge', 64],
];

function sized(family: string, ratio: number, upTo: string): InstanceTypeDef[] {
  const out: InstanceTypeDef[] = [];
  for (const [suffix, cpu] of SIZES) {
    out.push({ InstanceTypeId: `${family}.${suffix}`, InstanceTypeFamily: family, CpuCoreCount: cpu, MemorySize: cpu * ratio });
    if (suffix === upTo) break;
  }
  return out;
}

function t(family: string, id: string, cpu: number, mem: number, gpu?: [number, string]): InstanceTypeDef {
  return {
    InstanceTypeId: `${family}${id}`, InstanceTypeFamily: family, CpuCoreCount: cpu, MemorySize: mem,
    ...(gpu ? { GPUAmount: gpu[0], GPUSpec: gpu[1] } : {}),
  };
}

export const INSTANCE_TYPES: InstanceTypeDef[] = [
  // The guide's default PAYG list (§2.1 row 4) and the renewal page's m1.small (§4).
  t('ecs.t1', '.small', 1, 1),
  t('ecs.s1', '.small', 1, 2), t('ecs.s1', '.medium', 1, 4),
  t('ecs.s2', '.small', 2, 2), t('ecs.s2', '.large', 2, 4), t('ecs.s2', '.xlarge', 2, 8),
  t('ecs.s3', '.medium', 4, 4), t('ecs.s3', '.large', 4, 8),
  t('ecs.m1', '.small', 1, 2), t('ecs.m1', '.medium', 4, 16),
  // gn5: NVIDIA Tesla P100 (guide §4).
  t('ecs.gn5', '-c4g1.xlarge', 4, 30, [1, 'NVIDIA P100']),
  t('ecs.gn5', '-c8g1.2xlarge', 8, 60, [1, 'NVIDIA P100']),
  t('ecs.gn5', '-c8g1.4xlarge', 16, 120, [2, 'NVIDIA P100']),
  t('ecs.gn5', '-c28g1.7xlarge', 28, 112, [1, 'NVIDIA P100']),
  t('ecs.gn5', '-c8g1.8xlarge', 32, 240, [4, 'NVIDIA P100']),
  ...sized('ecs.g5', 4, '8xlarge'), ...sized('ecs.c5', 2, '8xlarge'), ...sized('ecs.r5', 8, '8xlarge'),
  t('ecs.t5', '-lc2m1.nano', 1, 0.5), t('ecs.t5', '-lc1m1.small', 1, 1), t('ecs.t5', '-lc1m2.small', 1, 2),
  t('ecs.t5', '-c1m1.large', 2, 2), t('ecs.t5', '-c1m2.large', 2, 4), t('ecs.t5', '-c1m4.large', 2, 8),
  t('ecs.t5', '-c1m2.xlarge', 4, 8), t('ecs.t5', '-c1m4.xlarge', 4, 16),
  ...sized('ecs.g6', 4, '8xlarge'), ...sized('ecs.c6', 2, '8xlarge'), ...sized('ecs.r6', 8, '8xlarge'),
  ...sized('ecs.hfc6', 2, '8xlarge'),
  t('ecs.t6', '-c4m1.large', 2, 0.5), t('ecs.t6', '-c2m1.large', 2, 1), t('ecs.t6', '-c1m1.large', 2, 2),
  t('ecs.t6', '-c1m2.large', 2, 4), t('ecs.t6', '-c1m4.large', 2, 8), t('ecs.t6', '-c1m4.xlarge', 4, 16),
  t('ecs.gn6i', '-c4g1.xlarge', 4, 15, [1, 'NVIDIA T4']), t('ecs.gn6i', '-c8g1.2xlarge', 8, 31, [1, 'NVIDIA T4']),
  t('ecs.gn6i', '-c16g1.4xlarge', 16, 62, [1, 'NVIDIA T4']),
  ...sized('ecs.g7', 4, '16xlarge'), ...sized('ecs.c7', 2, '16xlarge'), ...sized('ecs.r7', 8, '16xlarge'),
  ...sized('ecs.hfc7', 2, '16xlarge'),
  t('ecs.gn7i', '-c8g1.2xlarge', 8, 30, [1, 'NVIDIA A10']), t('ecs.gn7i', '-c16g1.4xlarge', 16, 60, [1, 'NVIDIA A10']),
  t('ecs.gn7i', '-c32g1.8xlarge', 32, 188, [1, 'NVIDIA A10']),
  t('ecs.u1', '-c1m1.large', 2, 2), t('ecs.u1', '-c1m2.large', 2, 4), t('ecs.u1', '-c1m4.large', 2, 8),
  t('ecs.u1', '-c1m1.xlarge', 4, 4), t('ecs.u1', '-c1m2.xlarge', 4, 8), t('ecs.u1', '-c1m4.xlarge', 4, 16),
  t('ecs.u1', '-c1m2.2xlarge', 8, 16), t('ecs.u1', '-c1m4.2xlarge', 8, 32),
  t('ecs.e', '-c1m1.large', 2, 2), t('ecs.e', '-c1m2.large', 2, 4), t('ecs.e', '-c1m4.large', 2, 8),
  t('ecs.e', '-c1m2.xlarge', 4, 8), t('ecs.e', '-c1m4.xlarge', 4, 16), t('ecs.e', '-c1m2.2xlarge', 8, 16),
  ...sized('ecs.g8i', 4, '16xlarge'), ...sized('ecs.c8i', 2, '16xlarge'), ...sized('ecs.r8i', 8, '16xlarge'),
  ...sized('ecs.g8y', 4, '16xlarge'), ...sized('ecs.c8y', 2, '16xlarge'),
];
