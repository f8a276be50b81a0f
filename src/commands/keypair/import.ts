import { CliError, UsageError } from '../../core/errors.js';
import { parseRfc4716 } from '../../keys/pubkey.js';
import { rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { collectTag, type TagKV } from '../shared/parse.js';
import { defineCommand } from '../types.js';
import { readCapped, dryRunCheckName } from './shared.js';

export const MAX_PUBLIC_KEY_FILE = 64 * 1024;

/** The OpenSSH `type base64 [comment]` line of a public key file (OpenSSH line or RFC 4716). */
export function publicKeyBody(text: string, file: string): string {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text)) {
    throw new UsageError(`${file} is a private key; import the public key only (ssh-keygen -y -f ${file === '-' ? 'KEY' : file} > key.pub)`);
  }
  const rfc = parseRfc4716(text);
  if (rfc) return `${rfc.type} ${rfc.blob.toString('base64')}${rfc.comment ? ` ${rfc.comment}` : ''}`;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1) throw new UsageError(`${file}: expected one public key line (ssh-rsa AAAA... comment), found ${lines.length}`);
  return lines[0]!;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<name>', 'key pair name: 2-128 characters, starting with a letter')
      .requiredOption('--public-key <file>', 'the public key file (id_rsa.pub; OpenSSH or RFC 4716 format; - for standard input)')
      .option('--tag <key=value>', 'tag the key pair (repeatable)', collectTag);
    addExamples(
      cmd,
      ['ecs keypair import laptop --public-key ~/.ssh/id_rsa.pub', 'ssh-keygen -y -f key.pem | ecs keypair import from-pem --public-key -'],
      `ECS takes ssh-rsa, ssh-dss and ecdsa-sha2-nistp256/384/521 keys and their certificates;
other types (e.g. ssh-ed25519) are refused with the reason. Never import a private key.`,
    );
  },
  async run(ctx, [name], o) {
    const body = publicKeyBody(await readCapped(ctx, o.publicKey, MAX_PUBLIC_KEY_FILE, 'public key file'), o.publicKey);
    const tags = (o.tag as TagKV[] | undefined)?.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    if (ctx.globals.dryRun) {
      await dryRunCheckName(ctx, await ctx.api(), name as string);
      ctx.note(`dry run: would import ${body.split(' ')[0]} key as ${name} in ${ctx.region}`);
      return;
    }
    const api = await ctx.api();
    const res = await rawCall(api)('ImportKeyPair', { RegionId: ctx.region, KeyPairName: name, PublicKeyBody: body, Tag: tags }, { signal: ctx.abort.signal });
    if (!res.KeyPairFingerPrint) throw new CliError(`ImportKeyPair answered without a fingerprint for ${name}`, { code: 'InvalidResponse' });
    const record = { KeyPairName: res.KeyPairName ?? name, KeyPairFingerPrint: res.KeyPairFingerPrint };
    await ctx.renderRecord(record, [['Name', record.KeyPairName], ['Fingerprint (MD5)', record.KeyPairFingerPrint]], record.KeyPairName);
  },
});
