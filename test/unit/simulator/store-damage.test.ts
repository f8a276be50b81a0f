// A damaged store loses nothing: every hand-corrupted snapshot or journal gives one line
// naming the file and the way out, readers and writers alike, and no file changes.
// Only a torn final journal line (no newline: a writer killed mid-append) may be cut.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_LIMITS, Store, StoreDamagedError } from '../../../src/simulator/store.js';
import { runEcs, runInProcess, tempHome } from '../../helpers/run.js';

const home = tempHome('ecs-damage-');
const base = join(home.home, 'sim');
const env = { ...home.env, ECS_SIMULATOR_DIR: base };
const work = mkdtempSync(join(tmpdir(), 'ecs-damage-cases-'));
let ids: string[] = [];
let rev = '';

/** Every file of a directory (name → bytes, directories marked), to prove nothing changed. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    const st = lstatSync(p);
    out[f] = st.isDirectory() ? '<dir>' : st.isSymbolicLink() ? '<link>' : readFileSync(p).toString('base64');
  }
  return out;
}

beforeAll(async () => {
  // One snapshot (the first create) and a journal of 4 lines (one per later create).
  for (let i = 0; i < 5; i++) {
    const r = await runInProcess(['instance', 'create', '-q', '-o', 'ids'], { env });
    expect(r.code, r.stderr).toBe(0);
    ids.push(r.stdout.trim());
  }
  rev = JSON.parse(readFileSync(join(base, 'state.json'), 'utf8')).rev;
  expect(readFileSync(join(base, `journal-${rev}.jsonl`), 'utf8').split('\n')).toHaveLength(5); // 4 lines + ''
});
afterAll(() => {
  home.cleanup();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
/** A copy of the base store with one corruption. */
function damaged(corrupt: (dir: string, snap: string, journal: string) => void): string {
  const dir = join(work, `c${n++}`);
  cpSync(base, dir, { recursive: true });
  corrupt(dir, join(dir, 'state.json'), join(dir, `journal-${rev}.jsonl`));
  return dir;
}
const editSnap = (f: (doc: any) => unknown) => (_d: string, snap: string) => writeFileSync(snap, JSON.stringify(f(JSON.parse(readFileSync(snap, 'utf8')))));
const editLine = (k: number, text: string) => (_d: string, _s: string, journal: string) => {
  const lines = readFileSync(journal, 'utf8').split('\n');
  lines[k - 1] = text;
  writeFileSync(journal, lines.join('\n'));
};
const appendLine = (text: string) => (_d: string, _s: string, journal: string) => writeFileSync(journal, readFileSync(journal, 'utf8') + text + '\n');

