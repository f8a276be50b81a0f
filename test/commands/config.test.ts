// `ecs config …` in-process (test/helpers/cli.ts) with a temp HOME: files and modes, precedence
// flags > env > profile > defaults, masking, and bad input leaving the file byte-identical.
// The terminal prompts need a real terminal: test/e2e/config-tty.test.ts.

import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/run.js';

const SECRET = 'Sx9fKq2LmN8pR4tV6wY0zA3cE5gH7j';
const KEY_ID = 'LTAI5tTestKeyId0001';
const TOKEN = 'CAIS.sts-token-value-very-long-0123456789';

let h: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
let cfgFile: string;
beforeEach(() => {
  h = tempHome('ecs-config-');
  env = h.env;
  cfgFile = join(h.home, '.config', 'ecs', 'config.json');
});
afterEach(() => h.cleanup());

const ecs = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extraEnv }, stdin: input });
const mode = (p: string) => statSync(p).mode & 0o777;

async function initProd(): Promise<void> {
  const r = await ecs(['config', 'init', '--profile-name', 'prod', '--backend', 'remote', '--region', 'cn-shanghai', '--access-key-id', KEY_ID, '--access-key-secret-stdin'], `${SECRET}\n`);
  expect(r.stderr).toBe('profile "prod" created (current)\n');
  expect(r.code).toBe(0);
}

/** Runs a failing command and checks: exit 2, one stderr line, config file unchanged. */
async function refused(args: string[], message: RegExp, input?: string): Promise<void> {
  const before = existsSync(cfgFile) ? readFileSync(cfgFile) : undefined;
  const r = await ecs(args, input);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toContain(SECRET);
  const after = existsSync(cfgFile) ? readFileSync(cfgFile) : undefined;
  expect(after?.equals(before ?? Buffer.alloc(0)) ?? before === undefined).toBe(true);
}

