import { readSshdConfig } from '../../audit/sshd-config.js';
import { reportFindings } from '../../audit/report.js';
import { localSource } from '../../audit/source.js';
import { defineCommand } from '../types.js';
import { addFailOn, AUDIT_EXIT_HELP } from './common.js';

export default defineCommand({
  sarif: true,
  configure(cmd) {
    cmd
      .argument('[file]', 'sshd_config to audit (default /etc/ssh/sshd_config, or DIR/etc/ssh/sshd_config with --root)')
      .option('--root <dir>', 'an extracted image or mounted disk: its sshd_config, and Include paths read under DIR')
      .option('--no-stat', 'skip the file mode and owner checks');
    addFailOn(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  ecs audit sshd-config
  ecs audit sshd-config --root ./image-root --fail-on high
  ecs audit sshd-config -o sarif > sshd.sarif

Keywords are case-insensitive and the first value wins; Include is expanded in place
(globs, relative to /etc/ssh) and Match blocks are followed: a weaker value in a Match
block is reported on its line. Where a keyword is absent OpenSSH's default counts
(PermitRootLogin prohibit-password and PasswordAuthentication yes are findings).
For the exact effective values of a running server use sshd -T.
${AUDIT_EXIT_HELP}`,
    );
  },
  async run(ctx, [fileArg], o) {
    const root = o.root ? String(o.root).replace(/\/+$/, '') : undefined;
    const file = fileArg ?? `${root ?? ''}/etc/ssh/sshd_config`;
    const { findings } = await readSshdConfig(localSource(), file, { noStat: o.stat === false, root });
    const code = await reportFindings(ctx, findings, { failOn: o.failOn });
    return code || (findings.some((f) => f.rule === 'FILE01' && f.file === file) ? 1 : 0);
  },
});
