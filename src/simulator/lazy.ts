// Lazy loading of the simulator's snapshot (issue 12 part 1): a by-ID read parses one record,
// not the whole store.
//
// Files. Beside `state.json` (still one JSON document, written record by record by
// writeSnapshotFile below) the store writes `state.idx`, a binary index of it:
//
//   "ECSIDX3\n"  u32 header length  u32 header CRC-32  header JSON  page CRC table  sections…
//
// The header names the snapshot it describes (its revision and `ino:size:mtimeMs`, which a
// rename keeps and any other change alters), holds the top-level values that are not record
// collections (version, createdAt, settings, …: small), and locates, per record collection:
//   entries  n × [idOff, idLen, recOff, recLen, recCrc32] (u32 LE), in file order
//   ids      the IDs' UTF-8 bytes
//   sorted   n × u32 entry numbers, by ID (JavaScript string order), for binary search
// per secondary index (src/simulator/indexes.ts):
//   pairs    m × [keyOff, keyLen, entry] (u32 LE), by key then entry; keys' bytes after them
//   counts   in the header, when the index has at most 1,024 distinct keys
// and per due time: m × [at f64, entry u32], by time.
// The header has a CRC-32 (after its length); a table after it holds the CRC-32 of every 4 KiB
// page of the sections, and a page is read and checked when first used (a binary search reads
// a few pages, a listing a section whole). An index that is missing, has a damaged header or
// table, or describes another snapshot is ignored: the store then parses the snapshot whole, as
// before indexes existed (and the next snapshot it writes has one). A damaged page found later
// stops the command with one line naming state.idx and the way out (remove it).
//
// Records. A record is read with one pread of its bytes, checked against its CRC-32 and the
// collection's shape check (src/simulator/state.ts), and kept, so it is parsed once. A
// collection read record by record more than a few dozen times is read whole in one go.
// Enumerating a collection (Object.keys, for…in, JSON.stringify) still works: it is what a
// list does. Changes are kept in memory beside the index; lookups (src/simulator/lookup.ts)
// answer from the index for the records not changed and from the records themselves for the
// ones changed (`dirty`: set, deleted, or touched by a change-tracking proxy). An index
// written without one of the lookups asked answers undefined, and lookup.ts scans.

import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { dueAt, keyList, LAZY, type DueDef, type IndexDef, type LazyLookups } from './lookup.js';
import { ALL_DUES, ALL_INDEXES } from './indexes.js';
import { isPlainObject, RECORD_COLLECTIONS, recordProblem, topLevelProblem, type SimState } from './state.js';

const MAGIC = 'ECSIDX3\n';
const HEAD = 16; // magic, u32 header length, u32 CRC-32 of the header
const crc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;
/** Indexes need zlib.crc32 (Node ≥ 20.15 / 22.2); without it the store parses snapshots whole. */
export const LAZY_SUPPORTED = typeof crc32 === 'function';
/** Single-record reads of a collection before the whole collection is read in one go. */
const WHOLE_AFTER = 48;
/**
 * Binary searches of a collection before its IDs are put in a Map: at least this many, and at
 * least one per MAP_PER_FINDS records. A search decodes ~log2(n) IDs (~4 µs at 10,000), the
 * Map costs ~0.2 µs per record (~2 ms at 10,000, ~25 ms at 100,000), so it pays after about
 * n/20 searches: a command that changes a few records (their journal entries are applied on
 * every load) does not build it.
 */
const FINDS_BEFORE_MAP = 64;
const MAP_PER_FINDS = 20;
/** Binary searches of a collection before its IDs are decoded in one string. */
const FINDS_BEFORE_DECODE = 16;
/** Distinct keys up to which an index's counts are kept in the header. */
const MAX_COUNTED_KEYS = 1024;

/** The index body is checked in pages of this size, each with its CRC-32 (a table after the header). */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const ENTRY = 20; // 5 × u32
const PAIR = 12; // 3 × u32
const DUE = 12; // f64 + u32

interface CollHeader {
  n: number;
  entries: number;
  ids: number;
  sorted: number;
  /** Byte range of the collection's records in the snapshot (for reading it whole). */
  from: number;
  to: number;
  /** Every ID is ASCII: byte offsets are string offsets in the decoded ID bytes. */
  ascii?: boolean;
}
interface IndexHeader {
  coll: string;
  m: number;
  pairs: number;
  keys: number;
  /** Length of the key bytes. */
  klen: number;
  counts?: Record<string, number>;
}
interface DueHeader {
  coll: string;
  m: number;
  off: number;
}
export interface IndexFileHeader {
  rev: string;
  snap: string;
  /** Pages of the body, and the CRC-32 of their CRC table (u32 LE each, right after the header). */
  pages: number;
  ptcrc: number;
  top: Record<string, unknown>;
  /** Top-level key order of the snapshot. */
  order: string[];
  colls: Record<string, CollHeader>;
  idx: Record<string, IndexHeader>;
  due: Record<string, DueHeader>;
}

