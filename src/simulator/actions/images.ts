// Custom images (guide §12, §18.5, §18.6): CreateImage (from an instance, a system-disk
// snapshot, or DiskDeviceMapping), CopyImage / CancelCopyImage, ModifyImageSharePermission /
// DescribeImageSharePermission, ImportImage, ExportImage, ModifyImageAttribute, DeleteImage,
// and the image tasks (DescribeTasks, DescribeTaskAttribute, CancelTask).
//
// Custom image records live in state.images in the API's Image shape (plus RegionId); what
// the API does not show (owner account, shares, snapshots, source instance, timings) lives
// in state.imageMeta. DescribeImages (catalogue.ts) lists the images of the current
// account (setting account-id) and those shared with it.

import { ApiError } from '../../core/errors.js';
import { findImage, regionOrThrow } from '../catalogue/index.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import { settingValue } from '../settings.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { instances, regionOf as regionOfZone, secondIso, type InstanceRecord } from './instances/model.js';
import { pageOf } from '../paging.js';
import { quota, readTags } from './instances/validate.js';
import { freeDevice } from './data-disks.js';
import { imageMeta, tasks, type ImageMeta, type TaskRecord } from './storage-settle.js';
import { recordsBy } from '../lookup.js';
import { DISK_BY_INSTANCE, INSTANCE_BY_IMAGE } from '../indexes.js';
import {
  accountId, addBusy, disks, own, progressAt, removeBusy, scaled, snapshotRunning, snapshots, STORAGE_DURATIONS, takeSnapshot, type SnapshotRecord, type StorageDisk,
} from './storage.js';

const HTTP_PREFIX = /^https?:\/\//i;

/** ImageName: 2–128 characters, starting with a letter (any script); digits, "_", "-", ".", ":"; not aliyun / acs: / http(s)://. */
export function checkImageName(name: string, code = 'InvalidImageName.Malformed'): void {
  if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || /^(aliyun|acs:)/i.test(name) || !/^\p{L}[\p{L}\p{N}:_.\-]*$/u.test(name)) {
    throw new ApiError(code, `The specified Image name is wrongly formed. ("${name}": 2 to 128 characters, starting with a letter; letters, digits, ":", "_", ".", "-")`, 400);
  }
}

/** Image description: 2–256 characters, not starting with http:// or https:// (L2242). */
export function checkImageDescription(desc: string): void {
  if (desc.length < 2 || desc.length > 256 || HTTP_PREFIX.test(desc)) {
    throw new ApiError('InvalidDescription.Malformed', 'The specified description is wrongly formed. (2 to 256 characters, not starting with http:// or https://)', 400);
  }
}

function dryRun(p: Params): void {
  if (p.bool('DryRun')) throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400);
}

function images(state: SimState): Record<string, any> {
  state.images ??= {};
  return state.images as Record<string, any>;
}

