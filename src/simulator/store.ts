// Durable store: every mutation is a read-modify-write under an exclusive lock, so
// concurrent cron jobs lose nothing, and a crash mid-write leaves the previous state intact.
//
// Files. `state.json` is a snapshot, written to a temp file, fsynced and renamed (a reader
// sees the old file or the new one, never half of one); it starts with its revision
// `{"rev":"<hex>"`. `journal-<rev>.jsonl` holds the commits made since that snapshot, one
// fsynced line each with only the records a mutation changed (src/simulator/journal.ts), so
// a create on a 10,000-instance store appends ~2 KB instead of rewriting ~6 MB. The state is
// the snapshot plus its journal's complete lines; a torn last line (writer killed mid-append)
// was never committed, is ignored by readers and cut off by the next writer. When the
// journal grows past a quarter of the snapshot (at least 512 KiB) the next commit writes a
// new snapshot (new rev, so a new, empty journal) and removes the old journal; a reader that
// finds its journal gone re-reads the snapshot.
//
// Locking. `state.lock` is created with O_EXCL and holds "<pid> <start time> <token>".
// A lock whose owner is gone (SIGKILL, crash) is stale and is taken over; the owner's
// start time (from /proc on Linux) protects against a recycled pid. Removing a stale lock
// is done only while holding a second, short-lived lock (`state.lock.break`), so two
// processes that both saw the same stale lock cannot end up removing a fresh one: while the
// breaker lock is held, the main lock file can only disappear through that breaker (its
// owner is dead), so "still the same stale file → unlink" is safe. The breaker lock is held
// for microseconds; if its holder died, it is removed once it is older than 5 s.
//
// Within one process (the HTTP server handles requests concurrently) mutations are queued
// per directory before taking the file lock.
//
// Files: directory 0700, state/lock/temp files 0600. Temp files of writers that died before
// their rename are removed by the next writer.

import {
  closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync,
  writeFileSync, writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CliError } from '../core/errors.js';
import { ChangeTracker, applyJournal } from './journal.js';
import { emptyState, type SimState } from './state.js';

export const STATE_FILE = 'state.json';
const LOCK_FILE = 'state.lock';
const BREAK_FILE = 'state.lock.break';
const LOCK_TIMEOUT_MS = 60_000;
/** A breaker lock older than this belongs to a dead or stuck process. */
const BREAK_STALE_MS = 5_000;
/** A lock file still empty (owner killed between create and write) after this is stale. */
const EMPTY_LOCK_STALE_MS = 2_000;
const TEMP_RE = /^\.state\.(\d+)\.[0-9a-z]+\.tmp$/;
const JOURNAL_RE = /^journal-([0-9a-z]*)\.jsonl$/;
const MIN_COMPACT_BYTES = 512 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Process start time in clock ticks since boot (Linux), or '' where /proc is not available. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may contain spaces and parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? '';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined; // no such process
    return '';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote "<pid> <start>" is still running. */
export function ownerAlive(pid: number, start: string | undefined): boolean {
  if (!pidAlive(pid)) return false;
  if (!start) return true;
  const now = processStartTime(pid);
  if (now === undefined) return false;
  return now === '' || now === start;
}

const SELF_START = processStartTime(process.pid) ?? '';

const REV_PREFIX = '{"rev":"';

