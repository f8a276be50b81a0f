// `ecs instance` command tests, in-process (test/helpers/cli.ts) against testBackend()
// (embedded simulator, or served with ECS_TEST_BACKEND=remote). Exact stdout where it is data, one-line stderr
// with the API code for errors, documented exit codes, and the store unchanged on failure.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../../helpers/backend.js';
import { harness, PASSWORD, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

const ID_RE = /^i-[a-z0-9]{20}$/;
const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The whole of stderr for an API error: one line, exactly this code, and a request ID. */
const apiError = (code: string) => new RegExp(`^error: [^\\n]+ \\(${esc(code)}, RequestId [0-9A-F-]+\\)\\n$`);

describe('instance create', () => {
  it('works on a fresh machine with just a name and a password on stdin', async () => {
    const r = await h.ecs(['instance', 'create', '--name', 'web-1', '--password-stdin'], { input: `${PASSWORD}\n` });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    // Not a terminal: the describe record prints as KEY<TAB>value lines.
    const rec = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('\t') as [string, string]));
    expect(rec.ID).toMatch(ID_RE);
    expect(rec.Name).toBe('web-1');
    expect(rec.Status).toBe('Running');
    expect(rec.Image).toMatch(/^aliyun_3_x64_/);
    expect(rec['Login user']).toBe('root');
    const list = await h.json(['instance', 'list']);
    expect(list.map((i: any) => i.InstanceId)).toEqual([rec.ID]);
    expect(list[0]).toMatchObject({ InstanceName: 'web-1', Status: 'Running', RegionId: 'cn-hangzhou', InstanceChargeType: 'PostPaid' });
    expect(list[0].SecurityGroupIds.SecurityGroupId).toHaveLength(1);
  });

  it('-o json prints the Instance object (one) or an array (--amount), with tags, non-root login and the chosen type/zone', async () => {
    const one = await h.json(['instance', 'create', '--name', 'app-1', '--login-as-non-root', '--tag', 'env=test', '--tag', 'team=core', '--type', 'ecs.g7.large']);
    expect(one.InstanceId).toMatch(ID_RE);
    expect(one.InstanceType).toBe('ecs.g7.large');
    expect(one.ZoneId).toMatch(/^cn-hangzhou-/);
    expect(one.ImageOptions.LoginAsNonRoot).toBe(true);
    expect(one.Tags.Tag).toEqual([{ TagKey: 'env', TagValue: 'test' }, { TagKey: 'team', TagValue: 'core' }]);
    const desc = await h.ecs(['instance', 'describe', one.InstanceId]);
    expect(desc.stdout).toContain('Login user\tecs-user\n');
    const many = await h.json(['instance', 'create', '--amount', '3', '--name', 'batch-[1,2]']);
    expect(Array.isArray(many)).toBe(true);
    expect(many.map((i: any) => i.InstanceName).sort()).toEqual(['batch-01', 'batch-02', 'batch-03']);
  });

  it('--dry-run sends DryRun=true: reports success on DryRunOperation and creates nothing', async () => {
    const before = h.state();
    const r = await h.ecs(['instance', 'create', '--name', 'dry', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/DryRunOperation/);
    expect(h.state()).toBe(before);
  });

  it('--client-token: the same token returns the same instance; other parameters → IdempotentParameterMismatch', async () => {
    const a = await h.create(['--name', 'tok', '--client-token', 'tok-123']);
    const b = await h.create(['--name', 'tok', '--client-token', 'tok-123']);
    expect(b).toEqual(a);
    const before = h.state();
    const r = await h.ecs(['instance', 'create', '--name', 'other', '--client-token', 'tok-123']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/IdempotentParameterMismatch/);
    expect(h.state()).toBe(before);
  });

  it('bad input: one line with the problem and code, documented exit code, no stack, store unchanged', async () => {
    const cases: [string[], string | undefined, number, RegExp][] = [
      [['instance', 'create', '--password-stdin'], 'weak', 2, /^error: invalid password: it has 4 characters.*\(InvalidPassword\.Malformed\)$/],
      [['instance', 'create', '--password-stdin'], 'alllowercase', 2, /InvalidPassword\.Malformed/],
      [['instance', 'create', '--password', 'Str0ng#Passw0rd'], undefined, 2, /never taken on the command line/],
      [['instance', 'create', '--type', 'ecs.nope.large'], undefined, 1, /InvalidInstanceType/],
      [['instance', 'create', '--image', 'no_such_image.vhd'], undefined, 1, /InvalidImageId\.NotFound/],
      [['instance', 'create', '--zone', 'cn-hangzhou-z'], undefined, 1, /InvalidZoneId\.NotFound/],
      [['instance', 'create', '--name', '-bad name'], undefined, 1, /InvalidInstanceName\.Malformed/],
      [['instance', 'create', '--amount', '101'], undefined, 2, /--amount must be a whole number from 1 to 100/],
      [['instance', 'create', '--auto-release-at', 'soon'], undefined, 2, /invalid time "soon"/],
      [['instance', 'create', '--charge-type', 'PrePaid'], undefined, 2, /needs --period/],
      [['instance', 'create', '--region', 'xx-nowhere-1'], undefined, 1, /InvalidRegionId\.NotFound/],
      [['instance', 'create', '--keypair', 'no-such-key'], undefined, 1, /InvalidKeyPairName\.NotFound/],
      [['instance', 'create', '--password'], undefined, 2, /^error: no terminal to prompt for instance password: use --password-stdin or --password-file FILE$/],
      [['instance', 'create', '--password-stdin', '--password-file', '/x'], 'x', 2, /choose one of/],
      [['instance', 'create', '--frobnicate'], undefined, 2, /unknown option '--frobnicate'/],
      [['instance', 'create', '--password-inherit', '--password-stdin'], PASSWORD, 1, /^error: The input password should be null when passwdInherit is true\. \(InvalidPasswordParam\.Mismatch, RequestId /],
      [['instance', 'create', '--system-disk-size', '10'], undefined, 1, /^error: The specified parameter SystemDisk\.Size is invalid\. \(cloud_essd: 20 to 2048 GiB\) \(InvalidSystemDiskSize\.ValueNotSupported, RequestId /],
    ];
    // The quota (quota.instances) is the API's: QuotaExceed.AfterpayInstance, nothing created.
    expect((await h.ecs(['simulator', 'set', 'quota.instances', '5'])).code).toBe(0);
    const before = h.state();
    const q = await h.ecs(['instance', 'create', '--amount', '6']);
    expect(q.code).toBe(1);
    expect(q.stderr).toMatch(/^error: .*\(QuotaExceed\.AfterpayInstance, RequestId [^)]*\)\n$/);
    expect(h.state()).toBe(before);
    expect((await h.ecs(['simulator', 'set', 'quota.instances', '100000'])).code).toBe(0);
    for (const [args, input, code, msg] of cases) {
      const before = h.state();
      const r = await h.ecs(args, { input });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stdout, args.join(' ')).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(h.state(), args.join(' ')).toBe(before);
    }
  });
});