// [what, corruption, file the error names, why (pattern)]
const SNAPSHOT = 'state.json';
const JOURNAL = 'journal';
const CASES: [string, (dir: string, snap: string, journal: string) => void, string, RegExp][] = [
  ['snapshot is null', (_d, s) => writeFileSync(s, 'null'), SNAPSHOT, /holds null, not a state object/],
  ['snapshot is an array', (_d, s) => writeFileSync(s, '[1,2]'), SNAPSHOT, /holds a list, not a state object/],
  ['snapshot is a number', (_d, s) => writeFileSync(s, '42'), SNAPSHOT, /holds a number/],
  ['snapshot truncated', (_d, s) => writeFileSync(s, readFileSync(s, 'utf8').slice(0, 300)), SNAPSHOT, /is not valid JSON/],
  ['snapshot is binary', (_d, s) => writeFileSync(s, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256))), SNAPSHOT, /is not valid JSON/],
  ['snapshot is a directory', (_d, s) => (rmSync(s), mkdirSync(s)), SNAPSHOT, /is a directory, not a file/],
  ['snapshot is a device', (_d, s) => (rmSync(s), symlinkSync('/dev/zero', s)), SNAPSHOT, /is not a regular file/],
  ['settings is null', editSnap((d) => ({ ...d, settings: null })), SNAPSHOT, /settings is null, not an object keyed by ID/],
  ['a setting is a number', editSnap((d) => ({ ...d, settings: { 'quota.instances': 5 } })), SNAPSHOT, /setting quota\.instances is a number, not a string/],
  ['instances is an array', editSnap((d) => ({ ...d, instances: [] })), SNAPSHOT, /instances is a list, not an object keyed by ID/],
  ['an instance is null', editSnap((d) => ({ ...d, instances: { ...d.instances, [d.rev + 'x']: null } })), SNAPSHOT, /is null, not a record/],
  ['an instance queue is null', editSnap((d) => { const id = Object.keys(d.instances)[0]!; d.instances[id].q = null; return d; }), SNAPSHOT, /q is not a list of steps/],
  ['an instance sg is a string', editSnap((d) => { const id = Object.keys(d.instances)[0]!; d.instances[id].sg = 'sg-1'; return d; }), SNAPSHOT, /sg is not a list/],
  ['clockOffsetMs is a string', editSnap((d) => ({ ...d, clockOffsetMs: 'x' })), SNAPSHOT, /clockOffsetMs is a string, not a number/],
  ['clockOffsetMs past 9999', editSnap((d) => ({ ...d, clockOffsetMs: 99999999 * 86400_000 })), SNAPSHOT, /outside the years 1970 to 9999/],
  ['version 2', editSnap((d) => ({ ...d, version: 2 })), SNAPSHOT, /unsupported version 2/],
  ['__proto__ as a record ID', (_d, s) => writeFileSync(s, readFileSync(s, 'utf8').replace('"instances":{', '"instances":{"__proto__":{"id":"x"},')), SNAPSHOT, /holds the record ID "__proto__"/],
  ['malformed revision', (_d, s) => writeFileSync(s, readFileSync(s, 'utf8').replace(/^\{"rev":"[0-9a-f]+"/, '{"rev":"../../x"')), SNAPSHOT, /malformed revision/],
  ['journal line 2 of 4 is garbage', editLine(2, 'garbage'), JOURNAL, /line 2 is not valid JSON and 2 later line\(s\) hold committed changes/],
  ['last complete journal line is garbage', editLine(4, '{"s":[["instances"'), JOURNAL, /line 4 is not valid JSON/],
  ['journal line {"s":5}', appendLine('{"s":5}'), JOURNAL, /line 5 cannot be applied: "s" is not a list/],
  ['journal line null', editLine(1, 'null'), JOURNAL, /line 1 cannot be applied: it is not a journal entry/],
  ['journal line is an array', editLine(3, '[]'), JOURNAL, /line 3 cannot be applied: it is not a journal entry/],
  ['journal sets a null record', appendLine('{"s":[["instances","i-x",null]]}'), JOURNAL, /instances\.i-x is null, not a record/],
  ['journal names __proto__ as a collection', appendLine('{"s":[["__proto__","polluted",{"x":1}]]}'), JOURNAL, /names the key "__proto__"/],
  ['journal names __proto__ as an ID', appendLine('{"s":[["instances","__proto__",{"id":"x"}]]}'), JOURNAL, /names the key "__proto__"/],
  ['journal deletes with numbers', appendLine('{"d":[[1,2]]}'), JOURNAL, /"d" holds an item that is not \[collection, id\]/],
  ['journal deletes the instances', appendLine('{"t":{"instances":null}}'), JOURNAL, /it deletes instances/],
  ['journal replaces instances with a list', appendLine('{"t":{"instances":[]}}'), JOURNAL, /instances is a list/],
  ['journal has an unknown field', appendLine('{"x":1}'), JOURNAL, /unknown field "x"/],
  ['a huge garbage line', editLine(2, 'x'.repeat(3 << 20)), JOURNAL, /line 2 is not valid JSON/],
  ['journal is binary', (_d, _s, j) => writeFileSync(j, Buffer.from(Array.from({ length: 1000 }, (_, i) => (i % 7 === 6 ? 10 : (i * 31) % 256)))), JOURNAL, /line 1 is not valid JSON/],
  ['journal is a directory', (_d, _s, j) => (rmSync(j), mkdirSync(j)), JOURNAL, /is a directory, not a file/],
  ['journal without its snapshot', (_d, s) => rmSync(s), JOURNAL, /has no snapshot .*state\.json is missing/],
];

