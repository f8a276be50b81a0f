// ReplaceSystemDisk and ReInitDisk with KeyPairName (§10.5, §10 re-initialise): the key pair
// is found by name in the instance's region, as RunInstances finds it. An existing key pair is
// accepted and becomes the instance's; an unknown name (prototype keys included) or a key pair
// of another region is InvalidKeyPairName.NotFound and changes nothing.

import { afterEach, describe, expect, test } from 'vitest';
import { fixture, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f?.cleanup());

const ZONE = 'cn-hangzhou-h';
const UBUNTU = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd';

async function stoppedWithKey(): Promise<string> {
  await f.call('CreateKeyPair', { KeyPairName: 'deploy' });
  const [id] = await f.run({ ZoneId: ZONE });
  await f.call('StopInstance', { InstanceId: id! });
  return id!;
}

async function systemDisk(inst: string): Promise<string> {
  return (await f.call('DescribeDisks', { InstanceId: inst, DiskType: 'system' })).Disks.Disk[0].DiskId;
}

describe('KeyPairName on ReplaceSystemDisk and ReInitDisk', () => {
  test('ReplaceSystemDisk: an existing key pair is accepted and becomes the instance key pair', async () => {
    f = fixture();
    const inst = await stoppedWithKey();
    for (const name of ['nosuch', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await f.refused('ReplaceSystemDisk', { InstanceId: inst, ImageId: UBUNTU, KeyPairName: name }, 'InvalidKeyPairName.NotFound', 400);
    }
    const r = await f.call('ReplaceSystemDisk', { InstanceId: inst, ImageId: UBUNTU, KeyPairName: 'deploy' });
    expect(r.DiskId).toMatch(/^d-/);
    expect((await f.describe(inst)).KeyPairName).toBe('deploy');
  });

  test('ReInitDisk: an existing key pair is accepted and becomes the instance key pair', async () => {
    f = fixture();
    const inst = await stoppedWithKey();
    const sys = await systemDisk(inst);
    for (const name of ['nosuch', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await f.refused('ReInitDisk', { DiskId: sys, KeyPairName: name }, 'InvalidKeyPairName.NotFound', 400);
    }
    await f.call('ReInitDisk', { DiskId: sys, KeyPairName: 'deploy' });
    expect((await f.describe(inst)).KeyPairName).toBe('deploy');
  });

  test('a key pair of another region is not found', async () => {
    f = fixture();
    const inst = await stoppedWithKey();
    await f.sim.dispatch('CreateKeyPair', { RegionId: 'cn-shanghai', KeyPairName: 'shanghai-only' });
    await f.refused('ReplaceSystemDisk', { InstanceId: inst, ImageId: UBUNTU, KeyPairName: 'shanghai-only' }, 'InvalidKeyPairName.NotFound', 400);
    await f.refused('ReInitDisk', { DiskId: await systemDisk(inst), KeyPairName: 'shanghai-only' }, 'InvalidKeyPairName.NotFound', 400);
  });
});
