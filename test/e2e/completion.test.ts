// `ecs completion SHELL` and `ecs __complete` through the built binary.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { ROOT, runEcs } from '../helpers/run.js';
import { buildManifest } from '../../src/completion/complete.js';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
});
afterAll(async () => b.cleanup());

const ecs = (args: string[], env: NodeJS.ProcessEnv = b.env, input?: string) => runEcs(args, { env, input });

describe('ecs completion', () => {
  it.each([
    ['bash', 'ecs.bash'],
    ['zsh', '_ecs'],
    ['fish', 'ecs.fish'],
  ])('%s: prints exactly completions/%s', async (shell, file) => {
    const r = await ecs(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'completions', file), 'utf8'));
    expect(r.stdout).toContain('__complete --');
  });

  it('an unknown or missing shell is a usage error; --help explains installation', async () => {
    const bad = await ecs(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tcsh.*bash, zsh, fish/);
    expect((await ecs(['completion'])).code).toBe(2);
    const help = await ecs(['completion', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('~/.config/fish/completions/ecs.fish');
  });
});

describe('ecs __complete', () => {
  it('the build wrote dist/complete-tree.json: every verb\'s options and arguments, as the sources declare them', async () => {
    const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'complete-tree.json'), 'utf8'));
    const fromSrc = JSON.parse(JSON.stringify(await buildManifest()));
    expect(built).toEqual(fromSrc);
    expect(built['instance stop'].args[0].variadic).toBe(true);
  });

  it('commands, options and values, one per line with a directive', async () => {
    const r = await ecs(['__complete', '--', 'inst']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^instance\tCreate and manage ECS instances\ninstance-type\t[^\n]+\n:4\n$/);
    expect((await ecs(['__complete', '--', '-o', ''])).stdout).toBe('table\njson\ntsv\nyaml\nids\n:4\n');
    // without "--" too (cobra style)
    expect((await ecs(['__complete', 'instance', 'list', '--status', 'Run'])).stdout).toBe('Running\n:4\n');
  });

  it('instance IDs from the backend, cached under $XDG_CACHE_HOME/ecs/<profile>/<region>/ (0600)', async () => {
    const ids: string[] = [];
    for (const name of ['web-1', 'web-2']) {
      const c = await ecs(['instance', 'create', '--name', name, '--password-stdin', '-o', 'ids'], b.env, 'Str0ng#Passw0rd\n');
      expect(c.code, c.stderr).toBe(0);
      ids.push(c.stdout.trim());
    }
    const r = await ecs(['__complete', '--', 'instance', 'stop', '']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.pop()).toBe(':4');
    expect(lines.sort()).toEqual([`${ids[0]}\tweb-1`, `${ids[1]}\tweb-2`].sort());
    const cache = join(b.home, '.cache', 'ecs', 'default', 'cn-hangzhou', 'instance.json'); // named after the resource descriptor
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cache, 'utf8')).items.map((i: string[]) => i[0]).sort()).toEqual([...ids].sort());
    // IDs already on the line are not offered again
    expect((await ecs(['__complete', '--', 'instance', 'stop', ids[0]!, ''])).stdout).toBe(`${ids[1]}\tweb-2\n:4\n`);
    // another region has none
    expect((await ecs(['__complete', '--', '--region', 'cn-beijing', 'instance', 'stop', ''])).stdout).toBe(':4\n');

    // stop offers Running instances, start Stopped ones (all of them when none fits)
    expect((await ecs(['__complete', '--', 'instance', 'start', ''])).stdout.split('\n').length).toBe(4);
    const stop = await ecs(['instance', 'stop', ids[0]!, '--yes', '--wait']);
    expect(stop.code, stop.stderr).toBe(0);
    rmSync(join(b.home, '.cache'), { recursive: true, force: true }); // a remote backend's cache would live 5 minutes
    expect((await ecs(['__complete', '--', 'instance', 'start', ''])).stdout).toBe(`${ids[0]}\tweb-1\n:4\n`);
    expect((await ecs(['__complete', '--', 'instance', 'stop', ''])).stdout).toBe(`${ids[1]}\tweb-2\n:4\n`);
    expect((await ecs(['__complete', '--', 'instance', 'describe', ''])).stdout.split('\n').length).toBe(4);
    const restart = await ecs(['instance', 'start', ids[0]!, '--wait']);
    expect(restart.code, restart.stderr).toBe(0);
  });

  it('never writes to stderr, even with a broken config file or an unknown profile', async () => {
    const env = { ...b.env, XDG_CONFIG_HOME: join(b.home, 'broken-config') };
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'ecs'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME!, 'ecs', 'config.json'), '{ not json');
    for (const words of [['instance', 'stop', ''], ['--region', ''], ['--profile', '']]) {
      expect(await ecs(['__complete', '--', ...words], env)).toEqual({ code: 0, stdout: ':4\n', stderr: '' });
    }
    expect(await ecs(['__complete', '--', '--profile', 'ghost', 'instance', 'stop', ''])).toEqual({ code: 0, stdout: ':4\n', stderr: '' });
  });
});
