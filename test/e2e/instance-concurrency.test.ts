// Reliability: 8 `ecs instance create` processes at a time, 25 each, against one store →
// exactly 200 instances with unique IDs (the store's exclusive lock serialises writers;
// nothing is lost or duplicated). Then the same with 8 parallel --amount 25 creates.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.js';
import { harness, type Harness } from '../commands/instance/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

describe('parallel creates against one store', () => {
  it('8 workers × 25 sequential `ecs instance create` processes → exactly 200 unique instances', async () => {
    const worker = async (w: number) => {
      const ids: string[] = [];
      for (let n = 0; n < 25; n++) {
        const r = await h.spawn(['instance', 'create', '--name', `w${w}-${n}`, '-o', 'ids'], { timeoutMs: 120_000 });
        expect(r.code, r.stderr).toBe(0);
        ids.push(...r.stdout.trim().split('\n'));
      }
      return ids;
    };
    const ids = (await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)))).flat();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const listed = await h.json(['instance', 'list']);
    expect(listed).toHaveLength(200);
    expect(new Set(listed.map((i: any) => i.InstanceId))).toEqual(new Set(ids));
    const names = new Set(listed.map((i: any) => i.InstanceName));
    expect(names.size).toBe(200);
    // Private IPs come from the same vSwitch pool: no address handed out twice.
    const ips = listed.map((i: any) => `${i.VpcAttributes.VSwitchId}/${i.VpcAttributes.PrivateIpAddress.IpAddress[0]}`);
    expect(new Set(ips).size).toBe(200);
  }, 300_000);

  it('8 parallel `--amount 25` creates → 200 more, all unique', async () => {
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, w) => h.spawn(['instance', 'create', '--amount', '25', '--name', `bulk${w}-[1,2]`, '-o', 'ids'], { timeoutMs: 120_000 })),
    );
    const ids = runs.flatMap((r) => {
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trim().split('\n');
    });
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(await h.json(['instance', 'list'])).toHaveLength(400);
  }, 300_000);
});
