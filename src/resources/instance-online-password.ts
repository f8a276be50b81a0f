// Online password change through Cloud Assistant: RunCommand with the password passed as
// a command parameter (never inside the script text), then DescribeInvocations until the
// invocation finishes on the instance.

import type { EcsApi } from '../api/types.js';
import type { Context } from '../core/context.js';
import { CliError } from '../core/errors.js';
import { waitUntil } from '../core/waiter.js';

/** chpasswd reads "user:password" lines; the quoted heredoc keeps every character literal. */
export const LINUX_CHPASSWD = `#!/bin/sh
# ecs instance reset-password --mode online
set -e
id -u '{{user}}' >/dev/null
chpasswd <<'ECS_PASSWORD_EOF'
{{user}}:{{password}}
ECS_PASSWORD_EOF
echo "password of {{user}} changed"
`;

/**
 * net user with single-quoted PowerShell strings (no expansion); a ' inside a value is
 * doubled before it is passed (psQuote), as PowerShell reads ''.
 */
export const WINDOWS_NET_USER = `# ecs instance reset-password --mode online
net user '{{user}}' '{{password}}'
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Write-Output 'password changed'
`;

const psQuote = (s: string) => s.replace(/'/g, "''");

/** Per-instance statuses that are still in progress; anything else is final. */
const IN_PROGRESS = new Set(['', 'Pending', 'Scheduled', 'Running', 'Stopping']);

export interface OnlineResetOptions {
  instanceId: string;
  windows: boolean;
  user: string;
  password: string;
}

export async function onlinePasswordReset(ctx: Context, api: EcsApi, o: OnlineResetOptions): Promise<void> {
  const res = await api.call(
    'RunCommand',
    {
      RegionId: ctx.region,
      Name: 'ecs-reset-password',
      Description: 'Set a login password (ecs instance reset-password --mode online)',
      Type: o.windows ? 'RunPowerShellScript' : 'RunShellScript',
      CommandContent: o.windows ? WINDOWS_NET_USER : LINUX_CHPASSWD,
      ContentEncoding: 'PlainText',
      EnableParameter: true,
      Parameters: JSON.stringify(o.windows ? { user: psQuote(o.user), password: psQuote(o.password) } : { user: o.user, password: o.password }),
      InstanceId: [o.instanceId],
      Timeout: 60,
      KeepCommand: false,
    },
    { signal: ctx.abort.signal },
  );
  const invokeId = res.InvokeId;
  if (!invokeId) throw new CliError('RunCommand answered without an InvokeId', { code: 'InvalidResponse' });
  const inv = await waitUntil({
    what: `Cloud Assistant invocation ${invokeId} on ${o.instanceId}`,
    timeoutMs: Math.min(ctx.waitTimeoutMs, 5 * 60_000),
    signal: ctx.abort.signal,
    check: async () => {
      const r = await api.call('DescribeInvocations', { RegionId: ctx.region, InvokeId: invokeId, InstanceId: o.instanceId, IncludeOutput: true, ContentEncoding: 'PlainText' }, { signal: ctx.abort.signal });
      const i = r.Invocations?.Invocation?.[0];
      if (!i) return undefined;
      const per = (i.InvokeInstances?.InvokeInstance ?? []).find((x) => x.InstanceId === o.instanceId) ?? i.InvokeInstances?.InvokeInstance?.[0];
      const status = String(per?.InvocationStatus ?? i.InvocationStatus ?? i.InvokeStatus ?? '');
      return IN_PROGRESS.has(status) ? undefined : { status, per };
    },
  });
  if (inv.status !== 'Success' && inv.status !== 'Finished') {
    const p = inv.per ?? ({} as NonNullable<typeof inv.per>);
    const why = [p.ErrorCode, p.ErrorInfo, p.ExitCode !== undefined && p.ExitCode !== 0 ? `exit code ${p.ExitCode}` : ''].filter(Boolean).join(', ');
    throw new CliError(
      `online reset failed on ${o.instanceId} (invocation ${invokeId} ${inv.status}${why ? `: ${why}` : ''}); try --mode offline`,
      { code: p.ErrorCode || 'InvocationFailed' },
    );
  }
  if (inv.status === 'Finished' && inv.per?.ExitCode) {
    throw new CliError(`online reset failed on ${o.instanceId} (exit code ${inv.per.ExitCode}); try --mode offline`, { code: 'InvocationFailed' });
  }
}
