import { CliError, UsageError } from '../../core/errors.js';
import { loadPrivate } from '../../keys/load.js';
import { writeOpenssh } from '../../keys/openssh.js';
import { pemSupports, writePem } from '../../keys/pem.js';
import { defineCommand } from '../types.js';
import { checkWritable, emit, EXIT_HELP, inputPassphrase, keyError, PASSPHRASE_HELP, readInput, readPassphraseFile, replaceExt } from './common.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<file>', 'PuTTY private key (PPK v2 or v3, encrypted or not); - for stdin')
      .option('--out <file>', 'key file to write; - for stdout (default: FILE with .pem instead of .ppk; without an extension for openssh)')
      .addOption(cmd.createOption('--format <format>', 'pem (PKCS#1 RSA / SEC1 ECDSA, as ssh-keygen -m PEM) or openssh').choices(['pem', 'openssh']).default('pem'))
      .option('--passphrase-file <file>', 'passphrase of an encrypted PPK')
      .option('--passphrase-stdin', 'read that passphrase from standard input')
      .option('--new-passphrase-file <file>', 'encrypt the written key with the passphrase in this file')
      .option('--force', 'overwrite --out if it exists')
      .addHelpText(
        'after',
        `
Examples:
  ecs key from-ppk putty.ppk                          # writes putty.pem (PKCS#1 for RSA)
  ecs key from-ppk enc.ppk --passphrase-file pass.txt --out key.pem
  ecs key from-ppk ed.ppk --format openssh --out id_ed25519

Checks the PPK's MAC, then writes the key as puttygen FILE -O private-openssh does: for an
RSA key the same PKCS#1 PEM that was converted, byte for byte. Ed25519 has no PEM form, so
it is written in OpenSSH format (as ssh-keygen -m PEM does). The output (mode 0600) is not
encrypted unless --new-passphrase-file is given (PEM: AES-128-CBC; OpenSSH: bcrypt-pbkdf +
aes256-ctr). A wrong passphrase and a damaged file are reported differently.
${PASSPHRASE_HELP}
${EXIT_HELP}`,
      );
  },
  async run(ctx, [file], o) {
    if (file === '-' && o.passphraseStdin) throw new UsageError('standard input cannot carry both the key and its passphrase');
    const openssh = o.format === 'openssh';
    let out = (o.out as string | undefined) ?? (file === '-' ? '-' : replaceExt(file, openssh ? '' : '.pem', ['.ppk']));
    if (out === file) out = `${file}${openssh ? '.key' : '.pem'}`;
    if (out !== '-') checkWritable([out], Boolean(o.force));
    const newPass = o.newPassphraseFile !== undefined ? readPassphraseFile(ctx, '--new-passphrase-file', o.newPassphraseFile) : undefined;

    const buf = await readInput(ctx, file);
    if (!/^PuTTY-User-Key-File-/.test(buf.subarray(0, 32).toString('latin1'))) throw new CliError(`${file} is not a PuTTY key file (no "PuTTY-User-Key-File-" header)${/-----BEGIN|ssh-/.test(buf.subarray(0, 64).toString('latin1')) ? '; to convert it to PPK use ecs key to-ppk' : ''}`);
    let loaded;
    try {
      loaded = await loadPrivate(buf, inputPassphrase(ctx, { file: o.passphraseFile, fileFlag: '--passphrase-file', stdin: o.passphraseStdin }, file));
    } catch (e) {
      keyError(file, e);
    }
    const key = loaded.key;
    let text: string;
    if (openssh || !pemSupports(key)) {
      if (!openssh) ctx.note('Ed25519 keys have no PEM form: writing OpenSSH format (as ssh-keygen -m PEM does).');
      text = await writeOpenssh(key, newPass || undefined);
    } else text = writePem(key, newPass || undefined);
    emit(ctx, out, text, 0o600, Boolean(o.force));
    if (out !== '-' && !ctx.globals.dryRun) ctx.note(`Wrote ${out}${newPass ? ' (encrypted)' : loaded.encrypted ? ' (not encrypted: add --new-passphrase-file to protect it)' : ''}`);
  },
});
