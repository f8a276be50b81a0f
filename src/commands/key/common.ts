// Shared by the `ecs key` verbs: passphrase sources, reading key files, error mapping, and
// writing output files safely (temp file + fsync + link/rename, 0600, no overwrite without
// --force, nothing left behind on failure). Not imported by index.ts (lazy loading).

import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Context } from '../../core/context.js';
import { CliError, ExitCode, UsageError } from '../../core/errors.js';
import { readAll } from '../../core/io.js';
import { PassphraseError } from '../../keys/openssh.js';
import { KeyFormatError } from '../../keys/wire.js';

export const EXIT_HELP = `
Exit codes: 0 ok; 1 the operation failed (unreadable, corrupted or unsupported key, wrong
passphrase, a directory given as FILE, output not writable); 2 usage (bad option values, an
output file that exists without --force, a passphrase needed and no terminal to ask on).`;

export const PASSPHRASE_HELP = `A passphrase is never a command-line value: it comes from a file (its first line; a
trailing CR/LF is dropped, as puttygen reads --new-passphrase files), from standard input
(--passphrase-stdin) or from a hidden prompt when a terminal is attached.`;

/** First line of a passphrase source, trailing CR/LF stripped (puttygen's readpassphrase). */
function firstLine(s: string): string {
  const i = s.search(/\r|\n/);
  return i < 0 ? s : s.slice(0, i);
}

export function readPassphraseFile(ctx: Context, flag: string, file: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`${flag} ${file}: not a regular file`);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      ctx.warn(`${file} is readable by other users (mode ${(st.mode & 0o777).toString(8).padStart(3, '0')}); chmod 600 ${file}`);
    }
    return firstLine(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
}

let stdinUsed = false;
export async function readPassphraseStdin(ctx: Context): Promise<string> {
  if (stdinUsed) throw new UsageError('standard input can feed only one passphrase');
  stdinUsed = true;
  if (ctx.io.stdinIsTTY) ctx.note('Reading the passphrase from standard input (end with Ctrl-D) ...');
  return firstLine(await readAll(ctx.io.stdin));
}

export interface PassphraseSource {
  file?: string;
  fileFlag: string;
  stdin?: boolean;
  /**
   * The verb reads the input passphrase from stdin with --passphrase-stdin (default). False
   * for to-ppk, whose --passphrase-stdin is the new PPK's passphrase: the hint must not offer it.
   */
  stdinOffered?: boolean;
}

/** A passphrase for reading an encrypted input: file, stdin, or a prompt on a terminal. */
export function inputPassphrase(ctx: Context, src: PassphraseSource, what: string): () => Promise<string | undefined> {
  let cached: Promise<string | undefined> | undefined;
  return () =>
    (cached ??= (async () => {
      if (src.file !== undefined) return readPassphraseFile(ctx, src.fileFlag, src.file);
      if (src.stdin) return readPassphraseStdin(ctx);
      return ctx.promptSecret(`Passphrase for ${what}:`, src.stdinOffered === false ? `${src.fileFlag} FILE` : `${src.fileFlag} FILE or --passphrase-stdin`);
    })());
}

/** Turn library errors into one-line CLI errors naming the file (exit 1). */
export function keyError(file: string, e: unknown): never {
  if (e instanceof CliError) throw e;
  if (e instanceof PassphraseError) throw new CliError(`${file}: ${e.message}`, { exitCode: ExitCode.FAILURE });
  if (e instanceof KeyFormatError) throw new CliError(`${file}: ${e.message}`, { exitCode: ExitCode.FAILURE });
  throw e;
}

/** Read an input file (or "-" for stdin) with clear errors for missing files and directories. */
export async function readInput(ctx: Context, file: string): Promise<Buffer> {
  if (file === '-') return Buffer.from(await readAll(ctx.io.stdin), 'utf8');
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliError(`${file} is a directory, not a key file`);
    if (st.size > 16 * 1024 * 1024) throw new CliError(`${file} is too large for a key file (${st.size} bytes)`);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
}

export interface OutFile {
  path: string;
  data: string | Buffer;
  mode: number;
}

/** Refuse early (before any work) when an output exists and --force was not given. */
export function checkWritable(paths: string[], force: boolean): void {
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) throw new CliError(`${p} is a directory; give a file name with --out`);
    if (!force) throw new UsageError(`${p} already exists; pass --force to overwrite it`);
  }
}

function describeWriteError(p: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such directory' : code === 'EROFS' ? 'read-only file system' : code === 'ENOSPC' ? 'no space left on device' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
  return new CliError(`cannot write ${p}: ${why}`);
}

/**
 * Write every file or none: each goes to a temp file in its directory first (created with
 * O_EXCL and its final mode), then all are linked into place (link fails if the target
 * appeared meanwhile; --force renames over it). Any failure removes what this call created.
 */
export function writeAll(files: OutFile[], force: boolean): void {
  checkWritable(files.map((f) => f.path), force);
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      let fd: number;
      try {
        fd = openSync(tmp, 'wx', f.mode);
      } catch (e) {
        throw describeWriteError(f.path, e);
      }
      temps.push(tmp);
      try {
        fchmodSync(fd, f.mode);
        writeSync(fd, typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data);
        // fsync only when an existing file is replaced (--force): a crash must not lose the old
        // key. A new file costs 3-7 ms per fsync, which ssh-keygen and puttygen don't pay either.
        if (force && existsSync(f.path)) fsyncSync(fd);
      } catch (e) {
        throw describeWriteError(f.path, e);
      } finally {
        closeSync(fd);
      }
    }
    files.forEach((f, i) => {
      const tmp = temps[i]!;
      try {
        if (force) renameSync(tmp, f.path);
        else {
          try {
            linkSync(tmp, f.path);
            unlinkSync(tmp);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') throw new UsageError(`${f.path} already exists; pass --force to overwrite it`);
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
            if (existsSync(f.path)) throw new UsageError(`${f.path} already exists; pass --force to overwrite it`);
            renameSync(tmp, f.path); // file systems without hard links
          }
        }
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw describeWriteError(f.path, e);
      }
      placed.push(f.path);
    });
  } catch (e) {
    for (const p of [...temps, ...placed]) {
      try {
        unlinkSync(p);
      } catch {
        /* already gone */
      }
    }
    throw e;
  }
}

/**
 * --dry-run: check the output files could be written (exist without --force, directories)
 * and say what would be written, writing nothing. True when it was a dry run.
 */
export function dryRunWrite(ctx: Context, paths: string[], force: boolean): boolean {
  if (!ctx.globals.dryRun) return false;
  checkWritable(paths, force);
  ctx.note(`dry run: would write ${paths.join(', ')}; nothing changed`);
  return true;
}

/** Write to stdout ("-") or to a file (0600 private, 0644 public); under --dry-run, only say so. */
export function emit(ctx: Context, out: string, data: string, mode: number, force: boolean): void {
  if (out === '-') {
    ctx.io.stdout.write(data);
    return;
  }
  if (dryRunWrite(ctx, [out], force)) return;
  writeAll([{ path: out, data, mode }], force);
}

/** --out default: FILE with its extension replaced (key.pem → key.ppk, id_rsa → id_rsa.ppk). */
export function replaceExt(file: string, ext: string, strip: string[]): string {
  const b = basename(file);
  for (const s of strip) if (b.toLowerCase().endsWith(s) && b.length > s.length) return file.slice(0, file.length - s.length) + ext;
  return file + ext;
}
