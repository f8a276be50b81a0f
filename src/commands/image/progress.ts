// Waiting for an image (creation, copy, import) and for an image task (import, export),
// with its percentage (src/commands/builders/wait.ts waitForProgress).
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { percent, waitForProgress } from '../builders/index.js';
import { IMAGE_STATUSES } from '../../resources/image.js';

/** The image in any status, in `region` (a copy is in its destination region). */
export async function findImage(ctx: Context, api: EcsApi, id: string, region = ctx.region) {
  const r = await api.call('DescribeImages', { RegionId: region, ImageId: id, Status: IMAGE_STATUSES.join(','), PageSize: 10 }, { signal: ctx.abort.signal });
  return (r.Images?.Image ?? []).find((i) => i.ImageId === id);
}

export async function waitForImage(ctx: Context, api: EcsApi, id: string, what: string, region = ctx.region): Promise<void> {
  await waitForProgress(ctx, what, async () => {
    const img = await findImage(ctx, api, id, region);
    if (!img) return { pct: 0, done: false, failed: 'the image no longer exists (cancelled?)' };
    return { pct: percent(img.Progress), done: img.Status === 'Available', failed: img.Status === 'CreateFailed' ? 'creation failed' : undefined };
  });
}

export async function waitForTask(ctx: Context, api: EcsApi, taskId: string, what: string): Promise<void> {
  await waitForProgress(ctx, what, async () => {
    const t = await api.call('DescribeTaskAttribute', { RegionId: ctx.region, TaskId: taskId }, { signal: ctx.abort.signal });
    const status = String(t.TaskStatus);
    return { pct: percent(t.TaskProcess), done: status === 'Finished', failed: status === 'Failed' || status === 'Cancelled' ? `the task is ${status}` : undefined };
  });
}
