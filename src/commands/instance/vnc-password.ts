import { Option } from 'commander';
import { defineCommand } from '../types.js';
import { generateVncPassword, readSecret, validateVncPassword } from '../shared/secret.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'instance ID')
      .option('--password-stdin', 'read the VNC password from standard input')
      .option('--password-file <file>', 'read the VNC password from a file (mode 0600)')
      .option('--generate', 'generate a random VNC password and print it once to stdout')
      .addOption(new Option('--password [value]', 'prompt for the password (the default; a value is refused)').hideHelp())
      .addHelpText('after', `
The VNC (management terminal) password is exactly 6 letters or digits, no special
characters. It takes effect after the instance is rebooted through the API
(ecs instance reboot ID); a reboot from inside the OS does not apply it.

Examples:
  ecs instance vnc-password i-bp67acfmxazb4ph6xxxx
  ecs instance vnc-password i-bp67acfmxazb4ph6xxxx --password-file vnc.txt
  ecs instance vnc-password i-bp67acfmxazb4ph6xxxx --generate`);
  },
  async run(ctx, [id], o) {
    const secret = (await readSecret(ctx, o, { what: 'VNC password', promptByDefault: true, generate: generateVncPassword, validate: validateVncPassword }))!;
    validateVncPassword(secret.value);
    const api = await ctx.api();
    await api.call('ModifyInstanceVncPasswd', { RegionId: ctx.region, InstanceId: id, VncPassword: secret.value }, { signal: ctx.abort.signal });
    if (secret.generated) ctx.io.stdout.write(secret.value + '\n');
    ctx.note(`${id}: VNC password set; it takes effect after a reboot through the API (ecs instance reboot ${id}).`);
  },
});
