// `ecs __complete` in-process (test/helpers/cli.ts): candidates and their descriptions. The
// shells' scripts, the bin fast path and the cache across processes: test/e2e/completion*.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
});
afterAll(async () => b?.cleanup());

describe('completion of regions and zones', () => {
  it('describes them in English, as `ecs region list` and `ecs zone list` print them (issue 7 §1.9)', async () => {
    const regions = await runCli(['__complete', '--', '--region', ''], { backend: b });
    expect([regions.code, regions.stderr]).toEqual([0, '']);
    const lines = regions.stdout.trimEnd().split('\n');
    expect(lines.pop()).toBe(':4');
    expect(lines).toContain('cn-hangzhou\tChina (Hangzhou)');
    expect(lines).toContain('eu-central-1\tGermany (Frankfurt)');
    const listed = (await runCli(['region', 'list'], { backend: b })).stdout;
    for (const l of lines) expect(listed).toContain(l.split('\t').join('\t'));
    const zones = await runCli(['__complete', '--', '--region', 'cn-hangzhou', 'instance', 'create', '--zone', ''], { backend: b });
    expect(zones.stdout).toContain('cn-hangzhou-j\tHangzhou Zone J\n');
    expect(zones.stdout + regions.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
