// keypair, security-group, ram-role and tag verbs in-process (test/helpers/cli.ts) against
// testBackend() (embedded simulator, or served with ECS_TEST_BACKEND=remote): exact output,
// exact codes and exit codes, files and modes.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';

let b: TestBackend;
const ecs = (args: string[], o: { stdin?: string; tty?: boolean } = {}) => runCli(args, { backend: b, ...o });
const json = async (args: string[]) => {
  const r = await ecs([...args, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
let inst: string;

beforeAll(async () => {
  b = await testBackend();
  inst = (await ecs(['instance', 'create', '--name', 'acc-1', '-o', 'ids'])).stdout.trim();
});
afterAll(async () => b?.cleanup());

describe('keypair', () => {
  it('create saves the private key once with mode 0600, never over a file; --ppk writes a PuTTY key', async () => {
    const out = join(b.home, 'deploy.pem');
    const r = await ecs(['keypair', 'create', 'deploy', '--out', out, '--ppk']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`Saved the private key to ${out} and ${join(b.home, 'deploy.ppk')} (mode 0600). It cannot be downloaded again.\n`);
    const fp = /Fingerprint \(MD5\)\t(\S+)/.exec(r.stdout)![1]!;
    expect(r.stdout).toBe(`Name\tdeploy\nFingerprint (MD5)\t${fp}\nPrivate key\t${out}\nPuTTY key\t${join(b.home, 'deploy.ppk')}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(join(b.home, 'deploy.ppk')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(b.home, 'deploy.ppk'), 'utf8')).toMatch(/^PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy\n/);

    const before = readFileSync(out, 'utf8');
    const again = await ecs(['keypair', 'create', 'other', '--out', out]);
    expect(again).toEqual({ code: 2, stdout: '', stderr: `error: ${out} already exists; choose another file with --out (the private key is returned only once, so it is never written over a file)\n` });
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect((await json(['keypair', 'list'])).map((k: any) => k.KeyPairName)).toEqual(['deploy']);
  });

  it('refusals carry the API code and exit 1; nothing is written', async () => {
    const out = join(b.home, 'x.pem');
    const dup = await ecs(['keypair', 'create', 'deploy', '--out', out]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^error: The key pair already exist\. \(deploy\) \(KeyPair\.AlreadyExist, RequestId [0-9A-F-]{36}\)\n$/);
    expect(existsSync(out)).toBe(false);
    const bad = await ecs(['keypair', 'create', '1bad', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/\(InvalidKeyPairName\.Malformed, RequestId [0-9A-F-]{36}\)\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('import: an OpenSSH or RFC 4716 public key; a private key is refused before any call', async () => {
    const pem = join(b.home, 'deploy.pem');
    const pub = (await json(['keypair', 'describe', 'deploy'])).PublicKey as string;
    const pubFile = join(b.home, 'k.pub');
    writeFileSync(pubFile, `${pub} me@laptop\n`);
    const r = await ecs(['keypair', 'import', 'laptop', '--public-key', pubFile]);
    expect(r.code, r.stderr).toBe(0);
    const fp = (await json(['keypair', 'describe', 'deploy'])).KeyPairFingerPrint;
    expect(r.stdout).toBe(`Name\tlaptop\nFingerprint (MD5)\t${fp}\n`);
    const rfc = join(b.home, 'k.rfc');
    writeFileSync(rfc, `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rfc key"\n${pub.split(' ')[1]!.match(/.{1,70}/g)!.join('\n')}\n---- END SSH2 PUBLIC KEY ----\n`);
    expect((await ecs(['keypair', 'import', 'rfc', '--public-key', rfc])).code).toBe(0);
    const priv = await ecs(['keypair', 'import', 'oops', '--public-key', pem]);
    expect(priv).toEqual({ code: 2, stdout: '', stderr: `error: ${pem} is a private key; import the public key only (ssh-keygen -y -f ${pem} > key.pub)\n` });
    const stdin = await ecs(['keypair', 'import', 'from-stdin', '--public-key', '-'], { stdin: `${pub}\n` });
    expect(stdin.code, stdin.stderr).toBe(0);
    const big = await ecs(['keypair', 'import', 'big', '--public-key', '-'], { stdin: 'A'.repeat(70_000) });
    expect(big).toEqual({ code: 1, stdout: '', stderr: 'error: standard input: more than 65536 bytes; not a public key file\n' });
    // a device reports size 0: the cap holds while reading
    expect(await ecs(['keypair', 'import', 'zero', '--public-key', '/dev/zero'])).toEqual({ code: 1, stdout: '', stderr: 'error: /dev/zero: more than 65536 bytes; not a public key file\n' });
    expect((await json(['keypair', 'list', '--name', '*'])).length).toBe(4);
    expect((await json(['keypair', 'list', '--fingerprint', fp])).map((k: any) => k.KeyPairName).sort()).toEqual(['deploy', 'from-stdin', 'laptop', 'rfc']);
  });

  it('attach: pending until a reboot on a running instance; delete refused while bound; detach; delete', async () => {
    const a = await ecs(['keypair', 'attach', 'deploy', inst]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(`${inst}\tok; takes effect after a reboot through the API (ecs instance reboot)\tRunning\t-\n`);
    expect((await json(['instance', 'describe', inst])).SimulatorExtensions.PendingChanges).toEqual(['KeyPair']);
    const del = await ecs(['keypair', 'delete', 'deploy', '--yes']);
    expect(del.code).toBe(1);
    expect(del.stderr).toMatch(/^error: The specified key pair is bound to an instance; detach it first\. \(deploy is bound to i-\w+\) \(DependencyViolation, RequestId [0-9A-F-]{36}\)\n$/);
    const missing = await ecs(['keypair', 'attach', 'nope', inst]);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'error: key pair nope does not exist in region cn-hangzhou (InvalidKeyPairName.NotFound)\n' });
    expect((await ecs(['keypair', 'detach', 'deploy', inst])).code).toBe(0);
    expect((await ecs(['instance', 'reboot', inst, '--yes', '--wait'])).code).toBe(0);
    const ok = await ecs(['keypair', 'delete', 'deploy', '--yes']);
    expect(ok).toEqual({ code: 0, stdout: 'deploy\tdeleted\t-\t-\n', stderr: '' });
  });
});

describe('security-group', () => {
  let sg: string;
  it('create, rule add (duplicate refused, warning on a terminal), rule list, describe', async () => {
    sg = (await ecs(['security-group', 'create', '--name', 'web', '-o', 'ids'])).stdout.trim();
    expect(sg).toMatch(/^sg-/);
    const add = await ecs(['security-group', 'rule', 'add', sg, '--port', '22', '--source', '0.0.0.0/0'], { tty: true });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toContain('this rule opens 22 (SSH) to the whole internet (0.0.0.0/0); allow only the addresses that need it');
    const quiet = await ecs(['security-group', 'rule', 'add', sg, '--port', '22', '--source', '1.2.3.4', '--policy', 'drop']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    const dup = await ecs(['security-group', 'rule', 'add', sg, '--port', '22/22', '--source', '0.0.0.0/0']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(new RegExp(`^error: ${sg} already has this rule: in accept tcp 22/22 from 0\\.0\\.0\\.0/0 priority 1 \\[sgr-\\w+\\]; nothing was changed \\(DuplicateRule\\)\\n$`));
    const rules = await json(['security-group', 'rule', 'list', sg]);
    expect(rules.map((r: any) => [r.Direction, r.IpProtocol, r.PortRange, r.SourceCidrIp, r.Policy, r.Priority])).toEqual([
      ['ingress', 'TCP', '22/22', '0.0.0.0/0', 'Accept', '1'],
      ['ingress', 'TCP', '22/22', '1.2.3.4', 'Drop', '1'],
    ]);
    const list = await ecs(['security-group', 'rule', 'list', sg]);
    expect(list.stdout).toBe(rules.map((r: any) => `${r.SecurityGroupRuleId}\tin\t${r.Policy.toLowerCase()}\ttcp\t22/22\t${r.SourceCidrIp}\t1\t-\n`).join(''));
    const d = await json(['security-group', 'describe', sg]);
    expect(d).toMatchObject({ SecurityGroupId: sg, SecurityGroupName: 'web', InnerAccessPolicy: 'Accept', Permissions: { Permission: rules } });
  });

  it('check: decision, deciding rule and why; -o json {Decision, Rule, Reason}', async () => {
    const r = await ecs(['security-group', 'check', sg, '--from', '1.2.3.4', '--port', '22']);
    expect(r.code, r.stderr).toBe(0);
    const rules = await json(['security-group', 'rule', 'list', sg]);
    expect(r.stdout).toBe(
      `Decision\tdrop\nTraffic\tinbound tcp port 22 from 1.2.3.4\nGroups\t${sg}\nRule\tin drop tcp 22/22 from 1.2.3.4 priority 1 in ${sg} [${rules[1].SecurityGroupRuleId}]\nWhy\tdrop beats accept at equal priority 1\n`,
    );
    const j = await json(['security-group', 'check', sg, '--from', '5.6.7.8', '--port', '22']);
    expect(Object.keys(j)).toEqual(['Decision', 'Rule', 'Reason']);
    expect(j).toMatchObject({ Decision: 'accept', Rule: { SecurityGroupRuleId: rules[0].SecurityGroupRuleId }, Reason: 'the only matching rule' });
    expect(await json(['security-group', 'check', sg, '--from', '5.6.7.8', '--port', '80'])).toEqual({ Decision: 'drop', Rule: null, Reason: 'no rule matches; a basic security group drops inbound traffic by default' });
    expect((await json(['security-group', 'check', sg, '--to', '203.0.113.1', '--port', '25'])).Reason).toMatch(/^TCP port 25 to the internet is blocked/);
    expect((await ecs(['security-group', 'check', sg, '--port', '22'])).stderr).toBe('error: --from IP is required (where the traffic comes from)\n');
    const reply = await json(['security-group', 'check', sg, '--from', '8.8.8.8', '--protocol', 'udp', '--port', '53', '--reply']);
    expect(reply).toEqual({ Decision: 'accept', Rule: null, Reason: 'reply traffic of an outbound connection that is accepted (security groups are stateful): no rule matches; a basic security group accepts outbound traffic by default' });
    expect((await ecs(['security-group', 'check', sg, '--from', '8.8.8.8', '--port', '22', '--nic-type', 'wifi'])).code).toBe(2);
  });

  it('join, leave (never the last), delete refused while in use (DependencyViolation)', async () => {
    expect((await ecs(['security-group', 'join', sg, inst])).code).toBe(0);
    const inUse = await ecs(['security-group', 'delete', sg, '--yes']);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(/^error: There is still instance\(s\) in the specified security group\. \(sg-\w+: i-\w+\) \(DependencyViolation, RequestId [0-9A-F-]{36}\)\n$/);
    const groups = (await json(['instance', 'describe', inst])).SecurityGroupIds.SecurityGroupId as string[];
    expect(groups).toHaveLength(2);
    expect((await ecs(['security-group', 'leave', groups[0]!, inst])).code).toBe(0);
    const last = await ecs(['security-group', 'leave', sg, inst]);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/\(InstanceLastSecurityGroup, RequestId [0-9A-F-]{36}\)\n$/);
  });
});

describe('ram-role and tag', () => {
  it('ram-role attach / describe / attach --replace / detach', async () => {
    const a = await ecs(['ram-role', 'attach', 'EcsRamRoleDocumentTesting', inst]);
    expect(a).toEqual({ code: 0, stdout: `${inst}\tattached\t-\t-\n`, stderr: '' });
    expect(await json(['ram-role', 'describe', inst])).toEqual([{ InstanceId: inst, RamRoleName: 'EcsRamRoleDocumentTesting' }]);
    expect((await ecs(['simulator', 'set', 'ram.roles', 'Other'])).code).toBe(0);
    const clash = await ecs(['ram-role', 'attach', 'Other', inst]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe(`error: ${inst}: has the RAM role EcsRamRoleDocumentTesting; add --replace to swap it (InvalidParameter.RamRoleAlreadyAttached)\n`);
    expect((await ecs(['ram-role', 'attach', 'Other', inst, '--replace'])).code).toBe(0);
    expect(await json(['ram-role', 'describe', inst])).toEqual([{ InstanceId: inst, RamRoleName: 'Other' }]);
    expect((await ecs(['ram-role', 'detach', 'Other', inst])).stdout).toBe(`${inst}\tdetached\t-\t-\n`);
    const nf = await ecs(['ram-role', 'attach', 'Ghost', inst]);
    expect(nf.code).toBe(1);
    expect(nf.stderr).toMatch(/\(InvalidRamRole\.NotFound, RequestId [0-9A-F-]{36}\)\n$/);
  });

  it('ram-role attach/detach with an empty role name: usage error, the instance keeps its role', async () => {
    expect((await ecs(['ram-role', 'attach', 'EcsRamRoleDocumentTesting', inst])).code).toBe(0);
    for (const verb of ['attach', 'detach']) {
      expect(await ecs(['ram-role', verb, '', inst])).toEqual({ code: 2, stdout: '', stderr: 'error: the RAM role name is empty (see: ecs ram-role describe)\n' });
    }
    expect(await json(['ram-role', 'describe', inst])).toEqual([{ InstanceId: inst, RamRoleName: 'EcsRamRoleDocumentTesting' }]);
    expect((await ecs(['ram-role', 'detach', 'EcsRamRoleDocumentTesting', inst])).code).toBe(0);
  });

  it('tag add / list / remove; documented limits refused', async () => {
    const add = await ecs(['tag', 'add', inst, 'env=prod', 'team=web']);
    expect(add).toEqual({ code: 0, stdout: `${inst}\tenv\tprod\n${inst}\tteam\tweb\n`, stderr: '' });
    expect(await json(['tag', 'list', inst])).toEqual([
      { ResourceId: inst, ResourceType: 'instance', TagKey: 'env', TagValue: 'prod' },
      { ResourceId: inst, ResourceType: 'instance', TagKey: 'team', TagValue: 'web' },
    ]);
    expect((await json(['tag', 'list', '--key', 'ENV'])).map((t: any) => t.ResourceId)).toEqual([inst]);
    expect((await json(['instance', 'list', '--tag', 'env=prod'])).map((i: any) => i.InstanceId)).toEqual([inst]);
    expect(await json(['image', 'list', '--tag', 'env=prod'])).toEqual([]); // public images carry no tags
    expect((await json(['security-group', 'list', '--tag', 'env'])).length).toBe(0);
    const six = await ecs(['tag', 'add', inst, 'a=1', 'b=2', 'c=3', 'd=4', 'e=5', 'f=6']);
    expect(six.code).toBe(1);
    expect(six.stderr).toMatch(/^error: The Tags parameter's number is exceed , Valid : 5 \(NumberExceed\.Tags, RequestId [0-9A-F-]{36}\)\n$/);
    expect(await ecs(['tag', 'add', inst, 'aliyun:x=1'])).toEqual({ code: 2, stdout: '', stderr: 'error: tag key "aliyun:x" is not allowed (1 to 64 characters, not starting with aliyun, acs:, http:// or https://)\n' });
    expect(await ecs(['tag', 'add', 'laptop', 'a=1'])).toEqual({ code: 2, stdout: '', stderr: 'error: cannot tell what "laptop" is from its ID; add --type (instance, disk, snapshot, image, securitygroup, keypair), e.g. --type keypair for a key pair name\n' });
    expect((await ecs(['tag', 'add', 'laptop', 'owner=me', '--type', 'keypair'])).code).toBe(0);
    expect((await json(['keypair', 'list', '--tag', 'owner=me'])).map((k: any) => k.KeyPairName)).toEqual(['laptop']);
    expect((await ecs(['tag', 'remove', inst, 'env'])).code).toBe(0);
    expect((await json(['tag', 'list', inst])).map((t: any) => t.TagKey)).toEqual(['team']);
  });
});

describe('completion', () => {
  it('key pair names with fingerprints, security group IDs with names, rule fields', async () => {
    const kps = await json(['keypair', 'list']);
    const kp = await ecs(['__complete', '--', 'keypair', 'describe', '']);
    expect(kp.stdout).toBe(`${kps.map((k: any) => `${k.KeyPairName}\t${k.KeyPairFingerPrint}\n`).join('')}:4\n`);
    const groups = await json(['security-group', 'list']);
    const sg = await ecs(['__complete', '--', 'security-group', 'check', '']);
    expect(sg.stdout).toBe(`${groups.map((g: any) => `${g.SecurityGroupId}\t${g.SecurityGroupName}\n`).join('')}:4\n`);
    expect((await ecs(['__complete', '--', 'security-group', 'rule', 'add', 'sg-x', '--protocol', ''])).stdout).toBe('tcp\nudp\nicmp\nicmpv6\ngre\nall\n:4\n');
    expect((await ecs(['__complete', '--', 'security-group', 'rule', 'add', 'sg-x', '--policy', ''])).stdout).toBe('accept\ndrop\n:4\n');
    expect((await ecs(['__complete', '--', 'security-group', 'rule', 'add', 'sg-x', '--direction', 'e'])).stdout).toBe('egress\n:4\n');
  });
});
