// The storage verbs from the CLI (in-process main(), the embedded simulator or — with
// --project remote — the served one): disk, snapshot, snapshot-policy, image and
// instance replace-system-disk. Exact output, exact codes and exit codes, nothing changed by
// a refusal or a dry run, long tasks' start/done lines without a terminal and silence with -q.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { storeContents } from '../../src/simulator/store.js';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runInProcess, type RunResult } from '../helpers/run.js';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(async () => {
  await b?.cleanup();
});

const ZONE = 'cn-hangzhou-h';
const ecs = (...args: string[]): Promise<RunResult> => runInProcess(args, { env: b.env });
async function ok(...args: string[]): Promise<string> {
  const r = await ecs(...args);
  expect(r.code, `ecs ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}
/** The command must fail with this exit code and one line naming the code; the store is unchanged. */
async function refused(args: string[], exit: number, code: string): Promise<RunResult> {
  const before = storeContents(b.simulatorDir);
  const r = await ecs(...args);
  expect(r.code, `ecs ${args.join(' ')}: ${r.stdout} ${r.stderr}`).toBe(exit);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(code);
  expect(storeContents(b.simulatorDir)).toBe(before);
  return r;
}
async function instance(...extra: string[]): Promise<string> {
  return ok('instance', 'create', '--zone', ZONE, '-q', '-o', 'ids', ...extra);
}

describe('ecs disk', () => {
  test('create, attach, list with filters, detach, delete', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'create', '--zone', ZONE, '--size', '50', '--name', 'data1', '--category', 'cloud_essd', '-o', 'ids');
    expect(disk).toMatch(/^d-bp[a-z0-9]{18}$/);
    const attached = JSON.parse(await ok('disk', 'attach', disk, inst, '-o', 'json'));
    expect(attached).toEqual({ DiskId: disk, InstanceId: inst, Device: '/dev/xvdb', Status: 'In_use' });
    expect(await ok('disk', 'list', '--instance', inst, '--type', 'data', '-o', 'ids')).toBe(disk);
    expect(JSON.parse(await ok('disk', 'list', '--instance', inst, '-o', 'json', '--query', '[].[Type,Device]'))).toEqual([['data', '/dev/xvdb'], ['system', '/dev/xvda']]);
    expect(await ok('disk', 'describe', disk, '-o', 'json', '--query', 'Status')).toBe('"In_use"');
    await refused(['disk', 'delete', disk, '--yes'], 1, 'DiskStillAttached');
    await refused(['disk', 'delete', disk], 2, '--yes');
    await ok('disk', 'detach', disk, '--yes');
    expect(await ok('disk', 'describe', disk, '-o', 'json', '--query', 'Status')).toBe('"Available"');
    expect(await ok('disk', 'delete', disk, '--yes', '-o', 'json')).toBe(JSON.stringify([{ DiskId: disk, Result: 'ok', Status: 'Deleted' }]));
    await refused(['disk', 'describe', disk], 1, 'InvalidDiskId.NotFound');
  });

  test('refusals: sizes, the system disk, cross-zone, growing only; hostile IDs', async () => {
    const inst = await instance();
    await refused(['disk', 'create', '--zone', ZONE, '--category', 'cloud_ssd', '--size', '19'], 1, 'InvalidSize.ValueNotSupported');
    await refused(['disk', 'create', '--zone', ZONE], 2, '--size');
    const sys = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    await refused(['disk', 'detach', sys, '--yes'], 1, 'OperationDenied');
    const other = await ok('disk', 'create', '--zone', 'cn-hangzhou-i', '--size', '20', '-o', 'ids');
    await refused(['disk', 'attach', other, inst], 1, 'InvalidInstanceId.MismatchZone');
    await refused(['disk', 'resize', other, '--size', '20'], 1, 'InvalidDiskSize.TooSmall');
    await ok('disk', 'resize', other, '--size', '30');
    for (const bad of ['__proto__', 'constructor', 'toString']) await refused(['disk', 'describe', bad], 1, 'InvalidDiskId.NotFound');
  });

  test('--dry-run changes nothing and says what would happen', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids');
    const before = storeContents(b.simulatorDir);
    for (const args of [
      ['disk', 'create', '--zone', ZONE, '--size', '20'],
      ['disk', 'attach', disk, inst],
      ['disk', 'resize', disk, '--size', '40'],
      ['disk', 'modify', disk, '--name', 'renamed'],
      ['disk', 'delete', disk, '--yes'],
      ['snapshot-policy', 'create', '--hours', '2'],
      ['image', 'create', '--instance', inst, '--name', 'dry'],
    ]) {
      const r = await ecs(...args, '--dry-run');
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr).toMatch(/would|dry run/);
    }
    expect(storeContents(b.simulatorDir)).toBe(before);
  });
});

describe('ecs snapshot and snapshot-policy', () => {
  test('snapshot create --wait: a start line and a done line without a terminal; silent with -q', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    const r = await ecs('snapshot', 'create', disk, '--name', 'first', '--wait', '-o', 'ids');
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(r.stderr).toBe(`Creating snapshot ${id} of ${disk} ...\nCreating snapshot ${id} of ${disk} 100% done\n`);
    const q = await ecs('snapshot', 'create', disk, '--wait', '-q', '-o', 'ids');
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
    expect(JSON.parse(await ok('snapshot', 'list', '--disk', disk, '-o', 'json', '--query', '[].[SnapshotName,Status,Progress]'))).toEqual([['', 'accomplished', '100%'], ['first', 'accomplished', '100%']]);
    await refused(['snapshot', 'create', disk, '--name', 'auto-x'], 1, 'InvalidSnapshotName.Malformed');
    const img = await ok('image', 'create', '--snapshot', id, '--name', 'from-snap', '-o', 'ids');
    await refused(['snapshot', 'delete', id, '--yes'], 1, 'SnapshotCreatedImage');
    await ok('image', 'delete', img, '--yes');
    await ok('snapshot', 'delete', id, '--yes');
  });

  test('policy: --tz converts to UTC+8 (guide §11.6), apply, list, cancel, delete', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    // UTC+9 Monday 0:00 = UTC+8 Sunday 23:00
    const p = JSON.parse(await ok('snapshot-policy', 'create', '--name', 'tokyo', '--hours', '0', '--days', 'mon', '--tz', '+09:00', '--retention', '7', '-o', 'json'));
    expect(p).toMatchObject({ TimePoints: '["23"]', RepeatWeekdays: '["7"]', RetentionDays: 7 });
    const id = p.AutoSnapshotPolicyId;
    await ok('snapshot-policy', 'apply', id, disk);
    expect(JSON.parse(await ok('snapshot-policy', 'list', '-o', 'json', '--query', '[].[AutoSnapshotPolicyName,DiskNums]'))).toEqual([['tokyo', 1]]);
    expect(await ok('disk', 'list', '--policy', id, '-o', 'ids')).toBe(disk);
    await ok('snapshot-policy', 'modify', id, '--retention', 'forever');
    expect(await ok('snapshot-policy', 'list', '-o', 'json', '--query', '[0].RetentionDays')).toBe('-1');
    await ok('snapshot-policy', 'cancel', disk);
    await refused(['snapshot-policy', 'create', '--hours', '24'], 2, '--hours');
    await refused(['snapshot-policy', 'delete', id], 2, '--yes');
    await ok('snapshot-policy', 'delete', id, '--yes');
    await refused(['snapshot-policy', 'apply', id, disk], 1, 'ParameterInvalid');
  });
});

describe('ecs image and instance replace-system-disk', () => {
  test('create from an instance, share, unshare, copy, delete', async () => {
    const inst = await instance();
    const img = await ok('image', 'create', '--instance', inst, '--name', 'web-v1', '--wait', '-q', '-o', 'ids');
    expect(img).toMatch(/^m-bp/);
    expect(await ok('image', 'list', '--owner', 'self', '-o', 'ids')).toBe(img);
    await ok('image', 'share', img, '2000000000000001');
    await refused(['image', 'delete', img, '--yes', '--force'], 1, 'ImageUseShared');
    await ok('image', 'unshare', img, '2000000000000001', '--yes');
    const copy = JSON.parse(await ok('image', 'copy', img, '--to', 'cn-shanghai', '--wait', '-q', '-o', 'json'));
    expect(copy.RegionId).toBe('cn-shanghai');
    expect(await ok('image', 'describe', copy.ImageId, '--region', 'cn-shanghai', '-o', 'json', '--query', 'Status')).toBe('"Available"');
    await instance('--image', img);
    await refused(['image', 'delete', img, '--yes'], 1, 'ImageUsingByInstance');
    await ok('image', 'delete', img, '--yes', '--force');
  });

  test('import and export are ticket-gated long tasks', async () => {
    await refused(['image', 'import', '--oss', 'my-bucket/centos.raw', '--os-type', 'linux', '--size', '20'], 1, 'UserNotInTheWhiteList');
    await ok('simulator', 'set', 'feature.image-import', 'on');
    await refused(['image', 'import', '--oss', 'my-bucket/centos.raw', '--os-type', 'windows', '--platform', 'Windows Server 2012', '--size', '20'], 1, 'InvalidImageSize');
    const r = await ecs('image', 'import', '--oss', 'my-bucket/centos.raw', '--os-type', 'linux', '--platform', 'CentOS', '--size', '20', '--name', 'imported', '--wait', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(r.stderr).toBe(`Importing my-bucket/centos.raw as ${out.ImageId} ...\nImporting my-bucket/centos.raw as ${out.ImageId} 100% done\n`);
    await refused(['image', 'export', out.ImageId, '--bucket', 'my-bucket'], 1, 'UserNotInTheWhiteList');
  });

  test('replace-system-disk: Stopped only, a new disk ID, asks first', async () => {
    const inst = await instance('--internet-bandwidth', '5');
    const old = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    const image = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd';
    await refused(['instance', 'replace-system-disk', inst, '--image', image, '--yes'], 1, 'IncorrectInstanceStatus');
    await ok('instance', 'stop', inst, '--yes');
    await refused(['instance', 'replace-system-disk', inst, '--image', image], 2, '--yes');
    const r = JSON.parse(await ok('instance', 'replace-system-disk', inst, '--image', image, '--yes', '-o', 'json'));
    expect(r.DiskId).toMatch(/^d-/);
    expect(r.DiskId).not.toBe(old);
    expect(await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids')).toBe(r.DiskId);
    expect(await ok('instance', 'describe', inst, '-o', 'json', '--query', 'ImageId')).toBe(`"${image}"`);
  });
});

describe('completion of storage IDs', () => {
  test('disk, snapshot and policy IDs complete with their names; attach offers Available disks only', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'create', '--zone', ZONE, '--size', '20', '--name', 'mydata', '-o', 'ids');
    const sys = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    const snap = await ok('snapshot', 'create', sys, '--name', 'before', '-o', 'ids');
    const pol = JSON.parse(await ok('snapshot-policy', 'create', '--hours', '2', '--name', 'nightly', '-o', 'json', '--query', 'AutoSnapshotPolicyId'));
    const words = async (...w: string[]) => (await ecs('__complete', '--', ...w, '')).stdout.split('\n').filter((l) => l && !l.startsWith(':'));
    expect(await words('disk', 'describe')).toEqual(expect.arrayContaining([`${disk}\tmydata`, sys]));
    expect(await words('disk', 'attach')).toEqual([`${disk}\tmydata`]);
    expect(await words('snapshot', 'describe')).toEqual([`${snap}\tbefore`]);
    expect(await words('snapshot-policy', 'apply')).toEqual([`${pol}\tnightly`]);
  });
});

describe('the clock runs automatic snapshot policies', () => {
  test('ecs simulator advance makes the time points happen; retention keeps the last days', async () => {
    const inst = await instance();
    const disk = await ok('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
    const pol = JSON.parse(await ok('snapshot-policy', 'create', '--hours', '0,12', '--retention', '2', '-o', 'json', '--query', 'AutoSnapshotPolicyId'));
    await ok('snapshot-policy', 'apply', pol, disk);
    await ok('simulator', 'advance', '5d');
    // Two a day (00:00 and 12:00 UTC+8), each kept for 2 days: the last 48 hours hold exactly 4.
    const autos = JSON.parse(await ok('snapshot', 'list', '--disk', disk, '--kind', 'auto', '-o', 'json'));
    expect(autos).toHaveLength(4);
    for (const s of autos) expect([0, 12]).toContain((new Date(s.CreationTime).getUTCHours() + 8) % 24);
  });
});

describe('image describe of a custom image', () => {
  test('shows its disks and the accounts it is shared with', async () => {
    const inst = await instance('--system-disk-size', '40');
    const img = await ok('image', 'create', '--instance', inst, '--name', 'described', '-o', 'ids');
    await ok('image', 'share', img, '2000000000000001', '2000000000000002');
    const d = JSON.parse(await ok('image', 'describe', img, '-o', 'json'));
    expect(d.SharedWith).toEqual(['2000000000000001', '2000000000000002']);
    const table = await ok('image', 'describe', img);
    expect(table).toMatch(/Shared with\s+2000000000000001, 2000000000000002/);
    expect(table).toMatch(/Disks\s+\/dev\/xvda system 40 GiB s-\w+/);
  });
});

describe('instance create --data-disk', () => {
  test('creates the data disks with the instance; a bad spec is a usage error', async () => {
    const inst = await instance('--data-disk', 'size=100,category=cloud_essd,name=db', '--data-disk', 'size=20,device=/dev/xvdf,keep');
    const disks = JSON.parse(await ok('disk', 'list', '--instance', inst, '--type', 'data', '-o', 'json', '--query', 'sort_by(@, &Device)[].[Device,Size,DiskName,DeleteWithInstance]'));
    expect(disks).toEqual([['/dev/xvdb', 100, 'db', true], ['/dev/xvdf', 20, '', false]]);
    await refused(['instance', 'create', '--zone', ZONE, '--data-disk', 'size=20,device=/dev/sdb'], 2, '--data-disk');
    await refused(['instance', 'create', '--zone', ZONE, '--data-disk', 'category=cloud_ssd'], 2, '--data-disk');
    await refused(['instance', 'create', '--zone', ZONE, '--data-disk', 'size=19,category=cloud_ssd'], 1, 'InvalidDataDiskSize.ValueNotSupported');
  });
});
