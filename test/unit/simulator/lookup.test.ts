// The lookup API (src/simulator/lookup.ts) over the store's index declarations
// (src/simulator/indexes.ts) on plain states, as the handlers use it: answers in collection
// order, hostile keys and IDs, due times equal to the settler's, a record changed inside a
// mutation moving between keys. Then handlers that now answer by lookup, against what a scan
// gives: by-ID describes in collection order, invocations by instance.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChangeTracker } from '../../../src/simulator/journal.js';
import { countBy, countsBy, dueIds, idsBy, keyList, LAZY, recordsBy, type IndexDef, type LazyLookups } from '../../../src/simulator/lookup.js';
import {
  DATA_DISK_BY_CHARGE, DISK_BY_INSTANCE, INSTANCE_BY_IMAGE, INSTANCE_BY_IP, INSTANCE_BY_KEYPAIR, INSTANCE_BY_SG, INSTANCE_BY_VSWITCH, INSTANCE_DUE,
  INVOCATION_BY_INSTANCE, POSTPAID_BY_ZONE_TYPE, SNAPSHOT_BY_DISK, SNAPSHOT_BY_INSTANCE,
} from '../../../src/simulator/indexes.js';
import { EXPIRY_RELEASE_MS, EXPIRY_STOP_MS, nextHalfHour, recordsByIds } from '../../../src/simulator/actions/instances/model.js';
import { emptyState, type SimState } from '../../../src/simulator/state.js';
import { allocateIps } from '../../../src/simulator/actions/instances/network.js';
import { settleInstances } from '../../../src/simulator/actions/instances/settle.js';
import { ApiError } from '../../../src/core/errors.js';
import { fixture, type Fixture } from './instances-fixture.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 4, 0, 0);

/**
 * A plain state as JSON.parse makes it (so "__proto__" can be an own record ID and key):
 * instances in the order i-3, constructor, __proto__, i-1, toString-less i-2.
 */
function state(): SimState {
  const s = emptyState(new Date(T0)) as SimState;
  const json = JSON.stringify({
    instances: {
      'i-3': { id: 'i-3', zone: 'cn-hangzhou-h', type: 'ecs.g7.large', vsw: 'vsw-a', ip: '10.0.0.5', sg: ['sg-a', 'constructor'], charge: 'PostPaid', image: 'img-1', kp: 'kp1', status: 'Running' },
      constructor: { id: 'constructor', zone: 'cn-hangzhou-h', type: 'ecs.g7.large', vsw: '__proto__', ip: '10.0.0.6', sg: ['sg-a'], charge: 'PostPaid', image: 'img-1', status: 'Running', pend: { kpWas: 'kp1' }, kp: 'kp2' },
      ['__proto__']: { id: '__proto__', zone: 'cn-shanghai-b', type: 'ecs.g7.xlarge', vsw: '__proto__', ip: '10.0.0.7', sg: ['__proto__'], charge: 'PrePaid', image: 'img-2', status: 'Stopped' },
      'i-1': { id: 'i-1', zone: 'cn-hangzhou-h', type: 'ecs.g7.xlarge', vsw: 'vsw-a', ip: '10.0.0.8', sg: ['constructor'], charge: 'PostPaid', image: '__proto__', kp: 'toString', status: 'Running' },
      'i-2': { id: 'i-2', sg: ['sg-a'], charge: 'PostPaid', status: 'Running' },
    },
    disks: {
      'd-1': { id: 'd-1', inst: 'i-1', type: 'system', status: 'In_use' },
      'd-2': { id: 'd-2', inst: 'constructor', type: 'data', status: 'In_use' },
      'd-3': { id: 'd-3', inst: 'i-1', type: 'data', charge: 'PrePaid', status: 'In_use' },
      'd-4': { id: 'd-4', type: 'data', status: 'Available' },
      'd-5': { id: 'd-5', type: 'data', charge: 5, status: 'Available' },
      'd-6': { id: 'd-6', inst: '__proto__', type: 'system', status: 'In_use' },
    },
    snapshots: {
      's-1': { id: 's-1', disk: 'd-1', inst: 'i-1' },
      's-2': { id: 's-2', disk: 'd-gone', inst: 'i-1' },
      's-3': { id: 's-3', disk: 'd-1' },
      's-4': { id: 's-4', disk: 'd-gone', inst: 'constructor' },
    },
    invocations: {
      't-1': { id: 't-1', inst: [{ id: 'i-1' }, { id: 'i-3' }, { id: 'i-1' }] },
      't-2': { id: 't-2', inst: [{ id: 'constructor' }] },
      't-3': { id: 't-3', inst: 'not a list' },
      't-4': { id: 't-4', inst: [{ id: 'i-3' }, null, { id: 7 }] },
    },
  });
  Object.assign(s, JSON.parse(json));
  return s;
}

