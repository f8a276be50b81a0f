import { resolve } from 'node:path';
import { CliError } from '../../core/errors.js';
import { parsePem } from '../../keys/pem.js';
import { writePpk } from '../../keys/ppk.js';
import { rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { writeAll, type OutFile } from '../key/common.js';
import { collectTag, type TagKV } from '../shared/parse.js';
import { choice } from '../security-group/shared.js';
import { defineCommand } from '../types.js';
import { refuseExisting, dryRunCheckName } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<name>', 'key pair name: 2-128 characters, starting with a letter')
      .option('--out <file>', 'where to save the private key (default NAME.pem in the current directory)')
      .option('--ppk', 'also save a PuTTY key (FILE.ppk) for PuTTY on Windows')
      .addOption(choice('--ppk-version <v>', 'PPK format version', ['2', '3'], '3'))
      .option('--tag <key=value>', 'tag the key pair (repeatable)', collectTag);
    addExamples(
      cmd,
      ['ecs keypair create deploy', 'ecs keypair create deploy --out ~/.ssh/deploy.pem --ppk', 'ssh -i deploy.pem root@IP'],
      `The service generates an RSA-2048 key pair, keeps the public key and returns the private
key once (unencrypted PEM). It is written with mode 0600; an existing file is never
overwritten, and the check is made before the key pair is created.`,
    );
  },
  async run(ctx, [name], o) {
    const out = resolve(o.out ?? `${name}.pem`);
    const ppkPath = out.replace(/\.pem$/i, '') + '.ppk';
    refuseExisting(o.ppk ? [out, ppkPath] : [out]);
    const tags = (o.tag as TagKV[] | undefined)?.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    if (ctx.globals.dryRun) {
      await dryRunCheckName(ctx, await ctx.api(), name as string);
      ctx.note(`dry run: would create key pair ${name} in ${ctx.region} and save the private key to ${out}${o.ppk ? ` and ${ppkPath}` : ''}`);
      return;
    }
    const api = await ctx.api();
    const res = await rawCall(api)('CreateKeyPair', { RegionId: ctx.region, KeyPairName: name, Tag: tags }, { signal: ctx.abort.signal });
    const pem = String(res.PrivateKeyBody ?? '');
    if (!pem.includes('PRIVATE KEY')) throw new CliError(`CreateKeyPair answered without a private key for ${name}`, { code: 'InvalidResponse' });
    const files: OutFile[] = [{ path: out, data: pem.endsWith('\n') ? pem : `${pem}\n`, mode: 0o600 }];
    if (o.ppk) files.push({ path: ppkPath, data: await writePpk({ ...parsePem(pem), comment: name }, { version: o.ppkVersion === '2' ? 2 : 3 }), mode: 0o600 });
    try {
      writeAll(files, false);
    } catch (e) {
      throw new CliError(`key pair ${name} was created, but its private key could not be saved (${(e as Error).message}); the service does not keep it: delete the key pair (ecs keypair delete ${name}) and create it again`, { code: 'PrivateKeyNotSaved' });
    }
    ctx.note(`Saved the private key to ${files.map((f) => f.path).join(' and ')} (mode 0600). It cannot be downloaded again.`);
    const record = { KeyPairName: res.KeyPairName ?? name, KeyPairFingerPrint: res.KeyPairFingerPrint, KeyPairId: res.KeyPairId, PrivateKeyFile: out, ...(o.ppk ? { PpkFile: ppkPath } : {}) };
    await ctx.renderRecord(record, [
      ['Name', record.KeyPairName],
      ['Fingerprint (MD5)', record.KeyPairFingerPrint],
      ['Private key', out],
      ...(o.ppk ? ([['PuTTY key', ppkPath]] as [string, unknown][]) : []),
    ], record.KeyPairName);
  },
});
