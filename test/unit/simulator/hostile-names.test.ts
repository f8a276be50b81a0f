// Issue 7 §3.1, every action at once: prototype names in every ID-like parameter of every
// registered action give API errors only (never a TypeError, i.e. a 500 when served), and
// Object.prototype stays clean. New actions are covered as soon as they are registered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import { knownActions, Simulator } from '../../../src/simulator/simulator.js';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const PARAMS = [
  'InstanceId', 'InstanceId.1', 'InstanceIds', 'DiskId', 'DiskIds', 'SnapshotId', 'SnapshotIds', 'ImageId', 'SecurityGroupId', 'SecurityGroupIds.1',
  'KeyPairName', 'KeyPairNames', 'VSwitchId', 'VpcId', 'ZoneId', 'InstanceType', 'InstanceTypeFamily', 'CommandId', 'InvokeId', 'AutoSnapshotPolicyId',
  'ResourceId.1', 'ResourceType', 'Tag.1.Key', 'RamRoleName', 'DestinationResource', 'RenewalStatus', 'Status', 'InstanceName',
];

it('every action × every ID-like parameter × prototype names: API errors only, Object.prototype clean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-hostile-names-'));
  try {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
    const sim = new Simulator({ dir, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
    const run = await sim.dispatch('RunInstances', { RegionId: 'cn-hangzhou', ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large', Password: 'Str0ng#Passw0rd' });
    const id = run.InstanceIdSets.InstanceIdSet[0] as string;
    const actions = knownActions();
    expect(actions.length).toBeGreaterThan(20);
    const crashes: string[] = [];
    for (const action of actions) {
      for (const name of NAMES) {
        for (const param of PARAMS) {
          const value = /Ids$|Names$/.test(param) ? JSON.stringify([name]) : name;
          try {
            // Plausible companions, so that the action gets as far as looking the value up.
            await sim.dispatch(action, { RegionId: 'cn-hangzhou', Type: 'RunShellScript', CommandContent: 'ZWNobyBoaQ==', Name: 'n', Period: '1', NewSize: '100', Size: '40', [param]: value });
          } catch (e) {
            if (!(e instanceof ApiError)) crashes.push(`${action} ${param}=${name}: ${(e as Error).message}`);
          }
        }
      }
    }
    expect(crashes).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(protoBefore);
    expect(({} as Record<string, unknown>).DeletionProtection).toBeUndefined();
    // The symptom of a polluted prototype was that every later DeleteInstances failed.
    await sim.dispatch('DeleteInstances', { RegionId: 'cn-hangzhou', 'InstanceId.1': id, Force: 'true' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
