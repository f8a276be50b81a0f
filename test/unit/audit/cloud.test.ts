// ecs audit cloud: the rules over API-shaped data (exact findings), and the command against
// the backend (instances created through the CLI; actions the backend lacks are skipped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCloud, DENY_PASSWORD_INHERIT, DENY_ROOT_LOGIN, type CloudGroup, type CloudRule } from '../../../src/audit/cloud.js';
import type { Finding } from '../../../src/audit/types.js';
import { testBackend, type TestBackend } from '../../helpers/backend.js';
import { runEcs } from '../../helpers/run.js';

const brief = (l: Finding[]) => l.map((f) => `${f.rule} ${f.severity} ${f.file.split('/').pop()}${f.line === null ? '' : `#${f.line}`}`).sort();
const rule = (r: Partial<CloudRule>): CloudRule => ({ Direction: 'ingress', IpProtocol: 'TCP', Policy: 'Accept', Priority: '1', NicType: 'intranet', ...r });
const sg = (rules: CloudRule[], extra: Partial<CloudGroup> = {}): CloudGroup => ({ SecurityGroupId: 'sg-1', VpcId: 'vpc-1', Permissions: rules, ...extra });
const run = (groups: CloudGroup[]) => brief(auditCloud({ regionId: 'cn-hangzhou', instances: [], groups }));

describe('security-group rules SG01…SG09', () => {
  it('SG01 everything from anywhere (unless shadowed)', () => {
    expect(run([sg([rule({ IpProtocol: 'ALL', PortRange: '-1/-1', SourceCidrIp: '0.0.0.0/0' })])])).toEqual(['SG01 critical sg-1#1']);
    expect(run([sg([rule({ IpProtocol: 'ALL', PortRange: '-1/-1', SourceCidrIp: '0.0.0.0/0', Priority: '2' }), rule({ IpProtocol: 'ALL', PortRange: '-1/-1', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '1' })])])).toEqual(['SG06 medium sg-1#1']);
  });
  it('SG02 22/3389 open to the world, naming the deciding rule', () => {
    const f = auditCloud({ regionId: 'r', instances: [], groups: [sg([rule({ PortRange: '20/30', SourceCidrIp: '0.0.0.0/0', SecurityGroupRuleId: 'sgr-9' })])] });
    expect(brief(f)).toEqual(['SG02 high sg-1#1', 'SG03 high sg-1#1', 'SG03 high sg-1#1']); // 21 and 23 too
    expect(f[0]!.message).toBe('sg-1: SSH port 22 is open to 0.0.0.0/0; deciding rule: rule 1 sgr-9 (ingress accept TCP 20/30 from 0.0.0.0/0, priority 1)');
    // a smaller-priority drop from anywhere closes it; a specific-address accept is fine
    expect(run([sg([rule({ PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Priority: '5' }), rule({ PortRange: '1/1024', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop', Priority: '4' })])])).toEqual(['SG06 medium sg-1#1']);
    expect(run([sg([rule({ PortRange: '3389/3389', SourceCidrIp: '203.0.113.0/24' })])])).toEqual([]);
    // same priority: drop beats accept
    expect(run([sg([rule({ PortRange: '3389/3389', SourceCidrIp: '0.0.0.0/0' }), rule({ PortRange: '3389/3389', SourceCidrIp: '0.0.0.0/0', Policy: 'Drop' })])])).toEqual(['SG06 medium sg-1#1']);
  });
  it('SG03 database ports; UDP 1434 only for UDP', () => {
    expect(run([sg([rule({ PortRange: '3306/3306', SourceCidrIp: '0.0.0.0/0' })])])).toEqual(['SG03 high sg-1#1']);
    expect(run([sg([rule({ IpProtocol: 'UDP', PortRange: '1434/1434', SourceCidrIp: '0.0.0.0/0' })])])).toEqual(['SG03 high sg-1#1']);
    expect(run([sg([rule({ IpProtocol: 'TCP', PortRange: '1434/1434', SourceCidrIp: '0.0.0.0/0' })])])).toEqual([]);
  });
  it('SG04 TCP 25, SG05 carrier-blocked ports', () => {
    expect(run([sg([rule({ PortRange: '25/25', SourceCidrIp: '10.0.0.0/8' })])])).toEqual(['SG04 info sg-1#1']);
    expect(run([sg([rule({ PortRange: '445/445', SourceCidrIp: '10.0.0.0/8' })])])).toEqual(['SG05 info sg-1#1']);
  });
  it('SG06 shadowed by a broader earlier rule; not by a narrower one', () => {
    expect(run([sg([rule({ PortRange: '80/80', SourceCidrIp: '10.1.0.0/16', Priority: '10' }), rule({ PortRange: '1/1000', SourceCidrIp: '10.0.0.0/8', Policy: 'Drop', Priority: '1' })])])).toEqual(['SG06 medium sg-1#1']);
    expect(run([sg([rule({ PortRange: '80/80', SourceCidrIp: '10.0.0.0/8', Priority: '10' }), rule({ PortRange: '80/80', SourceCidrIp: '10.1.0.0/16', Policy: 'Drop', Priority: '1' })])])).toEqual([]);
  });
  it('SG07 more than 80 rules; SG09 classic intranet CIDR not /32', () => {
    const many = Array.from({ length: 81 }, (_, i) => rule({ PortRange: `${1000 + i}/${1000 + i}`, SourceCidrIp: `10.0.${i}.1/32` }));
    expect(run([sg(many)])).toEqual(['SG07 low sg-1']);
    expect(run([sg([rule({ PortRange: '80/80', SourceCidrIp: '10.0.0.0/24' })], { VpcId: '' })])).toEqual(['SG09 medium sg-1#1']);
    expect(run([sg([rule({ PortRange: '80/80', SourceCidrIp: '10.0.0.5/32' })], { VpcId: '' })])).toEqual([]);
  });
});

describe('instances and key pairs', () => {
  const inst = (over: Record<string, unknown>) => ({ InstanceId: 'i-1', OSType: 'linux', ImageId: 'img-1', KeyPairName: 'kp', ImageOptions: { LoginAsNonRoot: true }, SecurityGroupIds: { SecurityGroupId: ['sg-d'] }, ...over });
  const audit = (instances: any[], extra: any = {}) => auditCloud({ regionId: 'r', instances, ...extra });
  it('CL02 root login with the RAM deny policy in the fix; CL03 no key pair; Windows exempt', () => {
    const f = audit([inst({ ImageOptions: { LoginAsNonRoot: false } })]);
    expect(brief(f)).toEqual(['CL02 medium i-1']);
    expect(f[0]!.fix).toContain(DENY_ROOT_LOGIN);
    expect(JSON.parse(DENY_ROOT_LOGIN).Statement[0].Condition.Bool['ecs:LoginAsNonRoot']).toEqual(['false']);
    expect(brief(audit([inst({ KeyPairName: '' })]))).toEqual(['CL03 medium i-1']);
    expect(brief(audit([inst({ OSType: 'windows', KeyPairName: '', ImageOptions: {} })]))).toEqual([]);
  });
  it('CL01 PasswordInherit (reported, or a custom image without a key pair)', () => {
    const f = audit([inst({ PasswordInherit: true })]);
    expect(brief(f)).toEqual(['CL01 high i-1']);
    expect(f[0]!.fix).toContain(DENY_PASSWORD_INHERIT);
    expect(JSON.parse(DENY_PASSWORD_INHERIT).Statement[0].Action).toEqual(['ecs:RunInstances', 'ecs:CreateInstance', 'ecs:ReplaceSystemDisk']);
    expect(brief(audit([inst({ KeyPairName: '' })], { imageOwner: new Map([['img-1', 'self']]) }))).toEqual(['CL01 medium i-1', 'CL03 medium i-1']);
    expect(brief(audit([inst({ KeyPairName: '' })], { imageOwner: new Map([['img-1', 'system']]) }))).toEqual(['CL03 medium i-1']);
  });
  it('CL04 unbound key pairs; SG08 instances in the default group', () => {
    expect(brief(audit([inst({})], { keyPairs: [{ KeyPairName: 'kp' }, { KeyPairName: 'old' }] }))).toEqual(['CL04 low old']);
    const groups = [{ SecurityGroupId: 'sg-d', Description: 'System created security group.', VpcId: 'v', Permissions: [] }];
    expect(brief(audit([inst({})], { groups }))).toEqual(['SG08 info i-1']);
  });
});

describe('cloud findings in SARIF', () => {
  it('validate against the SARIF 2.1.0 schema (ecs:// locations)', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { toSarif } = await import('../../../src/audit/report.js');
    const Ajv = require('ajv-draft-04');
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    require('ajv-formats')(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    const findings = auditCloud({ regionId: 'cn-hangzhou', instances: [{ InstanceId: 'i-1', OSType: 'linux' }], keyPairs: [{ KeyPairName: 'name with space' }], groups: [sg([rule({ PortRange: '22/22', SourceCidrIp: '0.0.0.0/0' })])] });
    const log = toSarif(findings) as any;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri).sort()).toEqual(['ecs://cn-hangzhou/instances/i-1', 'ecs://cn-hangzhou/instances/i-1', 'ecs://cn-hangzhou/key-pairs/name%20with%20space', 'ecs://cn-hangzhou/security-groups/sg-1']);
  });
});

describe('ecs audit cloud against the backend', () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await testBackend();
  });
  afterAll(async () => b?.cleanup());
  it('an instance that logs in as root with no key pair; -o json; --fail-on', async () => {
    const c = await runEcs(['instance', 'create', '--name', 'web', '--password-stdin', '-o', 'ids'], { env: b.env, input: 'Str0ng-Passw0rd!\n', timeoutMs: 60_000 });
    expect(c.code, c.stderr).toBe(0);
    const id = c.stdout.trim();
    const r = await runEcs(['audit', 'cloud', '-o', 'json', '--fail-on', 'medium'], { env: b.env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(3);
    const rules = (JSON.parse(r.stdout) as Finding[]).filter((f) => f.file.endsWith(`/instances/${id}`)).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['CL02', 'CL03']));
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^(warning: the backend does not offer \w+; those checks were skipped|\d+ findings?: .*)$/);
  });
});