describe('lookups on a plain state', () => {
  test('idsBy answers in collection order, hostile keys and IDs included', () => {
    const s = state();
    expect(Object.keys(s.instances)).toEqual(['i-3', 'constructor', '__proto__', 'i-1', 'i-2']);
    expect(idsBy(s, INSTANCE_BY_SG, 'sg-a')).toEqual(['i-3', 'constructor', 'i-2']);
    expect(idsBy(s, INSTANCE_BY_SG, 'constructor')).toEqual(['i-3', 'i-1']);
    expect(idsBy(s, INSTANCE_BY_SG, '__proto__')).toEqual(['__proto__']);
    expect(idsBy(s, INSTANCE_BY_SG, 'toString')).toEqual([]);
    expect(idsBy(s, INSTANCE_BY_VSWITCH, '__proto__')).toEqual(['constructor', '__proto__']);
    expect(idsBy(s, INSTANCE_BY_VSWITCH, 'vsw-a')).toEqual(['i-3', 'i-1']);
    expect(idsBy(s, INSTANCE_BY_VSWITCH, 'hasOwnProperty')).toEqual([]);
    expect(idsBy(s, INSTANCE_BY_IP, '__proto__|10.0.0.7')).toEqual(['__proto__']);
    expect(idsBy(s, INSTANCE_BY_IP, 'vsw-a|10.0.0.7')).toEqual([]);
    expect(idsBy(s, INSTANCE_BY_IMAGE, '__proto__')).toEqual(['i-1']);
    expect(idsBy(s, INSTANCE_BY_IMAGE, 'img-1')).toEqual(['i-3', 'constructor']);
    // the bound key pair, and the one still in effect until a restart
    expect(idsBy(s, INSTANCE_BY_KEYPAIR, 'kp1')).toEqual(['i-3', 'constructor']);
    expect(idsBy(s, INSTANCE_BY_KEYPAIR, 'kp2')).toEqual(['constructor']);
    expect(idsBy(s, INSTANCE_BY_KEYPAIR, 'toString')).toEqual(['i-1']);
    expect(idsBy(s, DISK_BY_INSTANCE, 'i-1')).toEqual(['d-1', 'd-3']);
    expect(idsBy(s, DISK_BY_INSTANCE, '__proto__')).toEqual(['d-6']);
    expect(idsBy(s, DISK_BY_INSTANCE, 'constructor')).toEqual(['d-2']);
    expect(idsBy(s, SNAPSHOT_BY_DISK, 'd-gone')).toEqual(['s-2', 's-4']);
    expect(idsBy(s, SNAPSHOT_BY_INSTANCE, 'i-1')).toEqual(['s-1', 's-2']);
    expect(idsBy(s, SNAPSHOT_BY_INSTANCE, 'constructor')).toEqual(['s-4']);
    expect(idsBy(s, INVOCATION_BY_INSTANCE, 'i-3')).toEqual(['t-1', 't-4']);
    expect(idsBy(s, INVOCATION_BY_INSTANCE, 'constructor')).toEqual(['t-2']);
    expect(idsBy(s, INVOCATION_BY_INSTANCE, '7')).toEqual([]);
  });

  test('recordsBy gives the records themselves; countBy counts each record once', () => {
    const s = state();
    const recs = recordsBy(s, DISK_BY_INSTANCE, 'i-1');
    expect(recs).toHaveLength(2);
    expect(recs[0]).toBe(s.disks['d-1']);
    expect(recs[1]).toBe(s.disks['d-3']);
    expect(recordsBy(s, INSTANCE_BY_SG, '__proto__')[0]).toBe(Object.getOwnPropertyDescriptor(s.instances, '__proto__')!.value);
    expect(countBy(s, INSTANCE_BY_SG, 'sg-a')).toBe(3);
    expect(countBy(s, INSTANCE_BY_SG, 'constructor')).toBe(2);
    expect(countBy(s, INSTANCE_BY_VSWITCH, '__proto__')).toBe(2);
    expect(countBy(s, INSTANCE_BY_VSWITCH, 'constructor')).toBe(0);
    expect(countBy(s, INVOCATION_BY_INSTANCE, 'i-1')).toBe(1); // t-1 names i-1 twice
    expect(countBy(s, INSTANCE_BY_SG, 'valueOf')).toBe(0);
    // Object.prototype is untouched by the hostile IDs
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });

  test('countsBy: pay-as-you-go instances by zone and type (a missing zone or type is ""), data disks by charge', () => {
    const s = state();
    expect([...countsBy(s, POSTPAID_BY_ZONE_TYPE)]).toEqual([
      ['cn-hangzhou-h|ecs.g7.large', 2],
      ['cn-hangzhou-h|ecs.g7.xlarge', 1],
      ['|', 1],
    ]);
    expect([...countsBy(s, DATA_DISK_BY_CHARGE)]).toEqual([
      ['PostPaid', 2],
      ['PrePaid', 1],
      ['', 1],
    ]);
    expect([...countsBy(s, INSTANCE_BY_VSWITCH)]).toEqual([
      ['vsw-a', 2],
      ['__proto__', 2],
    ]);
  });

  test('dueIds: the settler’s own times (queued step, renewal at expiry, stop at +15 d, release at +30 d, auto-release at the half hour)', () => {
    const exp = T0;
    const s = emptyState(new Date(T0)) as SimState;
    s.instances = JSON.parse(JSON.stringify({
      q: { id: 'q', charge: 'PostPaid', q: [[T0 + 5000, 'Running']] },
      renew: { id: 'renew', charge: 'PrePaid', exp, ar: { d: 1, u: 'Month' } },
      plain: { id: 'plain', charge: 'PrePaid', exp },
      locked: { id: 'locked', charge: 'PrePaid', exp, lock: 'financial', ar: { d: 1, u: 'Month' } },
      ['__proto__']: { id: '__proto__', charge: 'PostPaid', rel: T0 + 60_000 },
      postpaidExp: { id: 'postpaidExp', charge: 'PostPaid', exp },
      idle: { id: 'idle', charge: 'PostPaid' },
    }));
    const at = (id: string) => INSTANCE_DUE.at(Object.getOwnPropertyDescriptor(s.instances, id)!.value);
    expect(at('q')).toBe(T0 + 5000);
    expect(at('renew')).toBe(exp);
    expect(at('plain')).toBe(exp + EXPIRY_STOP_MS);
    expect(EXPIRY_STOP_MS).toBe(15 * DAY);
    expect(at('locked')).toBe(exp + EXPIRY_RELEASE_MS);
    expect(EXPIRY_RELEASE_MS).toBe(30 * DAY);
    expect(at('__proto__')).toBe(nextHalfHour(T0 + 60_000));
    expect(at('__proto__')).toBe(T0 + 30 * 60_000);
    expect(at('postpaidExp')).toBeUndefined();
    expect(at('idle')).toBeUndefined();

    expect(dueIds(s, INSTANCE_DUE, T0 - 1)).toEqual([]);
    expect(dueIds(s, INSTANCE_DUE, T0)).toEqual(['renew']);
    expect(dueIds(s, INSTANCE_DUE, T0 + 5000)).toEqual(['q', 'renew']);
    expect(dueIds(s, INSTANCE_DUE, T0 + 30 * 60_000 - 1)).toEqual(['q', 'renew']);
    expect(dueIds(s, INSTANCE_DUE, T0 + 30 * 60_000)).toEqual(['q', 'renew', '__proto__']);
    expect(dueIds(s, INSTANCE_DUE, exp + 15 * DAY - 1)).toEqual(['q', 'renew', '__proto__']);
    expect(dueIds(s, INSTANCE_DUE, exp + 15 * DAY)).toEqual(['q', 'renew', 'plain', '__proto__']);
    expect(dueIds(s, INSTANCE_DUE, exp + 30 * DAY)).toEqual(['q', 'renew', 'plain', 'locked', '__proto__']);
  });

  test('inside a mutation: records come back tracked, and a changed record moves between keys', () => {
    const s = state();
    const tracker = new ChangeTracker(s);
    const p = tracker.proxy;
    const [d1] = recordsBy(p, DISK_BY_INSTANCE, 'i-1');
    expect(d1.id).toBe('d-1');
    d1.inst = 'constructor';
    expect(idsBy(p, DISK_BY_INSTANCE, 'i-1')).toEqual(['d-3']);
    expect(idsBy(p, DISK_BY_INSTANCE, 'constructor')).toEqual(['d-1', 'd-2']);
    const [r] = recordsBy(p, INSTANCE_BY_VSWITCH, 'vsw-a');
    r.sg = [...r.sg, '__proto__'];
    r.charge = 'PrePaid';
    expect(idsBy(p, INSTANCE_BY_SG, '__proto__')).toEqual(['i-3', '__proto__']);
    expect(countsBy(p, POSTPAID_BY_ZONE_TYPE).get('cn-hangzhou-h|ecs.g7.large')).toBe(1);
    expect(tracker.entry()?.s?.map(([c, id]) => `${c}.${id}`).sort()).toEqual(['disks.d-1', 'instances.i-3']);
    expect(s.disks['d-1']!.inst).toBe('constructor');
  });

  test('recordsByIds: only the named records, each once, in collection order', () => {
    const s = state();
    const ids = (list: string[]) => recordsByIds<{ id: string }>(s, 'instances', list).map((r) => r.id);
    expect(ids(['i-1', 'i-2', '__proto__', 'constructor', 'i-3', 'i-1'])).toEqual(['i-3', 'constructor', '__proto__', 'i-1', 'i-2']);
    expect(ids(['i-1', 'toString', 'hasOwnProperty', 'prototype', 'nope'])).toEqual(['i-1']);
    expect(ids(['toString'])).toEqual([]);
    expect(ids([])).toEqual([]);
    const plain = emptyState(new Date(T0)) as SimState;
    expect(recordsByIds(plain, 'instances', ['__proto__', 'constructor'])).toEqual([]);
    expect(recordsByIds(plain, 'no-such-collection', ['x'])).toEqual([]);
  });
});

