// ecs simulator status|get|set|advance|reset|export|import, in-process (test/helpers/cli.ts).
// Parallel writers need processes: test/e2e/simulator-parallel.test.ts.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';
import { Store } from '../../src/simulator/store.js';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(async () => b.cleanup());

const ecs = (args: string[], input?: string) => runCli(args, { backend: b, stdin: input });
const stateFile = () => join(b.simulatorDir, 'state.json');
/** Everything the store keeps on disk (snapshot and any journal), to compare before/after. */
const snapshot = () =>
  existsSync(b.simulatorDir)
    ? readdirSync(b.simulatorDir).filter((f) => !f.includes('.lock')).sort().map((f) => `${f}\n${readFileSync(join(b.simulatorDir, f), 'utf8')}`).join('\n')
    : null;
/** The stored state without the store's revision marker. */
const state = () => {
  // Read the way a new process does (whatever the store's file layout).
  const { rev, ...s } = new Store(b.simulatorDir).read();
  expect(rev).toMatch(/^[0-9a-f]{16}/);
  return s;
};

async function expectUsageError(args: string[], pattern: RegExp): Promise<void> {
  const before = snapshot();
  const r = await ecs(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
  expect(snapshot()).toBe(before);
}

describe('ecs simulator', () => {
  it('status shows the state dir, file, counts and clock with the time-scale source', async () => {
    let r = await ecs(['simulator', 'status', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    let s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ StateDir: b.simulatorDir, StateFile: stateFile(), FileSize: null, ClockOffsetSeconds: 0, TimeScale: 0, TimeScaleSource: 'env ECS_SIMULATOR_TIME_SCALE' });
    expect(s.Counts.instances).toBe(0);
    await ecs(['simulator', 'advance', '1h']);
    r = await ecs(['simulator', 'status', '-o', 'json']);
    s = JSON.parse(r.stdout);
    const onDisk = readdirSync(b.simulatorDir).filter((f) => f === 'state.json' || /^journal-.*\.jsonl$/.test(f)).reduce((n, f) => n + statSync(join(b.simulatorDir, f)).size, 0);
    expect(s.FileSize).toBe(onDisk);
    expect(s.ClockOffsetSeconds).toBe(3600);
    expect(Math.abs(Date.parse(s.SimulatedTime) - (Date.now() + 3600_000))).toBeLessThan(5000);
    const t = await runCli(['simulator', 'status'], { backend: b, env: { ECS_SIMULATOR_TIME_SCALE: '' } });
    expect(t.stdout).toContain('Time scale\t1 (default)\n');
    expect(t.stdout).toContain('(wall clock +1h)');
  });

  it('advance accepts 90, 90s, 2h, 15d and adds up; a bad duration is exit 2 with the store unchanged', async () => {
    for (const d of ['90', '90s', '2h', '15d']) {
      const r = await ecs(['simulator', 'advance', d]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(state().clockOffsetMs).toBe((90 + 90 + 7200 + 15 * 86400) * 1000);
    await expectUsageError(['simulator', 'advance', 'soon'], /invalid duration "soon"/);
    await expectUsageError(['simulator', 'advance', '2h30'], /invalid duration/);
  });

  it('set and get settings; defaults are marked; bad values and unknown keys are exit 2 with the store unchanged', async () => {
    let r = await ecs(['simulator', 'get', 'quota.instances', '-o', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ Key: 'quota.instances', Value: '10', Default: '10', IsDefault: true });
    r = await ecs(['simulator', 'set', 'quota.instances', '1000']);
    expect(r.code, r.stderr).toBe(0);
    expect(state().settings['quota.instances']).toBe('1000');
    r = await ecs(['simulator', 'get', '-o', 'json']);
    const all = JSON.parse(r.stdout);
    expect(all.find((x: any) => x.Key === 'quota.instances')).toMatchObject({ Value: '1000', IsDefault: false, Source: 'setting' });
    for (const k of ['time-scale', 'throttle', 'latency', 'fail-rate', 'quota.vcpus']) expect(all.some((x: any) => x.Key === k), k).toBe(true);
    r = await ecs(['simulator', 'get']);
    expect(r.stdout).toMatch(/^quota\.key-pairs\t500 \(default\)\tdefault\t/m);
    expect(r.stdout).toMatch(/^quota\.instances\t1000\tsetting\t/m);

    await expectUsageError(['simulator', 'set', 'quota.instances', 'lots'], /quota\.instances must be a whole number/);
    await expectUsageError(['simulator', 'set', 'fail-rate', '1.5'], /fail-rate must be a number from 0 to 1/);
    await expectUsageError(['simulator', 'set', 'time-scale', '-1'], /time-scale must be a number/);
    await expectUsageError(['simulator', 'set', 'quota.unicorns', '1'], /unknown simulator setting "quota\.unicorns"/);
    await expectUsageError(['simulator', 'get', 'quota.unicorns'], /unknown simulator setting/);

    // Setting a value back to its default removes the override.
    await ecs(['simulator', 'set', 'quota.instances', '10']);
    expect(state().settings['quota.instances']).toBeUndefined();
  });

  it('reset needs --yes without a terminal; with it the state is fresh (settings kept only with --keep-settings)', async () => {
    await ecs(['simulator', 'set', 'latency', '5']);
    await ecs(['simulator', 'advance', '1d']);
    await expectUsageError(['simulator', 'reset'], /--yes/);
    let r = await ecs(['simulator', 'reset', '--yes', '--keep-settings']);
    expect(r.code, r.stderr).toBe(0);
    expect(state()).toMatchObject({ clockOffsetMs: 0, settings: { latency: '5' } });
    r = await ecs(['simulator', 'reset', '--yes']);
    expect(state().settings).toEqual({});
  });

  it('export then import restores the state; import checks the file first and needs --yes', async () => {
    await ecs(['simulator', 'advance', '2h']);
    await ecs(['simulator', 'set', 'quota.instances', '50']);
    const file = join(b.home, 'backup.json');
    let r = await ecs(['simulator', 'export', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const exported = readFileSync(file, 'utf8');
    expect(JSON.parse(exported)).toEqual(state());
    await expectUsageError(['simulator', 'export', file], /exists; use --force/);
    r = await ecs(['simulator', 'export', '-']);
    expect(JSON.parse(r.stdout)).toEqual(state());

    await ecs(['simulator', 'reset', '--yes']);
    await expectUsageError(['simulator', 'import', file], /--yes/);
    r = await ecs(['simulator', 'import', '--yes', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(state()).toEqual(JSON.parse(exported));

    const bad = join(b.home, 'bad.json');
    for (const [content, why] of [
      ['{"version":1,', /not valid JSON/],
      ['[]', /expected a JSON object/],
      [JSON.stringify({ ...JSON.parse(exported), version: 7 }), /unsupported version 7/],
      [JSON.stringify({ ...JSON.parse(exported), settings: { 'quota.instances': 'many' } }), /quota\.instances must be a whole number/],
      [JSON.stringify({ ...JSON.parse(exported), instances: [] }), /instances must be an object keyed by ID/],
    ] as const) {
      writeFileSync(bad, content);
      await expectUsageError(['simulator', 'import', '--yes', bad], why);
    }
    await expectUsageError(['simulator', 'import', '--yes', join(b.home, 'missing.json')], /cannot read .*ENOENT/);
  });

  it('--dry-run checks the input and changes nothing', async () => {
    await ecs(['simulator', 'advance', '1']);
    const file = join(b.home, 'x.json');
    await ecs(['simulator', 'export', file]);
    const before = snapshot();
    for (const args of [['simulator', 'set', 'quota.instances', '5'], ['simulator', 'advance', '2h'], ['simulator', 'reset'], ['simulator', 'import', file]]) {
      const r = await ecs(['--dry-run', ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toMatch(/^dry run: .*nothing changed\n$/);
      expect(snapshot()).toBe(before);
    }
    await expectUsageError(['--dry-run', 'simulator', 'set', 'quota.instances', 'x'], /whole number/);
  });

  it('an unreadable state file: commands say so (exit 1, with the way out); reset --yes recovers and keeps the bad file aside', async () => {
    await ecs(['simulator', 'advance', '1']);
    writeFileSync(stateFile(), '{"rev":"00","version":1,');
    let r = await ecs(['simulator', 'status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON .*ecs simulator reset --yes/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    r = await ecs(['simulator', 'reset', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/moved the unreadable state file to .*state\.json\.unreadable-/);
    expect(state()).toMatchObject({ version: 1, clockOffsetMs: 0 });
    const aside = readdirSync(b.simulatorDir).filter((f) => f.startsWith('state.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(b.simulatorDir, aside[0]!), 'utf8')).toBe('{"rev":"00","version":1,');
  });
});
