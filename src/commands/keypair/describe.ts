import { addExamples, fetchByIds } from '../builders/index.js';
import { keypair } from '../../resources/keypair.js';
import { defineCommand } from '../types.js';

// Not defineDescribe: key pairs are named, and the argument's name ("names") is what
// completion reads to offer key pair names.
export default defineCommand({
  configure(cmd) {
    cmd.argument('<names...>', 'key pair names');
    addExamples(cmd, ['ecs keypair describe deploy', 'ecs keypair describe deploy -o json --query PublicKey'],
      'Shows the name, the MD5 fingerprint ECS computes, the creation time, the public key and tags.\n-o json prints the DescribeKeyPairs KeyPair object (an array for several names).');
  },
  completion: { args: [{ resource: 'keypair' }] },
  async run(ctx, [names]) {
    const api = await ctx.api();
    const items = await fetchByIds(ctx, api, keypair, names as string[]);
    if (items.length === 1) {
      await ctx.renderRecord(items[0]!, keypair.fields(items[0]!), items[0]!.KeyPairName);
      return;
    }
    const f = ctx.outputFormat;
    if (ctx.globals.query || f === 'json' || f === 'yaml' || f === 'ids') {
      await ctx.render(items, { columns: keypair.columns, id: 'KeyPairName' });
      return;
    }
    for (const [n, k] of items.entries()) {
      if (n > 0) ctx.io.stdout.write('\n');
      await ctx.renderRecord(k, keypair.fields(k), k.KeyPairName);
    }
  },
});
