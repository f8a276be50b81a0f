// The storage verbs through the generic builders (in-process, testBackend(): embedded or
// served): the local --dry-run checks of actions without DryRun (dryCheck), the image
// describe enrichment (SharedWith, also for several IDs), change results without RequestId
// and their done line, the bulk report of snapshot-policy cancel, the --tag key filter,
// cancelling an image copy in progress through `image delete` (instead), completion labels.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../../helpers/backend.js';
import { harness, type Harness } from '../instance/helpers.js';

const ZONE = 'cn-hangzhou-h';
let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

const out = (args: string[]) => h.out(args);

describe('dry runs of actions without DryRun check locally (dryCheck)', () => {
  it('disk delete --dry-run of an attached disk: DiskStillAttached, nothing changed', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const d = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    await out(['disk', 'attach', d, inst!]);
    const before = h.state();
    const r = await h.ecs(['disk', 'delete', d, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: The disk is still attached: ${d} is In_use on ${inst}; detach it first \\(DiskStillAttached\\)\\n$`));
    expect(h.state()).toBe(before);
    const avail = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    const ok = await h.ecs(['disk', 'delete', avail, '--dry-run', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([{ DiskId: avail, Result: 'dry run: would delete', Status: 'Available' }]);
  });

  it('snapshot delete --dry-run of a snapshot an image is built on: SnapshotCreatedImage', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const sys = await out(['disk', 'list', '--instance', inst!, '--type', 'system', '-o', 'ids']);
    const snap = await out(['snapshot', 'create', sys, '-o', 'ids']);
    await out(['image', 'create', '--snapshot', snap, '--name', 'on-snap', '-o', 'ids']);
    const before = h.state();
    const r = await h.ecs(['snapshot', 'delete', snap, '--dry-run']);
    expect([r.code, r.stderr]).toEqual([1, `error: The snapshot has been used to create user defined image(s): ${snap}; delete the image first (SnapshotCreatedImage)\n`]);
    expect(h.state()).toBe(before);
  });
});

describe('results of changes', () => {
  it('disk attach: the record without RequestId (-o json), one done line on stderr (table)', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const d = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    const r = await h.ecs(['disk', 'attach', d, inst!]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', `${d}: attached to ${inst} as /dev/xvdb\n`]);
    const dry = await h.ecs(['disk', 'detach', d, '--dry-run', '-o', 'json']);
    expect(JSON.parse(dry.stdout)).toEqual({ DiskId: d, InstanceId: inst, DryRun: true, Action: 'DetachDisk' });
    expect(JSON.parse(await out(['disk', 'detach', d, '--yes', '-o', 'json']))).toEqual({ DiskId: d, InstanceId: inst, Status: 'Available' });
    expect(JSON.parse(await out(['disk', 'modify', d, '--name', 'renamed', '--no-delete-with-instance', '-o', 'json']))).toEqual({ DiskId: d, DiskName: 'renamed', DeleteWithInstance: false });
  });

  it('snapshot-policy cancel reports one row per disk; an unknown disk is InvalidDiskId.NotFound', async () => {
    const d1 = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    const d2 = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    const pol = JSON.parse(await out(['snapshot-policy', 'create', '--hours', '1', '-o', 'json', '--query', 'AutoSnapshotPolicyId']));
    await out(['snapshot-policy', 'apply', pol, d1, d2]);
    expect((await out(['disk', 'list', '--policy', pol, '-o', 'ids'])).split('\n').sort()).toEqual([d1, d2].sort());
    expect(JSON.parse(await out(['snapshot-policy', 'cancel', d1, d2, '-o', 'json']))).toEqual([
      { DiskId: d1, Result: 'ok', Status: 'Available' },
      { DiskId: d2, Result: 'ok', Status: 'Available' },
    ]);
    expect(await out(['disk', 'list', '--policy', pol, '-o', 'ids'])).toBe('');
    const before = h.state();
    const bad = await h.ecs(['snapshot-policy', 'apply', pol, 'd-nosuchdisk0000000000']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/^error: disk d-nosuchdisk0000000000 does not exist in region cn-hangzhou \(InvalidDiskId\.NotFound\)\n$/)]);
    expect(h.state()).toBe(before);
  });
});

describe('lists and describes', () => {
  it('disk and snapshot-policy list --tag KEY match any value; describe several IDs; hostile IDs are unknown IDs', async () => {
    const tagged = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '--tag', 'team=storage', '-o', 'ids']);
    await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    expect(await out(['disk', 'list', '--tag', 'team', '-o', 'ids'])).toBe(tagged);
    expect(await out(['disk', 'list', '--tag', 'team=other', '-o', 'ids'])).toBe('');
    const other = await out(['disk', 'create', '--zone', ZONE, '--size', '30', '-o', 'ids']);
    expect(JSON.parse(await out(['disk', 'describe', tagged, other, '-o', 'json', '--query', '[].Size']))).toEqual([20, 30]);
    const pol = JSON.parse(await out(['snapshot-policy', 'create', '--hours', '5', '--tag', 'tier=gold', '-o', 'json', '--query', 'AutoSnapshotPolicyId']));
    await out(['snapshot-policy', 'create', '--hours', '6', '-o', 'ids']);
    expect(await out(['snapshot-policy', 'list', '--tag', 'tier', '-o', 'ids'])).toBe(pol);
    expect(await out(['snapshot-policy', 'list', '--tag', 'tier=silver', '-o', 'ids'])).toBe('');
    for (const bad of ['__proto__', 'hasOwnProperty', 'prototype']) {
      const r = await h.ecs(['snapshot', 'describe', bad]);
      expect([r.code, r.stderr]).toEqual([1, `error: snapshot ${bad} does not exist in region cn-hangzhou (InvalidSnapshotId.NotFound)\n`]);
    }
  });

  it('image describe of several images: SharedWith for your own only', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const img = await out(['image', 'create', '--instance', inst!, '--name', 'two', '-o', 'ids']);
    await out(['image', 'share', img, '2000000000000009']);
    const pub = 'ubuntu_24_04_x64_20G_alibase_20240812.vhd';
    const both = JSON.parse(await out(['image', 'describe', img, pub, '-o', 'json']));
    expect(both.map((i: any) => [i.ImageId, i.SharedWith])).toEqual([[img, ['2000000000000009']], [pub, undefined]]);
    const table = await out(['image', 'describe', pub]);
    expect(table).not.toMatch(/Shared with/);
  });
});

describe('image delete of a copy in progress cancels the copy', () => {
  it('CancelCopyImage instead of DeleteImage; the copy is gone', async () => {
    const b = await testBackend({ timeScale: '1' });
    const slow = await harness(b);
    try {
      const run = async (args: string[]) => {
        const r = await slow.ecs(args);
        expect(r.code, `ecs ${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r.stdout.trim();
      };
      const [inst] = await slow.create(['--zone', ZONE]);
      await run(['simulator', 'advance', '1h']);
      const img = await run(['image', 'create', '--instance', inst!, '-o', 'ids']);
      await run(['simulator', 'advance', '2d']);
      expect(JSON.parse(await run(['image', 'describe', img, '-o', 'json', '--query', 'Status']))).toBe('Available');
      const copy = JSON.parse(await run(['image', 'copy', img, '--to', 'cn-shanghai', '-o', 'json'])).ImageId;
      expect(JSON.parse(await run(['image', 'describe', copy, '--region', 'cn-shanghai', '-o', 'json', '--query', 'Status']))).toBe('Creating');
      const dry = JSON.parse(await run(['image', 'delete', copy, '--region', 'cn-shanghai', '--dry-run', '-o', 'json']));
      expect(dry).toEqual([{ ImageId: copy, Result: 'dry run: would cancel the copy' }]);
      const r = JSON.parse(await run(['image', 'delete', copy, '--region', 'cn-shanghai', '--yes', '-o', 'json']));
      expect(r).toEqual([{ ImageId: copy, Result: 'copy cancelled', Status: 'Deleted' }]);
    } finally {
      await slow.cleanup();
    }
  });
});