const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    /* already closed */
  }
});

/**
 * Snapshots held open by lazy states of this process. A process that opens many stores (a
 * test run) would otherwise hold a descriptor per snapshot until the garbage collector runs:
 * past MAX_OPEN, the oldest base reads its snapshot into memory and closes its descriptor.
 */
const MAX_OPEN = 64;
const openBases: WeakRef<LazyBase>[] = [];

/**
 * The open snapshot and index: shared by every lazy state of that snapshot. The index's
 * sections are read when first used (a describe at 100,000 instances needs ~4 MB of a ~20 MB
 * index): `idx` is the size of the whole file, and only the sections read hold its bytes.
 */
export class LazyBase {
  /** The snapshot's bytes, once read whole (the descriptors are then closed). */
  private whole?: Buffer;

  constructor(
    /** The snapshot, open for reading (owned: closed when this base is collected). */
    private fd: number,
    /** The index, open for reading (owned likewise). */
    private idxFd: number,
    readonly idx: Buffer,
    readonly body: number,
    readonly header: IndexFileHeader,
    /** CRC-32 of each PAGE bytes of the body. */
    private readonly pageCrc: Uint32Array,
    /** The store's error for damage found in a record. */
    readonly damaged: (why: string) => Error,
    /** The store's error for damage found in the index. */
    readonly indexDamaged: () => Error,
  ) {
    this.pageOk = new Uint8Array(pageCrc.length);
    closer.register(this, fd, this);
    closer.register(this, idxFd, this);
    openBases.push(new WeakRef(this));
    for (let i = openBases.length - 1; i >= 0; i--) if (!openBases[i]!.deref()) openBases.splice(i, 1);
    while (openBases.length > MAX_OPEN) openBases.shift()!.deref()?.detach();
  }

  /** Read the snapshot and the rest of the index into memory and close the descriptors. */
  private detach(): void {
    if (this.whole) return;
    this.whole = this.read(0, fstatSync(this.fd).size);
    readFully(this.idxFd, this.idx, 0, this.idx.length);
    closer.unregister(this);
    closeSync(this.fd);
    closeSync(this.idxFd);
    this.fd = this.idxFd = -1;
  }

  read(off: number, len: number): Buffer {
    if (this.whole) {
      if (off + len > this.whole.length) throw this.damaged('is shorter than its index says');
      return this.whole.subarray(off, off + len);
    }
    const buf = Buffer.allocUnsafe(len);
    if (!readFully(this.fd, buf, 0, len, off)) throw this.damaged('is shorter than its index says');
    return buf;
  }

  /** Pages of the body read and checked against their CRC-32 (1), by page number. */
  private readonly pageOk: Uint8Array;

  u32(off: number): number {
    if (this.pageOk[off >>> PAGE_BITS] !== 1 || this.pageOk[(off + 3) >>> PAGE_BITS] !== 1) this.ensure(off, 4);
    return this.idx.readUInt32LE(this.body + off);
  }

  f64(off: number): number {
    if (this.pageOk[off >>> PAGE_BITS] !== 1 || this.pageOk[(off + 7) >>> PAGE_BITS] !== 1) this.ensure(off, 8);
    return this.idx.readDoubleLE(this.body + off);
  }

  /**
   * Make body bytes [off, off + len) readable: the pages they lie on are read from state.idx
   * (runs of missing pages in one read) and checked against their CRC-32. A binary search
   * reads a few pages; a listing reads a section whole. Every access to the body comes here
   * first, so damage anywhere in the index is found before it is used.
   */
  ensure(off: number, len: number): void {
    if (len <= 0) return;
    const bodyLen = this.idx.length - this.body;
    if (!(off >= 0 && off + len <= bodyLen)) throw this.indexDamaged();
    const last = (off + len - 1) >>> PAGE_BITS;
    for (let p = off >>> PAGE_BITS; p <= last; p++) {
      if (this.pageOk[p] === 1) continue;
      let q = p;
      while (q + 1 <= last && this.pageOk[q + 1] !== 1) q++;
      const from = p << PAGE_BITS;
      const to = Math.min(bodyLen, (q + 1) << PAGE_BITS);
      if (this.idxFd >= 0 && !readFully(this.idxFd, this.idx, this.body + from, to - from)) throw this.indexDamaged();
      for (let k = p; k <= q; k++) {
        const a = this.body + (k << PAGE_BITS);
        if ((crc32!(this.idx.subarray(a, Math.min(this.idx.length, a + PAGE))) >>> 0) !== this.pageCrc[k]) throw this.indexDamaged();
        this.pageOk[k] = 1;
      }
      p = q;
    }
  }

  /** Body bytes [from, to) (checked). */
  bytes(from: number, to: number): Buffer {
    this.ensure(from, to - from);
    return this.idx.subarray(this.body + from, this.body + to);
  }

  str(off: number, len: number): string {
    this.ensure(off, len);
    return this.idx.toString('utf8', this.body + off, this.body + off + len);
  }
}