function imageNotFound(id: string): ApiError {
  return new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist. (${id})`, 404);
}

/** A custom image of this region owned by the current account. */
function ownImage(state: SimState, id: string | undefined, regionId: string): { img: Record<string, any>; meta: ImageMeta } {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "ImageId" that is mandatory for processing this request is not supplied.', 400);
  const img = own(images(state), id);
  if (!img || (img.RegionId && img.RegionId !== regionId)) throw imageNotFound(id);
  const meta = own(imageMeta(state), id) ?? { owner: accountId(state) };
  const me = accountId(state);
  if (meta.owner !== me) {
    if (meta.share?.some(([a]) => a === me)) {
      throw new ApiError('Forbbiden', `User not authorized to operate on the specified resource. (${id} is shared with you by ${meta.owner}; only its owner can do this)`, 403);
    }
    throw imageNotFound(id);
  }
  return { img, meta };
}

function checkNameFree(state: SimState, name: string, regionId: string): void {
  const me = accountId(state);
  for (const [id, img] of Object.entries(images(state))) {
    if (img.RegionId === regionId && img.ImageName === name && (own(imageMeta(state), id)?.owner ?? me) === me) {
      throw new ApiError('InvalidImageName.Duplicated', `The specified Image name has already bean used. (${name} is ${id})`, 400);
    }
  }
}

interface Mapping {
  Device: string;
  Size: number;
  Type: 'system' | 'data';
  SnapshotId: string;
}

function imageRecord(state: SimState, o: {
  id: string; regionId: string; name: string; desc?: string; mappings: Mapping[]; os: 'linux' | 'windows'; platform: string; osName: string;
  arch: string; nowMs: number; status: 'Creating' | 'Available'; tags?: [string, string][]; family?: string; version?: string; nonRoot?: boolean;
  bootMode?: string; copied?: boolean;
}): Record<string, any> {
  return {
    ImageId: o.id,
    RegionId: o.regionId,
    ImageName: o.name,
    ImageFamily: o.family ?? '',
    ImageVersion: o.version ?? '',
    Description: o.desc ?? '',
    OSType: o.os,
    Platform: o.platform,
    OSName: o.osName,
    OSNameEn: o.osName,
    Architecture: o.arch,
    Size: o.mappings.find((m) => m.Type === 'system')?.Size ?? 0,
    BootMode: o.bootMode ?? 'BIOS',
    ImageOwnerAlias: 'self',
    ImageOwnerId: 0,
    IsPublic: false,
    IsSelfShared: '',
    IsCopied: !!o.copied,
    IsSubscribed: false,
    IsSupportCloudinit: true,
    IsSupportIoOptimized: true,
    LoginAsNonRootSupported: !!o.nonRoot,
    Usage: 'none',
    Status: o.status,
    Progress: o.status === 'Available' ? '100%' : '0%',
    CreationTime: secondIso(o.nowMs),
    ProductCode: '',
    Tags: { Tag: (o.tags ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    DiskDeviceMappings: {
      DiskDeviceMapping: o.mappings.map((m) => ({ Device: m.Device, Size: String(m.Size), Type: m.Type, SnapshotId: m.SnapshotId, Format: '', Encrypted: false })),
    },
    Features: { NvmeSupport: 'supported' },
  };
}

/** OS facts of the image a system disk came from (or of the instance when the image is gone). */
function osFacts(state: SimState, imageId: string | undefined, r: InstanceRecord | undefined, regionId: string) {
  const src = imageId ? findImage(state, imageId, regionId) : undefined;
  const os: 'linux' | 'windows' = src ? (String(src.OSType).toLowerCase() === 'windows' ? 'windows' : 'linux') : r?.os ?? 'linux';
  return {
    os,
    platform: String(src?.Platform ?? (os === 'windows' ? 'Windows Server 2012' : 'Others Linux')),
    osName: String(src?.OSNameEn ?? r?.osEn ?? r?.osName ?? (os === 'windows' ? 'Windows Server' : 'Linux')),
    arch: String(src?.Architecture ?? 'x86_64'),
    nonRoot: !!src?.LoginAsNonRootSupported,
    bootMode: String(src?.BootMode ?? 'BIOS'),
    passwordHash: src?.PasswordHash as string | undefined,
  };
}

/** The image a system snapshot's disk was created from. */
function snapshotImage(state: SimState, s: SnapshotRecord): { image?: string; inst?: InstanceRecord } {
  const d = own(disks(state), s.disk) as StorageDisk | undefined;
  const inst = s.inst ? own(instances(state), s.inst) : undefined;
  return { image: s.src ?? d?.image ?? inst?.image, inst };
}

const DEVICE = /^\/dev\/xvd([a-z])$/;

function createImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const nowMs = now.getTime();
  const snapshotId = p.str('SnapshotId');
  const instanceId = p.str('InstanceId');
  const rows = p.objList('DiskDeviceMapping');
  if (!snapshotId && !instanceId && !rows.length) {
    throw new ApiError('MissingParameter', 'The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied.', 400);
  }
  const name = p.str('ImageName');
  if (name !== undefined) checkImageName(name);
  const desc = p.str('Description');
  if (desc !== undefined) checkImageDescription(desc);
  const arch = p.str('Architecture');
  if (arch !== undefined && !['i386', 'x86_64', 'arm64'].includes(arch)) throw new ApiError('InvalidArchitecture.Malformed', 'The specified Architecture is wrongly formed.', 400);
  const platform = p.str('Platform');
  const tags = readTags(p.objList('Tag'));
  const id = newId('m', c.regionId);
  const imageName = name ?? id;
  if (name !== undefined) checkNameFree(state, name, c.regionId);

  if (instanceId && !snapshotId) {
    // From an instance: a snapshot of every disk; Available when all of them are done.
    const r = own(instances(state), instanceId);
    if (!r || regionOfZone(r) !== c.regionId) throw new ApiError('InvalidInstanceId.NotFound', `The specified InstanceId does not exist. (${instanceId})`, 404);
    if (r.lock) throw new ApiError('InstanceExpiredOrInArrears', `The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode). (${r.id})`, 403);
    if (r.status !== 'Running' && r.status !== 'Stopped') throw new ApiError('IncorrectInstanceStatus', `The current status of the instance does not support this operation. (${r.id} is ${r.status})`, 400);
    if ((r as InstanceRecord & { cimg?: string }).cimg) throw new ApiError('IncorrectInstanceStatus', `The current status of the instance does not support this operation. (an image is already being created from ${r.id})`, 400);
    const ds = recordsBy<StorageDisk>(state, DISK_BY_INSTANCE, r.id).filter((d) => d.status === 'In_use');
    ds.sort((a, b) => (a.dev ?? '').localeCompare(b.dev ?? ''));
    const limit = quota(state, 'quota.snapshots-per-disk', 64);
    for (const d of ds) {
      const running = snapshotRunning(state, d, nowMs);
      if (running) throw new ApiError('IncorrectDiskStatus.CreatingSnapshot', `A previous snapshot creation is in process. (${running.id} on ${d.id})`, 403);
      if ((d.snaps?.length ?? 0) >= limit) throw new ApiError('QuotaExceed.Snapshot', `The snapshot quota exceeds. (${d.id} has ${d.snaps!.length} snapshots)`, 403);
    }
    dryRun(p);
    const facts = osFacts(state, r.image, r, c.regionId);
    const mappings: Mapping[] = [];
    let done = nowMs;
    for (const d of ds) {
      const s = takeSnapshot(state, d, nowMs, c.scale, { kind: 'user', desc: `Created for image ${id}` }, newId('s', c.regionId));
      s.img = [id];
      done = Math.max(done, s.done);
      mappings.push({ Device: d.dev ?? '/dev/xvda', Size: d.size, Type: d.type, SnapshotId: s.id });
    }
    const img = imageRecord(state, {
      id, regionId: c.regionId, name: imageName, desc, mappings, os: facts.os, platform: platform ?? facts.platform, osName: facts.osName,
      arch: arch ?? facts.arch, nowMs, status: done > nowMs ? 'Creating' : 'Available', tags, nonRoot: facts.nonRoot, bootMode: facts.bootMode,
      family: p.str('ImageFamily'), version: p.str('ImageVersion'),
    });
    if (r.pw) img.PasswordHash = Object.values(r.pw)[0];
    images(state)[id] = img;
    const meta: ImageMeta = { owner: accountId(state), snaps: mappings.map((m) => m.SnapshotId) };
    if (mappings.some((m) => m.Type === 'data')) meta.data = 1;
    if (done > nowMs) {
      meta.start = nowMs;
      meta.done = done;
      meta.inst = r.id;
      (r as InstanceRecord & { cimg?: string }).cimg = id;
      addBusy(state, done, 'images', id);
    }
    imageMeta(state)[id] = meta;
    return { ImageId: id };
  }

  // From snapshots: SnapshotId (the system disk) and/or DiskDeviceMapping.N.
  const mappings: Mapping[] = [];
  let system: SnapshotRecord | undefined;
  const ready = (sid: string): SnapshotRecord => {
    const s = own(snapshots(state), sid);
    if (!s || s.region !== c.regionId) throw new ApiError('InvalidSnapshotId.NotFound', `The specified SnapshotId does not exist. (${sid})`, 404);
    if (s.status !== 'accomplished') throw new ApiError('InvalidSnapshotId.NotReady', `The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation. (${sid} is ${s.status})`, 403);
    return s;
  };
  if (snapshotId) {
    system = ready(snapshotId);
    if (system.dtype !== 'system') throw new ApiError('OperationDenied', `The specified snapshot is not from system disk. (${snapshotId} is a snapshot of data disk ${system.disk}; a custom image is based on a system-disk snapshot)`, 403);
    mappings.push({ Device: '/dev/xvda', Size: system.dsize, Type: 'system', SnapshotId: system.id });
  }
  const devices = new Set<string>(mappings.map((m) => m.Device));
  rows.forEach((row, i) => {
    const n = i + 1;
    const type = row.DiskType ?? (row.SnapshotId && own(snapshots(state), row.SnapshotId)?.dtype === 'system' && !system ? 'system' : 'data');
    if (type !== 'system' && type !== 'data') throw new ApiError('InvalidDiskType.ValueNotSupported', 'The specified disk type is not supported.', 400);
    const s = row.SnapshotId ? ready(row.SnapshotId) : undefined;
    if (type === 'system') {
      if (system) throw new ApiError('OperationDenied', 'The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots.', 400);
      if (!s || s.dtype !== 'system') throw new ApiError('OperationDenied', `The specified snapshot is not from system disk. (DiskDeviceMapping.${n})`, 403);
      system = s;
    } else if (s && s.dtype === 'system' && snapshotId) {
      throw new ApiError('OperationDenied', 'The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots.', 400);
    }
    let size: number;
    const [min, max] = type === 'system' ? [s?.dsize ?? 20, 2048] : [s ? s.dsize : 5, 2000];
    if (row.Size === undefined || row.Size === '') size = s ? s.dsize : 5;
    else {
      size = Number(row.Size);
      if (!/^\d+$/.test(row.Size) || size < min || size > max) {
        throw new ApiError('InvalidSize.ValueNotSupported', `The specified parameter DiskDeviceMapping.${n}.Size beyond the permitted range. (${s ? `at least the snapshot's ${s.dsize}` : 'empty disk: 5'} to ${max} GiB)`, 400);
      }
    }
    let dev: string | undefined = row.Device;
    if (dev !== undefined && dev !== '') {
      if (!DEVICE.test(dev) || (type === 'data' && dev === '/dev/xvda') || (type === 'system' && dev !== '/dev/xvda')) {
        throw new ApiError('InvalidDevice.Malformed', `The specified parameter DiskDeviceMapping.${n}.Device is not valid. (${dev})`, 400);
      }
      if (devices.has(dev)) throw new ApiError('InvalidDevice.InUse', `The specified parameter DiskDeviceMapping.${n}.Device has been occupied. (${dev})`, 400);
    } else {
      dev = type === 'system' ? '/dev/xvda' : undefined;
    }
    const m: Mapping = { Device: dev ?? '', Size: size, Type: type, SnapshotId: s?.id ?? '' };
    if (dev) devices.add(dev);
    if (type === 'system') mappings.unshift(m);
    else mappings.push(m);
  });
  if (!system) throw new ApiError('OperationDenied', 'The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot.', 400);
  if (mappings.filter((m) => m.Type === 'data').length > 16) throw new ApiError('InvalidParameter', 'At most 16 data disks in DiskDeviceMapping.N.', 400);
  // Blank data devices are assigned (the guide: "randomly"): the first free /dev/xvd[b-z].
  devices.add('/dev/xvda');
  for (const m of mappings) {
    if (m.Device) continue;
    m.Device = freeDevice(devices)!;
    devices.add(m.Device);
  }
  dryRun(p);
  const src = snapshotImage(state, system);
  const facts = osFacts(state, src.image, src.inst, c.regionId);
  const img = imageRecord(state, {
    id, regionId: c.regionId, name: imageName, desc, mappings, os: facts.os, platform: platform ?? facts.platform, osName: facts.osName,
    arch: arch ?? facts.arch, nowMs, status: 'Available', tags, nonRoot: facts.nonRoot, bootMode: facts.bootMode,
    family: p.str('ImageFamily'), version: p.str('ImageVersion'),
  });
  images(state)[id] = img;
  const meta: ImageMeta = { owner: accountId(state), snaps: mappings.map((m) => m.SnapshotId).filter(Boolean) };
  if (mappings.some((m) => m.Type === 'data')) meta.data = 1;
  imageMeta(state)[id] = meta;
  for (const sid of meta.snaps!) {
    const s = own(snapshots(state), sid)!;
    s.img = [...(s.img ?? []), id];
  }
  return { ImageId: id };
}

function imageSizeTotal(img: Record<string, any>): number {
  let total = 0;
  for (const m of img.DiskDeviceMappings?.DiskDeviceMapping ?? []) total += Number(m.Size) || 0;
  return total || Number(img.Size) || 0;
}

function copyImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const imageId = p.str('ImageId', { required: true });
  const shared = own(imageMeta(state), imageId);
  if (shared && shared.owner !== accountId(state) && shared.share?.some(([a]) => a === accountId(state))) {
    throw new ApiError('OperationDenied.SameRegionOnly', `The image shared from others can not be copied to another region directly. (${imageId})`, 403);
  }
  const { img, meta } = ownImage(state, imageId, c.regionId);
  const dest = p.str('DestinationRegionId');
  if (!dest) throw new ApiError('MissingParameter', 'The input parameter "DestinationRegionId" that is mandatory for processing this request is not supplied.', 400);
  try {
    regionOrThrow(dest);
  } catch {
    throw new ApiError('DestinationRegion.NotFound', `The destination region not found (${dest})`, 400);
  }
  if (img.Status !== 'Available') throw new ApiError('IncorrectImageStatus', `The image not available. (${img.ImageId} is ${img.Status})`, 400);
  const name = p.str('DestinationImageName');
  if (name !== undefined) checkImageName(name);
  const desc = p.str('DestinationDescription');
  if (desc !== undefined) checkImageDescription(desc);
  const size = imageSizeTotal(img);
  if (size >= 100 && settingValue(state, 'feature.large-image-copy') !== 'on') {
    throw new ApiError(
      'SizeExceed.Image',
      `The image exceeds the maximum size. Please open a ticket to add the account to the whitelist. (${img.ImageId} is ${size} GiB; images of 100 GiB or more need a ticket: ecs simulator set feature.large-image-copy on)`,
      403,
    );
  }
  if (name !== undefined) checkNameFree(state, name, dest);
  const tags = readTags(p.objList('Tag'));
  dryRun(p);
  const nowMs = now.getTime();
  const id = newId('m', dest);
  const done = nowMs + scaled(size * STORAGE_DURATIONS.imageCopyPerGiB, c.scale);
  // The copy's snapshots in the destination region.
  const mappings: Mapping[] = [];
  const snaps: string[] = [];
  for (const m of img.DiskDeviceMappings?.DiskDeviceMapping ?? []) {
    let sid = '';
    const src = m.SnapshotId ? own(snapshots(state), m.SnapshotId) : undefined;
    if (src) {
      sid = newId('s', dest);
      const copy: SnapshotRecord = {
        ...src, id: sid, region: dest, kind: 'user', ct: nowMs, done, status: done > nowMs ? 'progressing' : 'accomplished', img: [id], desc: `Copied for image ${id} from ${src.id}`,
      };
      delete copy.mk;
      delete copy.full;
      delete copy.tags;
      snapshots(state)[sid] = copy;
      if (copy.status === 'progressing') addBusy(state, done, 'snapshots', sid);
      snaps.push(sid);
    }
    mappings.push({ Device: m.Device, Size: Number(m.Size), Type: m.Type, SnapshotId: sid });
  }
  const copy = imageRecord(state, {
    id, regionId: dest, name: name ?? img.ImageName, desc: desc ?? img.Description, mappings, os: img.OSType, platform: img.Platform, osName: img.OSName,
    arch: img.Architecture, nowMs, status: done > nowMs ? 'Creating' : 'Available', tags, nonRoot: img.LoginAsNonRootSupported, bootMode: img.BootMode, copied: true,
  });
  if (img.PasswordHash) copy.PasswordHash = img.PasswordHash;
  images(state)[id] = copy;
  const m: ImageMeta = { owner: meta.owner, snaps, copyOf: img.ImageId };
  if (meta.data) m.data = 1;
  if (done > nowMs) {
    m.start = nowMs;
    m.done = done;
    addBusy(state, done, 'images', id);
  }
  imageMeta(state)[id] = m;
  return { ImageId: id };
}

/** Remove an image record and free its snapshots (their img link; copies' own snapshots go). */
function dropImage(state: SimState, id: string, snapshotsToo: boolean): void {
  const meta = own(imageMeta(state), id);
  for (const sid of meta?.snaps ?? []) {
    const s = own(snapshots(state), sid);
    if (!s) continue;
    s.img = (s.img ?? []).filter((x) => x !== id);
    if (!s.img.length) delete s.img;
    if (snapshotsToo) {
      delete snapshots(state)[sid];
      removeBusy(state, 'snapshots', sid);
    }
  }
  removeBusy(state, 'images', id);
  if (meta?.inst) {
    const r = own(instances(state), meta.inst) as (InstanceRecord & { cimg?: string }) | undefined;
    if (r?.cimg === id) delete r.cimg;
  }
  delete images(state)[id];
  delete imageMeta(state)[id];
}

function cancelCopyImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const { img, meta } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  if (!meta.copyOf) throw new ApiError('InvalidImageId.NotFound', `The specified image is not a copy in progress. (${img.ImageId})`, 404);
  if (img.Status !== 'Creating') throw new ApiError('IncorrectImageStatus', `The copy is finished and can no longer be cancelled. (${img.ImageId} is ${img.Status}, ${img.Progress})`, 400);
  dryRun(p);
  dropImage(state, img.ImageId, true);
  return {};
}

const ACCOUNT = /^[A-Za-z0-9_.@-]{1,64}$/;

function modifyImageSharePermission(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const { img, meta } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  const add = p.repeat('AddAccount');
  const remove = p.repeat('RemoveAccount');
  if (add.length > 10 || remove.length > 10) throw new ApiError('InvalidParameter', 'At most 10 AddAccount.N and 10 RemoveAccount.N per request.', 400);
  const me = accountId(state);
  for (const a of [...add, ...remove]) {
    if (!ACCOUNT.test(a)) throw new ApiError('InvalidAccount.NotFound', `The specified parameter "AddAccount.n" or "RemoveAccount.n" does not exist. (${a})`, 404);
  }
  if (add.includes(me)) throw new ApiError('InvalidAccount.Forbbiden', 'The specified Account does not yourself. (an image cannot be shared with its owner)', 404);
  if (add.length && img.Status !== 'Available') throw new ApiError('IncorrectImageStatus', `The image not available. (${img.ImageId} is ${img.Status})`, 400);
  const current = new Map((meta.share ?? []).map(([a, t]) => [a, t] as const));
  for (const a of remove) current.delete(a);
  for (const a of add) if (!current.has(a)) current.set(a, now.getTime());
  const limit = quota(state, 'quota.image-share-accounts', 50);
  if (current.size > limit) throw new ApiError('QuotaExceed.ShareImageUser', `The shared Image user Quota exceeds. (${current.size} accounts; at most ${limit} per image)`, 403);
  dryRun(p);
  const m = (imageMeta(state)[img.ImageId] ??= { owner: meta.owner });
  if (current.size) m.share = [...current.entries()];
  else delete m.share;
  return {};
}

function describeImageSharePermission(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const { img, meta } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  const list = meta.share ?? [];
  const page = pageOf(p, list.length, { defaultSize: 10, maxSize: 100 });
  return {
    ImageId: img.ImageId,
    RegionId: c.regionId,
    Accounts: { Account: list.slice(page.start, page.end).map(([AliyunId, t]) => ({ AliyunId, SharedTime: secondIso(t) })) },
    ShareGroups: { ShareGroup: [] },
    TotalCount: list.length,
    ...page.fields,
  };
}

const LINUX_PLATFORMS = ['CentOS', 'SUSE', 'Ubuntu', 'Debian', 'FreeBSD', 'CoreOS', 'Aliyun', 'Anolis', 'OpenSUSE', 'RedHat', 'Fedora', 'Customized Linux', 'Others Linux'];
const WINDOWS_PLATFORMS = ['Windows Server 2003', 'Windows Server 2008', 'Windows Server 2012', 'Windows Server 2016', 'Windows Server 2019', 'Windows Server 2022'];

function featureOn(state: SimState, key: string): boolean {
  return settingValue(state, key) === 'on';
}

function importImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  if (!featureOn(state, 'feature.image-import')) {
    throw new ApiError('UserNotInTheWhiteList', 'The user is not in the white list of importing image. (importing images is enabled by a support ticket: ecs simulator set feature.image-import on)', 403);
  }
  const rows = p.objList('DiskDeviceMapping');
  if (!rows.length) throw new ApiError('MissingParameter', 'An input parameter "DiskDeviceMapping.1.OSSBucket" that is mandatory for processing the request is not supplied.', 400);
  const os = (p.str('OSType') ?? 'linux').toLowerCase();
  if (os !== 'linux' && os !== 'windows') throw new ApiError('InvalidOSType.Malformed', 'The specified OSType is wrongly formed. (linux or windows)', 400);
  const arch = p.str('Architecture') ?? 'x86_64';
  if (!['x86_64', 'i386', 'arm64'].includes(arch)) throw new ApiError('InvalidArchitecture.Malformed', 'The specified Architecture is wrongly formed. (x86_64 or i386)', 400);
  const platform = p.str('Platform') ?? (os === 'windows' ? 'Windows Server 2012' : 'Others Linux');
  if (!(os === 'windows' ? WINDOWS_PLATFORMS : LINUX_PLATFORMS).includes(platform)) {
    throw new ApiError('InvalidPlatform.Malformed', `The specified Platform is wrongly formed. (${platform} is not a ${os} platform: ${(os === 'windows' ? WINDOWS_PLATFORMS : LINUX_PLATFORMS).join(', ')})`, 400);
  }
  const name = p.str('ImageName');
  if (name !== undefined) {
    if (name.length < 2 || name.length > 128 || HTTP_PREFIX.test(name) || !/^\p{L}[\p{L}\p{N}_\-]*$/u.test(name)) {
      throw new ApiError('InvalidImageName.Malformed', `The specified Image name is wrongly formed. ("${name}": 2 to 128 characters, starting with a letter; letters, digits, "_", "-")`, 400);
    }
  }
  const desc = p.str('Description');
  if (desc !== undefined) checkImageDescription(desc);
  const mappings: (Mapping & { bucket: string; object: string; format: string })[] = [];
  rows.forEach((row, i) => {
    const n = i + 1;
    if (!row.OSSBucket) throw new ApiError('MissingParameter', `An input parameter "DiskDeviceMapping.${n}.OSSBucket" that is mandatory for processing the request is not supplied.`, 400);
    if (!row.OSSObject) throw new ApiError('MissingParameter', `An input parameter "DiskDeviceMapping.${n}.OSSObject" that is mandatory for processing the request is not supplied.`, 400);
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(row.OSSBucket)) throw new ApiError('InvalidOSSBucket.NotFound', `The specified OSS bucket does not exist in this region. (${row.OSSBucket})`, 400);
    if (row.OSSObject.startsWith('/') || row.OSSObject.length > 1023 || /[\x00-\x1f]/.test(row.OSSObject)) {
      throw new ApiError('InvalidOSSObject.Malformed', `The specified OSS object is wrongly formed. (${row.OSSObject})`, 400);
    }
    const format = (row.Format ?? 'RAW').toUpperCase();
    if (format !== 'RAW' && format !== 'VHD') {
      throw new ApiError('InvalidImageFormat.Malformed', `The specified Image Format is wrongly formed. (${row.Format}: only RAW and VHD; convert with qemu-img convert -O raw|vpc)`, 400);
    }
    const sizeRaw = row.DiskImageSize ?? row.DiskImSize;
    const system = i === 0;
    const [min, max] = system ? (os === 'windows' ? [40, 500] : [20, 500]) : [5, 2000];
    const size = sizeRaw === undefined || sizeRaw === '' ? min : Number(sizeRaw);
    if (!Number.isInteger(size) || size < min || size > max) {
      if (system) throw new ApiError('InvalidImageSize', `The specified DiskDeviceMapping.1.DiskImageSize is not valid. (${os === 'windows' ? 'Windows' : 'Linux'} system disk: ${min} to ${max} GiB)`, 400);
      throw new ApiError('InvalidDataDiskSize', `The specified DiskDeviceMapping.N.DiskImSize should be in the specified range. (${min} to ${max} GiB)`, 400);
    }
    const dev = row.Device || (system ? '/dev/xvda' : `/dev/xvd${String.fromCharCode(97 + i)}`);
    if (!DEVICE.test(dev) || (system !== (dev === '/dev/xvda'))) throw new ApiError('InvalidParameter.Malformed', `The specified parameter "DiskDeviceMapping.${n}.Device " is not valid.`, 403);
    mappings.push({ Device: dev, Size: size, Type: system ? 'system' : 'data', SnapshotId: '', bucket: row.OSSBucket, object: row.OSSObject, format });
  });
  const id = newId('m', c.regionId);
  if (name !== undefined) checkNameFree(state, name, c.regionId);
  dryRun(p);
  const nowMs = now.getTime();
  const total = mappings.reduce((a, m) => a + m.Size, 0);
  const done = nowMs + scaled(Math.min(4 * 3600, STORAGE_DURATIONS.importBase + total * STORAGE_DURATIONS.importPerGiB), c.scale);
  const snaps: string[] = [];
  for (const m of mappings) {
    const sid = newId('s', c.regionId);
    const s: SnapshotRecord = {
      id: sid, region: c.regionId, disk: '', dtype: m.Type, dsize: m.Size, kind: 'user', ct: nowMs, done, status: done > nowMs ? 'progressing' : 'accomplished',
      img: [id], desc: `Imported for image ${id}`,
    };
    snapshots(state)[sid] = s;
    if (s.status === 'progressing') addBusy(state, done, 'snapshots', sid);
    m.SnapshotId = sid;
    snaps.push(sid);
  }
  const img = imageRecord(state, {
    id, regionId: c.regionId, name: name ?? id, desc, mappings, os: os as 'linux' | 'windows', platform, osName: platform, arch, nowMs,
    status: done > nowMs ? 'Creating' : 'Available', bootMode: p.str('BootMode') ?? 'BIOS',
  });
  img.DiskDeviceMappings.DiskDeviceMapping = mappings.map((m) => ({
    Device: m.Device, Size: String(m.Size), Type: m.Type, SnapshotId: m.SnapshotId, Format: m.format, ImportOSSBucket: m.bucket, ImportOSSObject: m.object, Encrypted: false,
  }));
  images(state)[id] = img;
  const taskId = newId('t', c.regionId);
  const t: TaskRecord = { id: taskId, region: c.regionId, action: 'ImportImage', image: id, start: nowMs, done, status: done > nowMs ? 'Processing' : 'Finished' };
  tasks(state)[taskId] = t;
  const meta: ImageMeta = { owner: accountId(state), snaps, task: taskId };
  if (mappings.length > 1) meta.data = 1;
  if (done > nowMs) {
    meta.start = nowMs;
    meta.done = done;
    addBusy(state, done, 'images', id);
    addBusy(state, done, 'tasks', taskId);
  }
  imageMeta(state)[id] = meta;
  return { ImageId: id, RegionId: c.regionId, TaskId: taskId };
}

function exportImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  if (!featureOn(state, 'feature.image-export')) {
    throw new ApiError('UserNotInTheWhiteList', 'The user is not in the white list of exporting image. (exporting images is enabled by a support ticket: ecs simulator set feature.image-export on)', 403);
  }
  const { img, meta } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  const bucket = p.str('OSSBucket', { required: true });
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) throw new ApiError('InvalidOSSBucket.NotFound', `The specified OSS bucket does not exist in this region. (${bucket})`, 400);
  const prefix = p.str('OSSPrefix');
  if (prefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/.test(prefix)) {
    throw new ApiError('InvalidOSSPrefix.Malformed', 'The specified OSSPrefix format is wrongly formed. (1 to 30 letters, digits, "_" or "-", starting with a letter or digit)', 400);
  }
  const format = (p.str('ImageFormat') ?? 'raw').toLowerCase();
  if (!['raw', 'vhd', 'qcow2', 'vmdk', 'vdi'].includes(format)) throw new ApiError('InvalidImageFormat.Malformed', 'The specified Image Format is wrongly formed.', 400);
  if (img.Status !== 'Available') throw new ApiError('IncorrectImageStatus', `The specified Image is not available. (${img.ImageId} is ${img.Status})`, 400);
  if (meta.data) throw new ApiError('OperationDenied', `The specified image contains the snapshot of the data disk,does not support this operation. (${img.ImageId})`, 400);
  if (meta.exporting) throw new ApiError('ImageIsExporting', `The specified Image is exporting. (task ${meta.exporting})`, 403);
  dryRun(p);
  const nowMs = now.getTime();
  const done = nowMs + scaled(Math.max(60, imageSizeTotal(img) * STORAGE_DURATIONS.exportPerGiB), c.scale);
  const taskId = newId('t', c.regionId);
  const t: TaskRecord & { object?: string } = { id: taskId, region: c.regionId, action: 'ExportImage', image: img.ImageId, start: nowMs, done, status: done > nowMs ? 'Processing' : 'Finished' };
  t.object = `${prefix ?? 'ExportImage'}-${img.ImageId}_system.${format}`;
  tasks(state)[taskId] = t;
  if (done > nowMs) {
    (imageMeta(state)[img.ImageId] ??= { owner: meta.owner }).exporting = taskId;
    addBusy(state, done, 'tasks', taskId);
  }
  return { TaskId: taskId, RegionId: c.regionId };
}

function modifyImageAttribute(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const { img } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  const name = p.str('ImageName');
  if (name !== undefined) {
    checkImageName(name);
    if (name !== img.ImageName) checkNameFree(state, name, c.regionId);
  }
  const desc = p.str('Description');
  if (desc !== undefined) checkImageDescription(desc);
  dryRun(p);
  if (name !== undefined) img.ImageName = name;
  if (desc !== undefined) img.Description = desc;
  return {};
}

function deleteImage(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const { img, meta } = ownImage(state, p.str('ImageId', { required: true }), c.regionId);
  const force = p.bool('Force');
  if (meta.share?.length) {
    throw new ApiError('ImageUseShared', `The specified image has been shared to others. (${img.ImageId} is shared with ${meta.share.length} account(s); unshare it first)`, 403);
  }
  if (meta.task) {
    const t = own(tasks(state), meta.task);
    if (t && t.status === 'Processing') throw new ApiError('ImageIsImporting', `The specified Image is importing. (task ${t.id})`, 403);
  }
  if (meta.exporting) throw new ApiError('ImageIsExporting', `The specified Image is exporting. Please cancel task first. (task ${meta.exporting})`, 403);
  if (meta.copyOf && img.Status === 'Creating') throw new ApiError('OperationDenied.ImageCopying', `The Image is coping. (${img.ImageId}; cancel the copy with CancelCopyImage)`, 403);
  for (const [id, m] of Object.entries(imageMeta(state))) {
    if (m.copyOf === img.ImageId && own(images(state), id)?.Status === 'Creating') {
      throw new ApiError('OperationDenied.ImageCopying', `The Image is coping. (${img.ImageId} is being copied to ${id})`, 403);
    }
  }
  if (!force) {
    const user = typeof img.ImageId === 'string' ? recordsBy<InstanceRecord>(state, INSTANCE_BY_IMAGE, img.ImageId)[0] : undefined;
    if (user) {
      throw new ApiError('ImageUsingByInstance', `The specified image has been used to create instances. (${img.ImageId} is used by ${user.id}; use Force to delete it anyway — those instances can then no longer re-initialise their system disk)`, 403);
    }
  }
  dryRun(p);
  dropImage(state, img.ImageId, !!meta.task);
  return {};
}

// ---- tasks ---------------------------------------------------------------------------

function taskView(t: TaskRecord, nowMs: number): Record<string, unknown> {
  return {
    TaskId: t.id,
    TaskAction: t.action,
    TaskStatus: t.status,
    SupportCancel: t.status === 'Processing' ? 'true' : 'false',
    CreationTime: secondIso(t.start),
    FinishedTime: t.status === 'Finished' ? secondIso(t.done) : '',
    ResourceId: t.image,
    TaskProcess: t.status === 'Finished' ? '100%' : `${progressAt(t.start, t.done, nowMs)}%`,
  };
}

function describeTasks(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const ids = p.str('TaskIds')?.split(',').map((s) => s.trim()).filter(Boolean);
  const action = p.str('TaskAction');
  const status = p.str('TaskStatus');
  const list = Object.values(tasks(state)).filter(
    (t) => t.region === c.regionId && (!ids || ids.includes(t.id)) && (!action || t.action === action) && (!status || t.status === status),
  );
  list.reverse();
  const page = pageOf(p, list.length, { defaultSize: 10, maxSize: 100 });
  return { TaskSet: { Task: list.slice(page.start, page.end).map((t) => taskView(t, now.getTime())) }, TotalCount: list.length, RegionId: c.regionId, ...page.fields };
}

function getTask(state: SimState, id: string | undefined): TaskRecord {
  if (!id) throw new ApiError('MissingParameter', 'The input parameter "TaskId" that is mandatory for processing this request is not supplied.', 400);
  const t = own(tasks(state), id);
  if (!t) throw new ApiError('InvalidTaskId.NotFound', `The specified TaskId does not exist. (${id})`, 404);
  return t;
}

function describeTaskAttribute(c: ActionContext): Record<string, unknown> {
  const t = getTask(c.state, c.params.str('TaskId'));
  return { ...taskView(t, c.now.getTime()), RegionId: t.region };
}

function cancelTask(c: ActionContext): Record<string, unknown> {
  const { state } = c;
  const t = getTask(state, c.params.str('TaskId'));
  if (t.status !== 'Processing') throw new ApiError('IncorrectTaskStatus', `The task is ${t.status} and can no longer be cancelled. (${t.id})`, 403);
  t.status = 'Cancelled';
  removeBusy(state, 'tasks', t.id);
  if (t.action === 'ImportImage') dropImage(state, t.image, true);
  if (t.action === 'ExportImage') {
    const m = own(imageMeta(state), t.image);
    if (m?.exporting === t.id) delete m.exporting;
  }
  return {};
}

// ---- used by RunInstances / ReplaceSystemDisk ------------------------------------------

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  CreateImage: createImage,
  CopyImage: copyImage,
  CancelCopyImage: cancelCopyImage,
  ModifyImageSharePermission: modifyImageSharePermission,
  DescribeImageSharePermission: describeImageSharePermission,
  ImportImage: importImage,
  ExportImage: exportImage,
  ModifyImageAttribute: modifyImageAttribute,
  DeleteImage: deleteImage,
  DescribeTasks: describeTasks,
  DescribeTaskAttribute: describeTaskAttribute,
  CancelTask: cancelTask,
});
