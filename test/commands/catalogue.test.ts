// ecs region|zone|instance-type|image, in-process (test/helpers/cli.ts) on the test backend.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
});
afterAll(async () => b.cleanup());

const ecs = (args: string[]) => runCli(args, { backend: b });
/** Everything the store keeps on disk, to compare before/after. */
const snapshot = () =>
  existsSync(b.simulatorDir)
    ? readdirSync(b.simulatorDir).filter((f) => !f.includes('.lock')).sort().map((f) => `${f}\n${readFileSync(join(b.simulatorDir, f), 'utf8')}`).join('\n')
    : null;

describe('ecs region list / zone list', () => {
  it('lists regions: table without a terminal is tab-separated, json is the API Region objects', async () => {
    const t = await ecs(['region', 'list']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.split('\n')).toContain('cn-hangzhou\tChina (Hangzhou)\tecs.aliyuncs.com');
    const j = await ecs(['region', 'list', '-o', 'json']);
    const regions = JSON.parse(j.stdout);
    expect(regions.find((r: any) => r.RegionId === 'eu-central-1')).toEqual({ RegionId: 'eu-central-1', LocalName: 'Germany (Frankfurt)', RegionEndpoint: 'ecs.eu-central-1.aliyuncs.com', Status: 'available' });
    const ids = (await ecs(['region', 'list', '-o', 'ids'])).stdout.trim().split('\n');
    for (const r of ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1', 'us-west-1', 'us-east-1', 'eu-central-1']) expect(ids).toContain(r);
  });

  it('lists the zones of --region', async () => {
    const r = await ecs(['zone', 'list', '--region', 'ap-northeast-1', '-o', 'ids']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('ap-northeast-1a\nap-northeast-1b\nap-northeast-1c\n');
    const j = JSON.parse((await ecs(['zone', 'list', '--region', 'cn-hangzhou', '-o', 'json'])).stdout);
    expect(j.find((z: any) => z.ZoneId === 'cn-hangzhou-j').AvailableInstanceTypes.InstanceTypes).toContain('ecs.g8i.large');
  });

  it('an unknown region is one line with the API code, exit 1, nothing stored', async () => {
    const before = snapshot();
    const r = await ecs(['zone', 'list', '--region', 'mars-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('InvalidRegionId.NotFound');
    expect(snapshot()).toBe(before);
  });
});

describe('ecs instance-type list', () => {
  it('filters by family, vCPUs and memory', async () => {
    const r = await ecs(['instance-type', 'list', '--family', 'ecs.g7', '--min-cpu', '8', '--min-memory', '64', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const types = JSON.parse(r.stdout);
    expect(types.map((t: any) => t.InstanceTypeId)).toEqual(['ecs.g7.4xlarge', 'ecs.g7.6xlarge', 'ecs.g7.8xlarge', 'ecs.g7.16xlarge']);
    expect(types[0]).toMatchObject({ InstanceTypeFamily: 'ecs.g7', CpuCoreCount: 16, MemorySize: 64, CpuArchitecture: 'X86' });
    const tsv = await ecs(['instance-type', 'list', '--family', 'ecs.t1']);
    expect(tsv.stdout).toBe('ecs.t1.small\tecs.t1\t1\t1\tX86\t-\tShared\n');
  });

  it('--zone keeps the types that zone offers', async () => {
    const old = (await ecs(['instance-type', 'list', '--zone', 'cn-hangzhou-e', '--region', 'cn-hangzhou', '--min-cpu', '2', '-o', 'ids'])).stdout.split('\n');
    expect(old).toContain('ecs.s2.large');
    expect(old).not.toContain('ecs.g7.large');
  });

  it('bad flag values are usage errors (exit 2)', async () => {
    for (const args of [['--min-cpu', 'two'], ['--min-memory', '-4'], ['--min-cpu', '0']]) {
      const r = await ecs(['instance-type', 'list', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('ecs image list / describe', () => {
  it('filters by OS type, architecture, name pattern and owner', async () => {
    const win = JSON.parse((await ecs(['image', 'list', '--os-type', 'windows', '-o', 'json'])).stdout);
    expect(win.length).toBe(4);
    expect(win.every((i: any) => i.OSType === 'windows' && i.LoginAsNonRootSupported === false)).toBe(true);
    const arm = (await ecs(['image', 'list', '--arch', 'arm64', '--name', 'ubuntu*', '-o', 'ids'])).stdout;
    expect(arm).toBe('ubuntu_22_04_arm64_20G_alibase_20240926.vhd\nubuntu_24_04_arm64_20G_alibase_20240812.vhd\n');
    const mine = await ecs(['image', 'list', '--owner', 'self', '-o', 'json']);
    expect(JSON.parse(mine.stdout)).toEqual([]);
    const all = JSON.parse((await ecs(['image', 'list', '-o', 'json'])).stdout);
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.some((i: any) => i.Architecture === 'i386')).toBe(true);
  });

  it('describes one image; an unknown one is InvalidImageId.NotFound, exit 1', async () => {
    const r = await ecs(['image', 'describe', 'ubuntu_24_04_x64_20G_alibase_20240812.vhd', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ImageId: 'ubuntu_24_04_x64_20G_alibase_20240812.vhd', OSType: 'linux', Platform: 'Ubuntu', Architecture: 'x86_64', ImageOwnerAlias: 'system', Status: 'Available', LoginAsNonRootSupported: true });
    const t = await ecs(['image', 'describe', 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd']);
    expect(t.stdout).toContain('ecs-user login\tnot supported\n');
    const bad = await ecs(['image', 'describe', 'm-doesnotexist']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('InvalidImageId.NotFound');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad filter values before calling anything (exit 2)', async () => {
    const r = await ecs(['image', 'list', '--arch', 'mips']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--arch must be one of x86_64, arm64, i386');
  });
});
