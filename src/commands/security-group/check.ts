import { InvalidArgumentError } from 'commander';
import { CliError, UsageError } from '../../core/errors.js';
import { rawCall } from '../builders/index.js';
import { addExamples } from '../builders/common.js';
import { checkAccess, CheckInputError } from '../../resources/sg-check.js';
import { parseIp, type FlowProtocol } from '../../resources/sg-eval.js';
import { ruleLine } from '../../resources/sg-rules.js';
import { defineCommand } from '../types.js';
import { choice } from './shared.js';

function ip(flag: string) {
  return (v: string) => {
    if (!parseIp(v)) throw new InvalidArgumentError(`${flag} must be an IPv4 or IPv6 address, got "${v}"`);
    return v;
  };
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

export default defineCommand({
  configure(cmd) {
    cmd
      .argument('<id>', 'a security group ID, or an instance ID (all its groups together)')
      .option('--from <ip>', 'the other end: the source of inbound traffic (or the destination, with --direction egress)', ip('--from'))
      .option('--to <ip>', 'the destination of outbound traffic (same as --from with --direction egress)', ip('--to'))
      .option('--port <port>', 'destination port (tcp, udp)', (v: string) => {
        if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535) throw new InvalidArgumentError(`--port must be a port from 1 to 65535, got "${v}"`);
        return Number(v);
      })
      .addOption(choice('--protocol <p>', 'tcp (default), udp, icmp, icmpv6 or gre', ['tcp', 'udp', 'icmp', 'icmpv6', 'gre'], 'tcp'))
      .addOption(choice('--direction <dir>', 'ingress (default) or egress', ['ingress', 'egress']))
      .option('--peer-group <id>', 'the other end is an instance in this security group (repeatable)', collect)
      .addOption(choice('--nic-type <type>', 'classic network groups: the NIC the packet uses (default: intranet for a private address, else internet)', ['internet', 'intranet']))
      .option('--reply', 'the packet answers a connection opened from the other side (groups are stateful)')
      .option('--port25-unblocked', 'the TCP 25 restriction has been lifted for this account');
    addExamples(
      cmd,
      [
        'ecs security-group check sg-bp67acfmxazb4ph6xxxx --from 203.0.113.9 --port 22',
        'ecs security-group check i-bp67acfmxazb4ph6xxxx --from 198.51.100.7 --port 3389 -o json',
        'ecs security-group check i-bp67acfmxazb4ph6xxxx --to 8.8.8.8 --protocol udp --port 53',
      ],
      `Prints the decision (accept or drop), the deciding rule and why: a lower priority number
wins; at equal priority drop beats accept; with no matching rule the group type's default
applies (basic: inbound dropped, outbound accepted; enterprise: everything dropped).
-o json: {"Decision": "accept"|"drop", "Rule": {...}|null, "Reason": "..."}.`,
    );
  },
  completion: { args: [{ resource: 'security-group' }], options: { '--peer-group': { resource: 'security-group' } } },
  async run(ctx, [id], o) {
    if (o.from !== undefined && o.to !== undefined) throw new UsageError('give --from (inbound) or --to (outbound), not both');
    const direction: 'ingress' | 'egress' = o.direction ?? (o.to !== undefined ? 'egress' : 'ingress');
    if (o.to !== undefined && direction === 'ingress') throw new UsageError('--to is for outbound traffic (--direction egress); inbound traffic takes --from');
    const peer = (o.from ?? o.to) as string | undefined;
    if (peer === undefined) throw new UsageError(direction === 'ingress' ? '--from IP is required (where the traffic comes from)' : '--to IP is required (where the traffic goes)');
    const protocol = o.protocol as FlowProtocol;
    if ((protocol === 'tcp' || protocol === 'udp') && o.port === undefined) throw new UsageError(`--port is required for ${protocol}`);
    if (!(protocol === 'tcp' || protocol === 'udp') && o.port !== undefined) throw new UsageError(`--port does not apply to ${protocol}`);
    const api = await ctx.api();
    const call = rawCall(api);
    let out;
    try {
      out = await checkAccess((a, p) => call(a, p as any, { signal: ctx.abort.signal }), { target: id, direction, protocol, port: o.port, ip: peer, peerGroups: o.peerGroup, nicType: o.nicType, reply: Boolean(o.reply), regionId: ctx.region }, { port25Blocked: !o.port25Unblocked });
    } catch (e) {
      if (e instanceof CheckInputError) throw new CliError(e.message, { code: /^no instance/.test(e.message) ? 'InvalidInstanceId.NotFound' : 'InvalidParameter' });
      throw e;
    }
    const result = { Decision: out.Decision, Rule: out.Rule, Reason: out.Reason };
    const f = ctx.outputFormat;
    if (ctx.globals.query || f === 'json' || f === 'yaml') {
      await ctx.renderRecord(result, [], id);
      return;
    }
    const what = `${direction === 'ingress' ? 'inbound' : 'outbound'} ${protocol}${o.port !== undefined ? ` port ${o.port}` : ''} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
    await ctx.renderRecord(result, [
      ['Decision', out.Decision],
      ['Traffic', what],
      ['Groups', out.SecurityGroupIds.join(', ')],
      ['Rule', out.Rule ? `${ruleLine(out.Rule)} in ${out.Rule.SecurityGroupId}${out.Rule.SecurityGroupRuleId ? ` [${out.Rule.SecurityGroupRuleId}]` : ''}` : 'none'],
      ['Why', out.Reason],
    ], id);
  },
});
