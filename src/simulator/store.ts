// Durable store: every mutation is a read-modify-write under an exclusive lock, so
// concurrent cron jobs lose nothing, and a crash mid-write leaves the previous state intact.
//
// Files. `state.json` is a snapshot, written to a temp file, fsynced and renamed (a reader
// sees the old file or the new one, never half of one); it starts with its revision
// `{"rev":"<hex>"`. `journal-<rev>.jsonl` holds the commits made since that snapshot, one
// fsynced line each with only the records a mutation changed (src/simulator/journal.ts), so
// a create on a 10,000-instance store appends ~2 KB instead of rewriting ~6 MB. The state is
// the snapshot plus its journal's complete lines. When the journal grows past 512 KiB the
// next commit writes a new snapshot (new rev, so a new, empty journal) and removes the
// journal it folded in; a reader that finds its journal gone re-reads the snapshot.
//
// `state.idx` is a binary index of the snapshot (src/simulator/lazy.ts): with it a reader
// parses only the records it reads, and lookups (src/simulator/lookup.ts) need no scan. It is
// written before the snapshot is renamed into place and names the snapshot it describes; one
// that does not match is ignored (the snapshot is then parsed whole), so it never decides what
// the state is. The journal is folded into a new snapshot at 512 KiB: folding copies the bytes
// of the records that did not change, so it costs a write, not a parse.
//
// Damage. Only the bytes after the journal's last newline may be cut: a line torn by a
// writer killed mid-append was never committed; readers ignore it and the next writer cuts
// it off. Anything else that does not read back as a state (a complete journal line that
// does not parse or has the wrong shape, a snapshot that is not a state object, a journal
// without its snapshot, a directory or device in place of a file) stops every reader and
// writer with one line naming the file and the way out (StoreDamagedError), and nothing is
// written: a journal is rewritten or removed only after it was applied completely. `ecs
// simulator export --salvage` saves what can be read; `reset` and `import` keep the damaged
// files aside (`<name>.unreadable-<time>`), never delete them.
//
// Locking: src/simulator/lock.ts (`state.lock`). Within one process (the HTTP server
// handles requests concurrently) mutations are queued per directory before taking the file
// lock; mutateBatched() (group commit) runs queued mutations on one loaded state and
// persists them with one write.
//
// Files: directory 0700, state/lock/temp files 0600. Temp files of writers that died before
// their rename are removed by the next writer.

