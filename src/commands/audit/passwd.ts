import { auditPasswd, readPasswdEntries } from '../../audit/passwd.js';
import { Findings } from '../../audit/findings.js';
import { checkHistories } from '../../audit/host-files.js';
import { reportFindings } from '../../audit/report.js';
import { localSource } from '../../audit/source.js';
import { positiveInt } from '../shared/parse.js';
import { defineCommand } from '../types.js';
import { addFailOn, AUDIT_EXIT_HELP, auditProfile, profileOption } from './common.js';

export default defineCommand({
  sarif: true,
  configure(cmd) {
    cmd
      .argument('[file]', 'passwd file to audit (default /etc/passwd, or DIR/etc/passwd with --root)')
      .option('--shadow <file>', 'shadow file (default: /etc/shadow beside /etc/passwd, when readable)')
      .option('--root <dir>', 'an extracted image or mounted disk: DIR/etc/passwd, DIR/etc/shadow, and (with --image) the homes under DIR')
      .option('--uid-min <n>', 'first UID of regular users (login.defs UID_MIN)', positiveInt('--uid-min', 1, 4294967294), 1000);
    addFailOn(cmd);
    profileOption(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  sudo ecs audit passwd
  ecs audit passwd --root ./image-root --image

Reports UID 0 accounts other than root (critical), system accounts with login shells,
duplicate UIDs and names, empty passwords (in passwd, or in shadow when it is readable).
--image (or --profile image) is the S001 "no preset credentials" profile: any account
with a password set, and shell history left in the homes, are findings there. --root DIR
audits an extracted image or mounted disk (DIR/etc/passwd, DIR/etc/shadow, DIR/home/...).
${AUDIT_EXIT_HELP}`,
    );
  },
  async run(ctx, [fileArg], o) {
    const root = o.root ? String(o.root).replace(/\/+$/, '') : '';
    const file = fileArg ?? `${root}/etc/passwd`;
    const shadow = o.shadow ?? (fileArg === undefined ? `${root}/etc/shadow` : undefined);
    const profile = o.image ? 'image' : auditProfile(o, ctx.globals);
    const src = localSource();
    const findings = await auditPasswd(src, { passwd: file, shadow }, { profile, uidMin: o.uidMin });
    if (profile === 'image') {
      // S001 also means no shell history left in the homes
      const extra = new Findings('');
      const homes = new Set((await readPasswdEntries(src, file)).map((e) => e.home).filter((h) => h && h !== '/'));
      for (const h of homes) await checkHistories(src, h, extra, root);
      findings.push(...extra.list);
    }
    const code = await reportFindings(ctx, findings, { failOn: o.failOn });
    return code || (findings.some((f) => f.rule === 'FILE01' && f.file === file) ? 1 : 0);
  },
});
