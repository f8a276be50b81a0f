// The generic builders (src/commands/builders/) through the verbs made of them, in-process
// against testBackend(): --columns, table width, mixed-status refusal and --partial,
// --dry-run on every kind of builder (store unchanged), JSON results of changes, the same
// report for one ID and many, one message on a wait timeout, `--tag KEY`, unknown IDs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitWidths, renderTable } from '../../../src/core/output.js';
import { selectColumns, refuseMixedStatus } from '../../../src/commands/builders/index.js';
import { instance } from '../../../src/resources/instance.js';
import { testBackend } from '../../helpers/backend.js';
import { harness, type Harness } from '../instance/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness(await testBackend());
});
afterAll(async () => {
  await h?.cleanup();
});

describe('tables', () => {
  it('fitWidths: the widest columns give way first, never below their header', () => {
    expect(fitWidths([10, 40, 30], ['ID', 'NAME', 'DESCRIPTION'], 86)).toEqual([10, 40, 30]);
    expect(fitWidths([10, 40, 30], ['ID', 'NAME', 'DESCRIPTION'], 80)).toEqual([10, 34, 30]);
    expect(fitWidths([10, 40, 30], ['ID', 'NAME', 'DESCRIPTION'], 60)).toEqual([10, 22, 22]);
    expect(fitWidths([10, 40, 30], ['ID', 'NAME', 'DESCRIPTION'], 10)).toEqual([4, 4, 11]);
    expect(fitWidths([10, 40], ['ID', 'NAME'], undefined)).toEqual([10, 40]);
  });

  it('renderTable cuts the cells of shrunk columns with …', () => {
    const out = renderTable([{ a: 'x'.repeat(30), b: 'short' }], { columns: [{ header: 'a', get: 'a' }, { header: 'b', get: 'b' }] }, true, undefined, 20);
    expect(out).toBe(`A              B\n${'x'.repeat(11)}…   short\n`);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(20);
  });

  it('instance list on an 80-column terminal fits 80 columns (each line)', async () => {
    await h.create(['--name', 'a-rather-long-instance-name-for-the-width-test', '--description', 'wide']);
    const r = await h.ecs(['instance', 'list', '--no-color'], { tty: true, columns: 80 });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +STATUS/);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
  });

  it('--columns picks columns by name, in that order, or API fields; an unknown name is a usage error', async () => {
    const [id] = await h.create(['--name', 'cols']);
    const r = await h.ecs(['instance', 'list', id!, '--columns', 'status,id,InstanceType,VpcAttributes.VpcId']);
    expect(r.code, r.stderr).toBe(0);
    const [status, gotId, type, vpc] = r.stdout.trimEnd().split('\t');
    expect([status, gotId]).toEqual(['Running', id]);
    expect(type).toMatch(/^ecs\./);
    expect(vpc).toMatch(/^vpc-/);
    const bad = await h.ecs(['instance', 'list', '--columns', 'id,colour']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/^error: --columns: unknown column "colour" \(choose from id, name, status, zone, type, private-ip, public-ip, charge, created, or an API field such as InstanceType\)\n$/)]);
    expect(() => selectColumns(instance.columns, '')).toThrow(/at least one column/);
  });
});

