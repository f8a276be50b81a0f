// The action manifest (src/simulator/actions/manifest.ts): complete (every handler a module
// exports is listed, with that module, and nothing else), the flags the dispatcher decides
// from, unknown and hostile action names, and the point of it all: a request loads only
// the code its action needs. The last is checked on the bundler's own module graph (esbuild,
// which builds dist/), following static imports only, as the split build does.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import { ACTION_MANIFEST } from '../../../src/simulator/actions/manifest.js';
import { knownActions, Simulator } from '../../../src/simulator/simulator.js';

const ACTIONS_DIR = join(process.cwd(), 'src/simulator/actions');

/** Every action module's `handlers` export, as [module (path without .ts), action, handler]. */
async function exportedHandlers(): Promise<[string, string, unknown][]> {
  const out: [string, string, unknown][] = [];
  const files = (readdirSync(ACTIONS_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(ACTIONS_DIR, f)).href)) as { handlers?: Record<string, unknown> };
    if (!mod.handlers) continue;
    for (const [action, h] of Object.entries(mod.handlers)) out.push([f.replace(/\.ts$/, '').split('\\').join('/'), action, h]);
  }
  return out;
}

describe('the manifest is complete', () => {
  it('names every handler a module exports, with that module, and no action that has none', async () => {
    const exported = await exportedHandlers();
    // Each action in one module only.
    const names = exported.map(([, a]) => a);
    expect(names.filter((a, i) => names.indexOf(a) !== i)).toEqual([]);
    expect(exported.length).toBeGreaterThan(80);
    expect([...ACTION_MANIFEST.keys()].sort()).toEqual([...names].sort());
    for (const [module, action, handler] of exported) {
      const entry = ACTION_MANIFEST.get(action)!;
      expect(entry.module, action).toBe(module);
      expect(typeof handler, action).toBe('function');
      // The loader answers that very function.
      expect(await entry.load(), action).toBe(handler);
    }
    expect(knownActions()).toEqual([...names].sort());
  });

  it('flags: reads are Describe*/List* (DescribeInstanceVncUrl changes state), the catalogue reads are stateless', () => {
    const stateless = ['DescribeAvailableResource', 'DescribeInstanceTypeFamilies', 'DescribeInstanceTypes', 'DescribeRegions', 'DescribeZones'];
    for (const [action, e] of ACTION_MANIFEST) {
      const read = /^(Describe|List)/.test(action) && action !== 'DescribeInstanceVncUrl';
      expect(e.mutates, action).toBe(!read);
      expect(e.stateless ?? false, action).toBe(stateless.includes(action));
    }
    expect(ACTION_MANIFEST.get('DescribeInstanceVncUrl')?.mutates).toBe(true);
    expect(ACTION_MANIFEST.get('RunInstances')?.mutates).toBe(true);
    expect(ACTION_MANIFEST.get('DescribeInstances')?.mutates).toBe(false);
  });
});

describe('unknown and hostile action names', () => {
  const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'describeinstances', 'DescribeInstances ', 'Describe Instances', 'RunInstances\u0000'];

  it.each(NAMES)('%j → InvalidAction.NotFound (404), nothing stored', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-manifest-'));
    try {
      const sim = new Simulator({ dir, env: { ECS_SIMULATOR_TIME_SCALE: '0' }, defaultRegion: 'cn-hangzhou' });
      const err = await sim.dispatch(name, { RegionId: 'cn-hangzhou' }, 'REQ-1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('InvalidAction.NotFound');
      expect((err as ApiError).httpStatus).toBe(404);
      expect((err as ApiError).requestId).toBe('REQ-1');
      expect(readdirSync(dir)).toEqual([]);
      expect(ACTION_MANIFEST.has(name)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a request loads only what its action needs (the static import graph)', () => {
  let graph: Metafile;
  const src = (p: string) => `src/${p}`;

  beforeAll(async () => {
    // The dispatcher as the build bundles it: the manifest's import() calls are the split points.
    const out = await build({
      entryPoints: [src('simulator/simulator.ts')],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      outdir: join(tmpdir(), 'ecs-manifest-graph'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    graph = out.metafile;
  });

  /** Every source file `from` loads without an import(): static imports, transitively. */
  function staticClosure(...from: string[]): Set<string> {
    const seen = new Set<string>();
    const todo = from.map(src);
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      const input = graph.inputs[f];
      if (!input) throw new Error(`${f} is not in the bundle's graph`);
      seen.add(f);
      for (const i of input.imports) if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
    }
    return seen;
  }

  /** What a request for `action` compiles: the dispatcher (with the settlers) and the handler's module. */
  function requestLoads(action: string): Set<string> {
    const entry = ACTION_MANIFEST.get(action);
    if (!entry) throw new Error(`no action ${action}`);
    return staticClosure('simulator/simulator.ts', `simulator/actions/${entry.module}.ts`);
  }

  const HEAVY = [
    'simulator/actions/keypairs.ts',
    'simulator/actions/security-groups.ts',
    'simulator/actions/images.ts',
    'simulator/actions/disks.ts',
    'simulator/actions/cloud-assistant.ts',
    'simulator/actions/snapshot-policies.ts',
    'resources/sg-eval.ts',
    'keys/pem.ts',
    'keys/wire.ts',
    'keys/pubkey.ts',
    'keys/rsagen.ts',
  ].map(src);

  it('the walk sees what a module imports (keypairs.ts does load the key code)', () => {
    const kp = staticClosure('simulator/actions/keypairs.ts');
    expect(kp.has(src('keys/pem.ts'))).toBe(true);
    expect(kp.has(src('keys/rsagen.ts'))).toBe(true);
    // ... and no handler module is imported by the dispatcher itself (with the settlers).
    const dispatcher = staticClosure('simulator/simulator.ts');
    expect(dispatcher.has(src('simulator/actions/instances/settle.ts'))).toBe(true);
    const handlerModules = new Set([...ACTION_MANIFEST.values()].map((e) => src(`simulator/actions/${e.module}.ts`)));
    expect(handlerModules.size).toBeGreaterThan(10);
    expect([...dispatcher].filter((f) => handlerModules.has(f))).toEqual([]);
  });

  it('the dispatcher with the settlers, resource settings and record checks (every request) loads none of the heavy modules', () => {
    const common = staticClosure('simulator/simulator.ts');
    expect(HEAVY.filter((f) => common.has(f))).toEqual([]);
    expect(common.has(src('simulator/actions/instances/run.ts'))).toBe(false);
    expect(common.has(src('simulator/actions/instances/lifecycle.ts'))).toBe(false);
  });

  it('DescribeInstances and StopInstances load none of them, nor RunInstances', () => {
    for (const action of ['DescribeInstances', 'StopInstances', 'StartInstance', 'RebootInstances', 'ModifyInstanceAttribute']) {
      const loads = requestLoads(action);
      expect(HEAVY.filter((f) => loads.has(f)), action).toEqual([]);
      expect(loads.has(src('simulator/actions/instances/run.ts')), action).toBe(false);
    }
  });

  it('RunInstances loads neither the key-pair, image, security-group nor disk actions', () => {
    const loads = requestLoads('RunInstances');
    expect(loads.has(src('simulator/actions/instances/run.ts'))).toBe(true);
    expect(HEAVY.filter((f) => loads.has(f))).toEqual([]);
  });
});
