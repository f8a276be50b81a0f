// Edges found trying the issue 8–11 verbs as an admin and as an attacker (issue 7 §1, §3):
// in-process (test/helpers/cli.ts) against testBackend() (embedded, or served with
// ECS_TEST_BACKEND=remote). Each case: exact stderr, exit code, and the store unchanged.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend.js';
import { harness, type Harness } from './instance/helpers.js';

const ZONE = 'cn-hangzhou-h';
let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

const out = (args: string[]) => h.out(args);

describe('modify verbs refuse an empty --name/--description/--hostname (not "updated" with nothing changed)', () => {
  it('instance modify, disk modify, snapshot-policy modify', async () => {
    const [inst] = await h.create(['--zone', ZONE, '--name', 'keep-me']);
    const disk = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '--name', 'keep-disk', '-o', 'ids']);
    const policy = await out(['snapshot-policy', 'create', '--name', 'keep-policy', '--hours', '2', '-o', 'ids']);
    const before = h.state();
    const cases: [string[], string][] = [
      [['instance', 'modify', inst!, '--name', ''], '--name'],
      [['instance', 'modify', inst!, '--description', ''], '--description'],
      [['instance', 'modify', inst!, '--hostname', ' '], '--hostname'],
      [['disk', 'modify', disk, '--name', ''], '--name'],
      [['disk', 'modify', disk, '--description', ''], '--description'],
      [['snapshot-policy', 'modify', policy, '--name', ''], '--name'],
    ];
    for (const [args, flag] of cases) {
      const r = await h.ecs(args);
      const value = args[args.length - 1];
      const spec = flag === '--description' ? `${flag} <text>` : `${flag} <name>`;
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }, args.join(' ')).toEqual({
        code: 2, stdout: '', stderr: `error: option '${spec}' argument '${value}' is invalid. ${flag} is empty (an empty value cannot set or clear it)\n`,
      });
    }
    expect(h.state()).toBe(before);
  });
});

describe('audit authorized-keys --permit-root-login takes sshd_config values only', () => {
  it('"No" is no (sshd matches case-insensitively); an unknown value is a usage error', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(h.backend.home, 'root_ak');
    writeFileSync(file, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@host\n', { mode: 0o600 });
    const dead = await h.ecs(['audit', 'authorized-keys', file, '--user', 'root', '--no-stat', '--permit-root-login', 'No', '-o', 'ids']);
    expect(dead).toMatchObject({ code: 0, stdout: 'AK042\n' });
    for (const bad of ['__proto__', 'constructor', '', 'maybe']) {
      const r = await h.ecs(['audit', 'authorized-keys', file, '--user', 'root', '--permit-root-login', bad]);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        code: 2, stdout: '', stderr: `error: option '--permit-root-login <value>' argument '${bad}' is invalid. --permit-root-login must be one of yes, prohibit-password, without-password, forced-commands-only, no, got "${bad}"\n`,
      });
    }
  });
});

describe('--dry-run of deletes without an API DryRun checks the documented refusal (not "would delete")', () => {
  it('security-group delete of a group with instances, keypair delete of a bound key pair: DependencyViolation, nothing changed', async () => {
    expect((await h.ecs(['keypair', 'create', 'bound-kp', '--out', `${h.backend.home}/bound-kp.pem`])).code).toBe(0);
    const sg = await out(['security-group', 'create', '--name', 'in-use', '-o', 'ids']);
    const [inst] = await h.create(['--zone', ZONE, '--keypair', 'bound-kp', '--security-group', sg]);
    const before = h.state();
    const g = await h.ecs(['security-group', 'delete', sg, '--yes', '--dry-run']);
    expect(g.code).toBe(1);
    expect(g.stdout).toBe(`${sg}\tfailed\t-\tDependencyViolation: There is still instance(s) in the specified security group. (${sg}: ${inst})\n`);
    expect(g.stderr).toBe(`error: There is still instance(s) in the specified security group. (${sg}: ${inst}) (DependencyViolation)\n`);
    const k = await h.ecs(['keypair', 'delete', 'bound-kp', '--yes', '--dry-run']);
    expect(k.code).toBe(1);
    expect(k.stdout).toBe(`bound-kp\tfailed\t-\tDependencyViolation: The specified key pair is bound to an instance; detach it first. (bound-kp is bound to ${inst})\n`);
    expect(k.stderr).toBe(`error: bound-kp: The specified key pair is bound to an instance; detach it first. (bound-kp is bound to ${inst}) (DependencyViolation)\n`);
    expect(h.state()).toBe(before);
    // what the dry run predicted is what the real call answers
    expect((await h.ecs(['security-group', 'delete', sg, '--yes'])).stderr).toMatch(/^error: There is still instance\(s\) in the specified security group\. .*\(DependencyViolation, RequestId [0-9A-F-]{36}\)\n$/);
    expect((await h.ecs(['keypair', 'delete', 'bound-kp', '--yes'])).stderr).toMatch(/^error: The specified key pair is bound to an instance; detach it first\. .*\(DependencyViolation, RequestId [0-9A-F-]{36}\)\n$/);
    // unbound: the dry run still says it would delete
    const free = await out(['security-group', 'create', '--name', 'free', '-o', 'ids']);
    expect(await h.ecs(['security-group', 'delete', free, '--yes', '--dry-run'])).toMatchObject({ code: 0, stdout: `${free}\tdry run: would delete\t-\t-\n` });
  });
});

