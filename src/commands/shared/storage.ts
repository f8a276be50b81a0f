// Shared by the disk, snapshot, snapshot-policy and image verbs: look-ups by ID with the
// real NotFound codes, --dry-run (DryRun=true where the API has it, a local check
// otherwise), results for action verbs, bulk deletes, and waiting for long tasks with a
// percentage (an ora spinner on a terminal, plain start/done lines otherwise, nothing
// with -q).

import type { ApiParams, EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { ApiError, CliError } from '../../core/errors.js';
import type { RenderSpec } from '../../core/output.js';
import { waitUntil } from '../../core/waiter.js';
import { bulkError, renderBulk, runBulk } from './bulk.js';
import { confirmDestructive } from './confirm.js';
import { chunks } from './pages.js';
import { waitForStatus } from './waiting.js';

export type Rec = Record<string, any>;

// ---- look-ups ----------------------------------------------------------------------

export async function disksById(ctx: Context, api: EcsApi, ids: string[]): Promise<Map<string, Rec>> {
  const out = new Map<string, Rec>();
  for (const part of chunks([...new Set(ids)], 100)) {
    const r = await api.call('DescribeDisks', { RegionId: ctx.region, DiskIds: JSON.stringify(part), PageSize: 100 }, { signal: ctx.abort.signal });
    for (const d of (r.Disks as any)?.Disk ?? []) out.set(d.DiskId, d);
  }
  return out;
}

export async function getDisk(ctx: Context, api: EcsApi, id: string): Promise<Rec> {
  const d = (await disksById(ctx, api, [id])).get(id);
  if (!d) throw new ApiError('InvalidDiskId.NotFound', `The specified disk does not exist: ${id} (region ${ctx.region})`, 404);
  return d;
}

export async function snapshotsById(ctx: Context, api: EcsApi, ids: string[]): Promise<Map<string, Rec>> {
  const out = new Map<string, Rec>();
  for (const part of chunks([...new Set(ids)], 100)) {
    const r = await api.call('DescribeSnapshots', { RegionId: ctx.region, SnapshotIds: JSON.stringify(part), PageSize: 100 }, { signal: ctx.abort.signal });
    for (const s of (r.Snapshots as any)?.Snapshot ?? []) out.set(s.SnapshotId, s);
  }
  return out;
}

export async function getSnapshot(ctx: Context, api: EcsApi, id: string): Promise<Rec> {
  const s = (await snapshotsById(ctx, api, [id])).get(id);
  if (!s) throw new ApiError('InvalidSnapshotId.NotFound', `The specified snapshot does not exist: ${id} (region ${ctx.region})`, 404);
  return s;
}

export const IMAGE_STATUSES_ALL = 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated';

export async function findImage(ctx: Context, api: EcsApi, id: string, region = ctx.region): Promise<Rec | undefined> {
  const r = await api.call('DescribeImages', { RegionId: region, ImageId: id, Status: IMAGE_STATUSES_ALL, PageSize: 10 }, { signal: ctx.abort.signal });
  return ((r.Images as any)?.Image ?? []).find((i: Rec) => i.ImageId === id);
}

export async function getImage(ctx: Context, api: EcsApi, id: string, region = ctx.region): Promise<Rec> {
  const img = await findImage(ctx, api, id, region);
  if (!img) throw new ApiError('InvalidImageId.NotFound', `The specified ImageId does not exist: ${id} (region ${region})`, 404);
  return img;
}

export async function getPolicy(ctx: Context, api: EcsApi, id: string): Promise<Rec> {
  const r = await api.call('DescribeAutoSnapshotPolicyEx', { RegionId: ctx.region, AutoSnapshotPolicyId: id }, { signal: ctx.abort.signal });
  const p = ((r.AutoSnapshotPolicies as any)?.AutoSnapshotPolicy ?? []).find((x: Rec) => x.AutoSnapshotPolicyId === id);
  if (!p) throw new ApiError('ParameterInvalid', `The specified automatic snapshot policy does not exist: ${id} (region ${ctx.region})`, 404);
  return p;
}

// ---- calling -----------------------------------------------------------------------

/**
 * Call an action that has DryRun: with --dry-run, DryRun=true and DryRunOperation means
 * "would succeed" (returns undefined); otherwise the answer.
 */
export async function callOrDry(ctx: Context, api: EcsApi, action: string, params: ApiParams): Promise<Rec | undefined> {
  const dry = Boolean(ctx.globals.dryRun);
  try {
    const r = await api.call(action, { ...params, DryRun: dry ? true : undefined }, { signal: ctx.abort.signal });
    if (dry) throw new CliError(`${action} answered without checking DryRun; nothing is known to have been validated`, { code: 'DryRunNotHonoured' });
    return r;
  } catch (e) {
    if (dry && (e as CliError).code === 'DryRunOperation') return undefined;
    throw e;
  }
}

/**
 * The result of an action verb: the record on stdout for -o json|yaml|tsv|ids and --query,
 * one line on stderr for the table format (stdout stays empty: nothing to list).
 */
export async function actionResult(ctx: Context, raw: Rec, text: string, id?: string): Promise<void> {
  const data = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const f = ctx.outputFormat;
  if (ctx.globals.query || f !== 'table') {
    await ctx.renderRecord(data, Object.entries(data), id);
    return;
  }
  ctx.note(text);
}

/** A dry run of an action without DryRun in the API: the checks were made locally. */
export async function dryResult(ctx: Context, data: Rec, text: string, id?: string): Promise<void> {
  await actionResult(ctx, { ...data, DryRun: true }, `${text} (dry run: nothing was changed)`, id);
}

/** Delete several resources: confirm, one call each, one result line per ID. */
export async function bulkDelete(
  ctx: Context,
  ids: string[],
  o: { verb: string; kind: string; idField: string; consequence?: string; call: (id: string, dry: boolean) => Promise<string> },
): Promise<void> {
  const unique = [...new Set(ids)];
  await confirmDestructive(ctx, { verb: o.verb, action: 'Delete', ids: unique, kind: o.kind, consequence: o.consequence });
  const dry = Boolean(ctx.globals.dryRun);
  const results = await runBulk(ctx, unique, (id) => o.call(id, dry));
  const err = bulkError(results, `ecs ${o.verb}`);
  if (err && results.length === 1) throw err;
  await renderBulk(ctx, results, o.idField);
  if (err) throw err;
}

// ---- waiting -----------------------------------------------------------------------

export async function waitForDisks(ctx: Context, api: EcsApi, ids: string[], target: string): Promise<void> {
  await waitForStatus(ctx, {
    ids,
    target,
    kind: 'disk',
    statuses: async (pending) => new Map([...(await disksById(ctx, api, pending)).entries()].map(([id, d]) => [id, String(d.Status)])),
  });
}

export interface ProgressPoll {
  /** 0–100 */
  pct: number;
  done: boolean;
  /** Set when the task failed or was cancelled: the reason. */
  failed?: string;
}

/**
 * Wait for a long task (a snapshot, an image, a copy, an import/export task), showing its
 * percentage: "Creating snapshot s-… 45%" on a terminal; a start line and a done line
 * otherwise; nothing with -q. Timeout → exit 5; Ctrl-C → 130.
 */
export async function waitForProgress(ctx: Context, what: string, poll: () => Promise<ProgressPoll>): Promise<void> {
  const progress = await ctx.progress(what);
  let last = 0;
  try {
    await waitUntil({
      what,
      timeoutMs: ctx.waitTimeoutMs,
      signal: ctx.abort.signal,
      check: async () => {
        const p = await poll();
        if (p.failed) throw new CliError(`${what}: ${p.failed}`, { code: 'TaskFailed' });
        last = p.pct;
        progress.update(`${what} ${p.pct}%`);
        return p.done ? true : undefined;
      },
    });
    progress.succeed(`${what} 100% done`);
  } catch (e) {
    progress.fail(`${what} stopped at ${last}%`);
    throw e;
  }
}

export function pct(v: unknown): number {
  const n = parseInt(String(v ?? '0'), 10);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}

// ---- columns -----------------------------------------------------------------------

export const DISK_SPEC: RenderSpec<Rec> = {
  id: 'DiskId',
  columns: [
    { header: 'disk', get: 'DiskId' },
    { header: 'name', get: 'DiskName' },
    { header: 'type', get: 'Type' },
    { header: 'category', get: 'Category' },
    { header: 'size gib', get: 'Size' },
    { header: 'status', get: 'Status' },
    { header: 'instance', get: 'InstanceId' },
    { header: 'device', get: 'Device' },
    { header: 'zone', get: 'ZoneId' },
  ],
};

export const SNAPSHOT_SPEC: RenderSpec<Rec> = {
  id: 'SnapshotId',
  columns: [
    { header: 'snapshot', get: 'SnapshotId' },
    { header: 'name', get: 'SnapshotName' },
    { header: 'kind', get: 'SnapshotType' },
    { header: 'disk', get: 'SourceDiskId' },
    { header: 'disk type', get: 'SourceDiskType' },
    { header: 'size gib', get: 'SourceDiskSize' },
    { header: 'status', get: 'Status' },
    { header: 'progress', get: 'Progress' },
    { header: 'usage', get: 'Usage' },
    { header: 'created', get: 'CreationTime' },
  ],
};

export const POLICY_SPEC: RenderSpec<Rec> = {
  id: 'AutoSnapshotPolicyId',
  columns: [
    { header: 'policy', get: 'AutoSnapshotPolicyId' },
    { header: 'name', get: 'AutoSnapshotPolicyName' },
    { header: 'hours (utc+8)', get: (p) => listText(p.TimePoints) },
    { header: 'weekdays', get: (p) => listText(p.RepeatWeekdays) },
    { header: 'retention', get: (p) => (p.RetentionDays === -1 ? 'permanent' : `${p.RetentionDays}d`) },
    { header: 'disks', get: 'DiskNums' },
  ],
};

/** '["1","13"]' → "1,13" */
export function listText(v: unknown): string {
  try {
    const a = JSON.parse(String(v));
    return Array.isArray(a) ? a.join(',') : String(v);
  } catch {
    return String(v ?? '');
  }
}
