import { addConcurrencyOption, addExamples } from '../builders/index.js';
import { defineCommand } from '../types.js';
import { bindKeyPair } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<name>', 'key pair name').argument('<ids...>', 'Linux instance IDs');
    addConcurrencyOption(cmd);
    addExamples(
      cmd,
      ['ecs keypair attach deploy i-bp67acfmxazb4ph6xxxx', 'ecs instance reboot i-bp67acfmxazb4ph6xxxx --yes --wait'],
      `Binds the key pair to each instance, replacing the pair it had (one per instance).
Linux only. On a running instance the change takes effect after a reboot through the API
(ecs instance reboot); once it does, password login is disabled.`,
    );
  },
  completion: { args: [{ resource: 'keypair' }, { resource: 'instance' }] },
  async run(ctx, [name, ids], o) {
    await bindKeyPair(ctx, name as string, ids as string[], true, o.concurrency);
  },
});
