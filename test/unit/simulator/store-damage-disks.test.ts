// A damaged disk or security group record in the simulator state (issue 7 §2.2): the load-time
// shape check names the record and the way out in one line; `disk list` and `security-group
// list` never reach a raw JavaScript error ("Cannot read properties of undefined (reading
// 'replace')", "(g.Permissions ?? []).filter is not a function" before the checks existed).

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../../helpers/run.js';

const home = tempHome('ecs-damage-disks-');
const base = join(home.home, 'sim');
const work = mkdtempSync(join(tmpdir(), 'ecs-damage-disks-cases-'));
let disk = '';

beforeAll(async () => {
  const env = { ...home.env, ECS_SIMULATOR_DIR: base };
  expect((await runInProcess(['instance', 'create', '-q', '-o', 'ids'], { env })).code).toBe(0);
  const r = await runInProcess(['disk', 'create', '--zone', 'cn-hangzhou-h', '--size', '20', '-o', 'ids'], { env });
  expect(r.code, r.stderr).toBe(0);
  disk = r.stdout.trim();
  // fold the journal into the snapshot so that the corruption below is the only state
  const exp = join(work, 'export.json');
  expect((await runInProcess(['simulator', 'export', exp], { env })).code).toBe(0);
  rmSync(base, { recursive: true, force: true });
  expect((await runInProcess(['simulator', 'import', exp, '--yes'], { env })).code).toBe(0);
});
afterAll(() => {
  home.cleanup();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function damaged(edit: (rec: Record<string, unknown>) => void, coll = 'disks', id?: string): string {
  const dir = join(work, `c${n++}`);
  cpSync(base, dir, { recursive: true });
  const snap = join(dir, 'state.json');
  const doc = JSON.parse(readFileSync(snap, 'utf8'));
  edit(doc[coll][id ?? disk]);
  writeFileSync(snap, JSON.stringify(doc));
  return dir;
}

describe('a damaged disk record', () => {
  const cases: [string, (r: Record<string, unknown>) => void, string][] = [
    ['an empty record', (r) => { for (const k of Object.keys(r)) delete r[k]; }, 'its id is undefined'],
    ['zone is a number', (r) => void (r.zone = 5), 'zone, cat, type or status is not a string'],
    ['size is a string', (r) => void (r.size = '20'), 'size or ct is not a number'],
    ['inst is an object', (r) => void (r.inst = {}), 'region, name, desc, inst, dev, pl or pol has the wrong type'],
    ['tags is a string', (r) => void (r.tags = 'env=prod'), 'att, exp, tags or dwi has the wrong type'],
    ['ct beyond the year 9999', (r) => void (r.ct = 1e300), 'ct is not a time (milliseconds in the years 1970 to 9999)'],
  ];
  it.each(cases)('%s: disk list and disk create refuse with one line naming the record; nothing is written', async (_what, edit, why) => {
    const dir = damaged(edit);
    const before = readFileSync(join(dir, 'state.json'), 'utf8');
    const env = { ...home.env, ECS_SIMULATOR_DIR: dir };
    for (const args of [['disk', 'list'], ['disk', 'create', '--zone', 'cn-hangzhou-h', '--size', '20']]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: simulator state ${join(dir, 'state.json')} is not a simulator state (disks.${disk}: ${why}) (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside) (InternalError)\n`);
    }
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(before);
  });
});

describe('a damaged security group record', () => {
  const cases: [string, (r: Record<string, unknown>) => void, string][] = [
    ['Permissions is a number', (r) => void (r.Permissions = 5), 'Permissions is not a list of rules'],
    ['a rule is null', (r) => void (r.Permissions = [null]), 'Permissions is not a list of rules'],
    ['Tags is a string', (r) => void (r.Tags = 'x'), 'Tags is not an object'],
    ['the name is a number', (r) => void (r.SecurityGroupName = 5), 'SecurityGroupName is not a string'],
  ];
  it.each(cases)('%s: security-group list and audit cloud refuse with one line naming the record', async (_what, edit, why) => {
    const doc = JSON.parse(readFileSync(join(base, 'state.json'), 'utf8'));
    const sg = Object.keys(doc.securityGroups)[0]!;
    const dir = damaged(edit, 'securityGroups', sg);
    const env = { ...home.env, ECS_SIMULATOR_DIR: dir };
    for (const args of [['security-group', 'list'], ['security-group', 'describe', sg], ['audit', 'cloud']]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: simulator state ${join(dir, 'state.json')} is not a simulator state (securityGroups.${sg}: ${why}) (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside) (InternalError)\n`);
    }
  });
});

describe('a damaged image record', () => {
  it('DiskDeviceMappings not a list of mappings: image describe refuses with one line naming the record', async () => {
    const inst = JSON.parse(readFileSync(join(base, 'state.json'), 'utf8'));
    const id = Object.keys(inst.instances)[0]!;
    // an image of the base store, then the damage
    const img = join(work, 'with-image');
    cpSync(base, img, { recursive: true });
    const envImg = { ...home.env, ECS_SIMULATOR_DIR: img };
    const made = await runInProcess(['image', 'create', '--instance', id, '--name', 'probe-image', '-o', 'ids'], { env: envImg });
    expect(made.code, made.stderr).toBe(0);
    const m = made.stdout.trim();
    const exp = join(work, 'with-image.json');
    expect((await runInProcess(['simulator', 'export', exp], { env: envImg })).code).toBe(0);
    const doc = JSON.parse(readFileSync(exp, 'utf8'));
    const state = doc.state ?? doc;
    state.images[m].DiskDeviceMappings = { DiskDeviceMapping: 5 };
    delete state.crc;
    const dir = join(work, 'bad-image');
    cpSync(base, dir, { recursive: true });
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    for (const f of readdirSync(dir)) if (f.startsWith('journal-')) rmSync(join(dir, f));
    const env = { ...home.env, ECS_SIMULATOR_DIR: dir };
    for (const args of [['image', 'describe', m], ['instance', 'create', '--image', m, '--dry-run']]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`error: simulator state ${join(dir, 'state.json')} is not a simulator state (images.${m}: DiskDeviceMappings is not {DiskDeviceMapping: [mappings]}) (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside) (InternalError)\n`);
    }
  });
});