import {
  closeSync, constants as fsConstants, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync,
  writeFileSync, writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { dirname, join } from 'node:path';
import { CliError, UsageError } from '../core/errors.js';
import { ChangeTracker, JournalDamage, applyJournal, entryProblem } from './journal.js';
import { DEFAULT_LOCK_TIMEOUT_MS, FileLock, pidAlive, type LockHolder } from './lock.js';
import { emptyState, fillDefaults, stateProblem, type SimState } from './state.js';
import { buildIndex, LAZY_SUPPORTED, LazyBase, lazyState, openIndex, writeSnapshotFile } from './lazy.js';

export { processStartTime } from './lock.js';
export { storeChangedAtMs } from './stamp.js';

export const STATE_FILE = 'state.json';
/** The binary index of state.json (src/simulator/lazy.ts). */
export const INDEX_FILE = 'state.idx';
const LOCK_FILE = 'state.lock';
const TEMP_RE = /^\.state\.(\d+)\.[0-9a-z]+\.tmp$/;
const JOURNAL_RE = /^journal-([0-9a-z]*)\.jsonl$/;
const REV_RE = /^[0-9a-z]{0,32}$/;
const MIN_COMPACT_BYTES = 512 * 1024;
/** A snapshot read without an index is rewritten with one at the next commit from this size. */
const UPGRADE_BYTES = 1 << 20;
const zlibCrc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;

/** Read caps (checked while reading: a file may grow, a device reports size 0). Tests lower them. */
export const STORE_LIMITS = {
  /** Node cannot hold a longer string (ERR_STRING_TOO_LONG). */
  maxSnapshotBytes: 0x1fffffe8,
  maxJournalBytes: 0x1fffffe8,
};

/** A store file that does not read back as a state: one line naming the file and the way out. */
export class StoreDamagedError extends CliError {
  constructor(
    message: string,
    readonly files: string[],
  ) {
    super(message, { code: 'InternalError' });
    this.name = 'StoreDamagedError';
  }
}

function snapshotDamaged(file: string, why: string): StoreDamagedError {
  return new StoreDamagedError(
    `simulator state ${file} ${why} (nothing was changed); restore a backup with \`ecs simulator import FILE\` or start afresh with \`ecs simulator reset --yes\` (both keep the damaged file aside)`,
    [file],
  );
}

function journalDamaged(file: string, why: string, snapshot: string): StoreDamagedError {
  return new StoreDamagedError(
    `simulator journal ${file} ${why} (nothing was changed); save what can be read with \`ecs simulator export --salvage FILE\`, then \`ecs simulator import FILE\` (keeps the damaged files aside)`,
    [snapshot, file],
  );
}

function indexDamaged(file: string): StoreDamagedError {
  return new StoreDamagedError(
    `simulator index ${file} is damaged (nothing was changed); remove it: the store then reads state.json whole until its next snapshot, which comes with a new index`,
    [file],
  );
}

/** A change that readers would refuse: not written. */
function refused(why: string): CliError {
  return new CliError(`the simulator refused to store a change it could not read back (${why}); nothing was changed`, { code: 'InternalError' });
}

/** Seconds from --lock-timeout / ECS_LOCK_TIMEOUT ("" or unset: the default). */
export function parseLockTimeout(v: string | undefined, source = 'ECS_LOCK_TIMEOUT'): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new UsageError(`${source} must be a number of seconds from 0 to 86400, got "${v}"`);
  return Math.round(n * 1000);
}

/** Open a store file for reading; undefined when it does not exist. Never blocks (FIFO) and refuses what is not a regular file. */
function openRegular(file: string, damaged: (why: string) => Error): { fd: number; st: import('node:fs').Stats } | undefined {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new CliError(`the simulator state directory ${dirname(file)} is not a directory (set ECS_SIMULATOR_DIR to a directory)`, { code: 'InternalError' });
    if (code === 'EISDIR') throw damaged('is a directory, not a file');
    if (code === 'EACCES' || code === 'EPERM') throw damaged(`cannot be read (${code})`);
    throw e;
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw damaged(st.isDirectory() ? 'is a directory, not a file' : 'is not a regular file');
  }
  return { fd, st };
}

