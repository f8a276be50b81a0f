// Reading files and streams with a cap enforced WHILE reading. A size check on stat() is
// not enough: devices and pipes report size 0 (`ecs key fingerprint /dev/zero` grew to 8 GB),
// and a file can grow after the stat. Every input a command reads whole goes through here.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CliError } from './errors.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Caps by kind of input (bytes). */
export const READ_LIMITS = {
  /** Passwords, passphrases, AccessKey secrets, STS tokens (a token is a few KiB). */
  secret: 64 * KiB,
  /** Key files and authorized_keys files (100,000 RSA-4096 lines are ~75 MiB). */
  key: 256 * MiB,
  /** `ecs simulator import` (a 100,000-instance state is ~50 MiB). */
  state: 256 * MiB,
  /** Config files (aliyun-cli's config.json). */
  config: 16 * MiB,
  /** One HTTP answer, before and after decompression. */
  response: 64 * MiB,
} as const;

export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= KiB) return `${Math.round((n / KiB) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/** An input larger than its cap: refused with one line, exit 1. */
export class InputTooLargeError extends CliError {
  constructor(what: string, maxBytes: number) {
    super(`${what} is larger than ${formatBytes(maxBytes)}: refusing to read it`, { code: 'InputTooLarge' });
    this.name = 'InputTooLargeError';
  }
}

/**
 * Read a whole file, refusing it as soon as more than maxBytes have been read. Open and read
 * errors are thrown as they come (NodeJS.ErrnoException, EISDIR for a directory) so callers
 * keep their own wording for missing files.
 */
export function readCappedSync(path: string, maxBytes: number, what = path): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    // A regular file's size is only a hint (it may grow): one buffer of that size plus one byte
    // (which shows the growth), then chunks, always counting against the cap.
    if (st.isFile() && st.size > maxBytes) throw new InputTooLargeError(what, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    let next = st.isFile() && st.size > 0 ? st.size + 1 : 64 * KiB;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(next, maxBytes - total + 1));
      let n = 0;
      while (n < buf.length) {
        const r = readSync(fd, buf, n, buf.length - n, null);
        if (r === 0) break;
        n += r;
      }
      total += n;
      if (total > maxBytes) throw new InputTooLargeError(what, maxBytes);
      if (n > 0) chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      if (n < buf.length) break; // end of file
      next = Math.min(Math.max(next * 2, 64 * KiB), 16 * MiB);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Read all of a stream, refusing it (and stopping to read) past maxBytes. */
export async function readStreamCapped(stream: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    total += b.length;
    // Leaving the loop destroys the stream: nothing more is read.
    if (total > maxBytes) throw new InputTooLargeError(what, maxBytes);
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

/** A file path or a stream (stdin), read whole under a cap. */
export async function readCapped(src: string | Readable, maxBytes: number, what: string): Promise<Buffer> {
  return typeof src === 'string' ? readCappedSync(src, maxBytes, what) : readStreamCapped(src, maxBytes, what);
}