describe('audit passwd --uid-min is a UID', () => {
  it('refuses a non-number, a negative or an out-of-range value with one line (exit 2)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(h.backend.home, 'passwd');
    writeFileSync(file, 'root:x:0:0:root:/root:/bin/bash\nsvc:x:500:500::/srv:/bin/bash\n');
    for (const bad of ['abc', '-1', '0', '', '4294967295', '99999999999999999999']) {
      const r = await h.ecs(['audit', 'passwd', file, '--uid-min', bad]);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }, bad).toEqual({
        code: 2, stdout: '', stderr: `error: option '--uid-min <n>' argument '${bad}' is invalid. --uid-min must be a whole number from 1 to 4294967294, got "${bad}"\n`,
      });
    }
    expect(await h.ecs(['audit', 'passwd', file, '--uid-min', '400', '-o', 'ids'])).toMatchObject({ code: 0, stdout: '' });
    expect(await h.ecs(['audit', 'passwd', file, '-o', 'ids'])).toMatchObject({ code: 0, stdout: 'PW02\n' });
  });
});

describe('tag add/remove: --dry-run checks the resource; tag remove gives a result for -o json', () => {
  it('a missing resource (prototype keys too) is the real call\'s InvalidResourceId.NotFound under --dry-run; nothing changed', async () => {
    const before = h.state();
    const cases: [string[], string][] = [
      [['tag', 'add', 'i-bpnosuch000000000000', 'env=x'], 'i-bpnosuch000000000000'],
      [['tag', 'remove', 'd-bpnosuch000000000000', 'env'], 'd-bpnosuch000000000000'],
      [['tag', 'add', '__proto__', 'env=x', '--type', 'keypair'], '__proto__'],
      [['tag', 'add', 'constructor', 'env=x', '--type', 'keypair'], 'constructor'],
      [['tag', 'add', 'aliyun_3_x64_20G_alibase_20240819.vhd', 'env=x', '--type', 'image'], 'aliyun_3_x64_20G_alibase_20240819.vhd'],
    ];
    for (const [args, id] of cases) {
      const r = await h.ecs([...args, '--dry-run']);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }, args.join(' ')).toEqual({
        code: 1, stdout: '', stderr: `error: The specified ResourceIds are not found in our records. (${id}) (InvalidResourceId.NotFound)\n`,
      });
      // the real call answers the same code
      expect((await h.ecs(args)).stderr, args.join(' ')).toMatch(/\(InvalidResourceId\.NotFound, RequestId [0-9A-F-]{36}\)\n$/);
    }
    expect(h.state()).toBe(before);
  });

  it('an existing resource: dry run as data with -o json; tag remove prints what it removed', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    await out(['tag', 'add', inst!, 'env=prod', 'team=web']);
    const before = h.state();
    expect(JSON.parse(await out(['tag', 'add', inst!, 'owner=ops', '--dry-run', '-o', 'json']))).toEqual({ ResourceId: inst, ResourceType: 'instance', Tags: [{ Key: 'owner', Value: 'ops' }], DryRun: true });
    expect(JSON.parse(await out(['tag', 'remove', inst!, 'env', '--dry-run', '-o', 'json']))).toEqual({ ResourceId: inst, ResourceType: 'instance', TagKeys: ['env'], DryRun: true });
    expect(h.state()).toBe(before);
    expect(JSON.parse(await out(['tag', 'remove', inst!, 'env', '-o', 'json']))).toEqual({ ResourceId: inst, ResourceType: 'instance', TagKeys: ['env'] });
    expect(await h.ecs(['tag', 'remove', inst!, 'team'])).toMatchObject({ code: 0, stdout: '', stderr: `Removed team from ${inst}.\n` });
    expect(JSON.parse(await out(['tag', 'list', inst!, '-o', 'json']))).toEqual([]);
  });
});

