// Waiting for an image (creation, copy, import) and for an image task (import, export).
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { findImage, pct, waitForProgress } from '../shared/storage.js';

export async function waitForImage(ctx: Context, api: EcsApi, id: string, what: string, region = ctx.region): Promise<void> {
  await waitForProgress(ctx, what, async () => {
    const img = await findImage(ctx, api, id, region);
    if (!img) return { pct: 0, done: false, failed: 'the image no longer exists (cancelled?)' };
    return { pct: pct(img.Progress), done: img.Status === 'Available', failed: img.Status === 'CreateFailed' ? 'creation failed' : undefined };
  });
}

export async function waitForTask(ctx: Context, api: EcsApi, taskId: string, what: string): Promise<void> {
  await waitForProgress(ctx, what, async () => {
    const t = await api.call('DescribeTaskAttribute', { RegionId: ctx.region, TaskId: taskId }, { signal: ctx.abort.signal });
    const status = String(t.TaskStatus);
    return { pct: pct(t.TaskProcess), done: status === 'Finished', failed: status === 'Failed' || status === 'Cancelled' ? `the task is ${status}` : undefined };
  });
}
