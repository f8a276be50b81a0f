// RunInstances: validates like the real service (image/type/zone, names, passwords, key
// pair, login-as-non-root, charge type and period, auto-release, auto-renew, tags, quotas,
// client token, DryRun), then creates the instances with their system disks; they go
// Pending → Starting → Running on the simulated clock.
//
// CreateInstance (the older action) shares every rule but creates ONE instance and leaves
// it Stopped (protocol: "CreateInstance leaves instance Stopped"); it answers InstanceId
// instead of InstanceIdSets, and allocates no public IP (the real service needs
// AllocatePublicIpAddress for that).

import { ApiError } from '../../../core/errors.js';
import {
  defaultZone, findImage, findInstanceType, findZone, familyOf, MAX_MEMORY_FOR_32BIT_GIB, regionOrThrow, typeOfferedInZone,
} from '../../catalogue/index.js';
import { ensureRegionDefaults } from '../../defaults.js';
import { newId } from '../../ids.js';
import { hashSecret, verifySecret } from '../../password.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import { findKeyPair } from '../keypair-model.js';
import { checkEcsRole, checkRamDeny } from '../resource-settings.js';
import { findGroup, instancesPerGroup } from '../security-group-model.js';
import { createDataDisks, planDataDisks, SYSTEM_DISK_CATEGORIES, systemDiskBounds } from '../data-disks.js';
import { disks, type DiskRecord } from '../storage.js';
import { DURATIONS, expiryAfter, instances, queue, regionOf, type InstanceRecord } from './model.js';
import { allocateIps, randomPublicIp, zoneWithRoom } from './network.js';
import {
  checkAutoReleaseTime, checkClientToken, checkDescription, checkHostName, checkImageUsable, checkInstanceName, checkPassword, expandName, paramsFingerprint, quota,
  readAutoRenew, readTags,
} from './validate.js';
import { own } from '../../own.js';
import { countBy, countsBy } from '../../lookup.js';
import { INSTANCE_BY_SG, POSTPAID_BY_ZONE_TYPE } from '../../indexes.js';

const RUN_PERIODS: Record<string, number[]> = {
  Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36, 48, 60],
  Week: [1, 2, 3, 4],
  Year: [1, 2, 3, 4, 5],
};

function hourlyPrice(cpu: number, memGiB: number): number {
  return Math.round((cpu * 0.06 + memGiB * 0.015) * 1000) / 1000;
}

export function runInstances(c: ActionContext): Record<string, unknown> {
  return createInstances(c, 'RunInstances');
}

export function createInstance(c: ActionContext): Record<string, unknown> {
  return createInstances(c, 'CreateInstance');
}

