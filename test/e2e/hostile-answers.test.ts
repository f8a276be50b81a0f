// Issue 7 §3.4 and §3.5: what a server says reaches the terminal without control characters
// and cut to a sane length, and a malformed 200 answer is an error naming the action, never an
// empty result. The built CLI against a scripted local endpoint (answers chosen per action).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEcs, tempHome } from '../helpers/run.js';

type Answer = { status: number; body: unknown };
let answers: Record<string, Answer> = {};
let server: Server;
let h: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  h = tempHome();
  server = createServer((req, res) => {
    req.resume();
    const action = String(req.headers['x-acs-action'] ?? '');
    const a = Object.hasOwn(answers, action) ? answers[action]! : { status: 404, body: { RequestId: 'R-404', Code: 'InvalidAction.NotFound', Message: 'no such action' } };
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    res.writeHead(a.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  env = {
    ...h.env,
    ECS_BACKEND: 'remote',
    ECS_ENDPOINT: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexample',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  h.cleanup();
});

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const ID = 'i-bp1abcdefghijklmnop';
const instance = (status: string) => ({ InstanceId: ID, InstanceName: 'web', Status: status, RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', InstanceType: 'ecs.g7.large' });

describe('server text reaching the terminal', () => {
  it('an error Message with escape sequences is printed without them, on one line', async () => {
    answers = {
      DescribeRegions: { status: 400, body: { RequestId: 'R-1\x1b[31m', Code: 'Invalid\x1b[5mParameter', Message: '\x1b[2J\x1b]0;pwned\x07bad \x9b31mthing\r\nsecond\x00 line' } },
    };
    const r = await runEcs(['region', 'list'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: bad thing second line (InvalidParameter, RequestId R-1)\n');
  });

  it('a 1 MiB Message is cut to 500 characters with an ellipsis', async () => {
    answers = { DescribeRegions: { status: 400, body: { RequestId: 'R-2', Code: 'InvalidParameter', Message: 'x'.repeat(1024 * 1024) } } };
    const r = await runEcs(['region', 'list'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${'x'.repeat(499)}… (InvalidParameter, RequestId R-2)\n`);
  });

  it('--debug shows a non-JSON answer without its control characters', async () => {
    answers = { DescribeRegions: { status: 400, body: 'oops\x1b[2J\x1b]0;pwned\x07 \x9b1mdone' } };
    const r = await runEcs(['region', 'list', '--debug'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('oops done');
    expect(r.stderr.replace(/[\n\t]/g, '')).not.toMatch(CONTROL);
  });

  it('names in a table lose their control characters', async () => {
    answers = {
      DescribeRegions: {
        status: 200,
        body: { RequestId: 'R-3', Regions: { Region: [{ RegionId: 'cn-\x1b[1mhangzhou\x9b0m', LocalName: '\x1b]0;pwned\x07Hang\x1b[2Jzhou\x07', RegionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com' }] } },
      },
    };
    for (const o of [[], ['-o', 'tsv'], ['-o', 'ids']]) {
      const r = await runEcs(['region', 'list', ...o], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('cn-hangzhou');
      if (!o.includes('ids')) expect(r.stdout).toContain('Hangzhou');
      expect(r.stdout).not.toMatch(CONTROL);
    }
  });
});

describe('malformed 200 answers', () => {
  it.each([
    [[], 'the answer is a list, not a JSON object'],
    [{ RequestId: 'R', Regions: 'x' }, 'the answer has no Regions.Region'],
    [{ RequestId: 'R', Regions: { Region: {} } }, 'Regions.Region is an object, not a list'],
    [{ Regions: { Region: [] } }, 'the answer has no RequestId'],
  ])('region list given %j: exit 1, an error naming DescribeRegions', async (body, problem) => {
    answers = { DescribeRegions: { status: 200, body } };
    const r = await runEcs(['region', 'list'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^error: DescribeRegions: the endpoint 127\\.0\\.0\\.1:\\d+ answered HTTP 200 with a malformed answer: ${problem.replace(/[.[\]]/g, '\\$&')} \\(InvalidResponse\\)\\n$`));
  });

  it('instance stop given [] does not report "stopping"', async () => {
    answers = {
      DescribeInstances: { status: 200, body: { RequestId: 'R', Instances: { Instance: [instance('Running')] }, TotalCount: 1, PageNumber: 1, PageSize: 10 } },
      StopInstance: { status: 200, body: [] },
    };
    const r = await runEcs(['instance', 'stop', ID, '--yes'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('stopping');
    expect(r.stderr).toContain('StopInstance: the endpoint');
    expect(r.stderr).toContain('malformed answer: the answer is a list, not a JSON object');
  });

  it('instance list given {"Instances":"x"} is an error, not an empty list', async () => {
    answers = { DescribeInstances: { status: 200, body: { RequestId: 'R', Instances: 'x' } } };
    const r = await runEcs(['instance', 'list'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('DescribeInstances: the endpoint');
    expect(r.stderr).toContain('the answer has no Instances.Instance');
  });
});