describe('settleInstances: only the due instances', () => {
  const mk = () => {
    const s = emptyState(new Date(T0)) as SimState;
    s.rev = 'r1';
    s.instances = {
      a: { id: 'a', charge: 'PostPaid', status: 'Starting', q: [[T0 + 5000, 'Running']], sg: [] },
      b: { id: 'b', charge: 'PostPaid', status: 'Stopping', q: [[T0 + 9000, 'Stopped']], sg: [] },
      c: { id: 'c', charge: 'PrePaid', status: 'Running', exp: T0 - 15 * DAY, sg: [] },
    };
    return s;
  };
  const status = (s: SimState) => Object.values(s.instances).map((r: any) => `${r.id}:${r.status}${r.lock ? '/locked' : ''}`);

  test('a plain state: each step at its time, the expired subscription stopped at +15 days', () => {
    const s = mk();
    settleInstances(s, new Date(T0 - 1));
    expect(status(s)).toEqual(['a:Starting', 'b:Stopping', 'c:Running']);
    settleInstances(s, new Date(T0 + 4999));
    expect(status(s)).toEqual(['a:Starting', 'b:Stopping', 'c:Stopped/locked']);
    settleInstances(s, new Date(T0 + 5000));
    expect(status(s)).toEqual(['a:Running', 'b:Stopping', 'c:Stopped/locked']);
    settleInstances(s, new Date(T0 + 9000));
    expect(status(s)).toEqual(['a:Running', 'b:Stopped', 'c:Stopped/locked']);
    expect((s.instances.a as any).q).toBeUndefined();
    // The next work (c's release at +30 days) is remembered for this revision: a change made
    // without a write (same rev) is not looked at; after a write (new rev) it is.
    (s.instances.a as any).status = 'Stopping';
    (s.instances.a as any).q = [[T0 + 10_000, 'Stopped']];
    settleInstances(s, new Date(T0 + 10_000));
    expect(status(s)).toEqual(['a:Stopping', 'b:Stopped', 'c:Stopped/locked']);
    s.rev = 'r2';
    settleInstances(s, new Date(T0 + 10_000));
    expect(status(s)).toEqual(['a:Stopped', 'b:Stopped', 'c:Stopped/locked']);
    settleInstances(s, new Date(T0 + 15 * DAY));
    expect(status(s)).toEqual(['a:Stopped', 'b:Stopped']);
  });

  test('an indexed state: the instances dueIds names, and no other', () => {
    const s = mk();
    const asked: number[] = [];
    const lazy: LazyLookups = {
      idsBy: () => [],
      countBy: () => 0,
      countsBy: () => new Map(),
      dueIds: (def, nowMs) => (def === INSTANCE_DUE ? (asked.push(nowMs), ['b']) : []),
      inOrder: (ids) => Object.keys(s.instances).filter((id) => ids.includes(id)),
      values: () => Object.values(s.instances),
    };
    Object.defineProperty(s.instances, LAZY, { value: lazy, enumerable: false });
    settleInstances(s, new Date(T0 + 9000));
    expect(asked).toEqual([T0 + 9000]);
    expect(status(s)).toEqual(['a:Starting', 'b:Stopped', 'c:Running']);
  });
});