function createInstances(c: ActionContext, action: 'RunInstances' | 'CreateInstance'): Record<string, unknown> {
  const { params: p, state, now } = c;
  const single = action === 'CreateInstance';
  const regionId = c.regionId;
  regionOrThrow(regionId);
  // RAM deny policies are evaluated before the request itself (security spec §3.1, §3.2).
  checkRamDeny(state, action, { passwordInherit: p.bool('PasswordInherit'), loginAsNonRoot: p.bool('ImageOptions.LoginAsNonRoot') });

  // Idempotency first: the same token with the same parameters answers as the first time.
  const token = p.str('ClientToken');
  let tokenKey: string | undefined;
  let fingerprint: string | undefined;
  const password = p.str('Password');
  if (token !== undefined) {
    checkClientToken(token);
    tokenKey = `${action}:${token}`;
    fingerprint = paramsFingerprint(p.raw, ['Password', 'DryRun']);
    const prior = own(state.clientTokens, tokenKey);
    if (prior) {
      const [fp, secret] = prior.fingerprint.split('|');
      const samePassword = secret ? password !== undefined && verifySecret(password, secret) : password === undefined;
      if (fp !== fingerprint || !samePassword) {
        throw new ApiError('IdempotentParameterMismatch', 'The specified clientToken is used with different parameters.', 400);
      }
      return { ...prior.response };
    }
  }

  const amount = single ? 1 : p.int('Amount', { min: 1, max: 100, default: 1, message: 'The specified parameter "Amount" is not valid. (1 to 100)' })!;
  const minAmount = single ? 1 : (p.int('MinAmount', { min: 1, max: amount, message: 'The specified parameter "MinAmount" is not valid. (1 to Amount)' }) ?? amount);

  const imageId = p.str('ImageId', { required: true });
  const image = findImage(state, imageId, regionId);
  if (!image) throw new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist. (${imageId})`, 404);
  const os: 'linux' | 'windows' = String(image.OSType).toLowerCase() === 'windows' ? 'windows' : 'linux';
  const isCustom = image.ImageOwnerAlias !== 'system';

  const typeId = p.str('InstanceType', { required: true });
  const type = findInstanceType(typeId);
  if (!type) throw new ApiError('InvalidInstanceType.ValueNotSupported', `The specified InstanceType does not exist or beyond the permitted range. (${typeId})`, 400);
  const family = familyOf(type);
  const arch = String(image.Architecture);
  if ((arch === 'arm64') !== (family.arch === 'ARM')) {
    throw new ApiError('InvalidParameter.Conflict', `The specified image does not support the specified instance type. (${imageId} is ${arch}; ${typeId} is ${family.arch})`, 400);
  }
  if (arch === 'i386' && type.MemorySize >= MAX_MEMORY_FOR_32BIT_GIB) {
    throw new ApiError(
      'InvalidParameter.Conflict',
      `The specified image does not support the specified instance type. (a 32-bit image cannot be used with ${type.MemorySize} GiB of memory; 32-bit images need less than ${MAX_MEMORY_FOR_32BIT_GIB} GiB)`,
      400,
    );
  }

  // Zone and network.
  const zoneParam = p.str('ZoneId');
  const vswParam = p.str('VSwitchId');
  let zoneId: string;
  let vswitch: Record<string, any> | undefined;
  if (vswParam) {
    vswitch = own(state.vswitches, vswParam);
    if (!vswitch || vswitch.RegionId !== regionId) throw new ApiError('InvalidVSwitchId.NotFound', `The specified VSwitchId does not exist. (${vswParam})`, 404);
    if (zoneParam && zoneParam !== vswitch.ZoneId) throw new ApiError('InvalidParameter.Mismatch', 'Specified virtual switch is not in the specified zone.', 400);
    zoneId = vswitch.ZoneId;
  } else if (zoneParam) {
    const z = findZone(zoneParam);
    if (!z || z.region.RegionId !== regionId) throw new ApiError('InvalidZoneId.NotFound', `The specified zone does not exist. (${zoneParam})`, 404);
    zoneId = zoneParam;
  } else {
    const z = defaultZone(regionId, typeId);
    if (!z) throw new ApiError('InvalidInstanceType.ValueNotSupported', `The specified InstanceType is not offered in any zone of ${regionId}. (${typeId})`, 403);
    zoneId = z.ZoneId;
  }
  if (!typeOfferedInZone(type, zoneId)) {
    throw new ApiError('InvalidInstanceType.ValueNotSupported', `The specified zone does not offer the specified instancetype. (${typeId} in ${zoneId})`, 403);
  }

  // Security groups (SecurityGroupId or SecurityGroupIds.N, not both).
  const sgOne = p.str('SecurityGroupId');
  const sgMany = p.repeat('SecurityGroupIds');
  if (sgOne && sgMany.length) throw new ApiError('InvalidParameter.Conflict', 'SecurityGroupId and SecurityGroupIds.N cannot be specified together.', 400);
  const sgIds = sgOne ? [sgOne] : [...new Set(sgMany)];
  const sgLimit = quota(state, 'quota.security-groups-per-instance', 5);
  if (sgIds.length > sgLimit) {
    throw new ApiError('InvalidParameter', `The specified parameter "SecurityGroupIds" is not valid. (at most ${sgLimit} security groups per instance)`, 400);
  }
  const sgTypes = new Set<string>();
  for (const id of sgIds) {
    const g = findGroup(state, id, regionId);
    if (!g) throw new ApiError('InvalidSecurityGroupId.NotFound', `The specified SecurityGroupId does not exist. (${id})`, 404);
    sgTypes.add(g.SecurityGroupType ?? 'normal');
  }
  if (sgTypes.size > 1) throw new ApiError('InvalidParameter.Conflict', 'An instance cannot be in basic and enterprise security groups at the same time.', 400);

  // Names.
  const uniqueSuffix = single ? false : p.bool('UniqueSuffix');
  const nameTemplate = p.str('InstanceName');
  const hostTemplate = p.str('HostName');
  const hostNames = single ? [] : p.repeat('HostNames');
  if (hostNames.length && hostNames.length !== amount) throw new ApiError('InvalidParameter', 'The number of HostNames.N must equal Amount.', 400);
  const description = p.str('Description');
  if (description !== undefined) checkDescription(description);

  // Credentials.
  const passwordInherit = p.bool('PasswordInherit');
  const keyPairName = p.str('KeyPairName');
  const nonRoot = p.bool('ImageOptions.LoginAsNonRoot');
  if (password !== undefined) checkPassword(password, os);
  if (passwordInherit) {
    if (password !== undefined) throw new ApiError('InvalidPasswordParam.Mismatch', 'The input password should be null when passwdInherit is true.', 400);
    if (!isCustom) throw new ApiError('InvalidParameter', 'The specified parameter "PasswordInherit" is not valid. (only a custom image carries a password to inherit)', 400);
  }
  if (keyPairName !== undefined) {
    if (os === 'windows') throw new ApiError('DependencyViolation.WindowsInstance', 'The instance creating is windows, cannot use ssh key pair to login', 403);
    const kp = findKeyPair(state, keyPairName, regionId);
    if (!kp) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist. (${keyPairName})`, 400);
    if (!family.ioOptimized) throw new ApiError('DependencyViolation.IoOptimize', 'A key pair cannot be used with a non-I/O-optimized instance type.', 400);
  }
  const ramRole = p.str('RamRoleName');
  if (ramRole !== undefined) checkEcsRole(state, ramRole);
  if (nonRoot && (os === 'windows' || !image.LoginAsNonRootSupported)) {
    throw new ApiError('InvalidParameter.Conflict', `The specified image does not support logging on as the non-root user ecs-user (ImageOptions.LoginAsNonRoot). (${imageId})`, 400);
  }

  // Billing.
  const charge = p.str('InstanceChargeType') ?? 'PostPaid';
  if (charge !== 'PostPaid' && charge !== 'PrePaid') throw new ApiError('InvalidInstanceChargeType.NotFound', 'The InstanceChargeType does not exist in our records', 404);
  let period: number | undefined;
  let periodUnit = 'Month' as 'Month' | 'Week' | 'Year';
  if (charge === 'PrePaid') {
    const unit = p.str('PeriodUnit') ?? 'Month';
    if (!Object.hasOwn(RUN_PERIODS, unit)) throw new ApiError('InvalidPeriodUnit.ValueNotSupported', 'The specified parameter PeriodUnit is not valid.', 400);
    periodUnit = unit as typeof periodUnit;
    if (!p.has('Period')) throw new ApiError('MissingParamter', 'The specified parameter "Period" is not null.', 400);
    period = p.int('Period', { code: 'InvalidPeriod', message: 'The specified period is not valid.' })!;
    if (!RUN_PERIODS[unit]!.includes(period)) throw new ApiError('InvalidPeriod', `The specified period is not valid. (${unit}: ${RUN_PERIODS[unit]!.join(', ')})`, 400);
  }
  let autoRelease: number | undefined;
  const autoReleaseRaw = p.str('AutoReleaseTime');
  if (autoReleaseRaw !== undefined) {
    if (charge === 'PrePaid') throw new ApiError('InvalidParameter.Conflict', 'AutoReleaseTime can only be set for pay-as-you-go (PostPaid) instances.', 400);
    autoRelease = checkAutoReleaseTime(autoReleaseRaw, now.getTime());
  }
  const bw = p.int('InternetMaxBandwidthOut', { min: 0, max: 200, default: 0, message: 'The specified parameter "InternetMaxBandwidthOut" is not valid. (0 to 200 Mbit/s)' })!;
  // Inbound: 1 to 10 Mbit/s (default 10) while the outbound bandwidth is at most 10; above
  // that, 1 to the outbound value (default: the outbound value).
  const bwInMax = Math.max(10, bw);
  const bwIn = p.int('InternetMaxBandwidthIn', {
    min: 1,
    max: bwInMax,
    message: `The specified parameter "InternetMaxBandwidthIn" is not valid. (1 to ${bwInMax} Mbit/s with InternetMaxBandwidthOut ${bw})`,
  });
  const autoRenew = readAutoRenew(p, charge, periodUnit);

  const tags = readTags(p.objList('Tag'));

  // System disk.
  const diskCat = p.str('SystemDisk.Category') ?? (family.ioOptimized ? 'cloud_essd' : 'cloud');
  if (!(SYSTEM_DISK_CATEGORIES as readonly string[]).includes(diskCat)) {
    throw new ApiError('InvalidSystemDiskCategory.ValueNotSupported', `The specified parameter "SystemDisk.Category" is not valid. (${diskCat})`, 400);
  }
  const imageSize = Number(image.Size) || 20;
  const [minSize, maxSize] = systemDiskBounds(diskCat);
  const diskSize = p.int('SystemDisk.Size', { code: 'InvalidSystemDiskSize.ValueNotSupported', message: 'The specified parameter SystemDisk.Size is invalid.' }) ?? Math.max(40, imageSize);
  if (diskSize < Math.max(minSize, imageSize) || diskSize > maxSize) {
    throw new ApiError('InvalidSystemDiskSize.ValueNotSupported', `The specified parameter SystemDisk.Size is invalid. (${diskCat}: ${Math.max(minSize, imageSize)} to ${maxSize} GiB)`, 400);
  }
  const diskName = p.str('SystemDisk.DiskName');
  const diskPl = p.str('SystemDisk.PerformanceLevel', { oneOf: ['PL0', 'PL1', 'PL2', 'PL3'] });

  // Names per instance (validated before anything is created).
  const names: string[] = [];
  const hosts: (string | undefined)[] = [];
  for (let i = 0; i < amount; i++) {
    if (nameTemplate !== undefined) {
      const n = expandName(nameTemplate, i, amount, uniqueSuffix, 'InstanceName', 'InvalidInstanceName.Malformed');
      checkInstanceName(n);
      names.push(n);
    }
    const h = hostNames.length ? hostNames[i] : hostTemplate !== undefined ? expandName(hostTemplate, i, amount, uniqueSuffix, 'HostName', 'InvalidHostName.Malformed') : undefined;
    if (h !== undefined) checkHostName(h, os);
    hosts.push(h);
  }

  // Quota: living pay-as-you-go instances across all regions (guide §2.1 row 5).
  let count = amount;
  if (charge === 'PostPaid') {
    const limit = quota(state, 'quota.instances', 10);
    // Pay-as-you-go instances by zone and type, from the index (no record is read).
    const postPaid = countsBy(state, POSTPAID_BY_ZONE_TYPE);
    let living = 0;
    for (const n of postPaid.values()) living += n;
    const room = Math.max(0, limit - living);
    if (room < minAmount) {
      throw new ApiError('QuotaExceed.AfterpayInstance', `Living afterpay instances quota exceeded. (quota ${limit}, living ${living}, requested ${minAmount === amount ? amount : `${minAmount}–${amount}`})`, 400);
    }
    count = Math.min(amount, room);
    const vcpuLimit = quota(state, 'quota.vcpus', 0);
    if (vcpuLimit > 0) {
      let used = 0;
      for (const [key, n] of postPaid) {
        const bar = key.lastIndexOf('|');
        if (regionOf({ zone: key.slice(0, bar) }) === regionId) used += n * (findInstanceType(key.slice(bar + 1))?.CpuCoreCount ?? 0);
      }
      const fit = Math.floor((vcpuLimit - used) / type.CpuCoreCount);
      if (fit < minAmount) {
        throw new ApiError('QuotaExceed.ElasticQuota', `The number of vCPUs assigned to the ECS instances has exceeded the quota in the region. (quota ${vcpuLimit}, used ${used}, requested ${type.CpuCoreCount * minAmount})`, 403);
      }
      count = Math.min(count, fit);
    }
  }

  // Data disks: DataDisk.N.* and the custom image's data-disk snapshots (disks.ts).
  checkImageUsable(image);
  const dataDisks = planDataDisks(c, { zoneId, image });

  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);

  // Create.
  const defaults = ensureRegionDefaults(state, regionId, now);
  if (!zoneParam && !vswParam) zoneId = zoneWithRoom(state, regionId, typeId, defaults.vSwitchIdByZone, count) ?? zoneId;
  const vswId = vswitch?.VSwitchId ?? own(defaults.vSwitchIdByZone, zoneId);
  const vsw = own(state.vswitches, vswId!);
  if (!vsw) throw new ApiError('InvalidVSwitchId.NotFound', `No vSwitch in ${zoneId}.`, 404);
  const groups = sgIds.length ? sgIds : [defaults.securityGroupId];
  for (const id of groups) {
    const g = own(state.securityGroups, id);
    const perGroup = g ? instancesPerGroup(state, g) : quota(state, 'quota.instances-per-security-group', 1000);
    if (g && !g.VpcId) throw new ApiError('InvalidParameter.Mismatch', `Specified security group and virtual switch are not in the same VPC. (${id} is a classic network group)`, 400);
    if (g?.VpcId && g.VpcId !== vsw.VpcId) throw new ApiError('InvalidParameter.Mismatch', 'Specified security group and virtual switch are not in the same VPC.', 400);
    const members = countBy(state, INSTANCE_BY_SG, id);
    if (members + count > perGroup) {
      throw new ApiError('SecurityGroupInstanceLimitExceed', `The maximum number of instances in the security group is reached. (${id}: ${members} of ${perGroup})`, 403);
    }
  }
  const ips = allocateIps(state, vsw.VSwitchId, vsw.CidrBlock, count);
  const pwHash = password !== undefined ? hashSecret(password) : undefined;
  const inheritedHash = passwordInherit && typeof image.PasswordHash === 'string' ? (image.PasswordHash as string) : undefined;
  const nowMs = now.getTime();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('i', regionId);
    const diskId = newId('d', regionId);
    const user = os === 'windows' ? 'Administrator' : nonRoot ? 'ecs-user' : 'root';
    const rec: InstanceRecord = {
      id,
      zone: zoneId,
      type: typeId,
      image: imageId,
      os,
      vsw: vsw.VSwitchId,
      ip: ips[i]!,
      sg: [...groups],
      charge: charge as InstanceRecord['charge'],
      ct: nowMs,
      status: single ? 'Stopped' : 'Pending',
    };
    if (names[i] !== undefined) rec.name = names[i];
    if (hosts[i] !== undefined) rec.host = hosts[i];
    if (isCustom) {
      rec.osName = String(image.OSName ?? image.ImageName ?? '');
      if (image.OSNameEn && image.OSNameEn !== rec.osName) rec.osEn = String(image.OSNameEn);
    }
    if (description !== undefined) rec.desc = description;
    if (bw > 0) {
      if (!single) rec.pub = randomPublicIp();
      rec.bw = bw;
    }
    if (bwIn !== undefined) rec.bwIn = bwIn;
    if (autoRenew) rec.ar = { ...autoRenew };
    if (keyPairName !== undefined) rec.kp = keyPairName;
    if (period !== undefined) rec.exp = expiryAfter(nowMs, period, periodUnit);
    if (autoRelease !== undefined) rec.rel = autoRelease;
    if (tags.length) rec.tags = tags.map(([k, v]) => [k, v]);
    const h = pwHash ?? inheritedHash;
    if (h) rec.pw = { [user]: h };
    if (nonRoot) rec.nonRoot = 1;
    if (ramRole !== undefined) rec.ram = ramRole;
    if (p.bool('DeletionProtection')) rec.delProt = 1;
    if (!single) {
      queue(rec, now, c.scale, 'Pending', [
        [DURATIONS.pending, 'Starting'],
        [DURATIONS.starting, 'Running'],
      ]);
    }
    instances(state)[id] = rec;
    const disk: DiskRecord = {
      id: diskId,
      zone: zoneId,
      cat: diskCat,
      size: diskSize,
      type: 'system',
      status: 'In_use',
      inst: id,
      dev: '/dev/xvda',
      dwi: true,
      ct: nowMs,
    };
    if (charge === 'PrePaid') disk.charge = 'PrePaid';
    if (diskName) disk.name = diskName;
    if (diskPl) disk.pl = diskPl;
    if (rec.exp) disk.exp = rec.exp;
    disks(state)[diskId] = disk;
    createDataDisks(state, dataDisks, rec, nowMs, regionId);
    ids.push(id);
  }

  const hourly = hourlyPrice(type.CpuCoreCount, type.MemorySize) * count;
  const months = period === undefined ? 0 : periodUnit === 'Year' ? period * 12 : periodUnit === 'Week' ? period / 4 : period;
  const response: Record<string, unknown> = {
    ...(single ? { InstanceId: ids[0] } : { InstanceIdSets: { InstanceIdSet: ids } }),
    TradePrice: Math.round((charge === 'PrePaid' ? hourly * 24 * 30 * months * 0.7 : hourly) * 100) / 100,
  };
  if (charge === 'PrePaid') response.OrderId = String(200000000000000 + Math.floor(Math.random() * 99999999999999));
  if (tokenKey && fingerprint) {
    state.clientTokens[tokenKey] = {
      action,
      fingerprint: pwHash ? `${fingerprint}|${pwHash}` : fingerprint,
      response,
      at: now.toISOString(),
    };
  }
  return response;
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  RunInstances: runInstances,
  CreateInstance: createInstance,
});
