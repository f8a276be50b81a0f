// `instance list -o json` of a long list (several pages of DescribeInstances): written page by
// page as JSON text (src/core/output.ts JsonListText), the bytes exactly JSON.stringify of the
// whole list, the same as the path that holds every item (--query '@'); the completion cache
// is filled as by any full list; a list that fails half-way writes nothing on stdout.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import type { EcsApi } from '../../../src/api/types.js';
import { candidates } from '../../../src/completion/sources.js';
import { testBackend } from '../../helpers/backend.js';
import { runCli } from '../../helpers/cli.js';
import { harness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

describe('instance list -o json, several pages', () => {
  it('is JSON.stringify of every instance, newest first, as the whole-list path prints it; fills the completion cache', async () => {
    const ids = [...(await h.create(['--amount', '100', '--name', 'a-[1,3]'])), ...(await h.create(['--amount', '100'])), ...(await h.create(['--amount', '37']))];
    expect(ids).toHaveLength(237);
    const r = await h.ecs(['instance', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const list = JSON.parse(r.stdout) as { InstanceId: string; InstanceName: string }[];
    expect(r.stdout).toBe(JSON.stringify(list) + '\n');
    expect(list.map((i) => i.InstanceId).sort()).toEqual([...ids].sort());
    expect(list[0]!.InstanceId).toBe(ids[ids.length - 1]);
    // the path that keeps every item (a query) prints the same bytes
    const q = await h.ecs(['instance', 'list', '-o', 'json', '--query', '@']);
    expect(q.stdout).toBe(r.stdout);
    // and the same items as a filtered list (not streamed through the cache path) by ID
    const some = await h.json(['instance', 'list', ids[0]!, ids[150]!]);
    expect(some.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([ids[0], ids[150]]);
    const cached = await candidates('instance', {}, h.backend.env);
    expect(cached).toHaveLength(237);
    expect(cached[0]).toEqual([ids[ids.length - 1], expect.any(String), 'Running']);
  });
});

describe('a list that fails half-way', () => {
  it('writes nothing on stdout, one error line (JSON, as -o json asks) on stderr, exit 1', async () => {
    const pages: number[] = [];
    const api = {
      kind: 'simulator',
      regionId: 'cn-hangzhou',
      async call(action: string, params?: Record<string, unknown>) {
        if (action !== 'DescribeInstances') throw new Error(`unexpected ${action}`);
        pages.push(Number(params?.PageNumber ?? 0) || pages.length + 1);
        if (pages.length === 2) throw new ApiError('Throttling', 'Request was denied due to request throttling.', 400, { requestId: 'R-2' });
        const Instance = Array.from({ length: 100 }, (_, i) => ({ InstanceId: `i-${pages.length}-${i}`, Status: 'Running' }));
        return { RequestId: 'R-1', Instances: { Instance }, TotalCount: 300, NextToken: 'next' };
      },
    } as unknown as EcsApi;
    const r = await runCli(['instance', 'list', '-o', 'json'], { backend: h.backend, apiFactory: async () => api });
    expect(pages.length).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    // -o json: the error is one JSON line on stderr
    expect(r.stderr.endsWith('\n') && r.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stderr).error.code).toBe('Throttling');
  });
});
