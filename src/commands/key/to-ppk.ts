import { UsageError } from '../../core/errors.js';
import type { Argon2Flavour } from '../../keys/argon2.js';
import { loadPrivate } from '../../keys/load.js';
import { PPK_DEFAULTS, writePpk } from '../../keys/ppk.js';
import { positiveInt } from '../shared/parse.js';
import { defineCommand } from '../types.js';
import { checkWritable, emit, EXIT_HELP, inputPassphrase, keyError, PASSPHRASE_HELP, readInput, readPassphraseFile, readPassphraseStdin, replaceExt } from './common.js';

const FLAVOURS: Record<string, Argon2Flavour> = { argon2id: 'Argon2id', argon2i: 'Argon2i', argon2d: 'Argon2d' };

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<file>', 'private key: PEM (PKCS#1, PKCS#8, SEC1, encrypted too), OpenSSH, or a PPK to re-encode')
      .option('--out <file>', 'PPK file to write; - for stdout (default: FILE with .ppk instead of .pem/.key)')
      .option('--comment <text>', 'PPK comment (default: the key\'s own comment, else imported-openssh-key as puttygen)')
      .addOption(cmd.createOption('--ppk-version <v>', 'PPK format version (2 for PuTTY < 0.75 and older tools)').choices(['2', '3']).default('3'))
      .option('--passphrase-file <file>', 'encrypt the PPK (aes256-cbc) with the passphrase in this file')
      .option('--passphrase-stdin', 'encrypt the PPK with the passphrase read from standard input')
      .option('--in-passphrase-file <file>', 'passphrase of an encrypted input key')
      .addOption(cmd.createOption('--kdf <kdf>', 'v3 key derivation').choices(Object.keys(FLAVOURS)))
      .option('--argon2-memory <KiB>', `Argon2 memory in KiB (default ${PPK_DEFAULTS.memory})`, positiveInt('--argon2-memory', 8, 4194304))
      .option('--argon2-passes <n>', 'Argon2 passes (default: chosen as puttygen does, the first Fibonacci number taking ≥ 100 ms)', positiveInt('--argon2-passes', 1, 1000000))
      .option('--argon2-parallelism <n>', `Argon2 lanes (default ${PPK_DEFAULTS.parallelism})`, positiveInt('--argon2-parallelism', 1, 255))
      .option('--force', 'overwrite --out if it exists')
      .addHelpText(
        'after',
        `
Examples:
  ecs key to-ppk ecs-key.pem                          # writes ecs-key.ppk (v3, unencrypted)
  ecs key to-ppk ecs-key.pem --ppk-version 2 --out old-putty.ppk
  ecs key to-ppk id_ed25519 --passphrase-file pass.txt --argon2-passes 13
  ecs key to-ppk enc.pem --in-passphrase-file old.txt --passphrase-file new.txt

The output is byte for byte what puttygen 0.78 writes for the same key and comment
(puttygen FILE -O private -o OUT [--ppk-param version=2]): RSA (p > q, iqmp = q⁻¹ mod p),
Ed25519 and ECDSA P-256/384/521. Encrypted files use aes256-cbc; v3 derives the key with
Argon2 (default Argon2id, 8192 KiB, 1 lane, 16-byte random salt, passes calibrated to
100 ms like puttygen), v2 with SHA-1 as PuTTY does. Without --passphrase-file or
--passphrase-stdin the PPK is not encrypted. The PPK is written with mode 0600.
${PASSPHRASE_HELP}
${EXIT_HELP}`,
      );
  },
  async run(ctx, [file], o) {
    const version = o.ppkVersion === '2' ? 2 : 3;
    const encrypt = o.passphraseFile !== undefined || Boolean(o.passphraseStdin);
    if (o.passphraseFile !== undefined && o.passphraseStdin) throw new UsageError('choose one of --passphrase-file and --passphrase-stdin');
    const argonSet = o.kdf !== undefined || o.argon2Memory !== undefined || o.argon2Passes !== undefined || o.argon2Parallelism !== undefined;
    if (argonSet && (!encrypt || version === 2)) throw new UsageError('--kdf and --argon2-* apply to encrypted PPK v3 files only (add --passphrase-file, drop --ppk-version 2)');
    const parallelism = (o.argon2Parallelism as number | undefined) ?? PPK_DEFAULTS.parallelism;
    const memory = (o.argon2Memory as number | undefined) ?? PPK_DEFAULTS.memory;
    if (memory < 8 * parallelism) throw new UsageError(`--argon2-memory must be at least 8 KiB per lane (${8 * parallelism} for ${parallelism} lanes)`);
    if (o.comment !== undefined && /[\r\n]/.test(o.comment)) throw new UsageError('--comment cannot contain a line break');
    if (file === '-' && o.passphraseStdin) throw new UsageError('standard input cannot carry both the key and a passphrase');
    const out = (o.out as string | undefined) ?? (file === '-' ? '-' : replaceExt(file, '.ppk', ['.pem', '.key', '.ppk']));
    if (out === file) throw new UsageError(`--out ${out} is the input file; choose another name`);
    if (out !== '-') checkWritable([out], Boolean(o.force));

    const buf = await readInput(ctx, file);
    let loaded;
    try {
      loaded = await loadPrivate(buf, inputPassphrase(ctx, { file: o.inPassphraseFile, fileFlag: '--in-passphrase-file', stdinOffered: false }, file));
    } catch (e) {
      keyError(file, e);
    }
    let passphrase: string | undefined;
    if (o.passphraseFile !== undefined) passphrase = readPassphraseFile(ctx, '--passphrase-file', o.passphraseFile);
    else if (o.passphraseStdin) passphrase = await readPassphraseStdin(ctx);
    if (encrypt && !passphrase) ctx.note('The passphrase is empty: the PPK is not encrypted.');
    if (!encrypt && loaded.encrypted) ctx.note(`${file} was encrypted; the PPK is not (add --passphrase-file to encrypt it).`);
    const comment = (o.comment as string | undefined) ?? (loaded.key.comment || 'imported-openssh-key');
    const text = await writePpk(
      { ...loaded.key, comment },
      { version, passphrase: passphrase || undefined, kdf: o.kdf ? FLAVOURS[o.kdf] : undefined, memory, parallelism, passes: o.argon2Passes },
    );
    emit(ctx, out, text, 0o600, Boolean(o.force));
    if (out !== '-' && !ctx.globals.dryRun) ctx.note(`Wrote ${out} (PPK v${version}, ${passphrase ? 'encrypted' : 'not encrypted'})`);
  },
});
