// A simulator in a temp dir for the instance unit tests: dispatch with flat params, read
// the state file, move the clock, and assert that a refused request changes nothing.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import { settle, Simulator } from '../../../src/simulator/simulator.js';
import { readStoreState, storeContents } from '../../../src/simulator/store.js';

export const REGION = 'cn-hangzhou';
export const LINUX = 'aliyun_3_x64_20G_alibase_20240819.vhd';
export const CENTOS7 = 'centos_7_9_x64_20G_alibase_20240628.vhd';
export const I386 = 'centos_6_10_32_20G_alibase_20200319.vhd';
export const ARM = 'aliyun_3_arm64_20G_alibase_20240819.vhd';
export const TYPE = 'ecs.g7.large';
export const PASSWORD = 'Str0ng#Passw0rd';

export interface Fixture {
  dir: string;
  sim: Simulator;
  call: (action: string, params?: Record<string, string>) => Promise<Record<string, any>>;
  /** The request must fail with this code (and status), leaving state.json byte-identical. */
  refused: (action: string, params: Record<string, string>, code: string, status?: number) => Promise<ApiError>;
  raw: () => string;
  state: () => Record<string, any>;
  /** Move the simulated clock forward and persist the settled state. */
  advance: (ms: number) => Promise<void>;
  setting: (key: string, value: string) => Promise<void>;
  /** RunInstances with sensible defaults; returns the instance IDs. */
  run: (params?: Record<string, string>) => Promise<string[]>;
  describe: (id: string) => Promise<Record<string, any>>;
  windowsImage: () => string;
  cleanup: () => void;
}

export function fixture(opts: { timeScale?: string } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-inst-'));
  const env = { ECS_SIMULATOR_TIME_SCALE: opts.timeScale ?? '0' };
  const sim = new Simulator({ dir, env, defaultRegion: REGION });
  const raw = () => storeContents(dir);
  const call = (action: string, params: Record<string, string> = {}) => sim.dispatch(action, { RegionId: REGION, ...params });
  const f: Fixture = {
    dir,
    sim,
    call,
    raw,
    state: () => readStoreState(dir),
    async refused(action, params, code, status) {
      const before = raw();
      let err: unknown;
      try {
        await call(action, params);
      } catch (e) {
        err = e;
      }
      expect(err, `${action} should fail with ${code}`).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e.code).toBe(code);
      if (status !== undefined) expect(e.httpStatus).toBe(status);
      expect(raw(), 'state.json must be unchanged after a refused request').toBe(before);
      return e;
    },
    async advance(ms) {
      await sim.store.mutate((s) => {
        s.clockOffsetMs = (s.clockOffsetMs ?? 0) + ms;
        // as `ecs simulator advance` does: the moved clock settles and is persisted
        settle(s, env);
      });
    },
    async setting(key, value) {
      await sim.store.mutate((s) => {
        s.settings[key] = value;
      });
    },
    async run(params = {}) {
      const r = await call('RunInstances', { ImageId: LINUX, InstanceType: TYPE, Password: PASSWORD, ...params });
      return r.InstanceIdSets.InstanceIdSet as string[];
    },
    async describe(id) {
      const r = await call('DescribeInstances', { InstanceIds: JSON.stringify([id]) });
      expect(r.Instances.Instance).toHaveLength(1);
      return r.Instances.Instance[0];
    },
    windowsImage() {
      return 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd';
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return f;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
