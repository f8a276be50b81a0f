// The AuditSource of `ecs audit host`: files read over SFTP, capped while reading; with
// --sudo, a file or directory the login user may not read is read with `sudo -n cat` /
// `sudo -n stat` (never a password: sudo -n fails instead of asking).

import type { Stats } from 'ssh2';
import { SourceError, tooBig, type AuditSource, type FileStat } from '../audit/source.js';
import type { SshSession } from './connect.js';
import { clean, shq } from './text.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;

const SFTP_CODES: Record<number, string> = { 2: 'ENOENT', 3: 'EACCES', 4: 'EIO' };
const REASONS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EIO: 'read failed', EISDIR: 'is a directory', EINVAL: 'not a regular file' };

function sftpError(path: string, e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  const n = (e as { code?: unknown }).code;
  const code = typeof n === 'number' && Object.hasOwn(SFTP_CODES, n) ? SFTP_CODES[n]! : 'EIO';
  const why = Object.hasOwn(REASONS, code) && code !== 'EIO' ? REASONS[code] : clean(String((e as Error).message ?? e));
  return new SourceError(`${path}: ${why}`, code);
}

function toFileStat(mode: number, uid: number, gid: number, size: number): FileStat {
  return { mode, uid, gid, size, isDirectory: (mode & S_IFMT) === S_IFDIR, isFile: (mode & S_IFMT) === S_IFREG };
}

export interface SftpSourceOptions {
  /** read what the login user may not with `sudo -n` (not needed when logged in as root) */
  sudo?: boolean;
  /** bytes per SFTP read request */
  chunk?: number;
}

export function sftpSource(session: SshSession, o: SftpSourceOptions = {}): AuditSource {
  const chunk = o.chunk ?? 32768;
  const useSudo = Boolean(o.sudo) && !session.isRoot;
  let passwd: Promise<string | null> | undefined;

  const sftpCall = <T>(fn: (s: import('ssh2').SFTPWrapper, cb: (err: Error | null | undefined, v?: T) => void) => void): Promise<T> =>
    session.sftp().then((s) => new Promise<T>((resolve, reject) => fn(s, (err, v) => (err ? reject(err) : resolve(v as T)))));

  async function sudoStat(path: string): Promise<FileStat | null> {
    const r = await session.exec(`sudo -n stat -c '%f %u %g %s' -- ${shq(path)}`, { maxBytes: 4096 });
    if (r.code !== 0) {
      if (/no such file|not a directory/i.test(r.stderr)) return null;
      throw new SourceError(`${path}: sudo stat failed: ${clean(r.stderr) || `exit ${r.code}`}`, /password is required|not allowed|sudoers/i.test(r.stderr) ? 'EACCES' : 'EIO');
    }
    const m = /^([0-9a-f]+) (\d+) (\d+) (\d+)\s*$/.exec(r.stdout.toString('latin1'));
    if (!m) throw new SourceError(`${path}: unexpected stat output`, 'EIO');
    return toFileStat(parseInt(m[1]!, 16), Number(m[2]), Number(m[3]), Number(m[4]));
  }

  async function sudoRead(path: string, maxBytes: number): Promise<Buffer> {
    const st = await sudoStat(path);
    if (!st) throw new SourceError(`${path}: no such file`, 'ENOENT');
    // a symlink is read through; anything else that is not a regular file could block `cat`
    if (!st.isFile && (st.mode & S_IFMT) !== 0o120000) throw new SourceError(`${path}: ${st.isDirectory ? 'is a directory' : 'not a regular file'}`, st.isDirectory ? 'EISDIR' : 'EINVAL');
    let r;
    try {
      r = await session.exec(`sudo -n cat -- ${shq(path)}`, { maxBytes });
    } catch (e) {
      if ((e as { code?: string }).code === 'Ssh.TooLarge') throw tooBig(path, maxBytes);
      throw e;
    }
    if (r.code !== 0) throw new SourceError(`${path}: sudo cat failed: ${clean(r.stderr) || `exit ${r.code}`}`, 'EACCES');
    return r.stdout;
  }

  async function stat(path: string): Promise<FileStat | null> {
    try {
      const s = await sftpCall<Stats>((sf, cb) => sf.lstat(path, cb));
      return toFileStat(s.mode, s.uid, s.gid, s.size);
    } catch (e) {
      const err = sftpError(path, e);
      if (err.code === 'ENOENT') return null;
      if (err.code === 'EACCES' && useSudo) return sudoStat(path);
      throw err;
    }
  }

  async function readFile(path: string, maxBytes: number): Promise<Buffer> {
    let handle: Buffer;
    try {
      // follow links (as open does) and refuse FIFOs/devices: an SFTP read of a FIFO blocks
      const st = await sftpCall<Stats>((sf, cb) => sf.stat(path, cb));
      if ((st.mode & S_IFMT) === S_IFDIR) throw new SourceError(`${path}: is a directory`, 'EISDIR');
      if ((st.mode & S_IFMT) !== S_IFREG) throw new SourceError(`${path}: not a regular file`, 'EINVAL');
      handle = await sftpCall<Buffer>((sf, cb) => sf.open(path, 'r', cb));
    } catch (e) {
      const err = sftpError(path, e);
      if (err.code === 'EACCES' && useSudo) return sudoRead(path, maxBytes);
      throw err;
    }
    const sf = await session.sftp();
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        // never ask for more than one byte past the cap: the size is not trusted
        const want = Math.min(chunk, maxBytes + 1 - total);
        const buf = Buffer.allocUnsafe(want);
        const n = await new Promise<number>((resolve, reject) =>
          sf.read(handle, buf, 0, want, total, (err, bytes) => {
            if (err && (err as { code?: unknown }).code === 1) return resolve(0); // EOF
            if (err) return reject(err);
            resolve(bytes);
          }),
        );
        if (n === 0) break;
        total += n;
        if (total > maxBytes) throw tooBig(path, maxBytes);
        chunks.push(buf.subarray(0, n));
      }
      return Buffer.concat(chunks);
    } catch (e) {
      throw sftpError(path, e);
    } finally {
      await new Promise<void>((resolve) => sf.close(handle, () => resolve()));
    }
  }

  async function list(dir: string): Promise<string[] | null> {
    try {
      const entries = await sftpCall<{ filename: string }[]>((sf, cb) => sf.readdir(dir, cb as any));
      return entries.map((e) => e.filename).filter((n) => n !== '.' && n !== '..');
    } catch (e) {
      const err = sftpError(dir, e);
      if (err.code === 'ENOENT') return null;
      if (err.code === 'EACCES' && useSudo) {
        const r = await session.exec(`sudo -n ls -1A -- ${shq(dir)}`, { maxBytes: 4 * 1024 * 1024 });
        if (r.code !== 0) throw new SourceError(`${dir}: sudo ls failed: ${clean(r.stderr) || `exit ${r.code}`}`, 'EACCES');
        return r.stdout.toString('utf8').split('\n').filter(Boolean);
      }
      throw err;
    }
  }

  return {
    label: session.target.label,
    readFile,
    stat,
    list,
    async homeOf(user) {
      passwd ??= readFile('/etc/passwd', 8 * 1024 * 1024).then(
        (b) => b.toString('utf8'),
        () => null,
      );
      const text = await passwd;
      if (text === null) return null;
      for (const l of text.split('\n')) {
        const f = l.split(':');
        if (f[0] === user && f.length >= 7) return f[5] || null;
      }
      return null;
    },
  };
}