describe('a damaged instance record', () => {
  const cases: [string, (r: Record<string, unknown>) => void, string][] = [
    ['os is a number', (r) => void (r.os = 5), 'os is not a string'],
    ['exp beyond the year 9999', (r) => void (r.exp = 1e300), 'exp is not a time (milliseconds in the years 1970 to 9999)'],
    ['ct negative', (r) => void (r.ct = -1), 'ct is not a time (milliseconds in the years 1970 to 9999)'],
  ];
  it.each(cases)('%s: instance list and audit cloud refuse with one line naming the record (not "Invalid time value")', async (_what, edit, why) => {
    const doc = JSON.parse(readFileSync(join(base, 'state.json'), 'utf8'));
    const id = Object.keys(doc.instances)[0]!;
    const dir = damaged(edit, 'instances', id);
    const env = { ...home.env, ECS_SIMULATOR_DIR: dir };
    for (const args of [['instance', 'list'], ['audit', 'cloud']]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`error: simulator state ${join(dir, 'state.json')} is not a simulator state (instances.${id}: ${why}) (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside) (InternalError)\n`);
    }
  });
});

describe('snapshot and policy times beyond the year 9999', () => {
  it('snapshot ct and policy ct: snapshot list and snapshot-policy list refuse with one line (not "Invalid time value")', async () => {
    const made = join(work, 'with-snapshot');
    cpSync(base, made, { recursive: true });
    const envMade = { ...home.env, ECS_SIMULATOR_DIR: made };
    const inst = Object.keys(JSON.parse(readFileSync(join(base, 'state.json'), 'utf8')).instances)[0]!;
    const sys = (await runInProcess(['disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids'], { env: envMade })).stdout.trim();
    const snap = await runInProcess(['snapshot', 'create', sys, '-o', 'ids'], { env: envMade });
    expect(snap.code, snap.stderr).toBe(0);
    const pol = await runInProcess(['snapshot-policy', 'create', '--hours', '2', '-o', 'ids'], { env: envMade });
    expect(pol.code, pol.stderr).toBe(0);
    const exp = join(work, 'with-snapshot.json');
    expect((await runInProcess(['simulator', 'export', exp], { env: envMade })).code).toBe(0);
    const cases: [string, string, string, string[]][] = [
      ['snapshots', snap.stdout.trim(), 'ct or done', ['snapshot', 'list']],
      ['autoSnapshotPolicies', pol.stdout.trim(), 'ct or last', ['snapshot-policy', 'list']],
    ];
    for (const [coll, id, fields, args] of cases) {
      const doc = JSON.parse(readFileSync(exp, 'utf8'));
      const state = doc.state ?? doc;
      state[coll][id].ct = 1e300;
      delete state.crc;
      const dir = join(work, `bad-${coll}`);
      cpSync(base, dir, { recursive: true });
      for (const f of readdirSync(dir)) if (f.startsWith('journal-')) rmSync(join(dir, f));
      writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
      const r = await runInProcess(args, { env: { ...home.env, ECS_SIMULATOR_DIR: dir } });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`error: simulator state ${join(dir, 'state.json')} is not a simulator state (${coll}.${id}: ${fields} is not a time (milliseconds in the years 1970 to 9999)) (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside) (InternalError)\n`);
    }
  });
});
