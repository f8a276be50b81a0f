// Durable store: every mutation is a read-modify-write under an exclusive lock, written to
// a temp file, fsynced and renamed over state.json, so concurrent cron jobs lose nothing
// and a crash mid-write leaves the previous state intact.
//
// The lock is a file created with O_EXCL holding the owner's pid; a lock whose owner is
// gone (killed with SIGKILL) is taken over.

import {
  closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../core/errors.js';
import { emptyState, type SimState } from './state.js';

export const STATE_FILE = 'state.json';
const LOCK_FILE = 'state.lock';
const LOCK_TIMEOUT_MS = 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Store {
  readonly file: string;
  private readonly lockFile: string;
  private cache?: { key: string; state: SimState };

  constructor(readonly dir: string) {
    this.file = join(dir, STATE_FILE);
    this.lockFile = join(dir, LOCK_FILE);
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Parse the state file; a missing file is a fresh account. */
  private load(useCache: boolean): SimState {
    let key: string;
    try {
      const st = statSync(this.file);
      key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(new Date());
      throw e;
    }
    if (useCache && this.cache?.key === key) return this.cache.state;
    const text = readFileSync(this.file, 'utf8');
    let state: SimState;
    try {
      state = JSON.parse(text) as SimState;
    } catch {
      throw new CliError(`simulator state ${this.file} is not valid JSON (restore it or run: ecs simulator reset --yes)`, { code: 'InternalError' });
    }
    if (useCache) this.cache = { key, state };
    return state;
  }

  /**
   * Current state for reading. Cached in-process while the file is unchanged (same inode,
   * size and mtime): a 100-page listing parses the file once. Callers must not persist
   * changes made to it.
   */
  read(): SimState {
    return this.load(true);
  }

  /** Run fn on the latest state under the exclusive lock and persist the result atomically. */
  async mutate<T>(fn: (state: SimState) => T | Promise<T>): Promise<T> {
    this.ensureDir();
    await this.lock();
    try {
      this.cache = undefined;
      const state = this.load(false);
      const result = await fn(state);
      this.write(state);
      return result;
    } finally {
      this.unlock();
    }
  }

  /** Replace the whole state (import/reset), under the lock. */
  async replace(state: SimState): Promise<void> {
    await this.mutate((s) => {
      for (const k of Object.keys(s)) delete (s as any)[k];
      Object.assign(s, state);
    });
  }

  private write(state: SimState): void {
    const tmp = join(this.dir, `.state.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
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

  private async lock(): Promise<void> {
    const start = Date.now();
    let delay = 2;
    for (;;) {
      try {
        const fd = openSync(this.lockFile, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      this.breakStaleLock();
      if (Date.now() - start > LOCK_TIMEOUT_MS) {
        throw new CliError(`simulator state is locked by another process (${this.lockFile}); try again`, { code: 'ServiceUnavailable' });
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 50);
    }
  }

  /** A lock whose owner died (SIGKILL) is removed; an unreadable one only after 2 s. */
  private breakStaleLock(): void {
    let text: string;
    let mtime: number;
    try {
      text = readFileSync(this.lockFile, 'utf8');
      mtime = statSync(this.lockFile).mtimeMs;
    } catch {
      return;
    }
    const pid = Number(text);
    const dead = Number.isInteger(pid) && pid > 0 ? !pidAlive(pid) : Date.now() - mtime > 2000;
    if (!dead) return;
    // Rename first so that two processes breaking the same stale lock cannot remove a fresh one.
    const grave = `${this.lockFile}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      renameSync(this.lockFile, grave);
    } catch {
      return;
    }
    try {
      const again = readFileSync(grave, 'utf8');
      if (again !== text) {
        // We moved a lock that someone just took: put it back if the name is still free.
        try {
          const fd = openSync(this.lockFile, 'wx', 0o600);
          writeSync(fd, again);
          closeSync(fd);
        } catch {
          /* someone else holds it now */
        }
      }
    } finally {
      try {
        unlinkSync(grave);
      } catch {
        /* already gone */
      }
    }
  }

  private unlock(): void {
    try {
      unlinkSync(this.lockFile);
    } catch {
      /* already removed */
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
