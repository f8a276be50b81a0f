// ReplaceSystemDisk (guide §7.8, §10.5): change the OS of a Stopped instance.
//
// - the instance must be Stopped (L1668, L1816);
// - a new system disk with a new disk ID; the old disk is deleted with its automatic
//   snapshots (manual ones are kept, but cannot roll back the new disk); the automatic
//   snapshot policy does not follow (the new disk has none) (L1670–L1671, L1748);
// - the IP addresses are unchanged (L1662);
// - Linux ↔ Windows only in mainland China regions (L1664, L1756);
// - public, custom and shared images; not a custom image with data-disk snapshots (L2320);
// - a new password (Password) or key pair (KeyPairName, Linux) as the console asks for one;
//   without either the instance has no login credentials until one is set.

import { checkRamDeny } from './resource-settings.js';
import { ApiError } from '../../core/errors.js';
import { findImage, findInstanceType, familyOf } from '../catalogue/index.js';
import { newId } from '../ids.js';
import { hashSecret } from '../password.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import { findKeyPair } from './keypair-model.js';
import { incorrectStatus, instances, notFound, regionOf, type InstanceRecord } from './instances/model.js';
import { checkImageUsable, checkPassword } from './instances/validate.js';
import { imageMeta } from './storage-settle.js';
import { systemDiskBounds } from './data-disks.js';
import { checkNotCreatingImage, disks, own, removeDisk, snapshotRunning, type StorageDisk } from './storage.js';
import { recordsBy } from '../lookup.js';
import { DISK_BY_INSTANCE } from '../indexes.js';

/** Mainland China regions (cn-*, not Hong Kong): the only ones where Linux ↔ Windows is allowed. */
export function crossOsAllowed(regionId: string): boolean {
  return regionId.startsWith('cn-') && regionId !== 'cn-hongkong';
}