describe('ecs config', () => {
  it('init writes a 0600 file in a 0700 directory; list and show mask the secret', async () => {
    await initProd();
    expect(mode(cfgFile)).toBe(0o600);
    expect(mode(join(h.home, '.config', 'ecs'))).toBe(0o700);
    const stored = JSON.parse(readFileSync(cfgFile, 'utf8'));
    expect(stored).toEqual({ current: 'prod', profiles: { prod: { backend: 'remote', region: 'cn-shanghai', accessKeyId: KEY_ID, accessKeySecret: SECRET } } });

    const list = await ecs(['config', 'list', '-o', 'json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      { Name: 'prod', Current: true, Backend: 'remote', Region: 'cn-shanghai', Endpoint: null, Mode: 'AK', AccessKeyId: 'LTAI****001', Source: null },
    ]);
    const table = await ecs(['config', 'list']);
    expect(table.stdout).toBe('*\tprod\tremote\tcn-shanghai\tAK\tLTAI****001\t-\n');

    const show = await ecs(['config', 'show', '-o', 'json']);
    const s = JSON.parse(show.stdout);
    expect(s).toMatchObject({ Profile: 'prod', Backend: 'remote', Region: 'cn-shanghai', AccessKeyId: 'LTAI****001', AccessKeySecret: '****gH7j', SecurityToken: null });
    for (const r of [list, table, show, await ecs(['config', 'show']), await ecs(['config', 'show', '-o', 'yaml'])]) {
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(KEY_ID);
    }
  });

  it('precedence end to end: flags > env > profile > defaults, with the source of each value', async () => {
    const defaults = JSON.parse((await ecs(['config', 'show', '-o', 'json'])).stdout);
    expect(defaults).toMatchObject({ Profile: 'default', ProfileExists: false, Backend: 'simulator', Region: 'cn-hangzhou', Signature: 'v3', Endpoint: null, AccessKeyId: null });
    expect(defaults.Sources).toEqual({ Profile: 'default', Backend: 'default', Region: 'default', Endpoint: 'default', Signature: 'default', Credentials: 'default' });

    await initProd();
    const prof = JSON.parse((await ecs(['config', 'show', '-o', 'json'])).stdout);
    expect([prof.Region, prof.Sources.Region, prof.Backend, prof.Sources.Backend, prof.Sources.Profile]).toEqual(['cn-shanghai', 'profile', 'remote', 'profile', 'current']);

    const envOver = { ALIBABA_CLOUD_REGION_ID: 'cn-beijing', ECS_BACKEND: 'simulator', ECS_ENDPOINT: '127.0.0.1:8787', ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tFromEnvironment', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'EnvSecretValue0123456789' };
    const e = JSON.parse((await ecs(['config', 'show', '-o', 'json'], undefined, envOver)).stdout);
    expect(e).toMatchObject({ Region: 'cn-beijing', Backend: 'simulator', Endpoint: '127.0.0.1:8787', AccessKeyId: 'LTAI****ent', AccessKeySecret: '****6789' });
    expect(e.Sources).toMatchObject({ Region: 'env', Backend: 'env', Endpoint: 'env', Credentials: 'env' });

    const f = JSON.parse((await ecs(['config', 'show', '-o', 'json', '--region', 'us-west-1', '--backend', 'remote', '--signature', 'v1'], undefined, envOver)).stdout);
    expect([f.Region, f.Sources.Region, f.Backend, f.Sources.Backend, f.Signature, f.Sources.Signature]).toEqual(['us-west-1', 'flag', 'remote', 'flag', 'v1', 'flag']);

    // ECS_PROFILE and --profile select the profile; --query works on the result.
    await ecs(['config', 'init', '--profile-name', 'dev', '--region', 'ap-southeast-1']);
    expect((await ecs(['config', 'show', '--query', 'Region'], undefined, { ECS_PROFILE: 'dev' })).stdout).toBe('"ap-southeast-1"\n');
    expect((await ecs(['config', 'show', '--profile', 'prod', '--query', 'Region'], undefined, { ECS_PROFILE: 'dev' })).stdout).toBe('"cn-shanghai"\n');
    expect((await ecs(['config', 'show', 'dev', '--query', 'Sources.Profile'])).stdout).toBe('"argument"\n');
  });

  it('set, use and the refusals (exit 2, one line, file unchanged)', async () => {
    await initProd();
    await ecs(['config', 'init', '--profile-name', 'dev']);
    expect((await ecs(['config', 'use', 'dev'])).code).toBe(0);
    expect(JSON.parse(readFileSync(cfgFile, 'utf8')).current).toBe('dev');
    expect((await ecs(['config', 'set', 'region', 'eu-central-1'])).code).toBe(0);
    expect((await ecs(['config', 'set', 'endpoint', '127.0.0.1:8787', '--profile', 'prod'])).code).toBe(0);
    const r = await ecs(['config', 'set', 'security-token', '--stdin', '--profile', 'prod'], `${TOKEN}\n`);
    expect(r.code).toBe(0);
    const stored = JSON.parse(readFileSync(cfgFile, 'utf8'));
    expect(stored.profiles.dev.region).toBe('eu-central-1');
    expect(stored.profiles.prod).toMatchObject({ endpoint: '127.0.0.1:8787', securityToken: TOKEN });
    expect(JSON.parse((await ecs(['config', 'list', '-o', 'json'])).stdout).find((p: any) => p.Name === 'prod').Mode).toBe('StsToken');
    expect((await ecs(['config', 'set', 'endpoint', '--unset', '--profile', 'prod'])).code).toBe(0);
    const looks = await ecs(['config', 'set', 'access-key-id', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy', '--profile', 'dev']);
    expect(looks.code).toBe(0);
    expect(looks.stderr).toMatch(/^warning: the access-key-id value looks like an AccessKey secret/);
    expect(JSON.parse(readFileSync(cfgFile, 'utf8')).profiles.prod.endpoint).toBeUndefined();
    expect(mode(cfgFile)).toBe(0o600);

    await refused(['config', 'use', 'nope'], /profile "nope" does not exist/);
    await refused(['config', 'show', 'nope'], /profile "nope" does not exist/);
    await refused(['config', 'set', 'region', 'cn-beijing', '--profile', 'nope'], /profile "nope" does not exist/);
    await refused(['instance', 'list', '--profile', 'nope'], /profile "nope" does not exist/);
    await refused(['config', 'set', 'colour', 'blue'], /invalid for argument 'key'.*backend, region/);
    await refused(['config', 'set', 'region', 'Not A Region'], /invalid region "Not A Region"/);
    await refused(['config', 'set', 'backend', 'cloud'], /backend/);
    await refused(['config', 'set', 'signature', 'v2'], /invalid signature version "v2"/);
    await refused(['config', 'set', 'endpoint', 'http://bad host'], /invalid endpoint/);
    await refused(['config', 'set', 'access-key-secret', SECRET], /refusing access-key-secret on the command line.*--stdin/);
    await refused(['config', 'set', 'access-key-secret'], /missing value for access-key-secret \(use --stdin\)/);
    await refused(['config', 'init', '--profile-name', 'prod', '--access-key-id', KEY_ID, '--access-key-secret-stdin'], /profile "prod" already exists: pass --force/, `${SECRET}\n`);
    await refused(['config', 'init', '--profile-name', 'x', '--access-key-id', KEY_ID, '--access-key-secret', SECRET], /refusing an AccessKey secret on the command line/);
    await refused(['config', 'init', '--profile-name', 'x', '--access-key-id', KEY_ID], /needs its secret/);
    await refused(['config', 'init', '--profile-name', 'bad name!'], /invalid profile name/);
    await refused(['config', 'init', '--profile-name', 'x', '--region', 'nowhere'], /invalid region/);
    // A well-formed ID that is no region (issue 7 §1.9): every later command would fail.
    await refused(['config', 'set', 'region', 'nowhere-1'], /^error: invalid region "nowhere-1": no such region \(see: ecs region list\)\n$/);
    await refused(['config', 'init', '--profile-name', 'y', '--region', 'mars-1'], /^error: invalid region "mars-1": no such region/);
    // No terminal and no flags: refused instead of quietly writing a default profile.
    await refused(['config', 'init'], /^error: config init needs a terminal to ask on, or flags: --profile-name NAME/);
    await refused(['config', 'init', '--profile-name', 'x', '--access-key-id', KEY_ID, '--access-key-secret-file', join(h.home, 'missing')], /cannot read AccessKey secret file .*ENOENT/);
  });

  it('init: secret from a file, --force replaces, a secret-looking key ID warns, a looser file is noted', async () => {
    const f = join(h.home, 'secret.txt');
    writeFileSync(f, `${SECRET}\n`, { mode: 0o644 });
    chmodSync(f, 0o644);
    const r = await ecs(['config', 'init', '--profile-name', 'p', '--access-key-id', KEY_ID, '--access-key-secret-file', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*secret\.txt is readable by other users/);
    const again = await ecs(['config', 'init', '--profile-name', 'p', '--force', '--region', 'cn-qingdao', '--access-key-id', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy', '--access-key-secret-file', f]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/warning: the --access-key-id value looks like an AccessKey secret/);
    expect(JSON.parse(readFileSync(cfgFile, 'utf8')).profiles.p.region).toBe('cn-qingdao');
  });

  it('a config directory with loose permissions is tightened to 0700', async () => {
    mkdirSync(join(h.home, '.config', 'ecs'), { recursive: true, mode: 0o755 });
    chmodSync(join(h.home, '.config', 'ecs'), 0o755);
    await initProd();
    expect(mode(join(h.home, '.config', 'ecs'))).toBe(0o700);
  });
});
