import { Option } from 'commander';
import type { Context } from '../../core/context.js';
import { CliError, UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { bulkError, DEFAULT_CONCURRENCY, runBulk, type BulkResult } from '../shared/bulk.js';
import { onlinePasswordReset } from '../shared/cloud-assistant.js';
import { confirmDestructive } from '../shared/confirm.js';
import { instancesById, isWindows, loginUser, waitForInstances, type Instance } from '../shared/instances.js';
import { positiveInt } from '../shared/parse.js';
import { adviseOnPassword, checkSecretFlags, generatePassword, readSecret, validateInstancePassword } from '../shared/secret.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<ids...>', 'instance IDs')
      .option('--password-stdin', 'read the new password from standard input')
      .option('--password-file <file>', 'read the new password from a file (mode 0600)')
      .option('--generate', 'generate a strong random password and print it once to stdout')
      .addOption(new Option('--password [value]', 'prompt for the password (the default; a value is refused)').hideHelp())
      .addOption(new Option('--mode <mode>', 'offline: API, takes effect after a reboot through the API; online: Cloud Assistant on a Running instance, no reboot').choices(['offline', 'online']).default('offline'))
      .option('--reboot', 'offline mode: reboot Running instances through the API right away (asks first; --yes in scripts)')
      .option('--user <name>', 'online mode: whose password to set (default: the login user, root or ecs-user)')
      .option('--concurrency <n>', 'instances handled at once', positiveInt('--concurrency', 1, 64), DEFAULT_CONCURRENCY)
      .addHelpText('after', `
The new password comes from a hidden prompt (asked twice), --password-stdin,
--password-file FILE or --generate; it is never taken on the command line. Rules: 8-30
characters, at least 3 of upper case, lower case, digits and ()\`~!@#$%^&*-_+=|{}[]:;'<>,.?/
(on Windows not starting with /). One result line per instance on stderr; stdout carries
only a --generate'd password (once, however many instances). Exit 1 if any instance failed.

Offline (default) sets the password through the API; it takes effect at the next reboot
through the API (ecs instance reboot, or --reboot here, with --wait to wait for Running).
Online runs a chpasswd (Linux) / net user (Windows) command through Cloud Assistant on a
Running instance: no reboot.

Examples:
  ecs instance reset-password i-bp67acfmxazb4ph6xxxx
  ecs instance reset-password i-bp67acfmxazb4ph6xxxx --password-file pw.txt --reboot --yes --wait
  PW=$(ecs instance reset-password i-bp1... i-bp2... --generate --mode online)`);
  },
  async run(ctx, [rawIds], o) {
    const ids = [...new Set(rawIds as string[])];
    const online = o.mode === 'online';
    if (online && o.reboot) throw new UsageError('--reboot is for --mode offline (an online reset needs no reboot)');
    if (!online && o.user !== undefined) throw new UsageError('--user is for --mode online (an offline reset sets the login user chosen at creation)');
    checkSecretFlags(o);
    if (o.reboot) await confirmDestructive(ctx, { verb: 'instance reset-password --reboot', action: 'Set a new password and reboot', ids, consequence: 'Services on it will be interrupted.' });
    const secret = (await readSecret(ctx, o, { what: 'new password', promptByDefault: true, generate: () => generatePassword(), validate: (v) => validateInstancePassword(v) }))!;
    validateInstancePassword(secret.value);
    adviseOnPassword(ctx, secret.value);

    const api = await ctx.api();
    const found = await instancesById(ctx, api, ids);
    const rebooted: string[] = [];
    const handle = async (id: string): Promise<string> => {
      const inst = found.get(id);
      if (!inst) throw new CliError(`instance ${id} does not exist in region ${ctx.region}`, { code: 'InvalidInstanceId.NotFound' });
      if (isWindows(inst)) validateInstancePassword(secret.value, { windows: true });
      if (online) return resetOnline(ctx, inst, secret.value, o.user);
      await api.call('ModifyInstanceAttribute', { InstanceId: id, Password: secret.value }, { signal: ctx.abort.signal });
      const user = loginUser(inst);
      if (!o.reboot) return `password of ${user} set; takes effect after a reboot through the API (ecs instance reboot ${id})`;
      if (inst.Status !== 'Running') return `password of ${user} set; instance is ${inst.Status}: it takes effect when started through the API`;
      await api.call('RebootInstance', { InstanceId: id }, { signal: ctx.abort.signal });
      rebooted.push(id);
      return `password of ${user} set; rebooting to apply it`;
    };
    async function resetOnline(c: Context, inst: Instance, password: string, userOpt?: string): Promise<string> {
      const login = loginUser(inst);
      const user = userOpt ?? login;
      if (inst.ImageOptions?.LoginAsNonRoot && user === 'root') {
        throw new CliError(`${inst.InstanceId} logs in as ecs-user (LoginAsNonRoot): the root password cannot be reset`, { code: 'OperationDenied.LoginAsNonRoot' });
      }
      await onlinePasswordReset(c, api, { instanceId: inst.InstanceId, windows: isWindows(inst), user, password });
      return `password of ${user} changed online (no reboot needed)`;
    }

    const results: BulkResult[] = await runBulk(ctx, ids, handle, { concurrency: o.concurrency });
    let waitError: unknown;
    if (ctx.globals.wait && rebooted.length) {
      try {
        await waitForInstances(ctx, api, rebooted, 'Running');
        for (const r of results) if (rebooted.includes(r.Id)) r.Result = r.Result.replace('rebooting to apply it', 'rebooted: in effect');
      } catch (e) {
        waitError = e;
      }
    }
    // stdout: only the generated password, once, and only if some instance got it.
    if (secret.generated && results.some((r) => r.Ok)) ctx.io.stdout.write(secret.value + '\n');
    const err = bulkError(results, 'ecs instance reset-password');
    if (!(err && results.length === 1)) {
      for (const r of results) {
        if (r.Ok) ctx.note(`${r.Id}: ${r.Result}`);
        else ctx.io.stderr.write(`${r.Id}: failed: ${r.Message}${r.Code && !r.Message?.includes(r.Code) ? ` (${r.Code})` : ''}\n`);
      }
    }
    if (err) throw err;
    if (waitError) throw waitError;
  },
});