describe('allocateIps: the lowest free addresses of a vSwitch', () => {
  /** Instances in `vsw` holding 10.0.0.<n> for each n, in that order. */
  function withIps(vsw: string, last: number[]): SimState {
    const s = emptyState(new Date(T0)) as SimState;
    s.instances = JSON.parse(JSON.stringify(Object.fromEntries(last.map((n, i) => [`i-${i}`, { id: `i-${i}`, vsw, ip: `10.0.0.${n}`, sg: [] }]))));
    s.instances['i-other'] = { id: 'i-other', vsw: 'vsw-other', ip: '10.0.0.3', sg: [] };
    return s;
  }
  /** An indexed collection, as the lazy store exposes one: answers by a scan, counting IP lookups. */
  function indexed(s: SimState): { ipLookups: number } {
    const seen = { ipLookups: 0 };
    const coll = s.instances as Record<string, unknown>;
    const ids = (def: IndexDef, key: string) => Object.keys(coll).filter((id) => keyList(def, coll[id]).includes(key));
    const lazy: LazyLookups = {
      idsBy: ids,
      countBy: (def, key) => {
        if (def === INSTANCE_BY_IP) seen.ipLookups++;
        return ids(def, key).length;
      },
      countsBy: () => new Map(),
      dueIds: () => [],
      inOrder: (want) => Object.keys(coll).filter((id) => want.includes(id)),
      values: () => Object.values(coll),
    };
    Object.defineProperty(coll, LAZY, { value: lazy, enumerable: false });
    return seen;
  }
  const many = [1, 2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

  test('plain and indexed states give the same addresses; hostile vSwitch names', () => {
    for (const index of [false, true]) {
      const at = (vsw: string, last: number[], n: number) => {
        const s = withIps(vsw, last);
        if (index) indexed(s);
        return allocateIps(s, vsw, '10.0.0.0/24', n);
      };
      expect(at('vsw-a', [1, 2, 4], 3)).toEqual(['10.0.0.3', '10.0.0.5', '10.0.0.6']);
      expect(at('__proto__', [2], 2)).toEqual(['10.0.0.1', '10.0.0.3']);
      expect(at('constructor', [], 1)).toEqual(['10.0.0.1']);
      expect(at('toString', [1], 1)).toEqual(['10.0.0.2']);
    }
  });

  test('a plain state reads the vSwitch once; an indexed one is asked until every instance is met', () => {
    expect(allocateIps(withIps('vsw-a', many), 'vsw-a', '10.0.0.0/24', 3)).toEqual(['10.0.0.5', '10.0.0.7', '10.0.0.21']);
    const s = withIps('vsw-a', many);
    const seen = indexed(s);
    expect(allocateIps(s, 'vsw-a', '10.0.0.0/24', 3)).toEqual(['10.0.0.5', '10.0.0.7', '10.0.0.21']);
    expect(seen.ipLookups).toBe(20); // .1 to .20; .21 needs no lookup
  });

  test('a full vSwitch is QuotaExceeded.PrivateIpAddress (a /28 has 12 usable addresses)', () => {
    const full = withIps('vsw-a', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(allocateIps(withIps('vsw-a', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'vsw-a', '10.0.0.0/28', 1)).toEqual(['10.0.0.12']);
    let err: unknown;
    try {
      allocateIps(full, 'vsw-a', '10.0.0.0/28', 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('QuotaExceeded.PrivateIpAddress');
  });
});

/**
 * Give a loaded state's large collections the lookups a lazily loaded store exposes (LAZY),
 * answered here by a scan, noting which indexes were asked: the handlers then take their
 * indexed paths.
 */
function withScanIndex(st: SimState, asked: Set<string>): SimState {
  for (const name of ['instances', 'disks', 'snapshots', 'invocations']) {
    const coll = (st as Record<string, any>)[name];
    if (!coll) continue;
    const real = coll[LAZY] as (LazyLookups & Record<string, unknown>) | undefined;
    if (real) {
      // Loaded through the store's index: note which indexes its lookups are asked.
      if (real.noted) continue;
      for (const m of ['idsBy', 'countBy', 'countsBy', 'dueIds'] as const) {
        const orig = real[m] as (def: { name: string }, ...rest: unknown[]) => unknown;
        real[m] = ((def: { name: string }, ...rest: unknown[]) => (asked.add(def.name), orig.call(real, def, ...rest))) as never;
      }
      real.noted = true;
      continue;
    }
    if (Object.getOwnPropertyDescriptor(coll, LAZY)) continue;
    const ids = (def: IndexDef, key: string) => Object.keys(coll).filter((id) => keyList(def, coll[id]).includes(key));
    const lazy: LazyLookups = {
      idsBy: (def, key) => (asked.add(def.name), ids(def, key)),
      countBy: (def, key) => (asked.add(def.name), ids(def, key).length),
      countsBy: (def) => {
        asked.add(def.name);
        const m = new Map<string, number>();
        for (const id of Object.keys(coll)) for (const k of keyList(def, coll[id])) m.set(k, (m.get(k) ?? 0) + 1);
        return m;
      },
      dueIds: (def, nowMs) => (asked.add(def.name), Object.keys(coll).filter((id) => (def.at(coll[id]) ?? Infinity) <= nowMs)),
      inOrder: (want) => Object.keys(coll).filter((id) => want.includes(id)),
      values: () => Object.values(coll),
    };
    Object.defineProperty(coll, LAZY, { value: lazy, enumerable: false, configurable: true });
  }
  return st;
}

describe('handlers answer by lookup as a scan did', () => {
  let f: Fixture;
  let a: string[];
  let b: string;
  beforeAll(async () => {
    f = fixture();
    a = await f.run({ Amount: '3' });
    [b] = (await f.run({})) as [string];
  });
  afterAll(() => f.cleanup());

  test('DescribeInstances and DescribeInstanceStatus by ID: newest first whatever the order asked, each once', async () => {
    const order = Object.keys(f.state().instances);
    expect(order).toEqual([...a, b]);
    const asked = JSON.stringify([a[0], b, a[2], 'i-none', 'constructor', a[0], a[1]]);
    const r = await f.call('DescribeInstances', { InstanceIds: asked });
    expect(r.Instances.Instance.map((i: any) => i.InstanceId)).toEqual([b, a[2], a[1], a[0]]);
    expect(r.TotalCount).toBe(4);
    const st = await f.call('DescribeInstanceStatus', { 'InstanceId.1': a[1]!, 'InstanceId.2': b, 'InstanceId.3': '__proto__', 'InstanceId.4': a[0]! });
    expect(st.InstanceStatuses.InstanceStatus.map((i: any) => i.InstanceId)).toEqual([b, a[1], a[0]]);
  });

  test('the system disk, the disks of an instance, DescribeDisks by InstanceId', async () => {
    const d = await f.call('DescribeDisks', { InstanceId: a[1]! });
    expect(d.TotalCount).toBe(1);
    expect(d.Disks.Disk[0]).toMatchObject({ InstanceId: a[1], Type: 'system' });
    expect((await f.call('DescribeDisks', { InstanceId: 'constructor' })).TotalCount).toBe(0);
    expect((await f.call('DescribeDisks', { InstanceId: '__proto__' })).TotalCount).toBe(0);
  });

  test('RunCommand: DescribeInvocations and DescribeInvocationResults by InstanceId, DescribeCloudAssistantStatus counts', async () => {
    const run = (ids: string[]) =>
      f.call('RunCommand', { Type: 'RunShellScript', CommandContent: 'echo hi', ...Object.fromEntries(ids.map((id, i) => [`InstanceId.${i + 1}`, id])) });
    const t1 = (await run([a[0]!, a[1]!])).InvokeId;
    const t2 = (await run([a[1]!])).InvokeId;
    const t3 = (await run([b])).InvokeId;
    const invs = async (p: Record<string, string>) => (await f.call('DescribeInvocations', p)).Invocations.Invocation.map((i: any) => i.InvokeId);
    expect(await invs({ InstanceId: a[1]! })).toEqual([t2, t1]);
    expect(await invs({ InstanceId: a[0]! })).toEqual([t1]);
    expect(await invs({ InstanceId: a[2]! })).toEqual([]);
    expect(await invs({ InstanceId: 'constructor' })).toEqual([]);
    expect(await invs({})).toEqual([t3, t2, t1]);
    expect(await invs({ InvokeId: t2 })).toEqual([t2]);
    expect(await invs({ InvokeId: t2, InstanceId: a[0]! })).toEqual([]);
    expect(await invs({ InvokeId: '__proto__' })).toEqual([]);
    const results = (await f.call('DescribeInvocationResults', { InstanceId: a[1]! })).Invocation.InvocationResults.InvocationResult;
    expect(results.map((x: any) => `${x.InvokeId}/${x.InstanceId}`)).toEqual([`${t2}/${a[1]}`, `${t1}/${a[1]}`]);
    const st = await f.call('DescribeCloudAssistantStatus', { 'InstanceId.1': a[0]!, 'InstanceId.2': a[1]!, 'InstanceId.3': a[2]! });
    const counts = st.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus.map((x: any) => [x.InstanceId, x.InvocationCount]);
    expect(counts).toEqual([[a[2], 0], [a[1], 2], [a[0], 1]]);
    const all = await f.call('DescribeCloudAssistantStatus', {});
    expect(all.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus.map((x: any) => [x.InstanceId, x.InvocationCount])).toEqual([[b, 1], [a[2], 0], [a[1], 2], [a[0], 1]]);
  });

  test('an indexed store answers the read-only handlers exactly as the plain one', async () => {
    const sgId = (await f.describe(a[0]!)).SecurityGroupIds.SecurityGroupId[0] as string;
    const requests: [string, Record<string, string>][] = [
      ['DescribeInstances', { InstanceIds: JSON.stringify([a[0], b, a[2], 'constructor']) }],
      ['DescribeInstanceStatus', { 'InstanceId.1': a[1]!, 'InstanceId.2': b }],
      ['DescribeDisks', { InstanceId: a[1]! }],
      ['DescribeSnapshots', { InstanceId: a[1]! }],
      ['DescribeSecurityGroups', { SecurityGroupId: sgId, IsQueryEcsCount: 'true' }],
      ['DescribeInvocations', { InstanceId: a[1]! }],
      ['DescribeInvocationResults', { InstanceId: a[1]! }],
      ['DescribeCloudAssistantStatus', {}],
      ['DescribeCloudAssistantStatus', { 'InstanceId.1': a[1]!, 'InstanceId.2': '__proto__' }],
    ];
    const strip = (r: Record<string, any>) => JSON.stringify({ ...r, RequestId: undefined }).replace(/"LastHeartbeatTime":"[^"]*"/g, '');
    const plain: string[] = [];
    for (const [action, params] of requests) plain.push(strip(await f.call(action, params)));
    const asked = new Set<string>();
    const read = f.sim.store.read.bind(f.sim.store);
    f.sim.store.read = () => withScanIndex(read(), asked);
    try {
      for (let i = 0; i < requests.length; i++) expect(strip(await f.call(...requests[i]!)), requests[i]![0]).toBe(plain[i]);
    } finally {
      f.sim.store.read = read;
    }
    expect([...asked].sort()).toEqual(['disks.inst', 'instances.due', 'instances.sg', 'invocations.inst', 'snapshots.inst']);
  });
});

describe('mutations on an indexed store', () => {
  let f: Fixture;
  const asked = new Set<string>();
  beforeAll(() => {
    f = fixture();
    const store = f.sim.store as unknown as { load: () => SimState };
    const load = store.load.bind(store);
    store.load = () => withScanIndex(load(), asked);
  });
  afterAll(() => f.cleanup());
  const ipOf = async (id: string) => (await f.describe(id)).VpcAttributes.PrivateIpAddress.IpAddress[0] as string;

  test('create takes the lowest free addresses, release cascades, group, key pair and image dependencies', async () => {
    const first = await f.run({ Amount: '3', ZoneId: 'cn-hangzhou-h' });
    const ips = await Promise.all(first.map(ipOf));
    const base = ips[0]!.split('.').slice(0, 3).join('.');
    const last = (ip: string) => Number(ip.split('.')[3]);
    expect(ips.map(last)).toEqual([last(ips[0]!), last(ips[0]!) + 1, last(ips[0]!) + 2]);
    const sys = (await f.call('DescribeDisks', { InstanceId: first[1]! })).Disks.Disk[0].DiskId as string;
    await f.call('DeleteInstance', { InstanceId: first[1]!, Force: 'true' });
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([sys]) })).TotalCount).toBe(0);
    const more = await f.run({ Amount: '2', ZoneId: 'cn-hangzhou-h' });
    expect(await Promise.all(more.map(ipOf))).toEqual([`${base}.${last(ips[1]!)}`, `${base}.${last(ips[2]!) + 1}`]);

    const sg = (await f.describe(first[0]!)).SecurityGroupIds.SecurityGroupId[0] as string;
    const e = await f.refused('DeleteSecurityGroup', { SecurityGroupId: sg }, 'DependencyViolation', 403);
    expect(e.message).toContain(`(${sg}: ${first[0]}, ${first[2]}, ${more[0]} …)`);

    await f.call('CreateKeyPair', { KeyPairName: 'constructor' });
    await f.call('AttachKeyPair', { KeyPairName: 'constructor', InstanceIds: JSON.stringify([more[1]]) });
    const k = await f.refused('DeleteKeyPairs', { KeyPairNames: JSON.stringify(['constructor']) }, 'DependencyViolation', 403);
    expect(k.message).toContain(`(constructor is bound to ${more[1]})`);

    const image = (await f.call('CreateImage', { InstanceId: first[0]!, ImageName: 'img-one' })).ImageId as string;
    await f.advance(3600_000);
    const [user] = await f.run({ ImageId: image, ZoneId: 'cn-hangzhou-h' });
    const i = await f.refused('DeleteImage', { ImageId: image }, 'ImageUsingByInstance', 403);
    expect(i.message).toContain(`${image} is used by ${user}`);

    const disk = (await f.call('CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: '40' })).DiskId as string;
    await f.call('AttachDisk', { InstanceId: first[0]!, DiskId: disk });
    const d = (await f.call('DescribeDisks', { InstanceId: first[0]! })).Disks.Disk.map((x: any) => [x.DiskId === disk ? 'new' : x.Type, x.Device]);
    expect(d).toEqual([['new', '/dev/xvdb'], ['system', '/dev/xvda']]);

    // A snapshot of a disk since deleted is found by its disk ID; a replaced system disk goes.
    const snap = (await f.call('CreateSnapshot', { DiskId: disk })).SnapshotId as string;
    await f.advance(3600_000);
    await f.call('DetachDisk', { InstanceId: first[0]!, DiskId: disk });
    await f.advance(60_000);
    await f.call('DeleteDisk', { DiskId: disk });
    expect((await f.call('DescribeSnapshots', { DiskId: disk })).Snapshots.Snapshot.map((x: any) => x.SnapshotId)).toEqual([snap]);
    await f.call('StopInstance', { InstanceId: first[2]! });
    const oldSys = (await f.call('DescribeDisks', { InstanceId: first[2]! })).Disks.Disk[0].DiskId as string;
    const fresh = (await f.call('ReplaceSystemDisk', { InstanceId: first[2]!, ImageId: image, Password: 'Str0ng#Passw0rd' })).DiskId as string;
    expect((await f.call('DescribeDisks', { InstanceId: first[2]! })).Disks.Disk.map((x: any) => x.DiskId)).toEqual([fresh]);
    expect((await f.call('DescribeDisks', { DiskIds: JSON.stringify([oldSys]) })).TotalCount).toBe(0);
    expect([...asked].sort()).toEqual([
      'disks.data-charge', 'disks.inst', 'instances.due', 'instances.image', 'instances.ip', 'instances.kp', 'instances.postpaid', 'instances.sg', 'instances.vsw', 'snapshots.disk',
    ]);
  });
});