/**
 * Read and check `state.idx` for an open snapshot: undefined when there is none, it is
 * damaged, or it describes another snapshot (the caller parses the snapshot whole). On
 * success the base owns `snapFd` (the caller must not close it).
 */
export function openIndex(indexFile: string, snapFd: number, snapKey: string, rev: string, maxBytes: number, damaged: (why: string) => Error, indexDamaged: () => Error): LazyBase | undefined {
  if (!LAZY_SUPPORTED || rev === '') return undefined;
  let fd: number;
  try {
    // Non-blocking: a FIFO in its place must not hang the reader (it is then not a regular file, and ignored).
    fd = openSync(indexFile, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  let base: LazyBase | undefined;
  try {
    base = openHeader(fd, snapFd, snapKey, rev, maxBytes, damaged, indexDamaged);
    return base;
  } finally {
    if (!base) closeSync(fd);
  }
}

function openHeader(fd: number, snapFd: number, snapKey: string, rev: string, maxBytes: number, damaged: (why: string) => Error, indexDamaged: () => Error): LazyBase | undefined {
  const st = fstatSync(fd);
  if (!st.isFile() || st.size < HEAD || st.size > maxBytes) return undefined;
  // The size of the whole index, not filled: sections are read into it when used.
  const idx = Buffer.allocUnsafeSlow(st.size);
  if (!readFully(fd, idx, 0, HEAD)) return undefined;
  if (idx.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const hlen = idx.readUInt32LE(8);
  if (HEAD + hlen > idx.length) return undefined;
  if (!readFully(fd, idx, HEAD, hlen)) return undefined;
  const hbytes = idx.subarray(HEAD, HEAD + hlen);
  if ((crc32!(hbytes) >>> 0) !== idx.readUInt32LE(12)) return undefined;
  let header: IndexFileHeader;
  try {
    header = JSON.parse(hbytes.toString('utf8')) as IndexFileHeader;
  } catch {
    return undefined;
  }
  if (header === null || typeof header !== 'object' || header.rev !== rev || header.snap !== snapKey) return undefined;
  if (!isPlainObject(header.top) || !isPlainObject(header.colls) || !isPlainObject(header.idx) || !isPlainObject(header.due) || !Array.isArray(header.order)) return undefined;
  for (const k of Object.keys(header.top)) if (topLevelProblem(k, header.top[k])) return undefined;
  const pages = header.pages;
  const body = HEAD + hlen + pages * 4;
  if (!Number.isInteger(pages) || pages < 0 || body > idx.length || Math.ceil((idx.length - body) / PAGE) !== pages) return undefined;
  if (!readFully(fd, idx, HEAD + hlen, pages * 4)) return undefined;
  const table = idx.subarray(HEAD + hlen, body);
  if ((crc32!(table) >>> 0) !== header.ptcrc) return undefined;
  const pageCrc = new Uint32Array(pages);
  for (let i = 0; i < pages; i++) pageCrc[i] = table.readUInt32LE(i * 4);
  // The body is read in pages when used, each checked against its CRC-32 (LazyBase.ensure).
  return new LazyBase(snapFd, fd, idx, body, header, pageCrc, damaged, indexDamaged);
}

/** Read `len` bytes at file offset `pos` (default: the same as `at`) into buf[at…]; false at end of file. */
function readFully(fd: number, buf: Buffer, at: number, len: number, pos = at): boolean {
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, at + got, len - got, pos + got);
    if (n === 0) return false;
    got += n;
  }
  return true;
}

const DELETED = Symbol('deleted');

/** One record collection of a lazily loaded state: the Proxy's handler and its lookups. */
class LazyCollection implements LazyLookups {
  /** Records read or set since load (DELETED: removed). */
  private readonly cur = new Map<string, unknown>();
  /** IDs whose record may differ from the index (set, deleted or touched). */
  private readonly dirty = new Set<string>();
  private dirtyVersion = 0;
  /** IDs not in the index (or removed and set again), in insertion order. */
  private readonly extra = new Map<string, number>();
  private extraSeq = 0;
  private keysCache?: string[];
  private region?: { from: number; buf: Buffer };
  private reads = 0;
  private readonly dirtyKeys = new Map<string, { version: number; cur: Map<string, string[]>; base: Map<string, number> }>();
  private readonly baseKeys = new Map<string, Map<string, readonly string[]>>();
  readonly proxy: Record<string, unknown>;

  constructor(
    readonly name: string,
    readonly base: LazyBase,
    readonly h: CollHeader,
  ) {
    const target = Object.create(null) as Record<string, unknown>;
    this.proxy = new Proxy(target, {
      get: (_t, k) => (k === LAZY ? this : typeof k === 'string' ? this.get(k) : undefined),
      has: (_t, k) => typeof k === 'string' && this.has(k),
      ownKeys: () => this.keys(),
      getOwnPropertyDescriptor: (_t, k) => {
        // (A record is never undefined: undefined means absent.)
        const value = typeof k === 'string' ? this.get(k) : undefined;
        return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
      },
      set: (_t, k, v) => {
        if (typeof k === 'string') this.put(k, v);
        return true;
      },
      defineProperty: (_t, k, d) => {
        if (typeof k === 'string') this.put(k, d.value);
        return true;
      },
      deleteProperty: (_t, k) => {
        if (typeof k === 'string') this.remove(k);
        return true;
      },
      getPrototypeOf: () => null,
      setPrototypeOf: () => false,
      preventExtensions: () => false,
    });
  }

  // ---- the index ------------------------------------------------------------------------

  /** The ID bytes decoded at once, when they are ASCII and many are needed (slices of it are cheap). */
  private idText?: string;

  private idAt(e: number): string {
    const at = this.h.entries + e * ENTRY;
    const off = this.base.u32(at);
    const len = this.base.u32(at + 4);
    return this.idText !== undefined ? this.idText.slice(off, off + len) : this.base.str(this.h.ids + off, len);
  }

  /** Read this collection's part of the index in one go (a listing reads all of it). */
  private readSection(): void {
    this.base.ensure(this.h.entries, this.h.sorted + this.h.n * 4 - this.h.entries);
  }

  /** About to read every ID (a listing, or the map of IDs): decode them in one go. */
  private decodeAllIds(): void {
    if (this.idText !== undefined || !this.h.ascii || this.h.n === 0) return;
    this.readSection();
    const last = this.h.entries + (this.h.n - 1) * ENTRY;
    const end = this.base.u32(last) + this.base.u32(last + 4);
    this.idText = this.base.bytes(this.h.ids, this.h.ids + end).toString('latin1');
  }

  /** Entry numbers by ID, once the collection was enumerated (saves the binary searches of a list). */
  private entryOf?: Map<string, number>;

  /** The entry number of an ID in the index, or -1. */
  private finds = 0;
  private find(id: string): number {
    ++this.finds;
    // Past a few searches, the IDs are decoded in one go (one string; a search then slices it
    // instead of decoding ~log2(n) IDs from the bytes): applying a journal searches for each
    // record it names.
    if (this.finds > FINDS_BEFORE_DECODE && this.idText === undefined) this.decodeAllIds();
    if (!this.entryOf && this.finds > FINDS_BEFORE_MAP && this.finds * MAP_PER_FINDS > this.h.n) {
      // Many lookups (a list, or views naming a small collection's records): one map.
      this.decodeAllIds();
      const m = new Map<string, number>();
      for (let e = 0; e < this.h.n; e++) m.set(this.idAt(e), e);
      this.entryOf = m;
    }
    if (this.entryOf) return this.entryOf.get(id) ?? -1;
    let lo = 0;
    let hi = this.h.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.base.u32(this.h.sorted + mid * 4);
      const x = this.idAt(e);
      if (x === id) return e;
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private rawRecord(e: number): unknown {
    const at = this.h.entries + e * ENTRY;
    const off = this.base.u32(at + 8);
    const len = this.base.u32(at + 12);
    const want = this.base.u32(at + 16);
    let buf: Buffer;
    let at0: number;
    if (!this.region && ++this.reads > WHOLE_AFTER) this.readWhole();
    if (this.region) {
      buf = this.region.buf;
      at0 = off - this.region.from;
    } else {
      buf = this.base.read(off, len);
      at0 = 0;
    }
    // A plain Uint8Array view and toString's range: no Buffer object per record (a listing
    // reads 10,000 of them).
    const id = this.idAt(e);
    if ((crc32!(new Uint8Array(buf.buffer, buf.byteOffset + at0, len)) >>> 0) !== want) throw this.base.damaged(`is damaged: the bytes of ${this.name}.${id} do not match their checksum`);
    let rec: unknown;
    try {
      rec = JSON.parse(buf.toString('utf8', at0, at0 + len));
    } catch {
      throw this.base.damaged(`is damaged: ${this.name}.${id} is not valid JSON`);
    }
    const why = recordProblem(this.name, id, rec);
    if (why) throw this.base.damaged(`is not a simulator state (${why})`);
    return rec;
  }

  private readWhole(): void {
    if (!this.region) this.region = { from: this.h.from, buf: this.base.read(this.h.from, this.h.to - this.h.from) };
  }

  // ---- the object ------------------------------------------------------------------------

  get(id: string): unknown {
    const c = this.cur.get(id);
    if (c !== undefined) return c === DELETED ? undefined : c;
    if (this.extra.has(id)) return undefined;
    const e = this.find(id);
    if (e < 0) return undefined;
    const rec = this.rawRecord(e);
    this.cur.set(id, rec);
    return rec;
  }

  has(id: string): boolean {
    const c = this.cur.get(id);
    if (c !== undefined) return c !== DELETED;
    return !this.extra.has(id) && this.find(id) >= 0;
  }

  put(id: string, v: unknown): void {
    if (v === undefined) {
      this.remove(id);
      return;
    }
    const existed = this.has(id);
    this.cur.set(id, v);
    this.touch(id);
    if (!existed) {
      this.extra.set(id, this.extraSeq++);
      this.keysCache = undefined;
    }
  }

  remove(id: string): void {
    if (!this.has(id)) return;
    this.cur.set(id, DELETED);
    this.extra.delete(id);
    this.touch(id);
    this.keysCache = undefined;
  }

  /** The record may change (a change-tracking proxy is about to write it). */
  touch(id: string): void {
    this.dirty.add(id);
    this.dirtyVersion++;
  }

  keys(): string[] {
    if (this.keysCache) return this.keysCache.slice();
    this.readSection();
    const out: string[] = [];
    this.decodeAllIds();
    const entryOf = this.entryOf ? undefined : new Map<string, number>();
    for (let e = 0; e < this.h.n; e++) {
      const id = this.idAt(e);
      entryOf?.set(id, e);
      if (this.cur.get(id) === DELETED || this.extra.has(id)) continue;
      out.push(id);
    }
    if (entryOf) this.entryOf = entryOf;
    for (const id of this.extra.keys()) out.push(id);
    this.keysCache = out;
    return out.slice();
  }

  /** Every record in collection order: what Object.values gives, without two Proxy traps and a descriptor per record. */
  values(): unknown[] {
    const ids = this.keys();
    const out = new Array<unknown>(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = this.get(ids[i]!);
    return out;
  }

  /** Where a present ID stands in collection order (for merging lookup answers). */
  private position(id: string): number {
    const x = this.extra.get(id);
    return x !== undefined ? this.h.n + x : this.find(id);
  }

  // ---- lookups ---------------------------------------------------------------------------

  private pairsFor(def: IndexDef): IndexHeader | undefined {
    const x = Object.prototype.hasOwnProperty.call(this.base.header.idx, def.name) ? this.base.header.idx[def.name] : undefined;
    if (!x || x.coll !== this.name) return undefined;
    return x;
  }

  private dueFor(def: DueDef): DueHeader | undefined {
    const d = Object.prototype.hasOwnProperty.call(this.base.header.due, def.name) ? this.base.header.due[def.name] : undefined;
    if (!d || d.coll !== this.name) return undefined;
    return d;
  }

  private pairKey(x: IndexHeader, i: number): string {
    const at = x.pairs + i * PAIR;
    return this.base.str(x.keys + this.base.u32(at), this.base.u32(at + 4));
  }

  /** [lo, hi) of the pairs whose key is `key`. */
  private range(x: IndexHeader, key: string): [number, number] {
    let lo = 0;
    let hi = x.m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pairKey(x, mid) < key) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    let top = x.m;
    while (end < top) {
      const mid = (end + top) >>> 1;
      if (this.pairKey(x, mid) <= key) end = mid + 1;
      else top = mid;
    }
    return [lo, end];
  }

  /** The keys a record had when the index was written (parsed from its bytes, once). */
  private keysInBase(def: IndexDef, id: string): readonly string[] {
    let m = this.baseKeys.get(def.name);
    if (!m) this.baseKeys.set(def.name, (m = new Map()));
    let k = m.get(id);
    if (k === undefined) {
      const e = this.find(id);
      k = e < 0 ? [] : keyList(def, this.rawRecord(e));
      m.set(id, k);
    }
    return k;
  }

  /** Current and index keys of the changed records, per index, rebuilt after changes. */
  private changed(def: IndexDef): { cur: Map<string, string[]>; base: Map<string, number> } {
    const known = this.dirtyKeys.get(def.name);
    if (known && known.version === this.dirtyVersion) return known;
    const cur = new Map<string, string[]>();
    const base = new Map<string, number>();
    for (const id of this.dirty) {
      const rec = this.cur.get(id);
      if (rec !== undefined && rec !== DELETED) {
        for (const k of keyList(def, rec)) {
          const l = cur.get(k);
          if (l) l.push(id);
          else cur.set(k, [id]);
        }
      }
      for (const k of this.keysInBase(def, id)) base.set(k, (base.get(k) ?? 0) + 1);
    }
    const v = { version: this.dirtyVersion, cur, base };
    this.dirtyKeys.set(def.name, v);
    return v;
  }

  inOrder(ids: string[]): string[] {
    return this.sortByPosition([...new Set(ids)].filter((id) => this.has(id)));
  }

  private sortByPosition(ids: string[]): string[] {
    if (ids.length < 2) return ids;
    const pos = new Map(ids.map((id) => [id, this.position(id)]));
    return ids.sort((a, b) => pos.get(a)! - pos.get(b)!);
  }

  idsBy(def: IndexDef, key: string): string[] | undefined {
    const x = this.pairsFor(def);
    if (!x) return undefined;
    const [lo, hi] = this.range(x, key);
    const out: string[] = [];
    for (let i = lo; i < hi; i++) {
      const id = this.idAt(this.base.u32(x.pairs + i * PAIR + 8));
      if (!this.dirty.has(id)) out.push(id);
    }
    const add = this.changed(def).cur.get(key);
    if (add) out.push(...add);
    return add ? this.sortByPosition(out) : out;
  }

  countBy(def: IndexDef, key: string): number | undefined {
    const x = this.pairsFor(def);
    if (!x) return undefined;
    const [lo, hi] = this.range(x, key);
    const ch = this.changed(def);
    return hi - lo - (ch.base.get(key) ?? 0) + (ch.cur.get(key)?.length ?? 0);
  }

  countsBy(def: IndexDef): Map<string, number> | undefined {
    const x = this.pairsFor(def);
    if (!x) return undefined;
    const out = new Map<string, number>();
    if (x.counts) {
      for (const k of Object.keys(x.counts)) out.set(k, x.counts[k]!);
    } else {
      let prev: string | undefined;
      let n = 0;
      for (let i = 0; i < x.m; i++) {
        const k = this.pairKey(x, i);
        if (k !== prev) {
          if (prev !== undefined) out.set(prev, n);
          prev = k;
          n = 0;
        }
        n++;
      }
      if (prev !== undefined) out.set(prev, n);
    }
    const ch = this.changed(def);
    for (const [k, n] of ch.base) {
      const left = (out.get(k) ?? 0) - n;
      if (left > 0) out.set(k, left);
      else out.delete(k);
    }
    for (const [k, ids] of ch.cur) out.set(k, (out.get(k) ?? 0) + ids.length);
    return out;
  }

  dueIds(def: DueDef, nowMs: number): string[] | undefined {
    const d = this.dueFor(def);
    if (!d) return undefined;
    const out: string[] = [];
    for (let i = 0; i < d.m; i++) {
      const at = this.base.f64(d.off + i * DUE);
      if (at > nowMs) break;
      const id = this.idAt(this.base.u32(d.off + i * DUE + 8));
      if (!this.dirty.has(id)) out.push(id);
    }
    for (const id of this.dirty) {
      const rec = this.cur.get(id);
      if (rec === undefined || rec === DELETED) continue;
      const at = dueAt(def, rec);
      if (at !== undefined && at <= nowMs) out.push(id);
    }
    return this.sortByPosition(out);
  }


  // ---- for the writer ----------------------------------------------------------------------

  /** How to write record `id`: its raw bytes and carried index data when unchanged since the index. */
  rawIfUnchanged(id: string): { bytes: Buffer; entry: number } | undefined {
    if (this.dirty.has(id) || this.extra.has(id)) return undefined;
    const e = this.find(id);
    if (e < 0) return undefined;
    const at = this.h.entries + e * ENTRY;
    const off = this.base.u32(at + 8);
    const len = this.base.u32(at + 12);
    this.readWhole();
    return { bytes: this.region!.buf.subarray(off - this.region!.from, off - this.region!.from + len), entry: e };
  }

  /** Per entry of the index, its keys under `def` (undefined: the index does not have it). */
  entryKeys(def: IndexDef): (string[] | undefined)[] | undefined {
    const x = this.pairsFor(def);
    if (!x) return undefined;
    const out: (string[] | undefined)[] = new Array(this.h.n);
    for (let i = 0; i < x.m; i++) {
      const e = this.base.u32(x.pairs + i * PAIR + 8);
      (out[e] ??= []).push(this.pairKey(x, i));
    }
    return out;
  }

  /** Per entry of the index, its due time under `def` (null: the index does not have it). */
  entryDue(def: DueDef): Map<number, number> | null {
    const d = this.dueFor(def);
    if (!d) return null;
    const out = new Map<number, number>();
    this.base.ensure(d.off, d.m * DUE);
    for (let i = 0; i < d.m; i++) out.set(this.base.u32(d.off + i * DUE + 8), this.base.f64(d.off + i * DUE));
    return out;
  }

}

/** The LazyCollection behind a collection proxy, if it is one. */
function lazyCollection(v: unknown): LazyCollection | undefined {
  const l = v !== null && typeof v === 'object' ? (v as Record<symbol, unknown>)[LAZY] : undefined;
  return l instanceof LazyCollection ? l : undefined;
}

/** A state whose record collections read their records from the snapshot on demand. */
export function lazyState(base: LazyBase): SimState {
  const h = base.header;
  const state: Record<string, unknown> = {};
  for (const k of h.order) {
    if (Object.prototype.hasOwnProperty.call(h.colls, k)) state[k] = new LazyCollection(k, base, h.colls[k]!).proxy;
    // A copy: states of one snapshot (a dry run's fresh load) must not share settings.
    else if (Object.prototype.hasOwnProperty.call(h.top, k)) state[k] = structuredClone(h.top[k]);
  }
  return state as SimState;
}

// ---- writing ---------------------------------------------------------------------------------

/** Buffered writes to a file descriptor, tracking the offset and the CRC-32 after `crcFrom`. */
class Sink {
  private buf = Buffer.allocUnsafe(1 << 22);
  private used = 0;
  offset = 0;
  crc = 0;
  constructor(
    private readonly fd: number,
    private readonly crcFrom: number,
  ) {}

  private flush(): void {
    if (this.used === 0) return;
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off);
    this.used = 0;
  }

  private account(b: Uint8Array): void {
    // The file offset at which b starts is this.offset; only bytes at or after crcFrom count.
    const skip = Math.max(0, this.crcFrom - this.offset);
    if (crc32 && skip < b.length) this.crc = crc32(skip ? b.subarray(skip) : b, this.crc);
    this.offset += b.length;
  }

  bytes(b: Buffer): void {
    this.account(b);
    if (b.length > this.buf.length - this.used) {
      this.flush();
      if (b.length > this.buf.length) {
        let off = 0;
        while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
        return;
      }
    }
    b.copy(this.buf, this.used);
    this.used += b.length;
  }

  text(s: string): void {
    if (s.length * 3 > this.buf.length - this.used) {
      this.bytes(Buffer.from(s));
      return;
    }
    const n = this.buf.write(s, this.used);
    this.account(this.buf.subarray(this.used, this.used + n));
    this.used += n;
  }

  end(): void {
    this.flush();
  }
}

interface BuiltColl {
  name: string;
  ids: string[];
  recOff: number[];
  recLen: number[];
  recCrc: number[];
  from: number;
  to: number;
  keys: Map<string, (readonly string[] | undefined)[]>;
  due: Map<string, (number | undefined)[]>;
}

/**
 * Write a state as a snapshot to `fd` (`{"rev":…,"crc":…` then the state's JSON, record by
 * record, copying the bytes of records unchanged since a lazy load) and return the index of
 * what was written (to be completed with the snapshot's key by buildIndex). Throws the
 * problem of a record that readers would refuse (nothing is renamed into place then).
 */
export function writeSnapshotFile(fd: number, rev: string, state: SimState): { built: BuiltColl[]; top: Record<string, unknown>; order: string[]; problem?: string } {
  const s = state as Record<string, unknown>;
  const withCrc = typeof crc32 === 'function';
  const prefix = withCrc ? `{"rev":"${rev}","crc":"00000000"` : `{"rev":"${rev}"`;
  const sink = new Sink(fd, Buffer.byteLength(prefix));
  sink.text(prefix);
  const built: BuiltColl[] = [];
  const top: Record<string, unknown> = {};
  const order: string[] = [];
  for (const k of Object.keys(s)) {
    if (k === 'rev' || k === 'crc') continue;
    const v = s[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    order.push(k);
    const isColl = RECORD_COLLECTIONS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isColl) {
      const why = topLevelProblem(k, v);
      if (why) return { built, top, order, problem: why };
      top[k] = v;
      sink.text(`,${JSON.stringify(k)}:${JSON.stringify(v)}`);
      continue;
    }
    const lazy = lazyCollection(v);
    const coll = v as Record<string, unknown>;
    const ids = Object.keys(coll);
    const b: BuiltColl = { name: k, ids: [], recOff: [], recLen: [], recCrc: [], from: 0, to: 0, keys: new Map(), due: new Map() };
    const defs = ALL_INDEXES.filter((d) => d.collection === k);
    const dues = ALL_DUES.filter((d) => d.collection === k);
    const carriedKeys = new Map(defs.map((d) => [d.name, lazy?.entryKeys(d)]));
    const carriedDue = new Map(dues.map((d) => [d.name, lazy ? lazy.entryDue(d) : null]));
    for (const d of defs) b.keys.set(d.name, []);
    for (const d of dues) b.due.set(d.name, []);
    sink.text(`,${JSON.stringify(k)}:{`);
    let first = true;
    for (const id of ids) {
      const raw = lazy?.rawIfUnchanged(id);
      let rec: unknown;
      let bytes: Buffer;
      if (raw) {
        bytes = raw.bytes;
      } else {
        rec = coll[id];
        if (rec === undefined || typeof rec === 'function' || typeof rec === 'symbol') continue;
        const why = recordProblem(k, id, rec);
        if (why) return { built, top, order, problem: why };
        bytes = Buffer.from(JSON.stringify(rec));
      }
      sink.text(`${first ? '' : ','}${JSON.stringify(id)}:`);
      first = false;
      const at = sink.offset;
      if (b.ids.length === 0) b.from = at;
      sink.bytes(bytes);
      b.to = sink.offset;
      b.ids.push(id);
      b.recOff.push(at);
      b.recLen.push(bytes.length);
      b.recCrc.push(crc32 ? crc32(bytes) >>> 0 : 0);
      for (const d of defs) {
        const carried = raw ? carriedKeys.get(d.name) : undefined;
        const keys = carried ? carried[raw!.entry] : keyList(d, rec ?? (rec = coll[id]));
        b.keys.get(d.name)!.push(keys && keys.length ? keys : undefined);
      }
      for (const d of dues) {
        const carried = raw ? carriedDue.get(d.name) : null;
        b.due.get(d.name)!.push(carried ? carried.get(raw!.entry) : dueAt(d, rec ?? (rec = coll[id])));
      }
    }
    sink.text('}');
    if (b.ids.length === 0) b.from = b.to = sink.offset;
    built.push(b);
  }
  sink.text('}');
  sink.end();
  if (withCrc) {
    const hex = Buffer.from((sink.crc >>> 0).toString(16).padStart(8, '0'), 'latin1');
    writeSync(fd, hex, 0, 8, Buffer.byteLength(prefix) - 9);
  }
  return { built, top, order };
}

/** The bytes of `state.idx` for a snapshot written by writeSnapshotFile. */
export function buildIndex(rev: string, snapKey: string, w: { built: BuiltColl[]; top: Record<string, unknown>; order: string[] }): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const put = (b: Buffer): number => {
    const at = size;
    parts.push(b);
    size += b.length;
    const pad = (8 - (size % 8)) % 8;
    if (pad) {
      parts.push(Buffer.alloc(pad));
      size += pad;
    }
    return at;
  };
  const colls: Record<string, CollHeader> = {};
  const idx: Record<string, IndexHeader> = {};
  const due: Record<string, DueHeader> = {};
  for (const b of w.built) {
    const n = b.ids.length;
    const idBytes = b.ids.map((id) => Buffer.from(id));
    const entries = Buffer.alloc(n * ENTRY);
    let idOff = 0;
    for (let e = 0; e < n; e++) {
      entries.writeUInt32LE(idOff, e * ENTRY);
      entries.writeUInt32LE(idBytes[e]!.length, e * ENTRY + 4);
      entries.writeUInt32LE(b.recOff[e]!, e * ENTRY + 8);
      entries.writeUInt32LE(b.recLen[e]!, e * ENTRY + 12);
      entries.writeUInt32LE(b.recCrc[e]!, e * ENTRY + 16);
      idOff += idBytes[e]!.length;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (b.ids[x]! < b.ids[y]! ? -1 : b.ids[x]! > b.ids[y]! ? 1 : 0));
    const sorted = Buffer.alloc(n * 4);
    order.forEach((e, i) => sorted.writeUInt32LE(e, i * 4));
    const idBlob = Buffer.concat(idBytes);
    const c: CollHeader = { n, entries: put(entries), ids: put(idBlob), sorted: put(sorted), from: b.from, to: b.to, ascii: !idBlob.some((x) => x >= 0x80) };
    colls[b.name] = c;
    for (const [name, perEntry] of b.keys) {
      const pairs: [string, number][] = [];
      perEntry.forEach((keys, e) => {
        if (keys) for (const k of new Set(keys)) pairs.push([k, e]);
      });
      pairs.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] - q[1]));
      const table = Buffer.alloc(pairs.length * PAIR);
      const keyBytes: Buffer[] = [];
      const offsets = new Map<string, [number, number]>();
      let koff = 0;
      const counts = new Map<string, number>();
      pairs.forEach(([k, e], i) => {
        let o = offsets.get(k);
        if (!o) {
          const kb = Buffer.from(k);
          keyBytes.push(kb);
          o = [koff, kb.length];
          offsets.set(k, o);
          koff += kb.length;
        }
        counts.set(k, (counts.get(k) ?? 0) + 1);
        table.writeUInt32LE(o[0], i * PAIR);
        table.writeUInt32LE(o[1], i * PAIR + 4);
        table.writeUInt32LE(e, i * PAIR + 8);
      });
      const x: IndexHeader = { coll: b.name, m: pairs.length, pairs: put(table), keys: put(Buffer.concat(keyBytes)), klen: koff };
      if (counts.size <= MAX_COUNTED_KEYS) x.counts = Object.fromEntries(counts);
      idx[name] = x;
    }
    for (const [name, perEntry] of b.due) {
      const list: [number, number][] = [];
      perEntry.forEach((at, e) => {
        if (at !== undefined) list.push([at, e]);
      });
      list.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      const table = Buffer.alloc(list.length * DUE);
      list.forEach(([at, e], i) => {
        table.writeDoubleLE(at, i * DUE);
        table.writeUInt32LE(e, i * DUE + 8);
      });
      const d: DueHeader = { coll: b.name, m: list.length, off: put(table) };
      due[name] = d;
    }
  }
  const body = Buffer.concat(parts, size);
  const pages = Math.ceil(body.length / PAGE);
  const table = Buffer.alloc(pages * 4);
  for (let i = 0; i < pages; i++) table.writeUInt32LE(crc32 ? crc32(body.subarray(i * PAGE, (i + 1) * PAGE)) >>> 0 : 0, i * 4);
  const header: IndexFileHeader = { rev, snap: snapKey, pages, ptcrc: crc32 ? crc32(table) >>> 0 : 0, top: w.top, order: w.order, colls, idx, due };
  const hb = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(hb.length, 8);
  head.writeUInt32LE(crc32 ? crc32(hb) >>> 0 : 0, 12);
  return Buffer.concat([head, hb, table, body]);
}
