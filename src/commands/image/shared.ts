// Columns shared by the image verbs.
import type { RenderSpec } from '../../core/output.js';

export const IMAGE_SPEC: RenderSpec<Record<string, any>> = {
  id: 'ImageId',
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
};

export const IMAGE_STATUSES = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'] as const;
