// The store's index (state.idx, src/simulator/lazy.ts): records are parsed when read, damage in
// one record is found when that record is read, an index that does not describe the snapshot
// is ignored, and lookups answer exactly what a scan of the plain state answers, before,
// during and after changes (journal and compaction).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_FILE, Store, StoreDamagedError, storeContents } from '../../../src/simulator/store.js';
import { allRecords, countBy, countsBy, dueIds, idsBy } from '../../../src/simulator/lookup.js';
import { DISK_BY_INSTANCE, INSTANCE_BY_SG, INSTANCE_DUE, POSTPAID_BY_ZONE_TYPE } from '../../../src/simulator/indexes.js';
import { LAZY } from '../../../src/simulator/lookup.js';
import type { SimState } from '../../../src/simulator/state.js';

const work = mkdtempSync(join(tmpdir(), 'ecs-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(work, `s${n++}`);

const inst = (id: string, o: Record<string, unknown> = {}) => ({ id, zone: 'cn-hangzhou-h', type: 'ecs.g7.large', status: 'Running', charge: 'PostPaid', sg: ['sg-a'], ...o });
const disk = (id: string, o: Record<string, unknown> = {}) => ({ id, zone: 'cn-hangzhou-h', cat: 'cloud_essd', type: 'data', status: 'In_use', size: 40, ct: 1, ...o });

/** A store with hostile and ordinary IDs; returns its directory. */
async function seed(): Promise<string> {
  const dir = fresh();
  await new Store(dir).mutate((s) => {
    s.instances['i-1'] = inst('i-1');
    s.instances['constructor'] = inst('constructor', { sg: ['sg-a', 'toString'], charge: 'PrePaid', exp: 5_000 });
    s.instances['toString'] = inst('toString', { sg: ['constructor'], q: [[1_000, 'Running']] });
    s.instances['i-2'] = inst('i-2', { zone: 'cn-hangzhou-i' });
    s.instances['i-3'] = inst('i-3', { rel: 9_000 });
    s.disks['d-1'] = disk('d-1', { inst: 'i-1' });
    s.disks['d-2'] = disk('d-2', { inst: 'constructor' });
    s.disks['d-3'] = disk('d-3', { inst: 'i-1' });
    s.disks['hasOwnProperty'] = disk('hasOwnProperty');
  });
  return dir;
}

/** Every lookup the tests compare, as one object. */
function answers(s: SimState) {
  const keys = ['sg-a', 'toString', 'constructor', '__proto__', 'sg-none'];
  return {
    sg: keys.map((k) => idsBy(s, INSTANCE_BY_SG, k)),
    sgCount: keys.map((k) => countBy(s, INSTANCE_BY_SG, k)),
    disks: ['i-1', 'constructor', 'toString', 'i-9', '__proto__'].map((k) => idsBy(s, DISK_BY_INSTANCE, k)),
    postpaid: [...countsBy(s, POSTPAID_BY_ZONE_TYPE)].sort(),
    due: [0, 1_000, 5_000, 9_000, 1e15].map((t) => dueIds(s, INSTANCE_DUE, t)),
    ids: Object.keys(s.instances),
  };
}

const plain = (s: SimState) => JSON.parse(JSON.stringify(s)) as SimState;
const isLazy = (s: SimState) => !!(s.instances as Record<symbol, unknown>)[LAZY];

describe('lazy store', () => {
  it('writes state.idx (0600) with the snapshot and reads through it', async () => {
    const dir = await seed();
    expect(statSync(join(dir, INDEX_FILE)).mode & 0o777).toBe(0o600);
    const s = new Store(dir).read();
    expect(isLazy(s)).toBe(true);
    expect(s.instances['constructor'].charge).toBe('PrePaid');
    expect(Object.keys(s.instances)).toEqual(['i-1', 'constructor', 'toString', 'i-2', 'i-3']);
    expect(Object.prototype.hasOwnProperty.call(s.instances, '__proto__')).toBe(false);
    expect(s.instances['hasOwnProperty']).toBeUndefined();
    expect(plain(s)).toEqual(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'), (k, v) => (k === 'crc' ? undefined : v)));
  });

  it('allRecords: what Object.values gives, in collection order, after changes too; through a mutation, changes are kept', async () => {
    const dir = await seed();
    const s0 = new Store(dir).read();
    expect(isLazy(s0)).toBe(true);
    expect(allRecords(s0, 'instances')).toEqual(Object.values(plain(s0).instances));
    expect(allRecords(s0, 'instances').map((r: { id: string }) => r.id)).toEqual(['i-1', 'constructor', 'toString', 'i-2', 'i-3']);
    // the same objects the collection hands out (one record, one object)
    expect(allRecords(s0, 'instances')[1]).toBe(s0.instances['constructor']);
    expect(allRecords(s0, 'no-such-collection')).toEqual([]);
    // changes in the journal: one removed, one changed, one added (a hostile ID)
    await new Store(dir).mutate((s) => {
      delete s.instances['toString'];
      s.instances['i-1'].status = 'Stopped';
      s.instances['valueOf'] = inst('valueOf');
    });
    const s1 = new Store(dir).read();
    expect(isLazy(s1)).toBe(true);
    const ids = allRecords(s1, 'instances').map((r: { id: string }) => r.id);
    expect(ids).toEqual(['i-1', 'constructor', 'i-2', 'i-3', 'valueOf']);
    expect(ids).toEqual(Object.keys(s1.instances));
    expect(allRecords(s1, 'instances')[0].status).toBe('Stopped');
    // a mutation changes records found through allRecords: tracked and persisted
    await new Store(dir).mutate((s) => {
      for (const r of allRecords(s, 'instances')) r.status = 'Starting';
    });
    expect(Object.values(plain(new Store(dir).read()).instances).map((r) => (r as { status: string }).status)).toEqual(Array(5).fill('Starting'));
  });

  it('parses only the records it reads: damage in another record is found when that record is read', async () => {
    const dir = await seed();
    const file = join(dir, 'state.json');
    const text = readFileSync(file, 'utf8');
    // Same size, still valid JSON: only d-2's checksum can tell.
    const at = text.indexOf('"d-2":{');
    const damaged = text.slice(0, at) + text.slice(at).replace('"In_use"', '"In_usf"');
    writeFileSync(file, damaged);
    // Damage that leaves inode, size and mtime alone (a bit flip on disk): the index still
    // names the file, so make its header name the edited file.
    const st = statSync(file);
    const idxFile = join(dir, INDEX_FILE);
    const idx = readFileSync(idxFile);
    const hlen = idx.readUInt32LE(8);
    const header = JSON.parse(idx.toString('utf8', 16, 16 + hlen));
    header.snap = `${st.ino}:${st.size}:${st.mtimeMs}`;
    const hb = Buffer.from(JSON.stringify(header));
    const head = Buffer.alloc(16);
    idx.copy(head, 0, 0, 8);
    head.writeUInt32LE(hb.length, 8);
    head.writeUInt32LE(crc32(hb) >>> 0, 12);
    writeFileSync(idxFile, Buffer.concat([head, hb, idx.subarray(16 + hlen)]));
    const s = new Store(dir).read();
    expect(isLazy(s)).toBe(true);
    expect(s.disks['d-1'].inst).toBe('i-1');
    expect(() => s.disks['d-2']).toThrow(StoreDamagedError);
    expect(() => s.disks['d-2']).toThrow(/simulator state .*state\.json is damaged: the bytes of disks\.d-2 do not match their checksum/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('ignores an index that is damaged or describes another snapshot, and reads the snapshot whole', async () => {
    const dir = await seed();
    const want = plain(new Store(dir).read());
    const idx = join(dir, INDEX_FILE);
    const good = readFileSync(idx);
    const headerHit = Buffer.from(good);
    headerHit[20] ^= 0x01; // inside the header: its CRC-32 no longer matches
    const tableHit = Buffer.from(good);
    tableHit[16 + good.readUInt32LE(8) + 2] ^= 0x01; // inside the page CRC table: its CRC-32 no longer matches
    for (const bad of [Buffer.from('garbage'), headerHit, tableHit, good.subarray(0, 10), Buffer.alloc(0)]) {
      writeFileSync(idx, bad);
      const s = new Store(dir).read();
      expect(isLazy(s)).toBe(false);
      expect(plain(s)).toEqual(want);
      expect(answers(s)).toEqual(answers(want));
    }
    rmSync(idx);
    expect(plain(new Store(dir).read())).toEqual(want);
  });

  it('a FIFO, a directory or /dev/zero in place of state.idx: ignored at once (no hang), the snapshot read whole', async () => {
    const dir = await seed();
    const want = plain(new Store(dir).read());
    const idx = join(dir, INDEX_FILE);
    const places: [string, () => void][] = [
      ['a FIFO', () => execFileSync('mkfifo', [idx])],
      ['a directory', () => mkdirSync(idx)],
      ['/dev/zero', () => symlinkSync('/dev/zero', idx)],
    ];
    for (const [what, make] of places) {
      rmSync(idx, { recursive: true, force: true });
      make();
      const s = new Store(dir).read();
      expect(isLazy(s), what).toBe(false);
      expect(plain(s), what).toEqual(want);
    }
  });

  it('a damaged section of the index stops the reader with one line naming state.idx; without the index it reads whole', async () => {
    const dir = await seed();
    const idxFile = join(dir, INDEX_FILE);
    const idx = readFileSync(idxFile);
    const damaged = Buffer.from(idx);
    const hlen = idx.readUInt32LE(8);
    const header = JSON.parse(idx.toString('utf8', 16, 16 + hlen));
    damaged[16 + hlen + header.pages * 4 + header.colls.instances.entries + 5] ^= 0xff; // an instance's ID length (after the header and the page table)
    writeFileSync(idxFile, damaged);
    const s = new Store(dir).read();
    expect(isLazy(s)).toBe(true); // the header is intact
    const err = (() => {
      try {
        for (const id of Object.keys(s.instances)) void s.instances[id];
        for (const id of Object.keys(s.disks)) void s.disks[id];
        dueIds(s, INSTANCE_DUE, 1e15);
        idsBy(s, DISK_BY_INSTANCE, 'i-1');
        idsBy(s, INSTANCE_BY_SG, 'sg-a');
        countsBy(s, POSTPAID_BY_ZONE_TYPE);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(StoreDamagedError);
    expect(err!.message).toBe(`simulator index ${idxFile} is damaged (nothing was changed); remove it: the store then reads state.json whole until its next snapshot, which comes with a new index`);
    expect(readFileSync(idxFile)).toEqual(damaged);
    rmSync(idxFile);
    const whole = new Store(dir).read();
    expect(isLazy(whole)).toBe(false);
    expect(answers(whole)).toEqual(answers(plain(new Store(await seed()).read())));
  });

  it('answers lookups as a scan does: loaded, inside a mutation, after the journal and after compaction', async () => {
    const dir = await seed();
    const s0 = new Store(dir).read();
    expect(answers(s0)).toEqual(answers(plain(s0)));
    expect(answers(s0).disks).toEqual([['d-1', 'd-3'], ['d-2'], [], [], []]);
    // toString's next step at 1 s; i-3's auto-release at the half hour after 9 s; constructor's subscription stops 15 days after it expired.
    expect(answers(s0).due).toEqual([[], ['toString'], ['toString'], ['toString'], ['constructor', 'toString', 'i-3']]);
    const store = new Store(dir);
    let inside: unknown;
    let insidePlain: unknown;
    await store.mutate((s) => {
      s.disks['d-1'].inst = 'toString'; // moves between keys
      delete s.disks['d-3'];
      s.disks['d-4'] = disk('d-4', { inst: 'i-1' });
      delete s.instances['i-1'];
      s.instances['i-1'] = inst('i-1', { sg: ['toString'] }); // removed and set again: now last
      s.instances['i-2'].charge = 'PrePaid';
      s.instances['i-2'].exp = 100;
      inside = answers(s);
      insidePlain = answers(plain(s));
    });
    expect(inside).toEqual(insidePlain);
    expect((inside as ReturnType<typeof answers>).ids).toEqual(['constructor', 'toString', 'i-2', 'i-3', 'i-1']);
    expect((inside as ReturnType<typeof answers>).disks[0]).toEqual(['d-4']);
    // A new reader: snapshot + journal line.
    const s1 = new Store(dir).read();
    expect(storeContents(dir)).toContain('--journal--');
    expect(answers(s1)).toEqual(answers(plain(s1)));
    // (The journal replays "removed and set again" as a change in place, as it always has.)
    expect(answers(s1).disks).toEqual((insidePlain as ReturnType<typeof answers>).disks);
    // Compaction: many commits fold the journal into a new snapshot and index.
    const big = 'x'.repeat(4000);
    for (let i = 0; i < 140; i++) await store.mutate((s) => void (s.disks[`d-x${i}`] = disk(`d-x${i}`, { inst: i % 2 ? 'i-3' : 'i-2', desc: big })));
    expect(store.stats.snapshots).toBeGreaterThan(0);
    const s2 = new Store(dir).read();
    expect(isLazy(s2)).toBe(true);
    expect(answers(s2)).toEqual(answers(plain(s2)));
    expect(idsBy(s2, DISK_BY_INSTANCE, 'i-3')).toHaveLength(70);
    expect(countBy(s2, DISK_BY_INSTANCE, 'i-2')).toBe(70);
    expect(Object.keys(s2.disks).slice(0, 4)).toEqual(['d-1', 'd-2', 'hasOwnProperty', 'd-4']);
    // The compacted snapshot is the same state when read whole (no index).
    const want = plain(s2);
    rmSync(join(dir, INDEX_FILE));
    expect(plain(new Store(dir).read())).toEqual(want);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('holds at most 64 snapshots open; older lazy states keep reading from memory', async () => {
    const dirs = await Promise.all(Array.from({ length: 80 }, () => seed()));
    const fds = () => readdirSync('/proc/self/fd').length;
    const before = fds();
    const states = dirs.map((d) => new Store(d).read());
    expect(fds() - before).toBeLessThanOrEqual(64);
    expect(states.map((st) => st.disks['d-2'].inst)).toEqual(Array(80).fill('constructor'));
    expect(states.map((st) => idsBy(st, DISK_BY_INSTANCE, 'i-1'))).toEqual(Array(80).fill(['d-1', 'd-3']));
  });

  it('IDs that are not ASCII (a client token is any string): found by ID, listed in order, looked up', async () => {
    const dir = fresh();
    const ids = ['i-é', 'i-日本', 'i-a', 'i-\u{1F600}', 'i-z'];
    await new Store(dir).mutate((s) => {
      for (const [k, id] of ids.entries()) s.instances[id] = inst(id, { sg: [k % 2 ? 'sg-ü' : 'sg-a'] });
    });
    const s = new Store(dir).read();
    expect(isLazy(s)).toBe(true);
    expect(s.instances['i-日本'].id).toBe('i-日本');
    expect(s.instances['i-\u{1F600}'].sg).toEqual(['sg-ü']);
    expect(s.instances['i-日']).toBeUndefined();
    expect(Object.keys(s.instances)).toEqual(ids);
    expect(idsBy(s, INSTANCE_BY_SG, 'sg-ü')).toEqual(['i-日本', 'i-\u{1F600}']);
    expect(idsBy(s, INSTANCE_BY_SG, 'sg-a')).toEqual(['i-é', 'i-a', 'i-z']);
  });

  it('a dry run (fresh load) shares nothing with the cached state', async () => {
    const dir = await seed();
    const store = new Store(dir);
    const a = store.read();
    const b = store.readFresh();
    b.instances['i-1'].status = 'Stopped';
    b.settings.x = 'y';
    delete b.instances['i-2'];
    expect(a.instances['i-1'].status).toBe('Running');
    expect(a.settings.x).toBeUndefined();
    expect(Object.keys(a.instances)).toContain('i-2');
    expect(store.read()).toBe(a);
  });
});
