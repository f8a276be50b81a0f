// Config helpers and the interactive `config init` (in-process, with a mocked terminal).

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEndpoint, checkRegion, keyDef, looksLikeSecret, mask, maskId, modeOf } from '../../src/commands/config/shared.js';
import { resolveConfig } from '../../src/core/config.js';
import { runInProcess, tempHome } from '../helpers/run.js';

describe('config helpers', () => {
  it('masking never shows a secret in full', () => {
    // Never the first characters of a secret (issue 7 §1.9): at most the last 4, none when short.
    expect(mask('Sx9fKq2LmN8pR4tV6wY0zA3cE5gH7j')).toBe('****gH7j');
    expect(mask('abc')).toBe('****');
    expect(mask('abcdefg')).toBe('****');
    expect(mask('abcdefghijklmno')).toBe('****');
    expect(mask('abcdefghijklmnop')).toBe('****mnop');
    expect(mask(undefined)).toBeUndefined();
    expect(maskId('LTAI5tTestKeyId0001')).toBe('LTAI****001');
    expect(maskId('short')).toBe('sh****');
  });

  it('validation of keys and values', () => {
    expect(keyDef('access-key-secret').secret).toBe(true);
    expect(() => keyDef('constructor')).toThrow(/unknown config key "constructor"/);
    expect(checkRegion('ap-southeast-1')).toBe('ap-southeast-1');
    expect(() => checkRegion('Hangzhou')).toThrow(/invalid region/);
    for (const ok of ['127.0.0.1:8787', 'ecs.cn-hangzhou.aliyuncs.com', 'http://localhost:8080', '[::1]:8787']) expect(checkEndpoint(ok)).toBe(ok);
    for (const bad of ['a b', 'host:99999', 'host:']) expect(() => checkEndpoint(bad)).toThrow(/invalid endpoint/);
    expect(looksLikeSecret('Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy')).toBe(true);
    expect(looksLikeSecret('LTAI5tTestKeyId0001')).toBe(false);
    expect(modeOf({ accessKeyId: 'a', accessKeySecret: 'b', securityToken: 't' })).toBe('StsToken');
    expect(modeOf({})).toBe('-');
  });

  it('resolveConfig reports where the profile name came from; __proto__ is not a profile', () => {
    const file = { current: 'p', profiles: { p: {} } };
    expect(resolveConfig({}, {}, file).sources.profile).toBe('profile');
    expect(resolveConfig({ profile: 'p' }, {}, file).sources.profile).toBe('flag');
    expect(resolveConfig({}, { ECS_PROFILE: 'p' }, file).sources.profile).toBe('env');
    expect(resolveConfig({}, {}, {}).sources.profile).toBe('default');
    expect(() => resolveConfig({ profile: '__proto__' }, {}, file)).toThrow(/does not exist/);
  });
});

describe('config init on a terminal', () => {
  let h: ReturnType<typeof tempHome>;
  beforeEach(() => (h = tempHome('ecs-init-')));
  afterEach(() => h.cleanup());

  it('asks for name, backend, region and key ID, re-asking after a bad answer', async () => {
    const secretFile = join(h.home, 's.txt');
    writeFileSync(secretFile, 'InteractiveSecret000000000001\n', { mode: 0o600 });
    const r = await runInProcess(['config', 'init', '--access-key-secret-file', secretFile], {
      env: h.env,
      stdin: 'work\ncloud\nremote\n\nLTAI5tInteractive01\n',
      tty: { stdin: true, stderr: true },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Profile name [default]: ');
    expect(r.stderr).toContain('invalid backend "cloud"');
    expect(r.stderr).toContain('Region [cn-hangzhou]: ');
    expect(r.stderr).toContain('profile "work" created (current)');
    expect(r.stderr).not.toContain('InteractiveSecret');
    const path = join(h.home, '.config', 'ecs', 'config.json');
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles.work).toEqual({
      backend: 'remote',
      region: 'cn-hangzhou',
      accessKeyId: 'LTAI5tInteractive01',
      accessKeySecret: 'InteractiveSecret000000000001',
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('without a terminal and without flags it refuses (exit 2, nothing written); with a flag nothing is asked and defaults apply', async () => {
    const no = await runInProcess(['config', 'init'], { env: h.env, stdin: 'should-not-be-read\n' });
    expect(no.code).toBe(2);
    expect(no.stderr).toBe('error: config init needs a terminal to ask on, or flags: --profile-name NAME with --backend, --region, --access-key-id … (see ecs config init --help)\n');
    expect(() => statSync(join(h.home, '.config', 'ecs', 'config.json'))).toThrow();
    const r = await runInProcess(['config', 'init', '--profile-name', 'default'], { env: h.env, stdin: 'should-not-be-read\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('profile "default" created (current)\n');
    expect(JSON.parse(readFileSync(join(h.home, '.config', 'ecs', 'config.json'), 'utf8'))).toEqual({ current: 'default', profiles: { default: { backend: 'simulator' } } });
  });

  it('end of input while asking is a usage error and writes nothing', async () => {
    const r = await runInProcess(['config', 'init'], { env: h.env, stdin: 'p\n', tty: { stdin: true, stderr: true } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: no answer \(end of input\); nothing was written/);
    expect(() => statSync(join(h.home, '.config', 'ecs', 'config.json'))).toThrow();
  });
});