describe('--dry-run of create verbs without an API DryRun makes the checks the real call makes', () => {
  it('keypair create/import (malformed, taken), disk create (unknown zone), replace-system-disk (unknown key pair, size below the image)', async () => {
    const { join } = await import('node:path');
    const pem = (n: string) => join(h.backend.home, `${n}.pem`);
    expect((await h.ecs(['keypair', 'create', 'taken', '--out', pem('taken')])).code).toBe(0);
    const pub = join(h.backend.home, 'ok.pub');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-C', 'x', '-f', join(h.backend.home, 'ok')]);
    const [inst] = await h.create(['--zone', ZONE]);
    await out(['instance', 'stop', inst!, '--wait', '--yes']);
    const cases: [string[], string][] = [
      [['keypair', 'create', 'taken', '--out', pem('t2')], 'error: The key pair already exist. (taken) (KeyPair.AlreadyExist)'],
      [['keypair', 'create', '__proto__', '--out', pem('t3')], 'error: Specified Key Pair name is not valid. ("__proto__": 2 to 128 characters, starting with a letter; letters, digits, ".", "_", ":", "-"; not http:// or https://) (InvalidKeyPairName.Malformed)'],
      [['keypair', 'import', 'taken', '--public-key', pub], 'error: The key pair already exist. (taken) (KeyPair.AlreadyExist)'],
      [['keypair', 'import', 'constructor', '--public-key', pub], ''],
      [['disk', 'create', '--zone', 'cn-hangzhou-nosuch', '--size', '20'], 'error: The specified zone does not exist. (cn-hangzhou-nosuch) (InvalidZoneId.NotFound)'],
      [['disk', 'create', '--zone', '__proto__', '--size', '20'], 'error: The specified zone does not exist. (__proto__) (InvalidZoneId.NotFound)'],
      [['instance', 'replace-system-disk', inst!, '--image', 'aliyun_3_x64_20G_alibase_20240819.vhd', '--keypair', 'nosuch', '--yes'], 'error: The specified KeyPairName does not exist. (nosuch) (InvalidKeyPairName.NotFound)'],
      [['instance', 'replace-system-disk', inst!, '--image', 'aliyun_3_x64_20G_alibase_20240819.vhd', '--size', '5', '--yes'], 'error: The specified parameter SystemDisk.Size is less than the image size. (5 < 20 GiB) (InvalidSystemDiskSize.LessThanImageSize)'],
    ];
    for (const [args, err] of cases) {
      const dry = await h.ecs([...args, '--dry-run']);
      const real = await h.ecs(args);
      if (err) {
        expect({ code: dry.code, stderr: dry.stderr }, args.join(' ')).toEqual({ code: 1, stderr: `${err}\n` });
        // the real call is refused with the same code
        const code = /\(([\w.]+)\)$/.exec(err)![1]!;
        expect(real.code, args.join(' ')).toBe(1);
        expect(real.stderr, args.join(' ')).toContain(`(${code}, RequestId `);
      } else {
        expect(dry.code, `${args.join(' ')}: ${dry.stderr}`).toBe(0);
        expect(real.code, `${args.join(' ')}: ${real.stderr}`).toBe(0);
      }
    }
    // an existing key pair passes the dry run
    expect((await h.ecs(['instance', 'replace-system-disk', inst!, '--image', 'aliyun_3_x64_20G_alibase_20240819.vhd', '--keypair', 'taken', '--yes', '--dry-run'])).code).toBe(0);
  });
});

