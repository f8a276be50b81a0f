// The image resource (public, custom, shared and marketplace images of a region).

import type { Image } from '../api/actions/images.js';
import { defineResource } from './types.js';

export type { Image };

/** An image as `image describe` shows it: your own images carry the accounts they are shared with. */
export type DescribedImage = Image & { SharedWith?: string[] };

/** "/dev/xvda system 40 GiB s-…; /dev/xvdb data 50 GiB s-…" */
export function diskMappingText(img: Image): string {
  return (img.DiskDeviceMappings?.DiskDeviceMapping ?? []).map((m) => `${m.Device} ${m.Type} ${m.Size} GiB${m.SnapshotId ? ` ${m.SnapshotId}` : ''}`).join('; ');
}

export const IMAGE_STATUSES = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'] as const;

export const image = defineResource({
  name: 'image',
  noun: 'image',
  plural: 'images',
  idField: 'ImageId',
  nameField: 'ImageName',
  statusField: 'Status',
  describe: {
    action: 'DescribeImages',
    itemPath: 'Images.Image',
    // The API takes several IDs separated by commas in ImageId.
    byIds: { style: 'comma', param: 'ImageId', max: 100 },
    paging: { style: 'page', pageSize: 100 },
    regional: true,
    byIdsParams: { Status: IMAGE_STATUSES.join(',') },
  },
  errors: { notFound: 'InvalidImageId.NotFound', wrongStatus: 'IncorrectImageStatus' },
  statuses: IMAGE_STATUSES,
  transitional: ['Creating', 'Waiting'],
  columns: [
    { header: 'image', get: 'ImageId' },
    { header: 'os', get: (i) => i.OSNameEn || i.OSName },
    { header: 'type', get: 'OSType' },
    { header: 'arch', get: 'Architecture' },
    { header: 'size gib', get: 'Size' },
    { header: 'owner', get: 'ImageOwnerAlias' },
    { header: 'ecs-user', get: (i) => (i.LoginAsNonRootSupported ? 'yes' : 'no') },
    { header: 'status', get: 'Status' },
  ],
  fields: (img) => [
    ['ImageId', img.ImageId],
    ['Name', img.ImageName],
    ['Description', img.Description],
    ['OS', img.OSNameEn || img.OSName],
    ['OSType', img.OSType],
    ['Platform', img.Platform],
    ['Architecture', img.Architecture],
    ['BootMode', img.BootMode],
    ['Size (GiB)', img.Size],
    ['Owner', img.ImageOwnerAlias],
    ['Family', img.ImageFamily],
    ['Status', img.Status],
    ['Progress', img.Progress],
    ['ecs-user login', img.LoginAsNonRootSupported ? 'supported' : 'not supported'],
    ['cloud-init', img.IsSupportCloudinit ? 'yes' : 'no'],
    ['Disks', diskMappingText(img)],
    ...(((img as DescribedImage).SharedWith ? [['Shared with', (img as DescribedImage).SharedWith!.join(', ') || '-']] : []) as [string, unknown][]),
    ['Created', img.CreationTime],
  ],
  completion: { label: (i) => i.ImageName },
});