describe('bulk actions', () => {
  it('a batch of mixed statuses is refused before any change, naming the odd ones out; --partial tries each', async () => {
    const ids = await h.create(['--name', 'mixed', '--amount', '3']);
    expect((await h.ecs(['instance', 'stop', ids[2]!, '--yes'])).code).toBe(0);
    const before = h.state();
    const r = await h.ecs(['instance', 'stop', ...ids, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: ecs instance stop: the instances do not share one status (${ids[2]} is Stopped; the others are Running); nothing was changed. Act on them separately, or add --partial to try each one (IncorrectInstanceStatus)\n`,
    );
    expect(h.state()).toBe(before);
    for (const verb of [['start'], ['reboot', '--yes'], ['reset-password', '--generate']]) {
      const x = await h.ecs(['instance', ...verb, ...ids]);
      expect([x.code, x.stderr], verb.join(' ')).toEqual([1, expect.stringContaining('do not share one status')]);
    }
    expect(h.state()).toBe(before);
    const p = await h.ecs(['instance', 'stop', ...ids, '--yes', '--partial']);
    expect(p.code).toBe(1);
    const rows = p.stdout.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3));
    expect(rows).toEqual([[ids[0], 'ok', 'Stopped'], [ids[1], 'ok', 'Stopped'], [ids[2], 'failed', '-']]);
    expect(p.stderr).toBe(`error: ecs instance stop: 1 of 3 failed: ${ids[2]} (IncorrectInstanceStatus)\n`);
  });

  it('refuseMixedStatus: expected statuses decide the odd ones; one status passes', () => {
    const items = new Map<string, unknown>([['a', { Status: 'Running' }], ['b', { Status: 'Stopped' }], ['c', { Status: 'Stopped' }]]);
    expect(() => refuseMixedStatus(instance, items, ['a', 'b', 'c'], 'v', ['Running'])).toThrow('(b is Stopped, c is Stopped; the others are Running)');
    expect(() => refuseMixedStatus(instance, items, ['a', 'b', 'c'], 'v')).toThrow('(a is Running; the others are Stopped)');
    expect(() => refuseMixedStatus(instance, items, ['b', 'c'], 'v')).not.toThrow();
  });

  it('one ID and many are reported alike: a row per ID on stdout, one error line; --dry-run sends DryRun and changes nothing', async () => {
    const [id] = await h.create(['--name', 'alike']);
    const before = h.state();
    const one = await h.ecs(['instance', 'start', id!]);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(new RegExp(`^${id}\\tfailed\\t-\\tIncorrectInstanceStatus: `));
    expect(one.stderr).toMatch(/^error: .*\(IncorrectInstanceStatus, RequestId [0-9A-F-]+\)\n$/);
    const dry = await h.ecs(['instance', 'stop', id!, '--yes', '--dry-run', '-o', 'json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual([{ InstanceId: id, Result: 'dry run: would stop', Status: 'Running' }]);
    const unknown = await h.ecs(['instance', 'reboot', '__proto__', 'constructor', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout.trimEnd().split('\n').map((l) => l.split('\t')[1])).toEqual(['failed', 'failed']);
    expect(unknown.stderr).toBe('error: ecs instance reboot: 2 of 2 failed: __proto__ (InvalidInstanceId.NotFound), constructor (InvalidInstanceId.NotFound)\n');
    expect(h.state()).toBe(before);
  });
});

describe('changes (rename, modify, auto-release, renew, vnc-password)', () => {
  it('--dry-run changes nothing and says what it would do; -o json prints the result object', async () => {
    const [id] = await h.create(['--name', 'chg']);
    const before = h.state();
    for (const args of [
      ['rename', id!, 'new-name'],
      ['modify', id!, '--description', 'web tier', '--deletion-protection'],
      ['auto-release', id!, '--at', '+2h'],
      ['vnc-password', id!, '--generate'],
    ]) {
      const r = await h.ecs(['instance', ...args, '--dry-run']);
      expect([r.code, r.stdout], args.join(' ')).toEqual([0, '']);
      expect(r.stderr, args.join(' ')).toMatch(/^dry run: would .* \(nothing was changed\)\n$/);
      const j = await h.ecs(['instance', ...args, '--dry-run', '-o', 'json']);
      expect(JSON.parse(j.stdout), args.join(' ')).toMatchObject({ InstanceId: id, DryRun: true });
    }
    expect(h.state()).toBe(before);
    // a dry run checks what the service would refuse (a 1-character description)
    const bad = await h.ecs(['instance', 'modify', id!, '--description', 'x', '--dry-run']);
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toMatch(/^error: The specified parameter "Description" is not valid\. .*\(InvalidDescription\.Malformed\)\n$/);
    expect(h.state()).toBe(before);
    const r = await h.json(['instance', 'rename', id!, 'renamed']);
    expect(r).toEqual({ InstanceId: id, InstanceName: 'renamed', RequestId: expect.stringMatching(/^[0-9A-F-]+$/) });
    const m = await h.json(['instance', 'modify', id!, '--hostname', 'web-9']);
    expect(m).toMatchObject({ InstanceId: id, HostName: 'web-9' });
    const v = await h.json(['instance', 'vnc-password', id!, '--generate']);
    expect(v.VncPassword).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(await h.json(['instance', 'describe', id!])).toMatchObject({ InstanceName: 'renamed', HostName: expect.any(String) });
  });

  it('renew: periods the service offers (1 or 12 months, 1 year); --dry-run moves nothing', async () => {
    const [id] = await h.create(['--name', 'sub', '--charge-type', 'PrePaid', '--period', '1']);
    const exp = (await h.json(['instance', 'describe', id!])).ExpiredTime;
    const bad = await h.ecs(['instance', 'renew', id!, '--period', '2']);
    expect([bad.code, bad.stderr]).toEqual([2, 'error: --period 2 is not offered with --period-unit Month: the service renews by 1 month or 1 year (--period 1 or 12 with Month, 1 with Year) (InvalidPeriod)\n']);
    const dry = await h.ecs(['instance', 'renew', id!, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((await h.json(['instance', 'describe', id!])).ExpiredTime).toBe(exp);
    const r = await h.json(['instance', 'renew', id!, '--period', '1', '--period-unit', 'Year']);
    expect(r.ExpiredTime > exp).toBe(true);
    const help = await h.ecs(['instance', 'renew', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('1 or 12 with Month (default 1), 1 with Year');
  });

  it('an unknown ID is the resource\'s NotFound, whatever it looks like', async () => {
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      const r = await h.ecs(['instance', 'rename', id, 'x']);
      expect([r.code, r.stderr]).toEqual([1, `error: instance ${id} does not exist in region cn-hangzhou (InvalidInstanceId.NotFound)\n`]);
    }
  });
});

describe('list filters and wait', () => {
  it('--tag KEY (no value) matches by key', async () => {
    const [a] = await h.create(['--name', 'tagged', '--tag', 'team=blue']);
    const [b] = await h.create(['--name', 'tagged2', '--tag', 'team=red']);
    await h.create(['--name', 'untagged']);
    const r = await h.ecs(['instance', 'list', '--tag', 'team', '-o', 'ids']);
    expect(r.stdout.trim().split('\n').sort()).toEqual([a, b].sort());
    expect((await h.ecs(['instance', 'list', '--tag', 'team=red', '-o', 'ids'])).stdout).toBe(`${b}\n`);
  });

  it('wait -o json prints the instances; a timeout is one message (exit 5)', async () => {
    const [id] = await h.create(['--name', 'waiter']);
    const r = await h.ecs(['instance', 'wait', id!, '--status', 'Running', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ InstanceId: id, Status: 'Running' }]);
    const t = await h.ecs(['instance', 'wait', id!, '--status', 'Stopped', '--wait-timeout', '0.5']);
    expect(t.code).toBe(5);
    expect(t.stderr.trimEnd().split('\n').filter((l) => !/^Waiting for /.test(l))).toEqual([expect.stringMatching(/^error: timed out after \d+s waiting for instance i-\w+ to be Stopped/)]);
  });

  it('instance-type list --zone nosuch is an error with the service\'s code', async () => {
    const r = await h.ecs(['instance-type', 'list', '--zone', 'nosuch']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'error: zone nosuch does not exist in region cn-hangzhou (InvalidZoneId.NotFound)\n']);
  });
});
