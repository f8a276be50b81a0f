import { CliError, UsageError } from '../../core/errors.js';
import { loadPublic } from '../../keys/load.js';
import { fingerprintOf, inspectBlob } from '../../keys/pubkey.js';
import { defineCommand } from '../types.js';
import { emit, EXIT_HELP, inputPassphrase, keyError, PASSPHRASE_HELP, readInput } from './common.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<file>', 'private key (PEM PKCS#1/PKCS#8/SEC1, OpenSSH, PPK v2/v3) or public key file; - for stdin')
      .option('--comment <text>', 'comment to put on the line (default: the key file\'s own comment, if any)')
      .option('--passphrase-file <file>', 'passphrase for an encrypted PEM key')
      .option('--passphrase-stdin', 'read that passphrase from standard input')
      .option('--out <file>', 'write the line to this file (mode 0644) instead of stdout')
      .option('--force', 'overwrite --out if it exists')
      .addHelpText(
        'after',
        `
Examples:
  ecs key public ~/.ssh/ecs_admin.pem
  ecs key public key.ppk --out key.pub
  ecs key public key.pem -o json

Prints the OpenSSH public key line, as ssh-keygen -y -f FILE. PPK files and OpenSSH
private keys carry the public key in the clear: no passphrase is needed for them, even
when encrypted. An encrypted PEM key needs its passphrase.
${PASSPHRASE_HELP}
${EXIT_HELP}`,
      );
  },
  async run(ctx, [file], o) {
    if (file === '-' && o.passphraseStdin) throw new UsageError('standard input cannot carry both the key and its passphrase');
    const buf = await readInput(ctx, file);
    let res;
    try {
      res = await loadPublic(buf, inputPassphrase(ctx, { file: o.passphraseFile, fileFlag: '--passphrase-file', stdin: o.passphraseStdin }, file));
    } catch (e) {
      keyError(file, e);
    }
    if (res.keys.length !== 1) throw new CliError(res.keys.length ? `${file} holds ${res.keys.length} keys; use ecs key fingerprint for key lists` : `${file}: no public key found`);
    const k = res.keys[0]!;
    let info;
    try {
      info = inspectBlob(k.blob);
    } catch (e) {
      keyError(file, e);
    }
    const comment = (o.comment as string | undefined) ?? k.comment;
    const line = `${info.type} ${k.blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
    if (o.out !== undefined) {
      emit(ctx, o.out, line + '\n', 0o644, Boolean(o.force));
      if (!ctx.globals.dryRun || o.out === '-') ctx.note(`Wrote ${o.out}`);
      return;
    }
    if (ctx.outputFormat === 'table' && !ctx.globals.query) {
      ctx.io.stdout.write(line + '\n');
      return;
    }
    const rec = { Type: info.type, PublicKey: line, Comment: comment, Bits: info.bits, Fingerprint: fingerprintOf(info.plain, 'sha256'), FingerprintMd5: fingerprintOf(info.plain, 'md5') };
    await ctx.renderRecord(rec, Object.entries(rec), line);
  },
});
