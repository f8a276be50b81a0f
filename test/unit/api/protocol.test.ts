// Issue 7 §4.4 (RegionId where the model requires it) and issue 8 part 6 (one protocol module
// for the client and the server), driven by the official SDK, which omits what it is not given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION, isReadOnlyAction, REGION_REQUIRED } from '../../../src/api/protocol.js';
import { RemoteBackend } from '../../../src/api/remote.js';
import { responseShapeProblem } from '../../../src/api/shapes.js';
import { ROOT } from '../../helpers/run.js';
import { AK, SK, startServer } from './server-helper.js';
import { Ecs, sdkClient, sdkError } from '../../helpers/sdk.js';


let srv: Awaited<ReturnType<typeof startServer>>;
let sdk: any;
beforeAll(async () => {
  srv = await startServer();
  // No regionId in the client config either: the SDK then sends none.
  sdk = sdkClient(undefined, { accessKeyId: AK, accessKeySecret: SK, endpoint: srv.endpoint, regionId: null });
});
afterAll(async () => srv.stop());


describe('RegionId where the API model requires it', () => {
  it.each([
    ['describeInstances', 'DescribeInstancesRequest', {}],
    ['describeZones', 'DescribeZonesRequest', {}],
    ['describeImages', 'DescribeImagesRequest', {}],
    ['startInstances', 'StartInstancesRequest', { instanceId: ['i-bp1000000000000000x'] }],
    ['runInstances', 'RunInstancesRequest', { imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', instanceType: 'ecs.g7.large', dryRun: true }],
    ['describeAvailableResource', 'DescribeAvailableResourceRequest', { destinationResource: 'InstanceType' }],
  ])('%s without RegionId: MissingParameter, HTTP 400, the real message', async (method, req, params) => {
    const e = await sdkError(sdk[method](new Ecs[req](params)));
    expect(e.code).toBe('MissingParameter');
    expect(e.statusCode).toBe(400);
    expect(e.data.Message).toBe('The input parameter "RegionId" that is mandatory for processing this request is not supplied.');
  });

  it('actions whose model does not require it answer without it', async () => {
    expect((await sdk.describeRegions(new Ecs.DescribeRegionsRequest({}))).statusCode).toBe(200);
    expect((await sdk.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({}))).statusCode).toBe(200);
    const e = await sdkError(sdk.startInstance(new Ecs.StartInstanceRequest({ instanceId: 'i-bp1000000000000000x' })));
    expect(e.code).toBe('InvalidInstanceId.NotFound');
  });

  it('the CLI client always sends it (even for a call that gives none)', async () => {
    const api = new RemoteBackend({
      config: { profileName: 'default', profileExists: false, backend: 'remote', region: 'cn-shanghai', accessKeyId: AK, accessKeySecret: SK, signature: 'v3', sources: {}, endpoint: srv.endpoint },
      env: {},
    });
    const r = await api.call('DescribeZones', {});
    expect(r.Zones.Zone.length).toBeGreaterThan(0);
    expect(r.Zones.Zone.every((z: any) => z.ZoneId.startsWith('cn-shanghai-'))).toBe(true);
    await api.close();
  });

  it('the table: the model-required actions, including the auto-snapshot-policy spelling regionId', () => {
    for (const a of ['RunInstances', 'DescribeInstances', 'StartInstances', 'DeleteInstances', 'ModifyInstanceVncPasswd', 'DescribeZones']) expect(REGION_REQUIRED.get(a)).toBe('RegionId');
    for (const a of ['StartInstance', 'ModifyInstanceAttribute', 'RenewInstance', 'DescribeRegions', 'DescribeInstanceTypes']) expect(REGION_REQUIRED.has(a)).toBe(false);
    expect(REGION_REQUIRED.get('CreateAutoSnapshotPolicy')).toBe('regionId');
  });
});

describe('one protocol module', () => {
  it('server and client import API_VERSION and isReadOnlyAction from src/api/protocol.ts; the server does not import the client', () => {
    const server = readFileSync(join(ROOT, 'src/simulator/server.ts'), 'utf8');
    expect(server).toMatch(/from '\.\.\/api\/protocol\.js'/);
    expect(server).not.toMatch(/from '\.\.\/api\/remote\.js'/);
    expect(readFileSync(join(ROOT, 'src/api/remote.ts'), 'utf8')).toMatch(/from '\.\/protocol\.js'/);
    expect(API_VERSION).toBe('2014-05-26');
    expect(['DescribeInstances', 'ListTagResources', 'RunInstances', 'Describe', 'Describer'].map(isReadOnlyAction)).toEqual([true, true, false, false, false]);
  });
});

describe('response shapes', () => {
  it.each([
    ['DescribeRegions', [], 'the answer is a list, not a JSON object'],
    ['DescribeRegions', { RequestId: 'r', Regions: 'x' }, 'the answer has no Regions.Region'],
    ['DescribeRegions', { RequestId: 'r', Regions: { Region: 'x' } }, 'Regions.Region is a string, not a list'],
    ['DescribeRegions', { RequestId: 'r', Regions: { Region: [1] } }, 'Regions.Region[0] is a number, not an object'],
    ['DescribeRegions', { Regions: { Region: [] } }, 'the answer has no RequestId'],
    ['StopInstance', [], 'the answer is a list, not a JSON object'],
    ['StopInstance', 'ok', 'the answer is a string, not a JSON object'],
    ['RunInstances', { RequestId: 'r', InstanceIdSets: { InstanceIdSet: [{}] } }, 'InstanceIdSets.InstanceIdSet[0] is an object, not a string'],
    ['CreateInstance', { RequestId: 'r', InstanceId: '' }, 'InstanceId is empty, not an ID'],
  ])('%s %j: %s', (action, body, problem) => {
    expect(responseShapeProblem(action, body)).toBe(problem);
  });
  it('well-formed answers pass, with an optional list left out', () => {
    expect(responseShapeProblem('DescribeRegions', { RequestId: 'r', Regions: { Region: [] } })).toBeUndefined();
    expect(responseShapeProblem('StopInstance', { RequestId: 'r' })).toBeUndefined();
    expect(responseShapeProblem('DescribeAvailableResource', { RequestId: 'r' })).toBeUndefined();
    expect(responseShapeProblem('DescribeAvailableResource', { RequestId: 'r', AvailableZones: { AvailableZone: 'x' } })).toBe('AvailableZones.AvailableZone is a string, not a list');
  });
});
