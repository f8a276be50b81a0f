import { auditPasswd } from '../../audit/passwd.js';
import { reportFindings } from '../../audit/report.js';
import { localSource } from '../../audit/source.js';
import { defineCommand } from '../types.js';
import { addFailOn, AUDIT_EXIT_HELP, auditProfile, profileOption } from './common.js';

export default defineCommand({
  sarif: true,
  configure(cmd) {
    cmd
      .argument('[file]', 'passwd file to audit', '/etc/passwd')
      .option('--shadow <file>', 'shadow file (default: /etc/shadow beside /etc/passwd, when readable)')
      .option('--uid-min <n>', 'first UID of regular users (login.defs UID_MIN)', (v: string) => Number(v), 1000);
    addFailOn(cmd);
    profileOption(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  sudo ecs audit passwd
  ecs audit passwd ./image-root/etc/passwd --shadow ./image-root/etc/shadow --image

Reports UID 0 accounts other than root (critical), system accounts with login shells,
duplicate UIDs and names, empty passwords (in passwd, or in shadow when it is readable).
--image (or --profile image) is the S001 "no preset credentials" profile: any account
with a password set is a finding there.
${AUDIT_EXIT_HELP}`,
    );
  },
  async run(ctx, [file], o) {
    const shadow = o.shadow ?? (file === '/etc/passwd' ? '/etc/shadow' : undefined);
    const findings = await auditPasswd(localSource(), { passwd: file, shadow }, { profile: o.image ? 'image' : auditProfile(o, ctx.globals), uidMin: o.uidMin });
    const code = await reportFindings(ctx, findings, { failOn: o.failOn });
    return code || (findings.some((f) => f.rule === 'FILE01' && f.file === file) ? 1 : 0);
  },
});
