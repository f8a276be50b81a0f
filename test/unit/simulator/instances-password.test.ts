// Passwords: offline reset (ModifyInstanceAttribute, pending until an API reboot), VNC
// password, online reset through Cloud Assistant RunCommand, and other attribute changes.

import { afterEach, describe, expect, test } from 'vitest';
import { verifySecret } from '../../../src/simulator/password.js';
import { fixture, PASSWORD, type Fixture } from './instances-fixture.js';

let f: Fixture;
afterEach(() => f.cleanup());

const NEW = 'N3w#Secret-pass';
const hashOf = (id: string, user = 'root') => f.state().instances[id].pw?.[user] as string | undefined;

describe('offline reset: ModifyInstanceAttribute Password', () => {
  test('pending until RebootInstance through the API; only a salted hash is kept', async () => {
    f = fixture();
    const [id] = await f.run();
    const before = hashOf(id!);
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    expect(f.raw()).not.toContain(NEW);
    expect(hashOf(id!)).toBe(before);
    expect(verifySecret(PASSWORD, hashOf(id!))).toBe(true);
    expect((await f.describe(id!)).SimulatorExtensions.PendingChanges).toEqual(['Password']);

    await f.call('RebootInstance', { InstanceId: id! });
    expect(hashOf(id!)).not.toBe(before);
    expect(verifySecret(NEW, hashOf(id!))).toBe(true);
    expect(verifySecret(PASSWORD, hashOf(id!))).toBe(false);
    expect((await f.describe(id!)).SimulatorExtensions.PendingChanges).toEqual([]);
    expect(f.raw()).not.toContain(NEW);
  });

  test('applied when the instance is Running again, not before (time-scale 1)', async () => {
    f = fixture({ timeScale: '1' });
    const [id] = await f.run();
    await f.advance(60_000);
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    await f.call('RebootInstance', { InstanceId: id! });
    await f.advance(15_000);
    expect((await f.describe(id!)).Status).toBe('Starting');
    expect(verifySecret(NEW, hashOf(id!))).toBe(false);
    await f.advance(20_000);
    expect((await f.describe(id!)).Status).toBe('Running');
    // reads settle in memory; the next write (any mutation) persists the settled state
    await f.advance(0);
    expect(verifySecret(NEW, hashOf(id!))).toBe(true);
  });

  test('a stop and start through the API applies it too; a stop alone does not', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.call('StopInstance', { InstanceId: id! });
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    expect(verifySecret(NEW, hashOf(id!))).toBe(false);
    await f.call('StartInstance', { InstanceId: id! });
    expect(verifySecret(NEW, hashOf(id!))).toBe(true);
  });

  test('an instance created without a password gets one at the reboot', async () => {
    f = fixture();
    const [id] = await f.run({ Password: '' });
    expect(hashOf(id!)).toBeUndefined();
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    await f.call('RebootInstance', { InstanceId: id! });
    expect(verifySecret(NEW, hashOf(id!))).toBe(true);
  });

  test('login as ecs-user: the password is ecs-user\'s; root has none', async () => {
    f = fixture();
    const [id] = await f.run({ 'ImageOptions.LoginAsNonRoot': 'true' });
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    await f.call('RebootInstance', { InstanceId: id! });
    expect(verifySecret(NEW, hashOf(id!, 'ecs-user'))).toBe(true);
    expect(hashOf(id!, 'root')).toBeUndefined();
  });

  test('refused: weak password, Windows leading "/", Starting instance, unknown ID', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.refused('ModifyInstanceAttribute', { InstanceId: id!, Password: 'weakpass' }, 'InvalidPassword.Malformed', 400);
    const [win] = await f.run({ ImageId: f.windowsImage() });
    await f.refused('ModifyInstanceAttribute', { InstanceId: win!, Password: '/N3w#Secret' }, 'InvalidPassword.Malformed', 400);
    await f.refused('ModifyInstanceAttribute', { InstanceId: 'i-bp000000000000000000', Password: NEW }, 'InvalidInstanceId.NotFound', 404);
    f.cleanup();
    f = fixture({ timeScale: '1' });
    const [slow] = await f.run();
    await f.advance(9_000);
    expect((await f.describe(slow!)).Status).toBe('Starting');
    await f.refused('ModifyInstanceAttribute', { InstanceId: slow!, Password: NEW }, 'IncorrectInstanceStatus', 403);
  });
});

