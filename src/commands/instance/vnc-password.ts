import { Option } from 'commander';
import { defineChange } from '../builders/index.js';
import { readSecret } from '../shared/secret.js';
import { generateVncPassword, validateVncPassword } from '../../resources/instance-password.js';
import { instance } from '../../resources/instance.js';

export default defineChange({
  resource: instance,
  configure(cmd) {
    cmd
      .option('--password-stdin', 'read the VNC password from standard input')
      .option('--password-file <file>', 'read the VNC password from a file (mode 0600)')
      .option('--generate', 'generate a random VNC password and print it once to stdout')
      .addOption(new Option('--password [value]', 'prompt for the password (the default; a value is refused)').hideHelp());
  },
  async plan(ctx, id, _args, o) {
    const secret = (await readSecret(ctx, o, { what: 'VNC password', promptByDefault: true, generate: generateVncPassword, validate: validateVncPassword }))!;
    validateVncPassword(secret.value);
    const json = ctx.outputFormat !== 'table' || ctx.globals.query;
    // A generated password is printed once: the bare value, or a field of the -o json result.
    if (secret.generated && !json && !ctx.globals.dryRun) ctx.io.stdout.write(secret.value + '\n');
    return {
      action: 'ModifyInstanceVncPasswd',
      params: { RegionId: ctx.region, InstanceId: id, VncPassword: secret.value },
      apiDryRun: false,
      what: `set the VNC password of ${id}`,
      result: secret.generated ? { VncPassword: secret.value } : {},
      done: `${id}: VNC password set; it takes effect after a reboot through the API (ecs instance reboot ${id}).`,
    };
  },
  help: `The VNC (management terminal) password is exactly 6 letters or digits, no special
characters. It takes effect after the instance is rebooted through the API
(ecs instance reboot ID); a reboot from inside the OS does not apply it.`,
  examples: [
    'ecs instance vnc-password i-bp67acfmxazb4ph6xxxx',
    'ecs instance vnc-password i-bp67acfmxazb4ph6xxxx --password-file vnc.txt',
    'ecs instance vnc-password i-bp67acfmxazb4ph6xxxx --generate -o json',
  ],
});