describe('a damaged store', () => {
  it(`has ${CASES.length} hand-made corruptions in the table (at least 13)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(13);
  });

  it.each(CASES)('%s: readers and writers get one line naming the file and the way out; nothing is written', async (_what, corrupt, kind, why) => {
    const dir = damaged(corrupt);
    const before = contents(dir);
    const file = kind === SNAPSHOT ? join(dir, 'state.json') : join(dir, `journal-${rev}.jsonl`);
    const check = (e: unknown) => {
      expect(e).toBeInstanceOf(StoreDamagedError);
      const msg = (e as Error).message;
      expect(msg).not.toContain('\n');
      expect(msg.startsWith(`simulator ${kind === SNAPSHOT ? 'state' : 'journal'} ${file} `)).toBe(true);
      expect(msg).toMatch(why);
      expect(msg).toMatch(kind === SNAPSHOT ? /\(nothing was changed\); restore a backup with `ecs simulator import FILE` or start afresh with `ecs simulator reset --yes`/ : /\(nothing was changed\); save what can be read with `ecs simulator export --salvage FILE`, then `ecs simulator import FILE`/);
    };
    let thrown: unknown;
    try {
      new Store(dir).read();
    } catch (e) {
      thrown = e;
    }
    check(thrown);
    let ran = false;
    await new Store(dir).mutate((s) => void (ran = true, (s.settings['time-scale'] = '0'))).then(
      () => expect.unreachable('mutate succeeded on a damaged store'),
      check,
    );
    expect(ran).toBe(false);
    expect(contents(dir)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a directory in place of the lock, or a file in place of the state directory: one line, nothing written', async () => {
    const dir = damaged((d) => mkdirSync(join(d, 'state.lock')));
    const before = contents(dir);
    await expect(new Store(dir).mutate((s) => void (s.settings['time-scale'] = '0'))).rejects.toThrow(`the simulator lock ${join(dir, 'state.lock')} is not a regular file; remove it (no process holds it)`);
    expect(contents(dir)).toEqual(before);
    const file = join(work, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => new Store(file).read()).toThrow(`the simulator state directory ${file} is not a directory (set ECS_SIMULATOR_DIR to a directory)`);
    await expect(new Store(file).mutate(() => undefined)).rejects.toThrow(/cannot create the simulator state directory .*not-a-dir: ENOTDIR/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a change readers would refuse is never written (an action bug is not damage)', async () => {
    const dir = damaged(() => {});
    const before = contents(dir);
    const store = new Store(dir);
    await expect(store.mutate((s) => void (s.instances['i-bad'] = null))).rejects.toThrow(
      'the simulator refused to store a change it could not read back (instances.i-bad is null, not a record); nothing was changed',
    );
    await expect(store.replace({ ...store.read(), settings: { x: 1 } as any })).rejects.toThrow(/refused to store .*setting x is a number/);
    expect(contents(dir)).toEqual(before);
    expect(store.read().instances['i-bad']).toBeUndefined();
  });

  it('a snapshot as the store wrote it carries a CRC (shape checks skipped); a valid hand edit still loads, checked', async () => {
    const dir = damaged(() => {});
    const snap = join(dir, 'state.json');
    const text = readFileSync(snap, 'utf8');
    expect(text).toMatch(new RegExp(`^\\{"rev":"${rev}","crc":"[0-9a-f]{8}","version":1,`));
    expect(new Store(dir).read()).not.toHaveProperty('crc');
    writeFileSync(snap, text.replace('"clockOffsetMs":0', '"clockOffsetMs":5')); // a hand edit: the CRC no longer matches
    expect(new Store(dir).read().clockOffsetMs).toBe(5);
  });

  it('a journal larger than the read cap is damage, found while reading', async () => {
    const dir = damaged(() => {});
    const saved = STORE_LIMITS.maxJournalBytes;
    STORE_LIMITS.maxJournalBytes = 1000;
    try {
      expect(() => new Store(dir).read()).toThrow(/journal-[0-9a-f]+\.jsonl is larger than 1000 bytes \(nothing was changed\)/);
    } finally {
      STORE_LIMITS.maxJournalBytes = saved;
    }
  });

  it('a torn final line (no newline) is not damage: ignored, then cut by the next writer', async () => {
    const dir = damaged((_d, _s, j) => writeFileSync(j, readFileSync(j, 'utf8') + '{"s":[["instances","i-torn",{"id":"i-tor'));
    expect(Object.keys(new Store(dir).read().instances).sort()).toEqual([...ids].sort());
    await new Store(dir).mutate((s) => void (s.settings['time-scale'] = '0'));
    const lines = readFileSync(join(dir, `journal-${rev}.jsonl`), 'utf8').split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toBe('{"s":[["settings","time-scale","0"]]}');
  });

  it('salvage keeps every line that applies; reset keeps the damaged files aside', async () => {
    const dir = damaged(editLine(2, 'garbage'));
    const saved = new Store(dir).salvage();
    expect(saved.skipped).toEqual([2]);
    expect(Object.keys(saved.state.instances).sort()).toEqual(ids.filter((_, i) => i !== 2).sort()); // line 2 created the third
    const journalText = readFileSync(join(dir, `journal-${rev}.jsonl`), 'utf8');
    const aside = await new Store(dir).replace(saved.state);
    expect(aside.map((f) => f.replace(/unreadable-.*$/, 'unreadable-T')).sort()).toEqual(
      [join(dir, `journal-${rev}.jsonl.unreadable-T`), join(dir, 'state.json.unreadable-T')].sort(),
    );
    expect(readFileSync(aside.find((f) => f.includes('journal-'))!, 'utf8')).toBe(journalText);
    expect(Object.keys(new Store(dir).read().instances)).toHaveLength(4);
  });
});

describe('a damaged store through the CLI', () => {
  const cli = (dir: string, args: string[]) => runEcs(args, { env: { ...env, ECS_SIMULATOR_DIR: dir } });

  it('journal line 2 of 4 replaced with garbage: list and create refuse with one line, nothing is lost; export --salvage + import recover', async () => {
    const dir = damaged(editLine(2, 'garbage'));
    const before = contents(dir);
    const journal = join(dir, `journal-${rev}.jsonl`);
    for (const args of [['instance', 'list'], ['instance', 'create', '-o', 'ids'], ['instance', 'describe', ids[0]!], ['simulator', 'set', 'quota.instances', '20']]) {
      const r = await cli(dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`simulator journal ${journal} is damaged: line 2 is not valid JSON and 2 later line(s) hold committed changes (nothing was changed); save what can be read with \`ecs simulator export --salvage FILE\``);
      expect(contents(dir)).toEqual(before);
    }
    const out = join(work, 'salvaged.json');
    let r = await cli(dir, ['simulator', 'export', '--salvage', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`left out damaged line(s) 2 of ${journal}`);
    r = await cli(dir, ['simulator', 'import', '--yes', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/moved the unreadable journal to .*journal-[0-9a-f]+\.jsonl\.unreadable-/);
    r = await cli(dir, ['instance', 'list', '-o', 'ids']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(ids.filter((_, i) => i !== 2).sort());
  });

  it.each([
    ['snapshot is null', (_d: string, s: string) => writeFileSync(s, 'null'), /state\.json is not a simulator state \(it holds null, not a state object\)/],
    ['an instance is null', editSnap((d) => ({ ...d, instances: { ...d.instances, 'i-null': null } })), /instances\.i-null is null, not a record/],
    ['journal without its snapshot', (_d: string, s: string) => rmSync(s), /has no snapshot/],
  ])('%s: list and create exit 1 with one line, nothing written', async (_w, corrupt, why) => {
    const dir = damaged(corrupt);
    const before = contents(dir);
    for (const args of [['instance', 'list'], ['instance', 'create', '-o', 'ids']]) {
      const r = await cli(dir, args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(why);
      expect(contents(dir)).toEqual(before);
      expect(existsSync(join(dir, 'state.lock'))).toBe(false);
    }
  });
});
