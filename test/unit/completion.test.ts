// Completion candidates (src/completion): the command tree, options and their values,
// positional resource IDs, the cache and the generic Describe* sources.

import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, argTarget, complete, formatCompletion } from '../../src/completion/complete.js';
import { SOURCES, cachePath, candidates, extract, fetchAll, rememberForCompletion, writeCache, type Source } from '../../src/completion/sources.js';
import { resolveConfig } from '../../src/core/config.js';
import { Command } from 'commander';
import { registry } from '../../src/commands/registry.js';
import type { CommandNode } from '../../src/commands/types.js';
import { runInProcess, tempHome } from '../helpers/run.js';

let h: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  h = tempHome('ecs-compl-');
  env = { ...h.env, ECS_SIMULATOR_DIR: join(h.home, 'sim') };
});
afterEach(() => h.cleanup());

const values = async (...words: string[]) => (await complete(words, env)).items.map(([v]) => v);

describe('complete()', () => {
  it('commands from the registry, hidden ones left out', async () => {
    const top = await values('');
    expect(top).toEqual(expect.arrayContaining(['instance', 'config', 'completion', 'help']));
    expect(top).not.toContain('__complete');
    expect(await values('inst')).toEqual(['instance', 'instance-type']);
    expect(await values('instance', 'st')).toEqual(['start', 'stop']);
    expect(await values('config', '')).toEqual(['init', 'list', 'show', 'set', 'use', 'import-aliyun']);
    expect(await values('help', 'con')).toEqual(['config']);
    expect(await complete(['nosuch', ''], env)).toEqual({ items: [], directive: 4 });
  });

  it('global and verb options, with descriptions', async () => {
    expect(await values('--reg')).toEqual(['--region']);
    expect(await values('--ver')).toEqual(['--version']);
    expect(await values('instance', '--ver')).toEqual([]);
    expect(await values('instance', 'list', '--st')).toEqual(['--status']);
    expect(await values('config', 'init', '--access-key-secret')).toEqual(['--access-key-secret-stdin', '--access-key-secret-file']);
    const r = await complete(['-o'], env);
    expect(r.items).toEqual([['-o', 'output format']]);
    expect(formatCompletion({ items: [['a', 'x\ty'], ['b']], directive: 4 })).toBe('a\tx y\nb\n:4\n');
  });

  it('option values: choices, fixed lists, profiles, files', async () => {
    expect(await values('-o', '')).toEqual(['table', 'json', 'tsv', 'yaml', 'ids']);
    expect(await values('--output=y')).toEqual(['--output=yaml']);
    expect(await values('--backend', '')).toEqual(['simulator', 'remote']);
    expect(await values('instance', 'list', '--status', 'S')).toEqual(['Starting', 'Stopping', 'Stopped']);
    expect(await values('config', 'set', '')).toEqual(['backend', 'region', 'endpoint', 'access-key-id', 'access-key-secret', 'security-token', 'signature']);
    expect(await complete(['config', 'import-aliyun', ''], env)).toEqual({ items: [], directive: 0 });
    expect((await complete(['config', 'init', '--access-key-secret-file', ''], env)).directive).toBe(0);
    expect(await complete(['--wait-timeout', ''], env)).toEqual({ items: [], directive: 4 });
    mkdirSync(join(h.home, '.config', 'ecs'), { recursive: true });
    writeFileSync(join(h.home, '.config', 'ecs', 'config.json'), JSON.stringify({ profiles: { prod: { backend: 'remote', region: 'cn-shanghai' }, dev: {} } }));
    expect((await complete(['--profile', ''], env)).items).toEqual([['prod', 'remote cn-shanghai'], ['dev', 'simulator']]);
    expect(await values('config', 'use', 'p')).toEqual(['prod']);
  });

  it('regions and zones come from the backend; the line\'s --region is honoured', async () => {
    const regions = await values('--region', '');
    expect(regions).toEqual(expect.arrayContaining(['cn-hangzhou', 'cn-beijing', 'ap-southeast-1', 'eu-central-1']));
    const zones = await values('--region', 'cn-beijing', 'instance', 'create', '--zone', '');
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.every((z) => z.startsWith('cn-beijing-'))).toBe(true);
    expect(await values('--region=cn-beijing', 'instance', 'create', '--zone', 'cn-hangzhou')).toEqual([]);
  });

  it('nothing (and no error) when the config cannot be resolved', async () => {
    expect(await complete(['--profile', 'ghost', 'instance', 'stop', ''], env)).toEqual({ items: [], directive: 4 });
    mkdirSync(join(h.home, '.config', 'ecs'), { recursive: true });
    writeFileSync(join(h.home, '.config', 'ecs', 'config.json'), '{ broken');
    expect(await complete(['--region', ''], env)).toEqual({ items: [], directive: 4 });
    expect(await complete(['--profile', ''], env)).toEqual({ items: [], directive: 4 });
  });
});

