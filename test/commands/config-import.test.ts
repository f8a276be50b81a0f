// `ecs config import-aliyun`, in-process (test/helpers/cli.ts), against an aliyun-cli config.json in the shape aliyun-cli writes
// (tab-indented, a "profiles" list with a "mode" each; reference/ecs-openapi-protocol.md §3.2).

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/run.js';

const ALIYUN = {
  current: 'sts',
  profiles: [
    { name: 'default', mode: 'AK', access_key_id: 'LTAI5tDefaultKey0001', access_key_secret: 'DefaultSecretValue000000000001', region_id: 'cn-hangzhou', output_format: 'json', language: 'en' },
    { name: 'sts', mode: 'StsToken', access_key_id: 'STS.NTempKey0002', access_key_secret: 'StsSecretValue000000000000002', sts_token: 'CAISstsTokenValue0002', region_id: 'cn-beijing' },
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAI5tRoleKey0003', access_key_secret: 'RoleSecretValue00000000000003', ram_role_arn: 'acs:ram::123:role/x', ram_session_name: 's' },
    { name: 'ecsrole', mode: 'EcsRamRole', ram_role_name: 'r' },
    { name: 'chain', mode: 'ChainableRamRoleArn', source_profile: 'default', ram_role_arn: 'acs:ram::123:role/y' },
    { name: 'nomode', mode: '', access_key_id: 'LTAI5tNoModeKey0004', access_key_secret: 'NoModeSecretValue000000000004' },
  ],
  meta_path: '',
};
const SECRETS = ['DefaultSecretValue000000000001', 'StsSecretValue000000000000002', 'CAISstsTokenValue0002', 'RoleSecretValue00000000000003'];

let h: ReturnType<typeof tempHome>;
let cfgFile: string;
beforeEach(() => {
  h = tempHome('ecs-import-');
  cfgFile = join(h.home, '.config', 'ecs', 'config.json');
  mkdirSync(join(h.home, '.aliyun'), { mode: 0o700 });
  writeFileSync(join(h.home, '.aliyun', 'config.json'), JSON.stringify(ALIYUN, null, '\t'), { mode: 0o600 });
});
afterEach(() => h.cleanup());

const ecs = (args: string[]) => runCli(args, { env: h.env });
const stored = () => JSON.parse(readFileSync(cfgFile, 'utf8'));

describe('ecs config import-aliyun', () => {
  it('imports AK and StsToken profiles, lists the other modes by name as not supported yet', async () => {
    const r = await ecs(['config', 'import-aliyun', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { Name: 'default', Mode: 'AK', Result: 'imported', Reason: null },
      { Name: 'sts', Mode: 'StsToken', Result: 'imported', Reason: null },
      { Name: 'role', Mode: 'RamRoleArn', Result: 'skipped', Reason: 'mode RamRoleArn not supported yet' },
      { Name: 'ecsrole', Mode: 'EcsRamRole', Result: 'skipped', Reason: 'mode EcsRamRole not supported yet' },
      { Name: 'chain', Mode: 'ChainableRamRoleArn', Result: 'skipped', Reason: 'mode ChainableRamRoleArn not supported yet' },
      { Name: 'nomode', Mode: 'AK', Result: 'imported', Reason: null },
    ]);
    expect(r.stderr).toContain('not supported yet (skipped): role (RamRoleArn), ecsrole (EcsRamRole), chain (ChainableRamRoleArn)');
    expect(r.stderr).toContain('imported 3 of 6 profile(s)');
    expect(statSync(cfgFile).mode & 0o777).toBe(0o600);
    const c = stored();
    expect(c.current).toBe('sts');
    expect(c.profiles.default).toEqual({ backend: 'remote', accessKeyId: 'LTAI5tDefaultKey0001', accessKeySecret: 'DefaultSecretValue000000000001', source: 'aliyun:default', region: 'cn-hangzhou' });
    expect(c.profiles.sts).toEqual({ backend: 'remote', accessKeyId: 'STS.NTempKey0002', accessKeySecret: 'StsSecretValue000000000000002', securityToken: 'CAISstsTokenValue0002', source: 'aliyun:sts', region: 'cn-beijing' });
    expect(Object.keys(c.profiles).sort()).toEqual(['default', 'nomode', 'sts']);

    // The imported credentials are what the CLI then uses, masked on display.
    const show = await ecs(['config', 'show', '--profile', 'sts', '-o', 'json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ Backend: 'remote', Region: 'cn-beijing', AccessKeyId: 'STS.****002', AccessKeySecret: '****0002', SecurityToken: '****0002' });
    for (const out of [r, show, await ecs(['config', 'list'])]) for (const s of SECRETS) expect(out.stdout + out.stderr).not.toContain(s);
  });

  it('never overwrites an ecs profile without --force; --profile imports one, --as renames it', async () => {
    await ecs(['config', 'init', '--profile-name', 'default', '--region', 'us-east-1']);
    const before = readFileSync(cfgFile);
    const one = await ecs(['config', 'import-aliyun', '--profile', 'default']);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe('error: aliyun-cli profile "default": an ecs profile with this name exists (use --force to replace it); nothing was imported\n');
    expect(readFileSync(cfgFile).equals(before)).toBe(true);

    const all = await ecs(['config', 'import-aliyun', '-o', 'json']);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)[0]).toEqual({ Name: 'default', Mode: 'AK', Result: 'skipped', Reason: 'an ecs profile with this name exists (use --force to replace it)' });
    expect(stored().profiles.default).toEqual({ backend: 'simulator', region: 'us-east-1' });
    expect(stored().current).toBe('default');

    const renamed = await ecs(['config', 'import-aliyun', '--profile', 'default', '--as', 'aliyun-default']);
    expect(renamed.code).toBe(0);
    expect(stored().profiles['aliyun-default'].accessKeyId).toBe('LTAI5tDefaultKey0001');

    const forced = await ecs(['config', 'import-aliyun', '--profile', 'default', '--force']);
    expect(forced.code).toBe(0);
    expect(stored().profiles.default.source).toBe('aliyun:default');
  });

  it('bad input: missing file, not JSON, unknown or unsupported profile → exit 2, nothing written', async () => {
    const cases: [string[], RegExp][] = [
      [['config', 'import-aliyun', join(h.home, 'nope.json')], /cannot read .*nope\.json: ENOENT/],
      [['config', 'import-aliyun', '--profile', 'ghost'], /no profile "ghost" in .*\(it has: default, sts, role, ecsrole, chain, nomode\)/],
      [['config', 'import-aliyun', '--profile', 'role'], /aliyun-cli profile "role": mode RamRoleArn not supported yet; nothing was imported/],
      [['config', 'import-aliyun', '--as', 'x'], /--as needs --profile NAME/],
    ];
    const bad = join(h.home, 'bad.json');
    writeFileSync(bad, '{ not json');
    cases.push([['config', 'import-aliyun', bad], /bad\.json is not valid JSON/]);
    for (const [args, msg] of cases) {
      const r = await ecs(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(existsSync(cfgFile)).toBe(false);
    }
  });
});
