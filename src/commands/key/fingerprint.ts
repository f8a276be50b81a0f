import { READ_LIMITS, readCappedSync } from '../../core/read.js';
import { sanitize } from '../../core/sanitize.js';
import { UsageError } from '../../core/errors.js';
import { detectKind, loadPublic, parseAuthorizedKeys, type PublicEntry } from '../../keys/load.js';
import { fingerprintList } from '../../keys/fplist.js';
import { fingerprintOf, inspectBlob } from '../../keys/pubkey.js';
import { defineCommand } from '../types.js';
import { EXIT_HELP, inputPassphrase, keyError, PASSPHRASE_HELP, readInput } from './common.js';

/** authorized_keys files of 100,000 RSA-4096 lines are ~75 MB */
const KEY_LIST_MAX = 256 * 1024 * 1024;

interface Row {
  File: string;
  Line?: number;
  Bits: number;
  Fingerprint: string;
  Comment: string;
  Type: string;
  KeyType: string;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<files...>', 'key files: authorized_keys, .pub, PEM, OpenSSH or PPK private keys; - for stdin')
      .option('--md5', 'MD5 fingerprints (MD5:xx:xx:…) instead of SHA256')
      .option('--passphrase-file <file>', 'passphrase for an encrypted PEM key')
      .option('--passphrase-stdin', 'read that passphrase from standard input')
      .addHelpText(
        'after',
        `
Examples:
  ecs key fingerprint ~/.ssh/authorized_keys
  ecs key fingerprint key.pem key.ppk --md5
  ecs key fingerprint authorized_keys -o json

Prints one line per key exactly as ssh-keygen -l -f FILE does: "2048 SHA256:… comment (RSA)"
("no comment" when there is none). In authorized_keys files, lines with options are read;
blank, # and unparsable lines are skipped as ssh-keygen skips them (unparsable ones are
named on stderr). A key line without a comment shows what ssh-keygen shows there (the
line's options, or leftovers of an earlier line's comment from its reused line buffer);
-o json gives each line's real comment. For a private key, FILE.pub's comment is used when
that file holds the same key, as ssh-keygen does. -o json gives objects (File, Line, Bits,
Fingerprint, Comment, Type, KeyType).
${PASSPHRASE_HELP}
A file with no key at all is an error (exit 1); the other files are still listed.
${EXIT_HELP}`,
      );
  },
  async run(ctx, [files], o) {
    const hash = o.md5 ? 'md5' : 'sha256';
    if ((files as string[]).includes('-') && o.passphraseStdin) throw new UsageError('standard input cannot carry both keys and a passphrase');
    const rows: Row[] = [];
    let failed = 0;
    const text = ctx.outputFormat === 'table' && !ctx.globals.query;
    const chunks: Buffer[] = [];
    for (const file of files as string[]) {
      let keys: PublicEntry[];
      let skipped: number[] = [];
      try {
        const buf = await readInput(ctx, file, KEY_LIST_MAX);
        const kind = detectKind(buf);
        if (text && (kind === 'public' || kind === undefined) && !buf.includes('---- BEGIN SSH2 PUBLIC KEY ----')) {
          // key lists (authorized_keys): the byte-level fast path, same text as ssh-keygen -l
          const res = fingerprintList(buf, hash);
          if (res.skipped.length && res.count > 0) ctx.warn(`${file}: skipped ${res.skipped.length} line(s) that are not public keys (line ${res.skipped.slice(0, 5).join(', ')}${res.skipped.length > 5 ? ', …' : ''})`);
          if (res.count === 0) {
            failed++;
            ctx.io.stderr.write(`error: ${file} is not a public key file (no key found)\n`);
          } else chunks.push(res.out);
          continue;
        }
        const res = await loadPublic(buf, inputPassphrase(ctx, { file: o.passphraseFile, fileFlag: '--passphrase-file', stdin: o.passphraseStdin }, file));
        keys = res.keys;
        skipped = res.skipped;
        if (res.kind === 'pem' || res.kind === 'openssh') keys = [privateKeyEntry(file, res.kind, keys[0]!)];
      } catch (e) {
        failed++;
        try {
          keyError(file, e);
        } catch (err) {
          ctx.io.stderr.write(`error: ${(err as Error).message}\n`);
        }
        continue;
      }
      let n = 0;
      for (const k of keys) {
        let info = k.info;
        try {
          info ??= inspectBlob(k.blob);
        } catch {
          if (k.line) skipped.push(k.line);
          continue;
        }
        n++;
        const row: Row = { File: file, Bits: info.bits, Fingerprint: fingerprintOf(info.plain, hash), Comment: k.comment, Type: info.label, KeyType: info.type };
        if (k.line) row.Line = k.line;
        if (text) chunks.push(Buffer.from(`${row.Bits} ${row.Fingerprint} ${k.shown ?? (row.Comment || 'no comment')} (${row.Type})\n`, 'utf8'));
        else rows.push(row);
      }
      // No key at all: the error alone says it (one line); the skipped-lines warning is for a file that had keys.
      if (skipped.length && n > 0) ctx.warn(`${file}: skipped ${skipped.length} line(s) that are not public keys (line ${skipped.sort((a, b) => a - b).slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''})`);
      if (n === 0) {
        failed++;
        ctx.io.stderr.write(`error: ${file} is not a public key file (no key found)\n`);
      }
    }
    // Comments come from the file: on a terminal, without control characters (piped: as ssh-keygen prints them).
    if (text) {
      const buffered = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      ctx.io.stdout.write(ctx.io.stdoutIsTTY ? sanitize(buffered, { newlines: true, max: Infinity }) : buffered);
    }
    else await ctx.render(rows, { columns: [{ header: 'Bits', get: 'Bits' }, { header: 'Fingerprint', get: 'Fingerprint' }, { header: 'Comment', get: 'Comment' }, { header: 'Type', get: 'Type' }], id: 'Fingerprint' });
    return failed ? 1 : 0;
  },
});

/**
 * ssh-keygen -l on a private key (sshkey_load_public) takes FILE.pub when it exists, with
 * the .pub path as the comment when that line has none; otherwise the key's own comment
 * (OpenSSH format, possibly empty) or "no comment" (PEM).
 */
function privateKeyEntry(file: string, kind: 'pem' | 'openssh', k: PublicEntry): PublicEntry {
  if (file !== '-') {
    try {
      const pub = parseAuthorizedKeys(readCappedSync(`${file}.pub`, READ_LIMITS.key)).keys[0];
      if (pub && pub.blob.equals(k.blob)) return { ...k, comment: pub.comment, shown: pub.comment || `${file}.pub` };
    } catch {
      /* no FILE.pub */
    }
  }
  return { ...k, shown: kind === 'openssh' ? k.comment : 'no comment' };
}
