// Where audited files come from: the local file system, or (audit host) SFTP. The audits
// only ever read through an AuditSource, so the same rules run locally and remotely.

import { constants } from 'node:fs';
import { lstat, open, readdir, readFile as fsReadFile } from 'node:fs/promises';

export interface FileStat {
  mode: number;
  uid: number;
  gid: number;
  isDirectory: boolean;
  isFile: boolean;
  size: number;
}

export interface AuditSource {
  /** '' for local, 'user@host:port' for remote (goes into Finding.host) */
  label: string;
  /**
   * The file's bytes, capped while reading: more than `maxBytes` throws a SourceError with
   * code 'EFBIG' (devices such as /dev/zero report size 0, so the size is never trusted).
   * Errors are SourceErrors with a one-line message and an errno-like code (ENOENT, EACCES,
   * EISDIR, EFBIG, …).
   */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
  /** lstat semantics (a symlink is reported as itself); null if absent */
  stat(path: string): Promise<FileStat | null>;
  /** home directory of a user, when the source can tell (else the audits use /etc/passwd) */
  homeOf?(user: string): Promise<string | null>;
  /** names in a directory (for sshd_config Include globs); null if absent. Optional: without it, Include globs are not expanded */
  list?(dir: string): Promise<string[] | null>;
}

export class SourceError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many symbolic links',
  EAGAIN: 'not readable without blocking (a FIFO or socket?)',
};

/** A one-line SourceError from a Node fs error. */
export function sourceError(path: string, e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  const why = Object.hasOwn(REASONS, code) ? REASONS[code] : String((e as Error).message ?? e).split('\n')[0];
  return new SourceError(`${path}: ${why}`, code);
}

export function tooBig(path: string, maxBytes: number): SourceError {
  return new SourceError(`${path}: larger than ${maxBytes} bytes (not read)`, 'EFBIG');
}

/** Read at most maxBytes of a local file; more is an EFBIG error. */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw sourceError(path, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new SourceError(`${path}: is a directory`, 'EISDIR');
    if (st.isFile() && st.size > maxBytes) throw tooBig(path, maxBytes);
    if (st.isFile() && st.size > 0) {
      // the common case: one read of the whole file (it may have grown: check one byte more)
      const buf = Buffer.allocUnsafe(Math.min(st.size + 1, maxBytes + 1));
      let got = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
        if (bytesRead === 0) break;
        got += bytesRead;
        if (got === buf.length) break;
      }
      if (got > maxBytes) throw tooBig(path, maxBytes);
      if (got === buf.length && got <= maxBytes) return Buffer.concat([buf, await rest(fh, path, maxBytes - got, maxBytes)]);
      return buf.subarray(0, got);
    }
    return await rest(fh, path, maxBytes, maxBytes);
  } catch (e) {
    throw sourceError(path, e);
  } finally {
    await fh.close().catch(() => {});
  }
}

async function rest(fh: import('node:fs/promises').FileHandle, path: string, budget: number, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(65536, budget - total + 1));
    let bytesRead: number;
    try {
      ({ bytesRead } = await fh.read(buf, 0, buf.length, null));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break; // an empty FIFO
      throw e;
    }
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > budget) throw tooBig(path, maxBytes);
    chunks.push(buf.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks);
}

export function localSource(): AuditSource {
  return {
    label: '',
    readFile: readCapped,
    async stat(path) {
      try {
        const s = await lstat(path);
        return { mode: s.mode, uid: s.uid, gid: s.gid, isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw sourceError(path, e);
      }
    },
    async list(dir) {
      try {
        return await readdir(dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw sourceError(dir, e);
      }
    },
    async homeOf(user) {
      try {
        const text = await fsReadFile('/etc/passwd', 'utf8');
        for (const l of text.split('\n')) {
          const f = l.split(':');
          if (f[0] === user && f.length >= 7) return f[5] || null;
        }
      } catch {
        /* no passwd */
      }
      return null;
    },
  };
}
