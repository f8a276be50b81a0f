// In-memory AuditSource and synthetic key blobs for the audit rule tables.

import { createECDH, randomBytes } from 'node:crypto';
import { SourceError, type AuditSource, type FileStat } from '../../../src/audit/source.js';

export interface MemFile {
  data?: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
  type?: 'file' | 'dir' | 'link' | 'fifo';
  /** readFile throws this errno code */
  error?: string;
}

/** files: path → MemFile. Directories not listed default to root-owned 0755. */
export function memSource(files: Record<string, MemFile>, label = ''): AuditSource {
  const map = new Map(Object.entries(files));
  return {
    label,
    async readFile(path, max) {
      const f = map.get(path);
      if (!f || f.type === 'dir') throw new SourceError(`${path}: ${f ? 'is a directory' : 'no such file'}`, f ? 'EISDIR' : 'ENOENT');
      if (f.error) throw new SourceError(`${path}: ${f.error === 'EACCES' ? 'permission denied' : f.error}`, f.error);
      const b = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data ?? '', 'utf8');
      if (b.length > max) throw new SourceError(`${path}: larger than ${max} bytes (not read)`, 'EFBIG');
      return b;
    },
    async stat(path): Promise<FileStat | null> {
      const f = map.get(path);
      if (!f) {
        // implicit parent directories
        for (const k of map.keys()) if (k.startsWith(path.endsWith('/') ? path : `${path}/`)) return { mode: 0o040755, uid: 0, gid: 0, isDirectory: true, isFile: false, size: 4096 };
        return null;
      }
      const type = f.type ?? 'file';
      const fmt = type === 'dir' ? 0o040000 : type === 'link' ? 0o120000 : type === 'fifo' ? 0o010000 : 0o100000;
      const size = Buffer.isBuffer(f.data) ? f.data.length : Buffer.byteLength(f.data ?? '');
      return { mode: fmt | (f.mode ?? (type === 'dir' ? 0o755 : 0o600)), uid: f.uid ?? 0, gid: f.gid ?? 0, isDirectory: type === 'dir', isFile: type === 'file', size };
    },
    async list(dir) {
      const out = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(`${dir}/`)) out.add(k.slice(dir.length + 1).split('/')[0]!);
      return out.size ? [...out] : null;
    },
  };
}

const str = (b: Buffer | string) => {
  const d = typeof b === 'string' ? Buffer.from(b) : b;
  const l = Buffer.alloc(4);
  l.writeUInt32BE(d.length);
  return Buffer.concat([l, d]);
};
const mpint = (b: Buffer) => str(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return b;
};

/** "TYPE BASE64" lines from synthetic blobs (ssh-keygen -l parses these, it does not factor). */
export const keys = {
  rsa(bits: number, e = 65537, seed?: Buffer): string {
    const n = seed ?? randomBytes(bits / 8);
    n[0]! |= 0x80;
    n[n.length - 1]! |= 1;
    const eb = Buffer.alloc(4);
    eb.writeUInt32BE(e);
    let i = 0;
    while (eb[i] === 0) i++;
    return `ssh-rsa ${Buffer.concat([str('ssh-rsa'), mpint(eb.subarray(i)), mpint(n)]).toString('base64')}`;
  },
  ed25519(x = randomBytes(32)): string {
    return `ssh-ed25519 ${Buffer.concat([str('ssh-ed25519'), str(x)]).toString('base64')}`;
  },
  p256(): string {
    return `ecdsa-sha2-nistp256 ${Buffer.concat([str('ecdsa-sha2-nistp256'), str('nistp256'), str(createECDH('prime256v1').generateKeys())]).toString('base64')}`;
  },
  dsa(): string {
    const p = randomBytes(128);
    p[0]! |= 0x80;
    return `ssh-dss ${Buffer.concat([str('ssh-dss'), mpint(p), mpint(randomBytes(20)), mpint(randomBytes(128)), mpint(randomBytes(128))]).toString('base64')}`;
  },
  skEd25519(): string {
    return `sk-ssh-ed25519@openssh.com ${Buffer.concat([str('sk-ssh-ed25519@openssh.com'), str(randomBytes(32)), str('ssh:')]).toString('base64')}`;
  },
  edCert(validBefore = 0xffffffffffffffffn): string {
    const t = 'ssh-ed25519-cert-v01@openssh.com';
    const blob = Buffer.concat([str(t), str(randomBytes(32)), str(randomBytes(32)), u64(1n), Buffer.from([0, 0, 0, 1]), str('id'), str(Buffer.concat([str('root')])), u64(0n), u64(validBefore), str(''), str(''), str(''), str(Buffer.concat([str('ssh-ed25519'), str(randomBytes(32))])), str(Buffer.concat([str('ssh-ed25519'), str(randomBytes(64))]))]);
    return `${t} ${blob.toString('base64')}`;
  },
  /** a blob of one type under another type token */
  mismatched(): string {
    return `ssh-rsa ${keys.ed25519().split(' ')[1]}`;
  },
};
