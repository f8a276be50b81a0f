// Completion candidates (src/completion): the command tree, options and their values,
// positional resource IDs, the cache and the generic Describe* sources.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, argTarget, buildManifest, complete, formatCompletion } from '../../src/completion/complete.js';
import { cachePath, candidates, candidatesOf, fetchAll, rememberForCompletion, writeCache } from '../../src/completion/sources.js';
import { RESOURCES } from '../../src/resources/index.js';
import { instance } from '../../src/resources/instance.js';
import type { AnyResource } from '../../src/resources/types.js';
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

describe('what an argument or option completes to: declared on the verb, not guessed from a word', () => {
  it.each([
    ['instance stop', 0, { resource: 'instance', statuses: ['Running'] }],
    ['instance start', 3, { resource: 'instance', statuses: ['Stopped'] }],
    ['instance describe', 0, { resource: 'instance' }],
    ['instance rename', 0, { resource: 'instance' }],
    ['instance rename', 1, undefined],
    ['image describe', 0, { resource: 'image' }],
    ['instance list', 0, { resource: 'instance' }],
    ['key fingerprint', 0, 'file'],
    ['config import-aliyun', 0, 'file'],
    ['config use', 0, 'profile'],
  ] as const)('%s, argument %i → %j', async (path, i, want) => {
    const spec = (await buildManifest())[path]!;
    expect(argTarget(spec, i)).toEqual(want);
  });

  it('options name their resource: --zone, --type, --image of instance create and list', async () => {
    const m = await buildManifest();
    expect(m['instance create']!.completion?.options).toMatchObject({ '--zone': { resource: 'zone' }, '--type': { resource: 'instance-type' }, '--image': { resource: 'image' } });
    expect(m['instance list']!.completion?.options).toMatchObject({ '--zone': { resource: 'zone' }, '--status': { values: ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'] } });
    expect(m['instance-type list']!.completion?.options).toMatchObject({ '--zone': { resource: 'zone' } });
  });

  it('every resource a verb declares is a registered descriptor (or one another helper is adding)', async () => {
    const coming = new Set(['keypair', 'security-group']);
    for (const [path, spec] of Object.entries(await buildManifest())) {
      const targets = [...(spec.completion?.args ?? []), ...Object.values(spec.completion?.options ?? {})];
      for (const t of targets) {
        if (t && typeof t === 'object' && 'resource' in t) expect(RESOURCES.has(t.resource) || coming.has(t.resource), `${path}: ${t.resource}`).toBe(true);
      }
    }
  });
});

describe('sources (from the descriptors)', () => {
  const thing: AnyResource = {
    name: 'thing',
    noun: 'thing',
    plural: 'things',
    idField: 'ThingId',
    nameField: 'ThingName',
    describe: { action: 'DescribeThings', itemPath: 'Things.Thing', byIds: { style: 'client' }, paging: { style: 'page', pageSize: 100 }, regional: true },
    errors: { notFound: 'InvalidThingId.NotFound' },
    columns: [],
    fields: () => [],
  };

  it('candidatesOf: IDs with names as descriptions, statuses kept, junk skipped', () => {
    expect(candidatesOf([{ ThingId: 't-1', ThingName: 'one' }, { ThingId: 't-2', ThingName: '' }, { ThingName: 'no id' }, null], thing)).toEqual([['t-1', 'one'], ['t-2']]);
    expect(candidatesOf(undefined, thing)).toEqual([]);
    expect(candidatesOf([{ InstanceId: 'i-1', InstanceName: 'web', Status: 'Running' }], instance)).toEqual([['i-1', 'web', 'Running']]);
  });

  it('fetchAll pages as the descriptor says (PageNumber until TotalCount, NextToken), sends RegionId, and is bounded', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ ThingId: `t-${i}` }));
    const calls: Record<string, unknown>[] = [];
    const paged = async (_a: string, p: Record<string, unknown>) => {
      calls.push(p);
      const n = Number(p.PageNumber);
      return { TotalCount: all.length, Things: { Thing: all.slice((n - 1) * 100, n * 100) } };
    };
    expect((await fetchAll(paged, thing, 'cn-x')).length).toBe(250);
    expect(calls.map((c) => [c.RegionId, c.PageNumber, c.PageSize])).toEqual([['cn-x', 1, 100], ['cn-x', 2, 100], ['cn-x', 3, 100]]);

    const token = { ...thing, describe: { ...thing.describe, paging: { style: 'token', pageSize: 10 } } } as AnyResource;
    const tokens = async (_a: string, p: Record<string, unknown>) => {
      const i = Number(p.NextToken ?? 0);
      return { Things: { Thing: [{ ThingId: `x-${i}` }] }, NextToken: i < 2 ? String(i + 1) : '' };
    };
    expect(await fetchAll(tokens, token, 'cn-x')).toEqual([['x-0'], ['x-1'], ['x-2']]);

    let n = 0;
    const endless = async () => ({ Things: { Thing: [{ ThingId: `e-${n++}` }] }, NextToken: 'more' });
    expect((await fetchAll(endless, token, 'cn-x')).length).toBe(5);
  });

  it('key pairs and security groups page by 50, the largest PageSize their Describe actions take; the simulator answers them', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Simulator } = await import('../../src/simulator/simulator.js');
    const dir = mkdtempSync(join(tmpdir(), 'ecs-compl-'));
    try {
      const sim = new Simulator({ dir, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
      const call = (a: string, p: Record<string, unknown>) => sim.dispatch(a, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])));
      for (let i = 0; i < 55; i++) await sim.dispatch('CreateSecurityGroup', { SecurityGroupName: `web-${i}` });
      const kp = await sim.dispatch('CreateKeyPair', { KeyPairName: 'kp-one' });
      const groups = await fetchAll(call, RESOURCES.get('security-group')!, 'cn-hangzhou');
      expect(groups).toHaveLength(56); // 55 + the region's default group
      expect(groups).toContainEqual([expect.stringMatching(/^sg-/), 'web-54']);
      expect(await fetchAll(call, RESOURCES.get('keypair')!, 'cn-hangzhou')).toEqual([['kp-one', kp.KeyPairFingerPrint]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every descriptor names a Describe action, an item path and its ID field', () => {
    for (const d of RESOURCES.values()) {
      expect(d.describe.action, d.name).toMatch(/^Describe[A-Z]/);
      expect(d.describe.itemPath, d.name).toMatch(/^[A-Z]\w+\.[A-Z]\w+$/);
      expect(d.idField, d.name).toMatch(/(Id|Name)$/);
    }
  });

  it('cache: hit within the TTL, miss when old, when the simulator store changed, or for another backend', async () => {
    const cfg = resolveConfig({}, env);
    expect(cachePath(env, { profileName: 'a/b', region: '..' }, 'zone')).toBe(join(h.home, '.cache', 'ecs', 'a_b', '_', 'zone.json'));
    await writeCache(env, cfg, 'instance', [['i-cached', 'from cache']]);
    expect(await candidates('instance', {}, env)).toEqual([['i-cached', 'from cache']]);
    // another backend (remote) does not use the simulator's entry
    const remote = resolveConfig({ backend: 'remote' }, env);
    expect(cachePath(env, remote, 'instance')).toBe(cachePath(env, cfg, 'instance'));
    expect(await candidates('instance', { backend: 'remote' }, { ...env, ECS_ENDPOINT: '127.0.0.1:9' })).toEqual([]);
    // too old
    await writeCache(env, cfg, 'instance', [['i-cached']], Date.now() - 6 * 60 * 1000);
    expect(await candidates('instance', {}, env)).not.toContainEqual(['i-cached']);
    // the store changed after the cache was written (the store's version says so)
    await writeCache(env, cfg, 'instance', [['i-cached']], Date.now() - 60 * 1000);
    expect(await candidates('instance', {}, env)).toEqual([['i-cached']]);
    mkdirSync(join(h.home, 'sim'), { recursive: true });
    writeFileSync(join(h.home, 'sim', 'state.json'), '{}');
    expect(await candidates('instance', {}, env)).not.toContainEqual(['i-cached']);
  });

  it('rememberForCompletion (list verbs) fills the cache from API items', async () => {
    await rememberForCompletion(env, { region: 'cn-beijing' }, instance, [{ InstanceId: 'i-x', InstanceName: 'x', Status: 'Stopped' }, { InstanceId: 'i-y' }]);
    expect(await candidates('instance', { region: 'cn-beijing' }, env)).toEqual([['i-x', 'x', 'Stopped'], ['i-y']]);
    expect((await complete(['--region', 'cn-beijing', 'instance', 'start', ''], env)).items).toEqual([['i-x', 'x']]);
  });

  it('a resource with no descriptor yields nothing', async () => {
    expect(await candidates('snapshot-policy', {}, env)).toEqual([]);
    expect(await candidates('__proto__', {}, env)).toEqual([]);
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
