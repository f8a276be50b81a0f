import { addConcurrencyOption, addExamples } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { bindKeyPair } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<name>', 'key pair name').argument('<ids...>', 'Linux instance IDs');
    addConcurrencyOption(cmd);
    addExamples(
      cmd,
      ['ecs keypair detach deploy i-bp67acfmxazb4ph6xxxx', 'ecs instance reboot i-bp67acfmxazb4ph6xxxx --yes --wait'],
      `Unbinds the key pair. On a running instance the change takes effect after a reboot through
the API (ecs instance reboot); afterwards set a password (ecs instance reset-password) to log in.`,
    );
  },
  completion: { args: [{ resource: 'keypair' }, { resource: 'instance' }] },
  async run(ctx, [name, ids], o) {
    await bindKeyPair(ctx, name as string, ids as string[], false, o.concurrency);
  },
});
