// The store's inter-process lock: a file created with O_EXCL holding "<pid> <start time> <token>".
//
// A lock whose owner is gone (SIGKILL, crash) is stale and is taken over; the owner's start
// time (from /proc on Linux) protects against a recycled pid. Removing a stale lock is done
// only while holding a second, short-lived lock (`<file>.break`), so two processes that both
// saw the same stale lock cannot end up removing a fresh one: while the breaker lock is held,
// the main lock file can only disappear through that breaker (its owner is dead), so "still
// the same stale file → unlink" is safe. The breaker lock is held for microseconds; if its
// holder died, it is removed once it is older than 5 s.
//
// A waiter gives up after `timeoutMs` (ServiceUnavailable naming the holder), and calls
// `onWait` once, after `waitNoticeMs`, with who holds the lock and since when (the CLI
// prints that on a terminal).

import { closeSync, fstatSync, lstatSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { CliError } from '../core/errors.js';
import { randomHex } from './ids.js';

/** A breaker lock older than this belongs to a dead or stuck process. */
const BREAK_STALE_MS = 5_000;
/** A lock file still empty (owner killed between create and write) after this is stale. */
const EMPTY_LOCK_STALE_MS = 2_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
/** How long a writer waits before saying who holds the lock. */
export const LOCK_WAIT_NOTICE_MS = 1_000;

/** Process start time in clock ticks since boot (Linux), '' where /proc is not available, undefined when there is no such process. */
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

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote "<pid> <start>" is still running. */
function ownerAlive(pid: number, start: string | undefined): boolean {
  if (!pidAlive(pid)) return false;
  if (!start) return true;
  const now = processStartTime(pid);
  if (now === undefined) return false;
  return now === '' || now === start;
}

let selfStart: string | undefined;
/** This process's start time (read once, when it first takes a lock: read-only commands never do). */
function self(): string {
  selfStart ??= processStartTime(process.pid) ?? '';
  return `${process.pid} ${selfStart}`;
}

/** Who holds a lock: its pid (0 when the file is still empty) and since when (the file's mtime). */
export interface LockHolder {
  pid: number;
  sinceMs: number;
}

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Called once when the lock is still held by someone else after waitNoticeMs. */
  onWait?: (holder: LockHolder) => void;
  waitNoticeMs?: number;
  /** For tests: the clock and the pause between attempts. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FileLock {
  readonly breakFile: string;

  constructor(readonly file: string) {
    this.breakFile = `${file}.break`;
  }

  /** Take the lock; returns the token written into it (give it to release()). */
  async acquire(opts: LockOptions = {}): Promise<string> {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? realSleep;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const noticeMs = opts.waitNoticeMs ?? LOCK_WAIT_NOTICE_MS;
    const token = `${self()} ${randomHex(16)}`;
    const start = now();
    let delay = 1;
    let told = !opts.onWait;
    for (;;) {
      if (tryCreate(this.file, token)) return token;
      this.breakStale();
      const waited = now() - start;
      if (waited >= timeoutMs) {
        const h = this.holder();
        const who = h ? `process ${h.pid || '(starting)'} since ${new Date(h.sinceMs).toISOString()}` : 'another process';
        throw new CliError(
          `simulator state is locked by ${who} (${this.file}); gave up after ${Math.round(timeoutMs / 100) / 10} s (try again, or raise --lock-timeout)`,
          { code: 'ServiceUnavailable' },
        );
      }
      if (!told && waited >= noticeMs) {
        const h = this.holder();
        if (h) {
          told = true;
          opts.onWait!(h);
        }
      }
      // Never past the deadline (waited < timeoutMs here), so the last wait ends exactly at it.
      await sleep(Math.min(delay + Math.random() * delay, timeoutMs - waited));
      delay = Math.min(delay * 2, 25);
    }
  }

  /** Remove the lock only if it is still ours. */
  release(token: string): void {
    unlockFile(this.file, token);
  }

  /** Who holds the lock now, or undefined when nobody does. */
  holder(): LockHolder | undefined {
    const seen = inspect(this.file);
    if (!seen) return undefined;
    const pid = Number(seen.text.split(' ')[0]);
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, sinceMs: seen.mtimeMs };
  }

  /** Remove the main lock if its owner is dead, holding the breaker lock while deciding. */
  private breakStale(): void {
    const seen = inspect(this.file);
    if (!seen?.stale) return;
    const breakerToken = `${self()} ${randomHex(16)}`;
    if (!tryCreate(this.breakFile, breakerToken)) {
      this.breakStaleBreaker();
      return; // someone else is breaking it; retry later
    }
    try {
      // Under the breaker lock the main lock can vanish only through its (dead) owner or a
      // breaker, so a file that is still the one judged stale can be removed safely.
      const now = inspect(this.file);
      if (now && now.stale && now.ino === seen.ino && now.text === seen.text) {
        try {
          unlinkSync(this.file);
        } catch {
          /* already gone */
        }
      }
    } finally {
      unlockFile(this.breakFile, breakerToken);
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
    const holder = inspect(this.breakFile);
    const old = Date.now() - st.mtimeMs > BREAK_STALE_MS;
    if (!holder || !(holder.stale || old)) return;
    // Move it aside and check we moved the file we judged; if not, put it back.
    const grave = `${this.breakFile}.${process.pid}.${randomHex(8)}`;
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
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      let isFile = true;
      try {
        isFile = lstatSync(file).isFile();
      } catch {
        /* removed meanwhile */
      }
      if (!isFile) throw new CliError(`the simulator lock ${file} is not a regular file; remove it (no process holds it)`, { code: 'InternalError' });
      return false;
    }
    throw e;
  }
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** What a lock file says now: its inode, whether its owner is dead. Undefined when there is no lock. */
function inspect(file: string): { ino: number; stale: boolean; text: string; mtimeMs: number } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    const text = st.isFile() ? readFileSync(fd, 'utf8').slice(0, 200) : '';
    const [pidText, startText] = text.split(' ');
    const pid = Number(pidText);
    let stale: boolean;
    if (Number.isInteger(pid) && pid > 0) stale = !ownerAlive(pid, startText);
    else stale = Date.now() - st.mtimeMs > EMPTY_LOCK_STALE_MS; // being written, or written by a process killed at once
    return { ino: st.ino, stale, text, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function unlockFile(file: string, token: string): void {
  try {
    if (readFileSync(file, 'utf8') === token) unlinkSync(file);
  } catch {
    /* already removed */
  }
}
