import type { Context } from '../../core/context.js';
import { CliError, ExitCode } from '../../core/errors.js';
import { auditHostFiles, type Finding } from '../../audit/index.js';
import { reportFindings, summary } from '../../audit/report.js';
import { localSource } from '../../audit/source.js';
import { accountKeyPairs, readAllowList } from './authorized-keys.js';
import { addFailOn, auditProfile, profileOption } from './common.js';
import { credentials, knownHostsFile, mapLimit, sshFlags, sshOptions, targets, withSession } from '../../ssh/cli.js';
import { sftpSource } from '../../ssh/source.js';
import { clean } from '../../ssh/text.js';
import type { Target } from '../../ssh/target.js';
import { defineCommand } from '../types.js';
import { positiveInt } from '../shared/parse.js';


export interface HostResult {
  host: string;
  ok: boolean;
  findings: Finding[];
  error?: string;
  code?: string;
  exitCode?: number;
}

export default defineCommand({
  sarif: true,
  configure(cmd) {
    cmd
      .argument('<hosts...>', '[USER@]HOST[:PORT] (IPv6: [::1]:22)')
      .option('--concurrency <n>', 'hosts audited at once', positiveInt('--concurrency', 1, 256), 10)
      .option('--sshd-config <path>', 'sshd_config on the hosts (default /etc/ssh/sshd_config)')
      .option('--passwd <path>', 'passwd file on the hosts (default /etc/passwd)')
      .option('--shadow <path>', 'shadow file on the hosts (default /etc/shadow, when readable)')
      .option('--allow <file>', 'allow-list (local file): keys or SHA256:/MD5: fingerprints; other keys on the hosts are findings')
      .option('--keypairs', "compare the hosts' keys with the account's key pairs (DescribeKeyPairs through the backend)");
    addFailOn(cmd);
    profileOption(cmd);
    sshOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Reads sshd_config (Include and Match followed), /etc/passwd (and /etc/shadow when readable)
and every account's authorized_keys with the modes of the directories up to its home, over
SFTP, and runs the same rules as the local audits. --sudo reads what the login user may not
with \`sudo -n cat\` (never asks for a password); logged in as root it is not needed.

Host keys are checked against ~/.ssh/known_hosts (hashed entries and [host]:port included):
an unknown host is refused unless --accept-new (which adds it); a changed key is always
refused. Logs in with --identity (PEM, OpenSSH, PPK v2/v3) or ~/.ssh/id_*, the ssh-agent,
then a password from --password-file, --password-stdin or a prompt (never argv).

Hosts are audited --concurrency at a time, each within --timeout seconds. A host that cannot
be reached or logged into is reported on stderr (one line) and counted; the others go on.
Each host gets a summary line on stderr; stdout carries the findings (-o json: an array of
findings, each with "host"). Text from the hosts is stripped of control characters.

Exit codes: 0 ok; 3 a finding at or above --fail-on; 1 a host could not be audited (and no
finding reached --fail-on); 2 usage; 4 authentication failed on every host.

Examples:
  ecs audit host root@10.0.0.5 admin@10.0.0.6:2222 --identity ~/.ssh/ecs.pem
  ecs audit host web1 web2 web3 --sudo --concurrency 20 --fail-on high -o json
  ecs audit host 192.0.2.10 --accept-new --password-file pw.txt --login-user root
  ecs audit host root@10.0.0.5 --allow approved.pub     # keys not in approved.pub are findings
  ecs audit host root@10.0.0.5 --keypairs --region cn-hangzhou`,
    );
  },
  async run(ctx, [hosts], o) {
    const flags = sshFlags(o);
    const list = targets(ctx, hosts as string[], flags);
    const allow = o.allow ? await readAllowList(localSource(), o.allow) : undefined;
    const keypairs = o.keypairs ? await accountKeyPairs(ctx) : undefined;
    const creds = await credentials(ctx, flags);
    const results = await auditHosts(ctx, list, {
      session: { ctx, flags, creds, knownHosts: knownHostsFile(ctx, flags) },
      concurrency: o.concurrency,
      sudo: Boolean(o.sudo),
      files: { sshdConfig: o.sshdConfig, passwd: o.passwd, shadow: o.shadow, profile: o.image ? 'image' : auditProfile(o, ctx.globals), allow, keypairs },
    });
    const findings = results.flatMap((r) => r.findings);
    const failed = results.filter((r) => !r.ok);
    // no host audited: a table would only say "no findings", which is not what happened
    const code = failed.length === results.length && ctx.outputFormat === 'table' && !ctx.globals.query ? 0 : await reportFindings(ctx, findings, { failOn: o.failOn });
    ctx.note(`${results.length} host${results.length === 1 ? '' : 's'}: ${results.length - failed.length} audited, ${failed.length} failed`);
    if (code) return code;
    if (failed.length) return failed.every((r) => r.exitCode === ExitCode.AUTH) ? ExitCode.AUTH : ExitCode.FAILURE;
    return 0;
  },
});

export interface AuditHostsOptions {
  session: Parameters<typeof withSession>[1];
  concurrency: number;
  sudo: boolean;
  files: { sshdConfig?: string; passwd?: string; shadow?: string; profile?: 'instance' | 'image'; allow?: ReadonlySet<string>; keypairs?: ReadonlySet<string> };
}

/** Audit every target, `concurrency` at a time; a failed host is a result, not an exception. */
export async function auditHosts(ctx: Context, list: Target[], o: AuditHostsOptions): Promise<HostResult[]> {
  let done = 0;
  const progress = await ctx.progress(`Auditing ${list.length} host${list.length === 1 ? '' : 's'}`);
  const lines: { line: string; error: boolean }[] = [];
  const say = (line: string, error = false) => {
    // on a terminal the spinner owns the line: print results after it
    if (ctx.io.stderrIsTTY) lines.push({ line, error });
    else if (error) ctx.io.stderr.write(`${line}\n`);
    else ctx.note(line);
  };
  const results = await mapLimit(list, o.concurrency, async (t): Promise<HostResult> => {
    let r: HostResult;
    if (ctx.abort.signal.aborted) return { host: t.label, ok: false, findings: [], error: 'not audited (interrupted)', code: 'Interrupted', exitCode: 130 };
    try {
      const findings = await withSession(t, o.session, async (s) => {
        const src = sftpSource(s, { sudo: o.sudo });
        return auditHostFiles(src, o.files);
      }, { interruptible: true });
      for (const f of findings) {
        f.host = t.label;
        f.message = clean(f.message, 2000);
        f.fix = clean(f.fix, 2000);
        f.file = clean(f.file, 500);
      }
      r = { host: t.label, ok: true, findings };
      say(`${t.label}: ${summary(findings)}`);
    } catch (e) {
      const err = e instanceof CliError ? e : new CliError(clean((e as Error).message ?? String(e)));
      const msg = clean(err.message.startsWith(t.label) ? err.message : `${t.label}: ${err.message}`);
      r = { host: t.label, ok: false, findings: [], error: msg, code: err.code, exitCode: err.exitCode };
      say(`error: ${msg}`, true);
    }
    done++;
    progress.update(`Auditing ${list.length} hosts: ${done} done`);
    return r;
  });
  const failed = results.filter((r) => !r.ok).length;
  if (ctx.io.stderrIsTTY) {
    progress.succeed(`Audited ${list.length - failed} of ${list.length} host${list.length === 1 ? '' : 's'}`);
    for (const l of lines) if (l.error || !ctx.quiet) ctx.io.stderr.write(`${l.line}\n`);
  }
  return results;
}