describe('--dry-run of verbs without an API DryRun checks names and descriptions as the real call does', () => {
  it('each malformed name/description: the dry run gives the real call\'s code and changes nothing; the real call agrees', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const disk = await out(['disk', 'create', '--zone', ZONE, '--size', '20', '-o', 'ids']);
    const sg = await out(['security-group', 'create', '--name', 'named', '-o', 'ids']);
    const policy = await out(['snapshot-policy', 'create', '--hours', '2', '-o', 'ids']);
    const before = h.state();
    const cases: [string[], string][] = [
      [['security-group', 'create', '--name', '__proto__'], 'InvalidSecurityGroupName.Malformed'],
      [['security-group', 'create', '--name', 'ok-name', '--description', 'http://x'], 'InvalidSecurityGroupDiscription.Malformed'],
      [['security-group', 'rule', 'add', sg, '--port', '22', '--source', '10.0.0.1', '--description', 'd'.repeat(513)], 'InvalidSecurityGroupDiscription.Malformed'],
      [['disk', 'create', '--zone', ZONE, '--size', '20', '--name', 'constructor!'], 'InvalidDiskName.Malformed'],
      [['disk', 'create', '--zone', ZONE, '--size', '20', '--description', 'https://x'], 'InvalidDescription.Malformed'],
      [['disk', 'modify', disk, '--name', '__proto__'], 'InvalidDiskName.Malformed'],
      [['snapshot', 'create', disk, '--name', 'auto-nightly'], 'InvalidSnapshotName.Malformed'],
      [['snapshot-policy', 'create', '--hours', '1', '--name', '__proto__'], 'ParameterInvalid'],
      [['snapshot-policy', 'modify', policy, '--name', 'toString()'], 'ParameterInvalid'],
      [['instance', 'modify', inst!, '--name', '__proto__'], 'InvalidInstanceName.Malformed'],
      [['instance', 'modify', inst!, '--description', 'http://x'], 'InvalidDescription.Malformed'],
    ];
    for (const [args, code] of cases) {
      const dry = await h.ecs([...args, '--dry-run']);
      expect({ code: dry.code, stdout: dry.stdout }, args.join(' ')).toEqual({ code: 1, stdout: '' });
      expect(dry.stderr, args.join(' ')).toMatch(new RegExp(`^error: [^\\n]*\\(${code.replace('.', '\\.')}\\)\\n$`));
    }
    expect(h.state()).toBe(before);
    for (const [args, code] of cases) {
      const real = await h.ecs(args);
      expect(real.code, args.join(' ')).toBe(1);
      expect(real.stderr, args.join(' ')).toContain(`(${code}, RequestId `);
    }
    expect(h.state()).toBe(before);
    // valid and empty values still pass the dry run (an empty value is not sent)
    expect((await h.ecs(['security-group', 'create', '--name', 'fine-name', '--description', '', '--dry-run'])).code).toBe(0);
    expect((await h.ecs(['snapshot', 'create', disk, '--name', 'nightly', '--dry-run'])).code).toBe(0);
  });
});

describe('security-group create --vpc under --dry-run', () => {
  it('an unknown VPC is InvalidVpcId.NotFound (as the real call); the default VPC passes', async () => {
    const sg = await out(['security-group', 'create', '--name', 'probe', '-o', 'ids']);
    const vpc = JSON.parse(await out(['security-group', 'describe', sg, '-o', 'json'])).VpcId as string;
    expect(vpc).toMatch(/^vpc-/);
    const before = h.state();
    for (const bad of ['vpc-bpnosuch00000000000', '__proto__', `${vpc},vpc-x`]) {
      expect(await h.ecs(['security-group', 'create', '--name', 'x-group', '--vpc', bad, '--dry-run'])).toMatchObject({ code: 1, stdout: '', stderr: `error: Specified VPC does not exist. (${bad}) (InvalidVpcId.NotFound)\n` });
      expect((await h.ecs(['security-group', 'create', '--name', 'x-group', '--vpc', bad])).stderr).toContain('(InvalidVpcId.NotFound, RequestId ');
    }
    expect(await h.ecs(['security-group', 'create', '--name', 'x-group', '--vpc', vpc, '--dry-run'])).toMatchObject({ code: 0, stdout: '' });
    expect(h.state()).toBe(before);
  });
});

describe('--dry-run checks the status rules of renew, disk reinit and security-group join', () => {
  it('renew (--auto) of a pay-as-you-go instance, reinit under a Running instance, join of an enterprise group or a group it is in', async () => {
    const [inst] = await h.create(['--zone', ZONE]);
    const sys = await out(['disk', 'list', '--instance', inst!, '--type', 'system', '-o', 'ids']);
    const ent = await out(['security-group', 'create', '--name', 'ent', '--type', 'enterprise', '-o', 'ids']);
    const own = JSON.parse(await out(['instance', 'describe', inst!, '-o', 'json'])).SecurityGroupIds.SecurityGroupId[0] as string;
    const before = h.state();
    const cases: [string[], string][] = [
      [['instance', 'renew', inst!], 'ChargeTypeViolation'],
      [['instance', 'renew', inst!, '--auto', 'on'], 'ChargeTypeViolation'],
      [['disk', 'reinit', sys, '--yes'], 'IncorrectInstanceStatus'],
      [['security-group', 'join', ent, inst!], 'InvalidParameter.Conflict'],
      [['security-group', 'join', own, inst!], 'InvalidInstanceId.AlreadyExists'],
    ];
    for (const [args, code] of cases) {
      const dry = await h.ecs([...args, '--dry-run']);
      expect({ code: dry.code, stdout: dry.stdout }, args.join(' ')).toEqual({ code: 1, stdout: '' });
      expect(dry.stderr, args.join(' ')).toMatch(new RegExp(`^error: [^\\n]*\\(${code.replace('.', '\\.')}\\)\\n$`));
    }
    expect(h.state()).toBe(before);
    for (const [args, code] of cases) {
      const real = await h.ecs(args);
      expect(real.code, args.join(' ')).toBe(1);
      expect(real.stderr, args.join(' ')).toContain(`(${code}, RequestId `);
    }
    expect(h.state()).toBe(before);
  });
});
