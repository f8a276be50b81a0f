import { auditAuthorizedKeys } from '../../audit/authorized-keys.js';
import { READ_LIMITS } from '../../core/read.js';
import { decodeB64, blobInfo, inspect, matchType, plainBlob, scratchBytes, sha256Fingerprint } from '../../keys/scan.js';
import { reportFindings } from '../../audit/report.js';
import { localSource, SourceError, type AuditSource } from '../../audit/source.js';
import type { Finding } from '../../audit/types.js';
import type { Context } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { readAll } from '../../core/io.js';
import { oneOf } from '../shared/parse.js';
import { defineCommand } from '../types.js';
import { addFailOn, AUDIT_EXIT_HELP, auditProfile, profileOption } from './common.js';

/** sshd_config(5) PermitRootLogin values (sshd matches them case-insensitively). */
const PERMIT_ROOT_LOGIN = ['yes', 'prohibit-password', 'without-password', 'forced-commands-only', 'no'] as const;

export default defineCommand({
  sarif: true,
  configure(cmd) {
    cmd.argument('<files...>', 'authorized_keys files; - for standard input');
    cmd
      .option('--allow <file>', 'allow-list: keys (authorized_keys/.pub lines) or SHA256:/MD5: fingerprints, one per line; other keys are findings')
      .option('--keypairs', "compare with the account's key pairs (DescribeKeyPairs through the backend), by fingerprint")
      .option('--user <name>', 'the account the files belong to (default: from /root/… or /home/USER/… paths)')
      .option('--permit-root-login <value>', "the host's PermitRootLogin (no: root's keys are dead; default: root login should be off)", oneOf('--permit-root-login', PERMIT_ROOT_LOGIN))
      .option('--no-stat', 'skip the mode and owner checks (files copied off a host)')
      .option('--now <time>', 'the time for expiry-time checks (ISO 8601; default now)');
    addFailOn(cmd);
    profileOption(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  ecs audit authorized-keys ~/.ssh/authorized_keys
  ecs audit authorized-keys /root/.ssh/authorized_keys --fail-on high -o sarif > ak.sarif
  ecs audit authorized-keys /home/*/.ssh/authorized_keys --allow approved.pub
  ecs audit authorized-keys ~/.ssh/authorized_keys --keypairs --region cn-hangzhou

Reads each line as sshd does (options, quoting, key types, base64, the type inside the
blob) and reports what sshd would ignore, weak or duplicate keys, restrictions that a
duplicate voids, risky options, and (unless --no-stat) the file's mode and owner and every
directory up to the home directory (StrictModes). Rules: see the README's audit table.
${AUDIT_EXIT_HELP}`,
    );
  },
  async run(ctx, [files], o) {
    const now = o.now ? new Date(o.now) : undefined;
    if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time, got "${o.now}"`);
    const src = localSource();
    const allow = o.allow ? await readAllowList(src, o.allow) : undefined;
    const keypairs = o.keypairs ? await accountKeyPairs(ctx) : undefined;
    const findings: Finding[] = [];
    let unreadable = 0;
    const profile = o.image ? 'image' : auditProfile(o, ctx.globals);
    for (const file of files as string[]) {
      let list: Finding[];
      if (file === '-') {
        const buf = Buffer.from(await readAll(ctx.io.stdin, READ_LIMITS.key, 'the authorized_keys on standard input'), 'utf8');
        list = await auditAuthorizedKeys(bufferSource(buf), '-', { noStat: true, allow, keypairs, now, profile, user: o.user, permitRootLogin: o.permitRootLogin });
      } else {
        list = await auditAuthorizedKeys(src, file, { noStat: o.stat === false, allow, keypairs, now, profile, user: o.user, permitRootLogin: o.permitRootLogin });
      }
      if (list.some((f) => f.rule === 'FILE01')) unreadable++;
      for (const f of list) findings.push(f);
    }
    const code = await reportFindings(ctx, findings, { failOn: o.failOn });
    return code || (unreadable ? 1 : 0);
  },
});

function bufferSource(buf: Buffer): AuditSource {
  return {
    label: '',
    async readFile(path, max) {
      if (buf.length > max) throw new SourceError(`${path}: larger than ${max} bytes (not read)`, 'EFBIG');
      return buf;
    },
    async stat() {
      return null;
    },
  };
}

/** --allow FILE: key lines (options allowed) and/or SHA256:/MD5: fingerprints. */
export async function readAllowList(src: AuditSource, file: string): Promise<Set<string>> {
  let buf: Buffer;
  try {
    buf = await src.readFile(file, 64 * 1024 * 1024);
  } catch (e) {
    throw new UsageError(`--allow ${e instanceof SourceError ? e.message : (e as Error).message}`);
  }
  const set = new Set<string>();
  for (const raw of buf.toString('utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('SHA256:') || line.startsWith('MD5:')) {
      set.add(line.split(/\s/)[0]!);
      continue;
    }
    // a key line: find "type base64" anywhere (options or host patterns before it)
    const parts = line.split(/\s+/);
    for (let i = 0; i + 1 < parts.length; i++) {
      const t = Buffer.from(parts[i]!, 'latin1');
      const tok = matchType(t, 0, t.length);
      if (tok < 0) continue;
      const b = Buffer.from(parts[i + 1]!, 'latin1');
      const n = decodeB64(b, 0, b.length);
      if (n < 0) continue;
      inspect(scratchBytes(), n, tok);
      if (blobInfo.error) continue;
      const blob = Buffer.from(scratchBytes().subarray(0, n));
      set.add(sha256Fingerprint(plainBlob(blob, tok)));
      break;
    }
  }
  if (!set.size) throw new UsageError(`--allow ${file}: no keys or fingerprints in it`);
  return set;
}

/** Fingerprints of the account's key pairs in the region: MD5 (KeyPairFingerPrint) and SHA256 of PublicKey when given. */
export async function accountKeyPairs(ctx: Context): Promise<Set<string>> {
  const api = await ctx.api();
  const set = new Set<string>();
  for (let page = 1; page < 1000; page++) {
    const res = (await api.call('DescribeKeyPairs', { RegionId: ctx.region, PageNumber: page, PageSize: 50, IncludePublicKey: true })) as {
      KeyPairs?: { KeyPair?: { KeyPairFingerPrint?: string; PublicKey?: string }[] };
      TotalCount?: number;
    };
    const items = res.KeyPairs?.KeyPair ?? [];
    for (const k of items) {
      if (k.KeyPairFingerPrint) {
        const fp = k.KeyPairFingerPrint.trim().toLowerCase().replace(/^md5:/, '');
        set.add(fp.startsWith('sha256:') ? `SHA256:${k.KeyPairFingerPrint.trim().slice(7)}` : `MD5:${fp}`);
      }
      if (k.PublicKey) {
        const parts = k.PublicKey.trim().split(/\s+/);
        const t = Buffer.from(parts[0] ?? '', 'latin1');
        const b = Buffer.from(parts[1] ?? '', 'latin1');
        const tok = matchType(t, 0, t.length);
        const n = tok < 0 ? -1 : decodeB64(b, 0, b.length);
        if (n > 0) {
          inspect(scratchBytes(), n, tok);
          if (!blobInfo.error) set.add(sha256Fingerprint(plainBlob(Buffer.from(scratchBytes().subarray(0, n)), tok)));
        }
      }
    }
    if (items.length < 50 || (res.TotalCount !== undefined && page * 50 >= res.TotalCount)) break;
  }
  if (!set.size) ctx.warn(`--keypairs: the account has no key pairs in ${ctx.region}; every key is reported`);
  return set;
}