function replaceSystemDisk(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  const instanceId = p.str('InstanceId', { required: true });
  const r = own(instances(state), instanceId) as InstanceRecord | undefined;
  if (!r) throw notFound(instanceId);
  // RAM deny policies first (security spec §3.1/§3.2: S001 and S002 name ReplaceSystemDisk too);
  // the login user after the replacement is ecs-user when the instance or the request says so.
  checkRamDeny(state, 'ReplaceSystemDisk', { passwordInherit: p.bool('PasswordInherit'), loginAsNonRoot: r.nonRoot === 1 || p.bool('ImageOptions.LoginAsNonRoot') });
  const regionId = regionOf(r);
  if (r.lock) throw new ApiError('InstanceExpiredOrInArrears', `The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode). (${r.id})`, 403);
  if (r.status !== 'Stopped') throw incorrectStatus(r, 'the system disk is replaced only while the instance is Stopped');
  checkNotCreatingImage(r);
  const imageId = p.str('ImageId', { required: true });
  const image = findImage(state, imageId, regionId);
  if (!image) throw new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist. (${imageId})`, 404);
  checkImageUsable(image, r.type);
  const meta = own(imageMeta(state), imageId);
  if (meta?.data || (image.DiskDeviceMappings?.DiskDeviceMapping ?? []).some((m: any) => m.Type === 'data')) {
    throw new ApiError('OperationDenied', `The specified image contains the snapshot of the data disk,does not support this operation. (${imageId})`, 400);
  }
  const type = findInstanceType(r.type);
  if (type) {
    const family = familyOf(type);
    if ((String(image.Architecture) === 'arm64') !== (family.arch === 'ARM')) {
      throw new ApiError('InvalidParameter.Conflict', `The specified image does not support the specified instance type. (${imageId} is ${image.Architecture}; ${r.type} is ${family.arch})`, 400);
    }
  }
  const os: 'linux' | 'windows' = String(image.OSType).toLowerCase() === 'windows' ? 'windows' : 'linux';
  if (os !== r.os && !crossOsAllowed(regionId)) {
    throw new ApiError(
      'InvalidParameter.Conflict',
      `The operating system cannot change between Linux and Windows in ${regionId}. (${r.id} runs ${r.os}; ${imageId} is ${os}; only mainland China regions allow it)`,
      400,
    );
  }
  const old = recordsBy<StorageDisk>(state, DISK_BY_INSTANCE, r.id).find((d) => d.type === 'system');
  if (old && snapshotRunning(state, old, now.getTime())) {
    throw new ApiError('DiskCreatingSnapshot', `The operation is denied due to a snapshot of the specified disk is not completed yet. (${old.id})`, 403);
  }
  const cat = old?.cat ?? 'cloud_essd';
  const imageSize = Number(image.Size) || 20;
  const [min, max] = systemDiskBounds(cat);
  const size = p.int('SystemDisk.Size', { code: 'InvalidSystemDiskSize.ValueNotSupported', message: 'The specified parameter SystemDisk.Size is invalid.' }) ?? Math.max(40, imageSize, old?.size ?? 0);
  if (size < imageSize) throw new ApiError('InvalidSystemDiskSize.LessThanImageSize', `The specified parameter SystemDisk.Size is less than the image size. (${size} < ${imageSize} GiB)`, 404);
  if (size < min) throw new ApiError('InvalidSystemDiskSize.LessThanMinSize', `The specified parameter SystemDisk.Size is less than the min size. (${min} GiB)`, 404);
  if (size > max) throw new ApiError('InvalidSystemDiskSize.MoreThanMaxSize', `The specified SystemDisk.Size parameter exceeds the maximum size. (${max} GiB)`, 404);
  const password = p.str('Password');
  const keyPair = p.str('KeyPairName');
  const inherit = p.bool('PasswordInherit');
  if (password !== undefined) checkPassword(password, os);
  if (inherit && password !== undefined) throw new ApiError('InvalidPasswordParam.Mismatch', 'The input password should be null when passwdInherit is true.', 400);
  if (keyPair !== undefined) {
    if (os === 'windows') throw new ApiError('DependencyViolation.WindowsInstance', 'The instance creating is windows, cannot use ssh key pair to login', 403);
    if (!findKeyPair(state, keyPair, regionId)) throw new ApiError('InvalidKeyPairName.NotFound', `The specified KeyPairName does not exist. (${keyPair})`, 400);
  }
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);

  const nowMs = now.getTime();
  // The old system disk goes, with its automatic snapshots and its policy link.
  if (old) removeDisk(state, old, true);
  const d: StorageDisk = {
    id: newId('d', regionId),
    zone: r.zone,
    cat,
    size,
    type: 'system',
    status: 'In_use',
    inst: r.id,
    dev: '/dev/xvda',
    dwi: true,
    ct: nowMs,
  };
  if (old?.pl) d.pl = old.pl;
  if (r.charge === 'PrePaid') d.charge = 'PrePaid';
  if (r.exp) d.exp = r.exp;
  disks(state)[d.id] = d;

  r.image = imageId;
  r.os = os;
  if (image.ImageOwnerAlias !== 'system') {
    r.osName = String(image.OSName ?? image.ImageName ?? '');
    if (image.OSNameEn && image.OSNameEn !== r.osName) r.osEn = String(image.OSNameEn);
    else delete r.osEn;
  } else {
    delete r.osName;
    delete r.osEn;
  }
  const user = os === 'windows' ? 'Administrator' : r.nonRoot ? 'ecs-user' : 'root';
  if (password !== undefined) r.pw = { [user]: hashSecret(password) };
  else if (inherit && typeof image.PasswordHash === 'string') r.pw = { [user]: image.PasswordHash };
  else delete r.pw;
  delete r.pend;
  if (keyPair !== undefined) r.kp = keyPair;
  else if (os === 'windows' || password !== undefined) delete r.kp;
  return { DiskId: d.id };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  ReplaceSystemDisk: replaceSystemDisk,
});