describe('other attributes', () => {
  test('name, description, host name, security groups (validated, nothing changed when refused)', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, InstanceName: 'renamed', Description: 'new text', HostName: 'web.example' });
    expect(await f.describe(id!)).toMatchObject({ InstanceName: 'renamed', Description: 'new text', HostName: 'web.example' });
    await f.refused('ModifyInstanceAttribute', { InstanceId: id!, InstanceName: '1bad', Description: 'ok text' }, 'InvalidInstanceName.Malformed', 400);
    await f.refused('ModifyInstanceAttribute', { InstanceId: id!, HostName: 'a..b' }, 'InvalidHostName.Malformed', 400);
    await f.refused('ModifyInstanceAttribute', { InstanceId: id!, Description: 'http://x' }, 'InvalidDescription.Malformed', 400);
    await f.refused('ModifyInstanceAttribute', { InstanceId: id!, 'SecurityGroupIds.1': 'sg-nope' }, 'InvalidSecurityGroupId.NotFound', 404);
    expect((await f.describe(id!)).InstanceName).toBe('renamed');
  });
});

describe('VNC password', () => {
  test('exactly 6 letters or digits; effective after an API reboot', async () => {
    f = fixture();
    const [id] = await f.run();
    for (const bad of ['Abc12', 'Abc12!', 'Abc1234', 'abc 12']) {
      await f.refused('ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: bad }, 'IncorrectVncPassword.Malformed', 400);
    }
    await f.refused('ModifyInstanceVncPasswd', { InstanceId: 'i-bp000000000000000000', VncPassword: 'Abc123' }, 'InvalidInstanceId.NotFound', 404);
    await f.refused('ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: 'Abc123', RegionId: 'xx-none' }, 'InvalidRegionId.NotFound', 404);
    await f.call('ModifyInstanceVncPasswd', { InstanceId: id!, VncPassword: 'Abc123' });
    expect(f.raw()).not.toContain('Abc123');
    expect((await f.describe(id!)).SimulatorExtensions.PendingChanges).toEqual(['VncPassword']);
    expect(f.state().instances[id!].vnc).toBeUndefined();
    await f.call('ModifyInstanceAttribute', { InstanceId: id!, Password: NEW });
    expect((await f.describe(id!)).SimulatorExtensions.PendingChanges).toEqual(['Password', 'VncPassword']);
    await f.call('RebootInstance', { InstanceId: id! });
    expect(verifySecret('Abc123', f.state().instances[id!].vnc)).toBe(true);
    expect((await f.describe(id!)).SimulatorExtensions.PendingChanges).toEqual([]);
  });
});

describe('online reset: Cloud Assistant RunCommand', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  test('chpasswd applies at once (no reboot); the password is masked in the stored invocation', async () => {
    f = fixture();
    const [id] = await f.run();
    const st = await f.call('DescribeCloudAssistantStatus', { 'InstanceId.1': id! });
    expect(st.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus[0]).toMatchObject({ InstanceId: id, CloudAssistantStatus: 'true', OSType: 'Linux', InvocationCount: 0 });
    const script = `#!/bin/bash\necho 'root:${NEW}' | chpasswd\n`;
    const r = await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: b64(script), ContentEncoding: 'Base64', 'InstanceId.1': id! });
    expect(r.InvokeId).toMatch(/^t-/);
    expect(r.CommandId).toMatch(/^c-/);
    expect(verifySecret(NEW, hashOf(id!))).toBe(true);
    expect(f.raw()).not.toContain(NEW);
    expect(f.raw()).not.toContain(b64(script));
    const inv = (await f.call('DescribeInvocations', { InvokeId: r.InvokeId, ContentEncoding: 'PlainText', IncludeOutput: 'true' })).Invocations.Invocation[0];
    expect(inv).toMatchObject({ InvocationStatus: 'Success', InvokeStatus: 'Finished', CommandType: 'RunShellScript' });
    expect(inv.CommandContent).toBe("#!/bin/bash\necho 'root:******' | chpasswd\n");
    expect(inv.InvokeInstances.InvokeInstance[0]).toMatchObject({ InstanceId: id, InvocationStatus: 'Success', ExitCode: 0 });
    const res = (await f.call('DescribeInvocationResults', { InvokeId: r.InvokeId })).Invocation.InvocationResults.InvocationResult[0];
    expect(res).toMatchObject({ InstanceId: id, InvocationStatus: 'Success', InvokeRecordStatus: 'Finished', ExitCode: 0, Output: '' });
    const st2 = await f.call('DescribeCloudAssistantStatus', { 'InstanceId.1': id! });
    expect(st2.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus[0].InvocationCount).toBe(1);
  });

  test('quoting forms a client may send: here-string, printf, here-document, parameters', async () => {
    f = fixture();
    const [id] = await f.run();
    const tricky = "It's#Tr1cky";
    await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `chpasswd <<< 'root:It'\\''s#Tr1cky'`, 'InstanceId.1': id! });
    expect(verifySecret(tricky, hashOf(id!))).toBe(true);
    expect(f.raw()).not.toContain(b64(`'root:It'\\''s#Tr1cky'`).slice(0, 12));
    const stored = (await f.call('DescribeInvocations', { ContentEncoding: 'PlainText' })).Invocations.Invocation[0].CommandContent;
    expect(stored).toBe("chpasswd <<< 'root:******'");
    await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `printf '%s\\n' "root:A\\$b\\"c#123x" | sudo chpasswd`, 'InstanceId.1': id! });
    expect(verifySecret('A$b"c#123x', hashOf(id!))).toBe(true);
    await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `chpasswd <<'EOF'\nroot:Here#Doc123\nEOF\n`, 'InstanceId.1': id! });
    expect(verifySecret('Here#Doc123', hashOf(id!))).toBe(true);
    await f.call('RunCommand', {
      Type: 'RunShellScript', CommandContent: "echo '{{user}}:{{pw}}' | chpasswd", EnableParameter: 'true',
      Parameters: JSON.stringify({ user: 'root', pw: 'Param#Pass123' }), 'InstanceId.1': id!,
    });
    expect(verifySecret('Param#Pass123', hashOf(id!))).toBe(true);
    expect(f.raw()).not.toContain('Param#Pass123');
    expect(f.raw()).not.toContain('Here#Doc123');
  });

  test('the scripts `ecs instance reset-password --mode online` sends (parameters, quoting)', async () => {
    f = fixture();
    const [lin] = await f.run();
    const [win] = await f.run({ ImageId: f.windowsImage() });
    const linuxScript = "#!/bin/sh\nset -e\nid -u '{{user}}' >/dev/null\nchpasswd <<'ECS_PASSWORD_EOF'\n{{user}}:{{password}}\nECS_PASSWORD_EOF\necho \"password of {{user}} changed\"\n";
    const pw1 = "Q'uo\"te$#1x";
    await f.call('RunCommand', {
      Type: 'RunShellScript', CommandContent: linuxScript, ContentEncoding: 'PlainText', EnableParameter: 'true',
      Parameters: JSON.stringify({ user: 'root', password: pw1 }), 'InstanceId.1': lin!,
    });
    expect(verifySecret(pw1, hashOf(lin!))).toBe(true);
    const windowsScript = "net user '{{user}}' '{{password}}'\nif ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }\n";
    const pw2 = "It's#Win2024";
    await f.call('RunCommand', {
      Type: 'RunPowerShellScript', CommandContent: windowsScript, EnableParameter: 'true',
      Parameters: JSON.stringify({ user: 'Administrator', password: pw2.replace(/'/g, "''") }), 'InstanceId.1': win!,
    });
    expect(verifySecret(pw2, hashOf(win!, 'Administrator'))).toBe(true);
    const text = f.raw();
    for (const secret of [pw1, JSON.stringify(pw1).slice(1, -1), pw2, pw2.replace(/'/g, "''")]) expect(text).not.toContain(secret);
    const invs = (await f.call('DescribeInvocations')).Invocations.Invocation;
    expect(invs.map((i: any) => JSON.parse(i.Parameters))).toEqual([
      { user: 'Administrator', password: '******' },
      { user: 'root', password: '******' },
    ]);
  });

  test('Windows: net user; policy failures exit non-zero and change nothing', async () => {
    f = fixture();
    const [win] = await f.run({ ImageId: f.windowsImage() });
    await f.call('RunCommand', { Type: 'RunPowerShellScript', CommandContent: `net user Administrator "Win#Pass1234"`, 'InstanceId.1': win! });
    expect(verifySecret('Win#Pass1234', hashOf(win!, 'Administrator'))).toBe(true);
    const r = await f.call('RunCommand', { Type: 'RunPowerShellScript', CommandContent: 'net user Administrator simple', 'InstanceId.1': win! });
    const res = (await f.call('DescribeInvocationResults', { InvokeId: r.InvokeId, ContentEncoding: 'PlainText' })).Invocation.InvocationResults.InvocationResult[0];
    expect(res).toMatchObject({ InvocationStatus: 'Failed', ExitCode: 2, ErrorCode: 'ExitCodeNonzero' });
    expect(res.Output).toMatch(/password policy/);
    expect(verifySecret('Win#Pass1234', hashOf(win!, 'Administrator'))).toBe(true);
  });

  test('root of an ecs-user instance cannot be reset; unknown users fail', async () => {
    f = fixture();
    const [id] = await f.run({ 'ImageOptions.LoginAsNonRoot': 'true' });
    const r1 = await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `echo 'root:${NEW}' | chpasswd`, 'InstanceId.1': id! });
    const res1 = (await f.call('DescribeInvocationResults', { InvokeId: r1.InvokeId, ContentEncoding: 'PlainText' })).Invocation.InvocationResults.InvocationResult[0];
    expect(res1).toMatchObject({ InvocationStatus: 'Failed', ExitCode: 1 });
    expect(hashOf(id!, 'root')).toBeUndefined();
    await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `echo 'ecs-user:${NEW}' | chpasswd`, 'InstanceId.1': id! });
    expect(verifySecret(NEW, hashOf(id!, 'ecs-user'))).toBe(true);
    const r2 = await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `echo 'nobody2:${NEW}' | chpasswd`, 'InstanceId.1': id! });
    const res2 = (await f.call('DescribeInvocationResults', { InvokeId: r2.InvokeId, ContentEncoding: 'PlainText' })).Invocation.InvocationResults.InvocationResult[0];
    expect(res2.Output).toMatch(/password not changed/);
  });

  test('a stopped instance: the invocation is Aborted (InstanceNotRunning); nothing applied', async () => {
    f = fixture();
    const [id, other] = await f.run({ Amount: '2' });
    await f.call('StopInstance', { InstanceId: id! });
    const before = hashOf(id!);
    const r = await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: `echo 'root:${NEW}' | chpasswd`, 'InstanceId.1': id!, 'InstanceId.2': other! });
    expect(hashOf(id!)).toBe(before);
    expect(verifySecret(NEW, hashOf(other!))).toBe(true);
    const inv = (await f.call('DescribeInvocations', { InvokeId: r.InvokeId })).Invocations.Invocation[0];
    expect(inv.InvocationStatus).toBe('PartialFailed');
    const mine = inv.InvokeInstances.InvokeInstance.find((x: any) => x.InstanceId === id);
    expect(mine).toMatchObject({ InvocationStatus: 'Aborted', ErrorCode: 'InstanceNotRunning' });
    const st = (await f.call('DescribeCloudAssistantStatus', { 'InstanceId.1': id! })).InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus[0];
    expect(st.CloudAssistantStatus).toBe('false');
  });

  test('Running → Success on the simulated clock', async () => {
    f = fixture({ timeScale: '1' });
    const [id] = await f.run();
    await f.advance(60_000);
    const r = await f.call('RunCommand', { Type: 'RunShellScript', CommandContent: 'uptime', 'InstanceId.1': id! });
    expect((await f.call('DescribeInvocations', { InvokeId: r.InvokeId })).Invocations.Invocation[0].InvocationStatus).toBe('Running');
    await f.advance(3_000);
    expect((await f.call('DescribeInvocations', { InvokeId: r.InvokeId })).Invocations.Invocation[0].InvocationStatus).toBe('Success');
  });

  test('refused: wrong type for the OS, unknown type or instance, no instances', async () => {
    f = fixture();
    const [id] = await f.run();
    await f.refused('RunCommand', { Type: 'RunPowerShellScript', CommandContent: 'dir', 'InstanceId.1': id! }, 'InvalidInstance.NotMatch', 403);
    await f.refused('RunCommand', { Type: 'RunPerlScript', CommandContent: 'x', 'InstanceId.1': id! }, 'InvalidCmdType.NotFound', 403);
    await f.refused('RunCommand', { Type: 'RunShellScript', CommandContent: 'x', 'InstanceId.1': 'i-bp000000000000000000' }, 'InvalidInstance.NotFound', 404);
    await f.refused('RunCommand', { Type: 'RunShellScript', CommandContent: 'x' }, 'MissingParameter', 400);
    await f.refused('RunCommand', { Type: 'RunShellScript', 'InstanceId.1': id! }, 'MissingParameter', 400);
    await f.refused('RunCommand', { Type: 'RunShellScript', CommandContent: 'echo {{a}}', EnableParameter: 'true', Parameters: '{}', 'InstanceId.1': id! }, 'Parameter.NotMatched', 403);
  });
});