/** The revision a state file starts with ('' for files written before revisions). */
function revOf(fd: number): string {
  const buf = Buffer.alloc(REV_PREFIX.length + 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  const head = buf.toString('utf8', 0, n);
  return head.startsWith(REV_PREFIX) ? head.slice(REV_PREFIX.length) : '';
}

/** Bytes of a file from an offset to its end. */
function readFrom(file: string, offset: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return Buffer.alloc(0);
    const buf = Buffer.alloc(size - offset);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return got === buf.length ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** In-process queue per directory: one mutation at a time before the file lock. */
const queues = new Map<string, Promise<unknown>>();

export class Store {
  readonly file: string;
  private readonly lockFile: string;
  private readonly breakFile: string;
  private cache?: {
    /** inode:size:mtime of the snapshot parsed. */
    snapKey: string;
    snapRev: string;
    /** Journal bytes applied (complete lines). */
    journalBytes: number;
    /** Journal bytes seen (more than applied when the last line is torn). */
    journalEnd: number;
    state: SimState;
  };
  /** Set to false to skip fsync of the directory after rename (see bench/store.bench.js). */
  syncDir = true;

  constructor(readonly dir: string) {
    this.file = join(dir, STATE_FILE);
    this.lockFile = join(dir, LOCK_FILE);
    this.breakFile = join(dir, BREAK_FILE);
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

  /**
   * The state: the snapshot plus its journal's complete lines. A parse kept from an earlier
   * load of the same snapshot is reused and only journal lines appended since are applied
   * (a 100-page listing, or the server, parses the file once).
   */
  private load(): SimState {
    for (let attempt = 0; attempt < 20; attempt++) {
      let fd: number;
      try {
        fd = openSync(this.file, 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          this.cache = undefined;
          return emptyState(new Date());
        }
        throw e;
      }
      let snapKey: string;
      let snapRev: string;
      let state: SimState;
      let from = 0;
      try {
        // stat and read the same open file, so the cache key always matches the text.
        const st = fstatSync(fd);
        snapKey = `${st.ino}:${st.size}:${st.mtimeMs}`;
        snapRev = revOf(fd);
        const c = this.cache;
        if (c && c.snapKey === snapKey && c.snapRev === snapRev && snapRev !== '') {
          state = c.state;
          from = c.journalBytes;
        } else {
          state = this.parse(readFileSync(fd, 'utf8'));
        }
      } finally {
        closeSync(fd);
      }
      let journalBytes = from;
      let journalEnd = from;
      if (snapRev !== '') {
        let chunk: Buffer | undefined;
        try {
          chunk = readFrom(this.journalFile(snapRev), from);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          // No journal: none written since the snapshot, or a newer snapshot replaced it
          // (then state.json changed too: read again).
          if (from > 0 || this.snapshotChanged(snapKey)) {
            this.cache = undefined;
            continue;
          }
        }
        if (chunk && chunk.length) {
          journalBytes = from + applyJournal(state, chunk);
          journalEnd = from + chunk.length;
        }
      }
      state.rev = journalBytes > 0 ? `${snapRev}.${journalBytes}` : snapRev || undefined;
      this.cache = { snapKey, snapRev, journalBytes, journalEnd, state };
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

  private parse(text: string): SimState {
    try {
      const state = JSON.parse(text) as SimState;
      if (!state || typeof state !== 'object' || Array.isArray(state)) throw new Error('not an object');
      return state;
    } catch {
      throw new CliError(`simulator state ${this.file} is not valid JSON (restore it or run: ecs simulator reset --yes)`, { code: 'InternalError' });
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

  /** A string that changes with every commit (snapshot and journal), for caches of answers. */
  version(): string {
    let snap = 'none';
    let rev = '';
    try {
      const fd = openSync(this.file, 'r');
      try {
        const st = fstatSync(fd);
        snap = `${st.ino}:${st.size}:${st.mtimeMs}`;
        rev = revOf(fd);
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
    const prev = queues.get(this.dir) ?? Promise.resolve();
    const run = prev.then(
      () => this.mutateLocked(fn),
      () => this.mutateLocked(fn),
    );
    const tail = run.catch(() => undefined);
    queues.set(this.dir, tail);
    void tail.then(() => {
      if (queues.get(this.dir) === tail) queues.delete(this.dir);
    });
    return run;
  }

  private async mutateLocked<T>(fn: (state: SimState) => T | Promise<T>, full = false): Promise<T> {
    this.ensureDir();
    const token = await this.lock();
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
        this.commit(state, tracker, full);
      } catch (e) {
        this.cache = undefined;
        throw e;
      }
      return result;
    } finally {
      this.unlock(token);
    }
  }

  /** Replace the whole state (import/reset), under the lock; written as a new snapshot. */
  async replace(state: SimState): Promise<void> {
    await this.mutateLocked((s) => {
      for (const k of Object.keys(s)) delete (s as any)[k];
      Object.assign(s, state);
    }, true);
  }

  /** Persist a mutation: one journal line, or a new snapshot when due. */
  private commit(state: SimState, tracker: ChangeTracker, full: boolean): void {
    const c = this.cache;
    if (full || !c || c.snapRev === '' || c.state !== state) {
      this.writeSnapshot(state);
      return;
    }
    const entry = tracker.entry();
    if (!entry) return; // nothing changed
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    const snapSize = Number(c.snapKey.split(':')[1]) || 0;
    if (c.journalBytes + line.length > Math.max(MIN_COMPACT_BYTES, snapSize / 4)) {
      this.writeSnapshot(state);
      return;
    }
    const file = this.journalFile(c.snapRev);
    const fd = openSync(file, 'a', 0o600);
    try {
      // Cut off a torn line left by a writer killed mid-append: it was never committed.
      if (c.journalEnd > c.journalBytes) ftruncateSync(fd, c.journalBytes);
      let off = 0;
      while (off < line.length) off += writeSync(fd, line, off, line.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (c.journalBytes === 0) this.syncDirectory(); // the journal file is new: make its name durable
    c.journalBytes += line.length;
    c.journalEnd = c.journalBytes;
    state.rev = `${c.snapRev}.${c.journalBytes}`;
  }

  private writeSnapshot(state: SimState): void {
    const tmp = join(this.dir, `.state.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx', 0o600);
    let snapKey: string;
    const rev = randomBytes(8).toString('hex');
    try {
      // A fresh revision first in the file: a cached parse is trusted only when the file
      // still starts with its revision (inode numbers are reused and mtimes are coarse),
      // and it names the (new, empty) journal.
      const { rev: _previous, ...rest } = state;
      writeFileSync(fd, JSON.stringify({ rev, ...rest }));
      fsyncSync(fd);
      const st = fstatSync(fd);
      snapKey = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch (e) {
      closeSync(fd);
      try {
        unlinkSync(tmp);
      } catch {
        /* gone */
      }
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, this.file);
    state.rev = rev;
    // The written state is what the store now holds (rename keeps inode and mtime): later
    // reads in this process (e.g. describing what was just created) need no parse.
    this.cache = { snapKey, snapRev: rev, journalBytes: 0, journalEnd: 0, state };
    this.syncDirectory();
    this.removeOldJournals(rev);
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

  /** Journals of earlier snapshots (their lines are in the current snapshot). */
  private removeOldJournals(current: string): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const f of names) {
      const m = JOURNAL_RE.exec(f);
      if (!m || m[1] === current) continue;
      try {
        unlinkSync(join(this.dir, f));
      } catch {
        /* gone */
      }
    }
  }

  // ---- locking ------------------------------------------------------------

  /** Take the lock; returns the token written into it. */
  private async lock(): Promise<string> {
    const token = `${process.pid} ${SELF_START} ${randomBytes(8).toString('hex')}`;
    const start = Date.now();
    let delay = 1;
    for (;;) {
      if (this.tryCreate(this.lockFile, token)) return token;
      this.breakStaleLock();
      if (Date.now() - start > LOCK_TIMEOUT_MS) {
        throw new CliError(`simulator state is locked by another process (${this.lockFile}); try again`, { code: 'ServiceUnavailable' });
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 25);
    }
  }

  private tryCreate(file: string, content: string): boolean {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  }

  /** What the lock file says now: its inode, whether its owner is dead. Undefined when there is no lock. */
  private inspect(file: string): { ino: number; stale: boolean; text: string } | undefined {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const st = fstatSync(fd);
      const text = readFileSync(fd, 'utf8');
      const [pidText, startText] = text.split(' ');
      const pid = Number(pidText);
      let stale: boolean;
      if (Number.isInteger(pid) && pid > 0) stale = !ownerAlive(pid, startText);
      else stale = Date.now() - st.mtimeMs > EMPTY_LOCK_STALE_MS; // being written, or written by a process killed at once
      return { ino: st.ino, stale, text };
    } finally {
      closeSync(fd);
    }
  }

  /** Remove the main lock if its owner is dead, holding the breaker lock while deciding. */
  private breakStaleLock(): void {
    const seen = this.inspect(this.lockFile);
    if (!seen?.stale) return;
    const breakerToken = `${process.pid} ${SELF_START} ${randomBytes(8).toString('hex')}`;
    if (!this.tryCreate(this.breakFile, breakerToken)) {
      this.breakStaleBreaker();
      return; // someone else is breaking it; retry later
    }
    try {
      // Under the breaker lock the main lock can vanish only through its (dead) owner or a
      // breaker, so a file that is still the one judged stale can be removed safely.
      const now = this.inspect(this.lockFile);
      if (now && now.stale && now.ino === seen.ino && now.text === seen.text) {
        try {
          unlinkSync(this.lockFile);
        } catch {
          /* already gone */
        }
      }
    } finally {
      this.unlockFile(this.breakFile, breakerToken);
    }
  }

  /** A breaker lock left by a process killed during the few microseconds it holds one. */
  private breakStaleBreaker(): void {
    let st;
    try {
      st = statSync(this.breakFile);
    } catch {
      return;
    }
    const holder = this.inspect(this.breakFile);
    const old = Date.now() - st.mtimeMs > BREAK_STALE_MS;
    if (!holder || !(holder.stale || old)) return;
    // Move it aside and check we moved the file we judged; if not, put it back.
    const grave = `${this.breakFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(this.breakFile, grave);
    } catch {
      return;
    }
    try {
      if (statSync(grave).ino !== holder.ino) {
        try {
          renameSync(grave, this.breakFile); // hardly reachable: a fresh breaker lock, give it back
          return;
        } catch {
          /* fall through to removal */
        }
      }
    } catch {
      /* ignore */
    }
    try {
      unlinkSync(grave);
    } catch {
      /* gone */
    }
  }

  /** Remove a lock file only if it is still ours. */
  private unlockFile(file: string, token: string): void {
    try {
      if (readFileSync(file, 'utf8') === token) unlinkSync(file);
    } catch {
      /* already removed */
    }
  }

  private unlock(token: string): void {
    this.unlockFile(this.lockFile, token);
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