describe('instance create: charge types and auto-release', () => {
  it('--auto-release-at +2h sets AutoReleaseTime; PrePaid --period 1 --period-unit Year expires in a year at 00:00 UTC+8', async () => {
    const one = await h.json(['instance', 'create', '--name', 'ar', '--auto-release-at', '+2h']);
    expect(Math.abs(new Date(one.AutoReleaseTime).getTime() - (Date.now() + 7200_000))).toBeLessThan(120_000);
    const pre = await h.json(['instance', 'create', '--name', 'yr', '--charge-type', 'PrePaid', '--period', '1', '--period-unit', 'Year']);
    expect(pre.InstanceChargeType).toBe('PrePaid');
    const exp = new Date(pre.ExpiredTime);
    expect(exp.getUTCHours()).toBe(16); // 00:00 UTC+8
    const days = (exp.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(368);
    const r = await h.ecs(['instance', 'describe', pre.InstanceId]);
    expect(r.stdout).toMatch(/^Expires\t\d{4}-/m);
  });
});

describe('instance list / describe', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = await h.create(['--name', 'pg-[1,3]', '--amount', '100', '--tag', 'grp=pg']);
    ids.push(...(await h.create(['--name', 'pg-[101,3]', '--amount', '30', '--tag', 'grp=pg'])));
  });

  it('-o json merges all pages (130 > one page of 100)', async () => {
    const all = await h.json(['instance', 'list', '--tag', 'grp=pg']);
    expect(all).toHaveLength(130);
    expect(new Set(all.map((i: any) => i.InstanceId))).toEqual(new Set(ids));
  });

  it('-o ids prints one ID per line; IDs as arguments select them', async () => {
    const r = await h.ecs(['instance', 'list', ids[0]!, ids[5]!, '-o', 'ids']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([ids[0], ids[5]].sort());
  });

  it('filters: --name with *, --status, --zone, --type', async () => {
    const r = await h.ecs(['instance', 'list', '--name', 'pg-10*', '-o', 'ids']);
    expect(r.stdout.trim().split('\n').length).toBe(10); // pg-100 … pg-109
    const stopped = await h.json(['instance', 'list', '--status', 'Stopped']);
    expect(stopped).toEqual([]);
    const one = await h.json(['instance', 'describe', ids[0]!]);
    const zoned = await h.json(['instance', 'list', '--zone', one.ZoneId, '--type', one.InstanceType, '--tag', 'grp=pg']);
    expect(zoned.length).toBe(130);
    const other = await h.json(['instance', 'list', '--type', 'ecs.c7.large']);
    expect(other).toEqual([]);
  });

  it('TSV columns: ID NAME STATUS ZONE TYPE PRIVATE-IP PUBLIC-IP CHARGE CREATED', async () => {
    const i = await h.json(['instance', 'describe', ids[1]!]);
    const r = await h.ecs(['instance', 'list', ids[1]!, '-o', 'tsv']);
    expect(r.stdout).toBe(
      [i.InstanceId, i.InstanceName, 'Running', i.ZoneId, i.InstanceType, i.VpcAttributes.PrivateIpAddress.IpAddress[0], '-', 'PostPaid', i.CreationTime].join('\t') + '\n',
    );
  });

  it('describe: several IDs → JSON array in order; unknown ID → InvalidInstanceId.NotFound exit 1', async () => {
    const two = await h.json(['instance', 'describe', ids[3]!, ids[2]!]);
    expect(two.map((x: any) => x.InstanceId)).toEqual([ids[3], ids[2]]);
    const r = await h.ecs(['instance', 'describe', 'i-doesnotexist000000000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: instance i-doesnotexist000000000 does not exist in region cn-hangzhou (InvalidInstanceId.NotFound)\n');
  });

  it('describe shows what an admin needs, including pending changes', async () => {
    const r = await h.ecs(['instance', 'describe', ids[4]!]);
    for (const k of ['ID', 'Name', 'Hostname', 'Status', 'Zone', 'Type', 'vCPU', 'Memory', 'Image', 'OS', 'Private IP', 'Public IP', 'VPC', 'vSwitch', 'Security groups', 'Key pair', 'Login user', 'Charge type', 'Created', 'Expires', 'Auto-release', 'Pending changes']) {
      expect(r.stdout).toMatch(new RegExp(`^${k}\\t`, 'm'));
    }
    expect(r.stdout).toMatch(/^vCPU\t2$/m);
    expect(r.stdout).toMatch(/^Memory\t4 GiB$/m);
    expect(r.stdout).toMatch(/^Pending changes\tnone$/m);
  });

  it('unknown region → InvalidRegionId.NotFound', async () => {
    const r = await h.ecs(['instance', 'list', '--region', 'xx-nowhere-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*\(InvalidRegionId\.NotFound.*\)\n$/);
  });
});

describe('lifecycle: stop / start / reboot / delete / wait', () => {
  it('destructive verbs without a terminal need --yes: exit 2 at once naming --yes, nothing changed', async () => {
    const [id] = await h.create(['--name', 'cron']);
    for (const verb of ['stop', 'reboot', 'delete']) {
      const before = h.state();
      const r = await h.ecs(['instance', verb, id!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: ecs instance ${verb} needs confirmation: pass --yes (no terminal to ask on)\n`);
      expect(h.state()).toBe(before);
    }
    const rp = await h.ecs(['instance', 'reset-password', id!, '--password-stdin', '--reboot'], { input: PASSWORD });
    expect(rp.code).toBe(2);
    expect(rp.stderr).toMatch(/pass --yes/);
  });

  it('status rules come from the API: IncorrectInstanceStatus; --wait reaches the target', async () => {
    const [id] = await h.create(['--name', 'life']);
    let r = await h.ecs(['instance', 'start', id!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*\(IncorrectInstanceStatus, RequestId [0-9A-F-]+\)\n$/);
    r = await h.ecs(['instance', 'stop', id!, '--yes', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${id}\tStopped\t-\n`);
    expect((await h.json(['instance', 'describe', id!])).Status).toBe('Stopped');
    r = await h.ecs(['instance', 'reboot', id!, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/IncorrectInstanceStatus/);
    r = await h.ecs(['instance', 'start', id!, '--wait']);
    expect(r.stdout).toBe(`${id}\tRunning\t-\n`);
    r = await h.ecs(['instance', 'reboot', id!, '--yes', '--wait', '-o', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([{ InstanceId: id, Result: 'Running' }]);
    // delete needs Stopped unless --force
    const before = h.state();
    r = await h.ecs(['instance', 'delete', id!, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/IncorrectInstanceStatus/);
    expect(h.state()).toBe(before);
    r = await h.ecs(['instance', 'delete', id!, '--yes', '--force', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${id}\treleased\t-\n`);
    expect(await h.json(['instance', 'list', id!])).toEqual([]);
  });

  it('many IDs: one result line each, non-zero exit if any failed', async () => {
    const ids = await h.create(['--name', 'multi', '--amount', '3']);
    const r = await h.ecs(['instance', 'stop', ...ids, 'i-missing0000000000000', '--yes']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(lines.map((l) => l[0])).toEqual([...ids, 'i-missing0000000000000']);
    expect(lines.slice(0, 3).map((l) => l[1])).toEqual(['stopping', 'stopping', 'stopping']);
    expect(lines[3]![1]).toBe('failed');
    expect(lines[3]![2]).toMatch(/^InvalidInstanceId\.NotFound: /);
    expect(r.stderr).toBe('error: ecs instance stop: 1 of 4 failed: i-missing0000000000000 (InvalidInstanceId.NotFound)\n');
    // Already Stopped: the dry run reports the real status error for each ID, changes nothing.
    const before = h.state();
    const s = await h.ecs(['instance', 'stop', ...ids, '--yes', '--dry-run']);
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(`error: ecs instance stop: 3 of 3 failed: ${ids.map((i) => `${i} (IncorrectInstanceStatus)`).join(', ')}\n`);
    expect(s.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join('\t') + '\t' + l.split('\t')[2]!.split(':')[0])).toEqual(ids.map((i) => `${i}\tfailed\tIncorrectInstanceStatus`));
    expect(h.state()).toBe(before);
  });

  it('wait --status: returns at once when reached; exit 5 on timeout', async () => {
    const [id] = await h.create(['--name', 'waiter']);
    let r = await h.ecs(['instance', 'wait', id!, '--status', 'Running']);
    expect(r.code).toBe(0);
    r = await h.ecs(['instance', 'wait', id!, '--status', 'Stopped', '--wait-timeout', '1']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/timed out after \d+s waiting for instance .* to be Stopped/);
    r = await h.ecs(['instance', 'wait', id!, '--status', 'Bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: option '--status <status>' argument 'Bogus' is invalid\. [^\n]*Running[^\n]*\n$/);
    r = await h.ecs(['instance', 'wait', 'i-missing0000000000000', '--status', 'Running']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidInstanceId\.NotFound/);
  });
});

describe('rename / modify / auto-release / renew', () => {
  it('rename and modify change the attributes; bad names are refused by the API unchanged', async () => {
    const [id] = await h.create(['--name', 'old']);
    expect((await h.ecs(['instance', 'rename', id!, 'new-name'])).code).toBe(0);
    expect((await h.ecs(['instance', 'modify', id!, '--description', 'web tier', '--hostname', 'web-host', '--deletion-protection'])).code).toBe(0);
    const i = await h.json(['instance', 'describe', id!]);
    expect(i).toMatchObject({ InstanceName: 'new-name', Description: 'web tier', HostName: 'web-host', DeletionProtection: true });
    const before = h.state();
    const r = await h.ecs(['instance', 'rename', id!, '1bad']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidInstanceName\.Malformed/);
    expect(h.state()).toBe(before);
    const m = await h.ecs(['instance', 'modify', id!]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^error: nothing to change: [^\n]+\n$/);
  });

  it('auto-release: set (+2h / ISO), overwrite, show, cancel; bad time exit 2; PrePaid refused by the API', async () => {
    const [id] = await h.create(['--name', 'rel']);
    let r = await h.ecs(['instance', 'auto-release', id!, '--at', '+2h']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/next :00 or :30/);
    const t1 = (await h.json(['instance', 'describe', id!])).AutoReleaseTime;
    expect(Math.abs(new Date(t1).getTime() - (Date.now() + 2 * 3600_000))).toBeLessThan(120_000);
    const at = new Date(Date.now() + 86400_000 * 2);
    at.setUTCSeconds(0, 0);
    const iso = at.toISOString().replace(/\.000Z$/, 'Z');
    r = await h.ecs(['instance', 'auto-release', id!, '--at', iso]);
    expect(r.code).toBe(0);
    expect((await h.json(['instance', 'describe', id!])).AutoReleaseTime.slice(0, 16)).toBe(iso.slice(0, 16));
    const shown = await h.json(['instance', 'auto-release', id!]);
    expect(shown.AutoReleaseTime.slice(0, 16)).toBe(iso.slice(0, 16));
    const before = h.state();
    r = await h.ecs(['instance', 'auto-release', id!, '--at', 'next week']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(h.state()).toBe(before);
    r = await h.ecs(['instance', 'auto-release', id!, '--cancel']);
    expect(r.code).toBe(0);
    expect((await h.json(['instance', 'describe', id!])).AutoReleaseTime || '').toBe('');
    const [pre] = await h.create(['--name', 'sub', '--charge-type', 'PrePaid', '--period', '1']);
    const b2 = h.state();
    r = await h.ecs(['instance', 'auto-release', pre!, '--at', '+2h']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(apiError('ChargeTypeViolation'));
    expect(r.stderr).toContain(`(${pre} is a subscription instance)`);
    expect(h.state()).toBe(b2);
  });

  it('renew: PrePaid by month or year moves the expiry; PostPaid refused', async () => {
    const [pre] = await h.create(['--name', 'sub2', '--charge-type', 'PrePaid', '--period', '1', '--period-unit', 'Month']);
    const e0 = new Date((await h.json(['instance', 'describe', pre!])).ExpiredTime);
    let r = await h.ecs(['instance', 'renew', pre!, '--period', '1', '--period-unit', 'Year']);
    expect(r.code).toBe(0);
    const e1 = new Date((await h.json(['instance', 'describe', pre!])).ExpiredTime);
    const months = (e1.getUTCFullYear() - e0.getUTCFullYear()) * 12 + e1.getUTCMonth() - e0.getUTCMonth();
    expect(months).toBe(12);
    const [post] = await h.create(['--name', 'payg']);
    let before = h.state();
    r = await h.ecs(['instance', 'renew', post!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(apiError('ChargeTypeViolation'));
    expect(r.stderr).toContain(`(${post} is pay-as-you-go; only subscription instances are renewed)`);
    expect(h.state()).toBe(before);
    // Subscription instances cannot be released by hand.
    before = h.state();
    r = await h.ecs(['instance', 'delete', pre!, '--force', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(apiError('ChargeTypeViolation'));
    expect(r.stderr).toContain(`(${pre} is a subscription instance; it is released automatically 30 days after it expires)`);
    expect(h.state()).toBe(before);
  });
});
