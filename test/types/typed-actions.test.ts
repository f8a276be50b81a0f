// The typed action map is what api.call and the simulator's handlers are checked against:
// a misspelt action, parameter or field does not compile (these lines are type-checked by
// `tsc --noEmit`; @ts-expect-error fails the check if the error disappears).

import { describe, expect, it } from 'vitest';
import type { EcsApi } from '../../src/api/types.js';
import type { TypedActionContext } from '../../src/simulator/simulator.js';
import { defineResource } from '../../src/resources/types.js';

describe('typed actions', () => {
  it('api.call: request and response checked against EcsActions', async () => {
    const calls: unknown[] = [];
    const api = { kind: 'remote', regionId: 'r', call: async (...a: unknown[]) => (calls.push(a), { Instances: { Instance: [{ InstanceId: 'i-1' }] } }) } as unknown as EcsApi;
    const res = await api.call('DescribeInstances', { RegionId: 'r', InstanceIds: '["i-1"]' });
    expect(res.Instances?.Instance?.[0]?.InstanceId).toBe('i-1');
    // @ts-expect-error misspelt parameter
    await api.call('DescribeInstances', { RegionId: 'r', InstanceIdz: '[]' });
    // @ts-expect-error unknown action
    await api.call('DescribeUnicorns', {});
    // @ts-expect-error a required parameter (RegionId) missing
    await api.call('StopInstances', { InstanceId: ['i-1'] });
    // @ts-expect-error misspelt response field
    void res.Instances?.Instance?.[0]?.InstanceIdd;
    expect(calls).toHaveLength(4);
  });

  it('simulator handlers that name their action read typed parameter names', () => {
    const handler = (c: TypedActionContext<'DescribeZones'>) => {
      c.params.str('AcceptLanguage');
      c.params.bool('Verbose');
      // @ts-expect-error not a DescribeZones parameter
      c.params.str('AcceptLanguages');
      return {};
    };
    expect(typeof handler).toBe('function');
  });

  it('descriptors: ID field and by-IDs parameter are names of the action', () => {
    const d = defineResource({
      name: 'x',
      noun: 'x',
      plural: 'xs',
      idField: 'InstanceId',
      describe: { action: 'DescribeInstances', itemPath: 'Instances.Instance', byIds: { style: 'json', param: 'InstanceIds', max: 100 }, paging: { style: 'none' }, regional: true },
      errors: { notFound: 'InvalidInstanceId.NotFound' },
      columns: [],
      fields: () => [],
    });
    expect(d.idField).toBe('InstanceId');
    defineResource({
      name: 'y',
      noun: 'y',
      plural: 'ys',
      // @ts-expect-error not a field of Instance
      idField: 'InstanceIdd',
      describe: { action: 'DescribeInstances', itemPath: 'Instances.Instance', byIds: { style: 'client' }, paging: { style: 'none' }, regional: true },
      errors: { notFound: 'x' },
      columns: [],
      fields: () => [],
    });
  });
});