describe('argTarget: what an argument of COMMANDS.md names', () => {
  const t = (group: string, verb: string, name: string, variadic = false) => argTarget(group, verb, { name, variadic });
  it.each([
    ['instance', 'stop', 'ids', 'instances'],
    ['instance', 'rename', 'name', undefined],
    ['image', 'describe', 'id', 'images'],
    ['keypair', 'describe', 'name', 'keypairs'],
    ['keypair', 'create', 'name', undefined],
    ['keypair', 'attach', 'ids', 'instances'],
    ['security-group', 'join', 'id', 'security-groups'],
    ['security-group', 'join', 'instance', 'instances'],
    ['disk', 'attach', 'instance-id', 'instances'],
    ['snapshot', 'create', 'disk', 'disks'],
    ['snapshot-policy', 'apply', 'policy', 'snapshot-policies'],
    ['snapshot-policy', 'apply', 'disks', 'disks'],
    ['ram-role', 'attach', 'role', undefined],
    ['ram-role', 'attach', 'ids', 'instances'],
    ['tag', 'add', 'resource', undefined],
    ['key', 'fingerprint', 'files', 'file'],
    ['config', 'import-aliyun', 'file', 'file'],
    ['config', 'use', 'profile', 'profile'],
  ])('%s %s <%s> → %s', (g, v, n, want) => expect(t(g, v, n)).toBe(want));
});

