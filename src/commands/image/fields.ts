import type { Rec } from '../shared/storage.js';

export function imageFields(img: Rec): [string, unknown][] {
  return [
    ['ImageId', img.ImageId],
    ['Name', img.ImageName],
    ['Description', img.Description],
    ['OS', img.OSNameEn || img.OSName],
    ['OSType', img.OSType],
    ['Platform', img.Platform],
    ['Architecture', img.Architecture],
    ['Size (GiB)', img.Size],
    ['Owner', img.ImageOwnerAlias],
    ['Status', img.Status],
    ['Progress', img.Progress],
    ['Disks', (img.DiskDeviceMappings?.DiskDeviceMapping ?? []).map((m: Rec) => `${m.Device} ${m.Type} ${m.Size}GiB${m.SnapshotId ? ` ${m.SnapshotId}` : ''}`).join('; ')],
    ['Created', img.CreationTime],
  ];
}