describe('completion from the descriptors', () => {
  it('snapshot-policy apply completes policies, then disks; disk detach offers In_use disks', async () => {
    const [inst] = await h.create(['--zone', ZONE, '--name', 'compl']);
    const d = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '--name', 'cdisk', '-o', 'ids']);
    const pol = JSON.parse(await out(['snapshot-policy', 'create', '--hours', '4', '--name', 'cpol', '-o', 'json', '--query', 'AutoSnapshotPolicyId']));
    const words = async (...w: string[]) => (await h.ecs(['__complete', '--', ...w, ''])).stdout.split('\n').filter((l) => l && !l.startsWith(':'));
    // Over the wire, candidates are cached for minutes; a full `list` refreshes the cache.
    const refresh = () => out(['disk', 'list', '-o', 'ids']);
    await refresh();
    expect(await words('snapshot-policy', 'apply')).toContain(`${pol}\tcpol`);
    expect(await words('snapshot-policy', 'apply', pol)).toContain(`${d}\tcdisk`);
    await out(['disk', 'attach', d, inst!]);
    await refresh();
    const detach = await words('disk', 'detach');
    expect(detach).toContain(`${d}\tcdisk`);
    expect(await words('disk', 'attach')).not.toContain(`${d}\tcdisk`);
  });
});