describe('sources', () => {
  const src: Source = { action: 'DescribeThings', list: 'Things.Thing', id: 'ThingId', label: 'ThingName', paged: true };

  it('extract: IDs with names as descriptions, junk skipped', () => {
    const res = { Things: { Thing: [{ ThingId: 't-1', ThingName: 'one' }, { ThingId: 't-2', ThingName: '' }, { ThingName: 'no id' }, null] } };
    expect(extract(res, src)).toEqual([['t-1', 'one'], ['t-2']]);
    expect(extract({}, src)).toEqual([]);
  });

  it('fetchAll pages by PageNumber until TotalCount, follows NextToken, and is bounded', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ ThingId: `t-${i}` }));
    const calls: Record<string, unknown>[] = [];
    const paged = async (_a: string, p: Record<string, string | number>) => {
      calls.push(p);
      const n = Number(p.PageNumber);
      return { TotalCount: all.length, Things: { Thing: all.slice((n - 1) * 100, n * 100) } };
    };
    expect((await fetchAll(paged, src)).length).toBe(250);
    expect(calls.map((c) => c.PageNumber)).toEqual([1, 2, 3]);

    const tokens = async (_a: string, p: Record<string, string | number>) => {
      const i = Number(p.NextToken ?? 0);
      return { Things: { Thing: [{ ThingId: `x-${i}` }] }, NextToken: i < 2 ? String(i + 1) : '' };
    };
    expect(await fetchAll(tokens, { ...src, paged: false })).toEqual([['x-0'], ['x-1'], ['x-2']]);

    let n = 0;
    const endless = async () => ({ Things: { Thing: [{ ThingId: `e-${n++}` }] }, NextToken: 'more' });
    expect((await fetchAll(endless, src)).length).toBe(5);
  });

  it('key pairs and security groups page by 50, the largest PageSize their Describe actions take; the simulator answers them', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Simulator } = await import('../../src/simulator/simulator.js');
    const dir = mkdtempSync(join(tmpdir(), 'ecs-compl-'));
    try {
      const sim = new Simulator({ dir, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
      const call = (a: string, p: Record<string, string | number>) => sim.dispatch(a, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])));
      for (let i = 0; i < 55; i++) await sim.dispatch('CreateSecurityGroup', { SecurityGroupName: `web-${i}` });
      const kp = await sim.dispatch('CreateKeyPair', { KeyPairName: 'kp-one' });
      const groups = await fetchAll(call, SOURCES['security-groups']);
      expect(groups).toHaveLength(56); // 55 + the region's default group
      expect(groups).toContainEqual([expect.stringMatching(/^sg-/), 'web-54']);
      expect(await fetchAll(call, SOURCES.keypairs)).toEqual([['kp-one', kp.KeyPairFingerPrint]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every kind names a Describe action and the field of its IDs', () => {
    for (const s of Object.values(SOURCES)) {
      expect(s.action).toMatch(/^Describe[A-Z]/);
      expect(s.list).toMatch(/^[A-Z]\w+\.[A-Z]\w+$/);
      expect(s.id).toMatch(/(Id|Name)$/);
    }
  });

  it('cache: hit within the TTL, miss when old, when the simulator state changed, or for another backend', async () => {
    const cfg = resolveConfig({}, env);
    expect(cachePath(env, { profileName: 'a/b', region: '..' }, 'zones')).toBe(join(h.home, '.cache', 'ecs', 'a_b', '_', 'zones.json'));
    writeCache(env, cfg, 'instances', [['i-cached', 'from cache']]);
    expect(await candidates('instances', {}, env)).toEqual([['i-cached', 'from cache']]);
    // another backend (remote) does not use the simulator's entry
    const remote = resolveConfig({ backend: 'remote' }, env);
    expect(cachePath(env, remote, 'instances')).toBe(cachePath(env, cfg, 'instances'));
    expect(await candidates('instances', { backend: 'remote' }, { ...env, ECS_ENDPOINT: '127.0.0.1:9' })).toEqual([]);
    // too old
    writeCache(env, cfg, 'instances', [['i-cached']], Date.now() - 6 * 60 * 1000);
    expect(await candidates('instances', {}, env)).not.toContainEqual(['i-cached']);
    // simulator state written after the cache
    writeCache(env, cfg, 'instances', [['i-cached']], Date.now() - 60 * 1000);
    mkdirSync(join(h.home, 'sim'), { recursive: true });
    writeFileSync(join(h.home, 'sim', 'state.json'), '{}');
    utimesSync(join(h.home, 'sim', 'state.json'), new Date(), new Date());
    expect(await candidates('instances', {}, env)).not.toContainEqual(['i-cached']);
  });

  it('rememberForCompletion (for list verbs) fills the cache from API items', async () => {
    rememberForCompletion(env, { region: 'cn-beijing' }, 'instances', [{ InstanceId: 'i-x', InstanceName: 'x', Status: 'Stopped' }, { InstanceId: 'i-y' }]);
    expect(await candidates('instances', { region: 'cn-beijing' }, env)).toEqual([['i-x', 'x', 'Stopped'], ['i-y']]);
    expect((await complete(['--region', 'cn-beijing', 'instance', 'start', ''], env)).items).toEqual([['i-x', 'x']]);
  });

  it('a kind whose action the backend does not know yields nothing', async () => {
    expect(await candidates('snapshot-policies', {}, env)).toEqual([]);
  });
});

describe('GLOBAL_OPTIONS', () => {
  it('matches the root program of src/cli.ts', async () => {
    const r = await runInProcess(['--help'], { env });
    const section = r.stdout.slice(r.stdout.indexOf('Options:'), r.stdout.indexOf('Commands:'));
    const real = new Set(section.match(/--[a-z][a-z-]*/g));
    real.delete('--version');
    expect(new Set(GLOBAL_OPTIONS.map((o) => o.long))).toEqual(real);
  });
});

describe('every verb in the registry', () => {
  function verbs(nodes: CommandNode[], path: string[] = []): [string[], CommandNode][] {
    return nodes.filter((n) => !n.hidden).flatMap((n) => (n.load ? [[[...path, n.name], n] as [string[], CommandNode]] : verbs(n.children ?? [], [...path, n.name])));
  }

  it('offers its own options after "--" and is found by its name prefix', async () => {
    const all = verbs(registry);
    expect(all.length).toBeGreaterThan(5);
    for (const [path, node] of all) {
      const cmd = new Command(node.name);
      (await node.load!()).configure(cmd);
      const own = cmd.options.filter((o) => !o.hidden && o.long).map((o) => o.long!);
      const offered = await values(...path, '--');
      expect(offered, path.join(' ')).toEqual(expect.arrayContaining([...own, '--region', '--output']));
      expect(await values(...path.slice(0, -1), path.at(-1)!.slice(0, 2)), path.join(' ')).toContain(path.at(-1));
    }
  });
});
