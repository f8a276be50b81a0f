import { hostname, userInfo } from 'node:os';
import { CliError, UsageError } from '../../core/errors.js';
import { keyBits, publicBlob, type PrivateKey } from '../../keys/model.js';
import { generateRsa } from '../../keys/rsagen.js';
import { writeOpenssh } from '../../keys/openssh.js';
import { writePem } from '../../keys/pem.js';
import { writePpk } from '../../keys/ppk.js';
import { fingerprintOf, publicLine } from '../../keys/pubkey.js';
import { positiveInt } from '../shared/parse.js';
import { defineCommand } from '../types.js';
import { checkWritable, dryRunWrite, EXIT_HELP, PASSPHRASE_HELP, readPassphraseFile, readPassphraseStdin, writeAll, type OutFile } from './common.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .option('--out <file>', 'private key file; FILE.pub (and FILE.ppk) are written next to it', 'id_rsa')
      .option('--bits <n>', 'RSA modulus size', positiveInt('--bits', 2048, 16384), 2048)
      .addOption(cmd.createOption('--format <format>', 'private key format: pem (PKCS#1, as ssh-keygen -m PEM) or openssh').choices(['pem', 'openssh']).default('pem'))
      .option('--comment <text>', 'comment for FILE.pub and FILE.ppk (default: user@host)')
      .option('--passphrase-file <file>', 'encrypt with the passphrase in this file')
      .option('--passphrase-stdin', 'encrypt with the passphrase read from standard input')
      .option('--no-passphrase', 'no passphrase and no prompt')
      .option('--ppk', 'also write FILE.ppk (PuTTY, PPK v3, same passphrase)')
      .addOption(cmd.createOption('--ppk-version <v>', 'PPK version for --ppk').choices(['2', '3']).default('3'))
      .option('--force', 'overwrite existing files')
      .addHelpText(
        'after',
        `
Examples:
  ecs key generate --out ~/.ssh/ecs_admin --comment admin@example.com
  ecs key generate --out deploy_key --no-passphrase --ppk
  ecs key generate --out k --format openssh --passphrase-file pass.txt

Writes an RSA key (2048 bits by default, e = 65537; the two primes are searched for in
parallel by OpenSSL, then checked as FIPS 186-4 asks) like ssh-keygen -t rsa -m PEM: FILE
(mode 0600, \`BEGIN RSA PRIVATE KEY\`, or \`BEGIN OPENSSH PRIVATE KEY\` with --format openssh),
FILE.pub (0644, the OpenSSH public line with the comment) and with --ppk FILE.ppk (0600).
FILE defaults to ./id_rsa in the current directory (never ~/.ssh/id_rsa, so an existing
login key is not touched by accident); existing files are never overwritten without
--force, and no file is left behind when something fails. Prints the fingerprint line
(as ssh-keygen -l) on stdout.

${PASSPHRASE_HELP}
Without any of them and with no terminal, the key is written unencrypted (with a note).
Encrypted PEM uses AES-128-CBC (as ssh-keygen -m PEM); OpenSSH format uses bcrypt-pbkdf
(16 rounds) + aes256-ctr.
${EXIT_HELP}`,
      );
  },
  async run(ctx, _args, o) {
    const out = o.out as string;
    if (out === '' || out === '-') throw new UsageError('--out needs a file name (the private key is never written to stdout)');
    const bits = o.bits as number;
    const files = [out, `${out}.pub`, ...(o.ppk ? [`${out}.ppk`] : [])];
    checkWritable(files, Boolean(o.force));
    const sources = [o.passphraseFile !== undefined, Boolean(o.passphraseStdin), o.passphrase === false].filter(Boolean).length;
    if (sources > 1) throw new UsageError('choose one of --passphrase-file, --passphrase-stdin and --no-passphrase');
    if (o.ppkVersion !== '3' && !o.ppk) throw new UsageError('--ppk-version needs --ppk');

    // Start the prime searches at once (OpenSSL on the libuv pool) while the passphrase is read.
    const pair = generateRsa(bits);
    pair.catch(() => undefined);
    let passphrase = '';
    if (o.passphraseFile !== undefined) passphrase = readPassphraseFile(ctx, '--passphrase-file', o.passphraseFile);
    else if (o.passphraseStdin) passphrase = await readPassphraseStdin(ctx);
    else if (o.passphrase !== false) {
      if (ctx.canPrompt()) passphrase = await ctx.promptNewSecret('Passphrase (empty for none):', '--passphrase-file FILE or --passphrase-stdin');
      else ctx.note('No passphrase (no terminal to ask on): the private key is not encrypted. Use --passphrase-file or --passphrase-stdin to set one.');
    }

    if ((o.passphraseFile !== undefined || o.passphraseStdin) && passphrase === '') ctx.note('The passphrase is empty: the private key is not encrypted.');
    const comment = (o.comment as string | undefined) ?? defaultComment();
    if (/[\r\n]/.test(comment)) throw new UsageError('--comment cannot contain a line break');
    let key: PrivateKey;
    try {
      key = { ...(await pair), comment };
    } catch (e) {
      throw new CliError(`key generation failed: ${(e as Error).message}`);
    }
    const priv = o.format === 'openssh' ? await writeOpenssh(key, passphrase || undefined) : writePem(key, passphrase || undefined);
    const pubLine = publicLine(key, comment) + '\n';
    const outFiles: OutFile[] = [
      { path: out, data: priv, mode: 0o600 },
      { path: `${out}.pub`, data: pubLine, mode: 0o644 },
    ];
    if (o.ppk) outFiles.push({ path: `${out}.ppk`, data: await writePpk(key, { version: o.ppkVersion === '2' ? 2 : 3, passphrase: passphrase || undefined }), mode: 0o600 });
    const dryRun = dryRunWrite(ctx, outFiles.map((f) => f.path), Boolean(o.force));
    if (!dryRun) writeAll(outFiles, Boolean(o.force));

    const blob = publicBlob(key);
    const fp = fingerprintOf(blob, 'sha256');
    const record = {
      PrivateKeyFile: out,
      PublicKeyFile: `${out}.pub`,
      ...(o.ppk ? { PpkFile: `${out}.ppk` } : {}),
      Type: 'RSA',
      Bits: keyBits(key),
      Fingerprint: fp,
      FingerprintMd5: fingerprintOf(blob, 'md5'),
      Comment: comment,
      Encrypted: Boolean(passphrase),
      Format: o.format,
    };
    if (!dryRun) ctx.note(`Wrote ${outFiles.map((f) => f.path).join(', ')}${passphrase ? ' (encrypted)' : ''}`);
    if (ctx.outputFormat === 'table' && !ctx.globals.query) {
      ctx.io.stdout.write(`${record.Bits} ${fp} ${comment || 'no comment'} (RSA)\n`);
      return;
    }
    await ctx.renderRecord(record, Object.entries(record), fp);
  },
});

function defaultComment(): string {
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return `${user}@${hostname()}`;
}