/** Bytes of an open file from an offset to its end, read up to a cap (more is damage). */
function readCapped(fd: number, offset: number, cap: number, damaged: (why: string) => Error): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let pos = offset;
  for (;;) {
    const buf = Buffer.allocUnsafe(total === 0 ? Math.max(65536, Math.min(fstatSync(fd).size - offset, cap + 1)) : 1 << 20);
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    pos += n;
    if (total > cap) throw damaged(`is larger than ${cap} bytes`);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

const REV_PREFIX = '{"rev":"';

/** The revision a state file starts with ('' for files written before revisions); undefined when malformed. */
function revOf(fd: number): string | undefined {
  const buf = Buffer.alloc(REV_PREFIX.length + 40);
  const n = readSync(fd, buf, 0, buf.length, 0);
  const head = buf.toString('latin1', 0, n);
  if (!head.startsWith(REV_PREFIX)) return '';
  const end = head.indexOf('"', REV_PREFIX.length);
  const rev = end < 0 ? undefined : head.slice(REV_PREFIX.length, end);
  return rev !== undefined && REV_RE.test(rev) ? rev : undefined;
}

/** Length of the `{"rev":…,"crc":…"` prefix when the CRC matches the text after it, else 0. */
function crcPrefixLength(buf: Buffer, rev: string): number {
  if (typeof zlibCrc32 !== 'function' || rev === '') return 0;
  const prefix = `{"rev":"${rev}","crc":"`;
  const len = prefix.length + 9; // 8 hex digits and the closing quote
  if (buf.length < len || buf.toString('latin1', 0, prefix.length) !== prefix || buf[len - 1] !== 0x22) return 0;
  const want = buf.toString('latin1', prefix.length, len - 1);
  return (zlibCrc32(buf.subarray(len)) >>> 0).toString(16).padStart(8, '0') === want ? len : 0;
}

/** In-process queue per directory: one mutation at a time before the file lock. */
const queues = new Map<string, Promise<unknown>>();

interface BatchJob {
  fn: (state: SimState) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface StoreOptions {
  /** Give up waiting for another process's lock after this long (default 60 s). */
  lockTimeoutMs?: number;
  /** Called once when a writer has waited LOCK_WAIT_NOTICE_MS for the lock (the CLI says who holds it on a terminal). */
  onLockWait?: (holder: LockHolder) => void;
  /** Group commit: how the drain of queued mutations is started (default: setImmediate, after every request already readable). */
  schedule?: (drain: () => void) => void;
  /** Most mutations one group commit writes together. */
  maxBatch?: number;
}

export class Store {
  readonly file: string;
  readonly indexFile: string;
  readonly lock: FileLock;
  private cache?: {
    /** inode:size:mtime of the snapshot parsed. */
    snapKey: string;
    snapRev: string;
    /** Journal bytes applied (complete lines). */
    journalBytes: number;
    /** Journal lines applied. */
    journalLines: number;
    /** Journal bytes seen (more than applied when the last line is torn). */
    journalEnd: number;
    state: SimState;
    /** Loaded through the index (records parsed on demand). */
    lazy: boolean;
  };
  /** Set to false to skip fsync of the directory after rename (see bench/store.bench.js). */
  syncDir = true;
  /** Commits written (journal lines or snapshots), for group-commit tests and benches. */
  readonly stats = { commits: 0, snapshots: 0 };
  private batch: BatchJob[] = [];
  private draining = false;

  constructor(
    readonly dir: string,
    readonly opts: StoreOptions = {},
  ) {
    this.file = join(dir, STATE_FILE);
    this.indexFile = join(dir, INDEX_FILE);
    this.lock = new FileLock(join(dir, LOCK_FILE));
  }

  /**
   * Create the state directory (and missing parents) with mode 0700. Done by hand rather
   * than with mkdirSync's recursive option, which never returns on some paths (/proc/x/y).
   */
  private ensureDir(): void {
    const missing: string[] = [];
    let d = this.dir;
    for (let i = 0; i < 64; i++) {
      try {
        if (statSync(d).isDirectory()) break;
        throw Object.assign(new Error(`${d} is not a directory`), { code: 'ENOTDIR' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') throw this.dirError(e as NodeJS.ErrnoException);
      }
      missing.push(d);
      const parent = dirname(d);
      if (parent === d) break;
      d = parent;
    }
    for (const m of missing.reverse()) {
      try {
        mkdirSync(m, { mode: 0o700 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw this.dirError(e as NodeJS.ErrnoException);
      }
    }
  }

  private dirError(e: NodeJS.ErrnoException): CliError {
    return new CliError(`cannot create the simulator state directory ${this.dir}: ${e.code ?? e.message} (set ECS_SIMULATOR_DIR to a writable directory)`, { code: 'InternalError', cause: e });
  }

  journalFile(rev: string): string {
    return join(this.dir, `journal-${rev}.jsonl`);
  }

  /** Journal files in the directory (any revision). */
  private journals(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => JOURNAL_RE.test(f));
    } catch {
      return [];
    }
  }

  /** Open the snapshot: undefined when there is none; damage when a journal has no snapshot. */
  private openSnapshot(): { fd: number; st: import('node:fs').Stats } | undefined {
    const opened = openRegular(this.file, (why) => snapshotDamaged(this.file, why));
    if (opened) return opened;
    const orphan = this.journals()[0];
    if (orphan) {
      throw journalDamaged(join(this.dir, orphan), `has no snapshot (${this.file} is missing): its commits cannot be applied`, this.file);
    }
    return undefined;
  }

  /**
   * Parse and check a snapshot's text. The shape checks are skipped when the file is
   * byte for byte what a store wrote: its `"crc"` (second key) matches the CRC-32 of the
   * text after it (a hand edit or damage makes it differ, and then every record is checked).
   */
  private parseSnapshot(buf: Buffer, rev: string): SimState {
    let doc: unknown;
    try {
      doc = JSON.parse(buf.toString('utf8'));
    } catch {
      throw snapshotDamaged(this.file, 'is not valid JSON');
    }
    const intact = crcPrefixLength(buf, rev) > 0;
    if (intact) delete (doc as Record<string, unknown>).crc;
    const why = intact ? undefined : stateProblem(doc);
    if (why) throw snapshotDamaged(this.file, `is not a simulator state (${why})`);
    const state = doc as SimState;
    if (!intact) delete (state as Record<string, unknown>).crc;
    if (rev !== '' && state.rev !== rev) throw snapshotDamaged(this.file, 'is not a simulator state (its revision is not the first key)');
    fillDefaults(state);
    return state;
  }

  /**
   * The state: the snapshot plus its journal's complete lines. A parse kept from an earlier
   * load of the same snapshot is reused and only journal lines appended since are applied
   * (a 100-page listing, or the server, parses the file once).
   */
  private load(): SimState {
    for (let attempt = 0; attempt < 20; attempt++) {
      const opened = this.openSnapshot();
      if (!opened) {
        this.cache = undefined;
        return emptyState(new Date());
      }
      const { fd, st } = opened;
      let snapKey: string;
      let snapRev: string;
      let state: SimState;
      let lazy = false;
      let from = 0;
      let fromLines = 0;
      let keepFd = false;
      try {
        // stat and read the same open file, so the cache key always matches the text.
        snapKey = `${st.ino}:${st.size}:${st.mtimeMs}`;
        const rev = revOf(fd);
        if (rev === undefined) throw snapshotDamaged(this.file, 'is not a simulator state (malformed revision)');
        snapRev = rev;
        const c = this.cache;
        if (c && c.snapKey === snapKey && c.snapRev === snapRev && snapRev !== '') {
          state = c.state;
          lazy = c.lazy;
          from = c.journalBytes;
          fromLines = c.journalLines;
        } else {
          this.cache = undefined;
          // With a matching index, records are parsed when read (the base keeps the file open).
          const base = openIndex(this.indexFile, fd, snapKey, snapRev, STORE_LIMITS.maxSnapshotBytes, (why) => snapshotDamaged(this.file, why), () => indexDamaged(this.indexFile));
          if (base) {
            keepFd = true;
            lazy = true;
            state = lazyState(base);
            fillDefaults(state);
          } else {
            state = this.parseSnapshot(readCapped(fd, 0, STORE_LIMITS.maxSnapshotBytes, (why) => snapshotDamaged(this.file, why)), snapRev);
          }
        }
      } finally {
        if (!keepFd) closeSync(fd);
      }
      let journalBytes = from;
      let journalLines = fromLines;
      let journalEnd = from;
      if (snapRev !== '') {
        const jfile = this.journalFile(snapRev);
        const damaged = (why: string) => journalDamaged(jfile, why, this.file);
        const j = openRegular(jfile, damaged);
        if (!j) {
          // No journal: none written since the snapshot, or a newer snapshot replaced it
          // (then state.json changed too: read again).
          if (from > 0 || this.snapshotChanged(snapKey)) {
            this.cache = undefined;
            continue;
          }
        } else {
          let chunk: Buffer;
          try {
            chunk = j.st.size < from ? Buffer.alloc(0) : readCapped(j.fd, from, STORE_LIMITS.maxJournalBytes - from, damaged);
          } finally {
            closeSync(j.fd);
          }
          if (j.st.size < from) {
            // Shorter than what was applied: not a journal this process knows; read again from the snapshot.
            this.cache = undefined;
            continue;
          }
          if (chunk.length) {
            try {
              const done = applyJournal(state, chunk, fromLines + 1);
              journalBytes = from + done.bytes;
              journalLines = fromLines + done.lines;
              journalEnd = from + chunk.length;
            } catch (e) {
              this.cache = undefined; // lines before the damaged one were applied to it
              if (e instanceof JournalDamage) {
                throw damaged(`is damaged: line ${e.line} ${e.why}${e.later ? ` and ${e.later} later line(s) hold committed changes` : ''}`);
              }
              throw e;
            }
          }
        }
      }
      state.rev = journalBytes > 0 ? `${snapRev}.${journalBytes}` : snapRev || undefined;
      this.cache = { snapKey, snapRev, journalBytes, journalLines, journalEnd, state, lazy };
      return state;
    }
    throw new CliError(`simulator state in ${this.dir} kept changing while being read; try again`, { code: 'ServiceUnavailable' });
  }

  private snapshotChanged(snapKey: string): boolean {
    try {
      const st = statSync(this.file);
      return `${st.ino}:${st.size}:${st.mtimeMs}` !== snapKey;
    } catch {
      return true;
    }
  }

  /**
   * Current state for reading. Cached in-process while the store is unchanged. Changes
   * made to it are not persisted (only mutate() writes), but the next mutate() in this
   * process starts from the cached object, so readers may only make changes a mutation
   * would make anyway (settlers' time-driven transitions).
   */
  read(): SimState {
    return this.load();
  }

  /**
   * The current state as a new object that shares nothing with the cached one (a dry run
   * may change it freely). Lazily loaded, it costs the index and the journal, not a parse.
   */
  readFresh(): SimState {
    const saved = this.cache;
    this.cache = undefined;
    try {
      return this.load();
    } finally {
      this.cache = saved;
    }
  }

  /**
   * What can be read of a damaged store: the snapshot plus every journal line that applies,
   * skipping damaged ones (`ecs simulator export --salvage`). A damaged snapshot cannot be
   * salvaged (StoreDamagedError). Reads only.
   */
  salvage(): { state: SimState; skipped: number[]; journal?: string; snapshotMissing?: boolean } {
    const opened = openRegular(this.file, (why) => snapshotDamaged(this.file, why));
    if (!opened) {
      const orphan = this.journals()[0];
      if (!orphan) return { state: emptyState(new Date()), skipped: [] };
      // A journal without its snapshot: its lines hold only the records they changed.
      const jfile = join(this.dir, orphan);
      const state = emptyState(new Date());
      const j = openRegular(jfile, (why) => journalDamaged(jfile, why, this.file))!;
      try {
        const done = applyJournal(state, readCapped(j.fd, 0, STORE_LIMITS.maxJournalBytes, (why) => journalDamaged(jfile, why, this.file)), 1, true);
        return { state, skipped: done.skipped, journal: jfile, snapshotMissing: true };
      } finally {
        closeSync(j.fd);
      }
    }
    let state: SimState;
    let rev: string | undefined;
    try {
      rev = revOf(opened.fd);
      if (rev === undefined) throw snapshotDamaged(this.file, 'is not a simulator state (malformed revision)');
      state = this.parseSnapshot(readCapped(opened.fd, 0, STORE_LIMITS.maxSnapshotBytes, (why) => snapshotDamaged(this.file, why)), rev);
    } finally {
      closeSync(opened.fd);
    }
    if (rev === '') return { state, skipped: [] };
    const jfile = this.journalFile(rev);
    const j = openRegular(jfile, (why) => journalDamaged(jfile, why, this.file));
    if (!j) return { state, skipped: [] };
    try {
      const done = applyJournal(state, readCapped(j.fd, 0, STORE_LIMITS.maxJournalBytes, (why) => journalDamaged(jfile, why, this.file)), 1, true);
      return { state, skipped: done.skipped, journal: jfile };
    } finally {
      closeSync(j.fd);
    }
  }

  /** A string that changes with every commit (snapshot and journal), for caches of answers. */
  version(): string {
    let snap = 'none';
    let rev: string | undefined = '';
    try {
      const fd = openSync(this.file, 'r');
      try {
        const st = fstatSync(fd);
        snap = `${st.ino}:${st.size}:${st.mtimeMs}`;
        rev = revOf(fd) ?? '';
      } finally {
        closeSync(fd);
      }
    } catch {
      return 'none';
    }
    let j = 0;
    try {
      j = statSync(this.journalFile(rev)).size;
    } catch {
      /* no journal */
    }
    return `${snap}:${rev}:${j}`;
  }

  /** Run fn on the latest state under the exclusive lock and persist the result atomically. */
  mutate<T>(fn: (state: SimState) => T | Promise<T>): Promise<T> {
    return this.queued(() => this.mutateLocked(fn));
  }

  private queued<T>(task: () => Promise<T>): Promise<T> {
    const prev = queues.get(this.dir) ?? Promise.resolve();
    const run = prev.then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(this.dir, tail);
    void tail.then(() => {
      if (queues.get(this.dir) === tail) queues.delete(this.dir);
    });
    return run;
  }

  /**
   * Group commit: like mutate(), but mutations queued until the drain starts (see
   * StoreOptions.schedule) run one after another on one loaded state and are persisted with
   * one write. Each promise settles only once its write is durable. If mutation k throws,
   * nothing of its batch is written: k gets its error and the others run again without it,
   * so the outcome is exactly that of running them one by one.
   */
  mutateBatched<T>(fn: (state: SimState) => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.batch.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        (this.opts.schedule ?? setImmediate)(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.batch.length) {
        let jobs = this.batch.splice(0, this.opts.maxBatch ?? 64);
        while (jobs.length) {
          const results: unknown[] = [];
          let failedAt = -1;
          let failure: unknown;
          try {
            await this.mutate(async (state) => {
              for (let i = 0; i < jobs.length; i++) {
                try {
                  results.push(await jobs[i]!.fn(state));
                } catch (e) {
                  failedAt = i;
                  failure = e;
                  throw e;
                }
              }
            });
          } catch (e) {
            if (failedAt < 0) {
              // The store itself failed (lock timeout, disk error, damage): every job gets the error.
              for (const j of jobs) j.reject(e);
              break;
            }
            jobs[failedAt]!.reject(failure);
            jobs = jobs.filter((_, i) => i !== failedAt);
            continue;
          }
          jobs.forEach((j, i) => j.resolve(results[i]));
          jobs = [];
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async mutateLocked<T>(fn: (state: SimState) => T | Promise<T>): Promise<T> {
    this.ensureDir();
    const token = await this.lock.acquire({ timeoutMs: this.opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, onWait: this.opts.onLockWait });
    try {
      this.removeDeadTempFiles();
      // Under the lock the store cannot change, so a state cached by read() for the same
      // snapshot is the latest once the journal's new lines are applied; the cache is
      // dropped if fn fails, since fn may have changed it half-way.
      const state = this.load();
      const tracker = new ChangeTracker(state);
      let result: T;
      try {
        result = await fn(tracker.proxy);
        this.commit(state, tracker);
      } catch (e) {
        this.cache = undefined;
        throw e;
      }
      return result;
    } finally {
      this.lock.release(token);
    }
  }

  /**
   * Replace the whole state (import/reset), under the lock; written as a new snapshot. When
   * the current store cannot be read, its files are kept aside (`<name>.unreadable-<time>`),
   * never deleted; their new names are returned.
   */
  async replace(state: SimState): Promise<string[]> {
    return this.queued(async () => {
      this.ensureDir();
      const token = await this.lock.acquire({ timeoutMs: this.opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, onWait: this.opts.onLockWait });
      try {
        this.removeDeadTempFiles();
        let applied: string | undefined;
        const keptAside: string[] = [];
        try {
          this.load();
          applied = this.cache?.snapRev;
        } catch (e) {
          if (!(e instanceof StoreDamagedError)) throw e;
          this.cache = undefined;
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          for (const f of [STATE_FILE, ...this.journals()]) {
            const from = join(this.dir, f);
            const to = `${from}.unreadable-${stamp}`;
            try {
              renameSync(from, to);
              keptAside.push(to);
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            }
          }
          this.syncDirectory();
        }
        const { rev: _rev, ...rest } = state;
        this.writeSnapshot(rest as SimState, applied);
        return keptAside;
      } finally {
        this.lock.release(token);
      }
    });
  }

  /** Persist a mutation: one journal line, or a new snapshot when due. */
  private commit(state: SimState, tracker: ChangeTracker): void {
    const c = this.cache;
    // A large store read without an index (written before indexes, or the index was lost)
    // gets one with this write, so later commands parse only what they read.
    if (!c || c.snapRev === '' || c.state !== state || (!c.lazy && LAZY_SUPPORTED && (Number(c.snapKey.split(':')[1]) || 0) >= UPGRADE_BYTES)) {
      this.writeSnapshot(state, c?.state === state ? c.snapRev : undefined);
      return;
    }
    const entry = tracker.entry();
    if (!entry) return; // nothing changed
    // What readers would refuse is never written (a bug in an action, not damage).
    const why = entryProblem(entry, state);
    if (why) throw refused(why);
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    // Every reader applies the whole journal, so it is kept short; folding it into a new
    // snapshot copies the bytes of unchanged records (no parse), so it is cheap to do often.
    if (c.journalBytes + line.length > MIN_COMPACT_BYTES) {
      this.writeSnapshot(state, c.snapRev);
      return;
    }
    const file = this.journalFile(c.snapRev);
    const fd = openSync(file, 'a', 0o600);
    try {
      // Cut off a torn line left by a writer killed mid-append: it was never committed.
      // (Every complete line before it was applied, or load() would have refused.)
      if (c.journalEnd > c.journalBytes) ftruncateSync(fd, c.journalBytes);
      let off = 0;
      while (off < line.length) off += writeSync(fd, line, off, line.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (c.journalBytes === 0) this.syncDirectory(); // the journal file is new: make its name durable
    c.journalBytes += line.length;
    c.journalLines += 1;
    c.journalEnd = c.journalBytes;
    state.rev = `${c.snapRev}.${c.journalBytes}`;
    this.stats.commits++;
  }

  /** Write a new snapshot and its index; `folded` is the revision whose journal it includes (removed after). */
  private writeSnapshot(state: SimState, folded: string | undefined): void {
    const tmp = join(this.dir, `.state.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const idxTmp = join(this.dir, `.state.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    // Read-write: the new snapshot is read back lazily through this descriptor.
    const fd = openSync(tmp, 'wx+', 0o600);
    let snapKey: string;
    let base: LazyBase | undefined;
    const rev = randomBytes(8).toString('hex');
    try {
      // A fresh revision first in the file: a cached parse is trusted only when the file
      // still starts with its revision (inode numbers are reused and mtimes are coarse),
      // and it names the (new, empty) journal.
      const written = writeSnapshotFile(fd, rev, state);
      if (written.problem) throw refused(written.problem);
      fsyncSync(fd);
      const st = fstatSync(fd);
      snapKey = `${st.ino}:${st.size}:${st.mtimeMs}`;
      if (LAZY_SUPPORTED) {
        const index = buildIndex(rev, snapKey, written);
        const ifd = openSync(idxTmp, 'wx', 0o600);
        try {
          let off = 0;
          while (off < index.length) off += writeSync(ifd, index, off, index.length - off);
          fsyncSync(ifd);
        } finally {
          closeSync(ifd);
        }
        // The index is renamed first: in between, readers see it describe another snapshot
        // and parse the old one whole (correct, only slower).
        renameSync(idxTmp, this.indexFile);
        base = openIndex(this.indexFile, fd, snapKey, rev, STORE_LIMITS.maxSnapshotBytes, (why) => snapshotDamaged(this.file, why), () => indexDamaged(this.indexFile));
      }
    } catch (e) {
      closeSync(fd);
      for (const f of [tmp, idxTmp]) {
        try {
          unlinkSync(f);
        } catch {
          /* gone */
        }
      }
      throw e;
    }
    if (!base) closeSync(fd);
    renameSync(tmp, this.file);
    state.rev = rev;
    // What was written is what the store now holds (rename keeps inode and mtime): later
    // reads in this process (e.g. describing what was just created) need no parse. A lazy
    // state over the new snapshot starts with no changes to carry (the written one may have
    // many); without an index the written state object itself is kept.
    let next = state;
    if (base) {
      next = lazyState(base);
      fillDefaults(next);
      next.rev = rev;
    }
    this.cache = { snapKey, snapRev: rev, journalBytes: 0, journalLines: 0, journalEnd: 0, state: next, lazy: !!base };
    this.syncDirectory();
    this.stats.commits++;
    this.stats.snapshots++;
    // The journal folded into this snapshot. Journals of other revisions are left alone:
    // they were never applied here (a crash right after an earlier fold leaves one behind).
    if (folded) {
      try {
        unlinkSync(this.journalFile(folded));
      } catch {
        /* none was written */
      }
    }
  }

  /** Make renames and new files durable (otherwise a power cut may bring back the old file). */
  private syncDirectory(): void {
    if (!this.syncDir) return;
    try {
      const dfd = openSync(this.dir, 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      /* directory fsync is best effort on platforms that refuse it */
    }
  }

  /** Temp files of writers that died before their rename (called under the lock). */
  private removeDeadTempFiles(): void {
    for (const f of this.leftoverTempFiles()) {
      const m = TEMP_RE.exec(f);
      const pid = m ? Number(m[1]) : NaN;
      if (pid === process.pid || (Number.isInteger(pid) && pidAlive(pid))) continue;
      try {
        unlinkSync(join(this.dir, f));
      } catch {
        /* someone else removed it */
      }
    }
  }

  /** Temp files left by a writer killed before its rename. */
  leftoverTempFiles(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => f.startsWith('.state.') && f.endsWith('.tmp'));
    } catch {
      return [];
    }
  }
}

/**
 * Everything the store holds on disk (snapshot + its journal), as one string: tests compare
 * it before and after a refused request to prove nothing changed.
 */
export function storeContents(dir: string): string {
  let snap: string;
  try {
    snap = readFileSync(join(dir, STATE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
  const m = /^\{"rev":"([0-9a-z]*)"/.exec(snap);
  let journal = '';
  if (m) {
    try {
      journal = readFileSync(join(dir, `journal-${m[1]}.jsonl`), 'utf8');
    } catch {
      /* none */
    }
  }
  return journal ? `${snap}\n--journal--\n${journal}` : snap;
}

/** The current state of a store directory (snapshot + journal applied). */
export function readStoreState(dir: string): SimState {
  return new Store(dir).read();
}
