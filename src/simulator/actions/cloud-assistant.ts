// Cloud Assistant as far as the instance lifecycle needs it: RunCommand,
// DescribeInvocations, DescribeInvocationResults, DescribeCloudAssistantStatus.
//
// Online password reset. The real ECS API has no ResetPassword action; the console's
// "online reset" (ecs-security-spec.md §1.2) sends a Cloud Assistant command that changes
// the password inside the running OS, no reboot (OOS template
// ACS-ECS-BulkyModifyUserPasswordByCloudAssistantKeyPair does the same through
// RunCommand). The simulator runs no OS, so it recognises the password-change scripts a
// client sends and applies them to the instance's stored (salted-hash) passwords at once:
//   Linux  (RunShellScript):      echo 'user:password' | chpasswd   (also printf …, <<< and here-documents)
//   Windows (RunPowerShellScript / RunBatScript): net user USER PASSWORD
// It needs a Running instance with the agent installed; otherwise the invocation is
// Aborted per instance (InstanceNotRunning / ClientNotRunning), as the real service reports.
// Documented rule kept here too: on an instance created with ImageOptions.LoginAsNonRoot the
// root password cannot be reset (the script fails with exit code 1).
// Secrets are never stored: the stored command content and parameters of a recognised
// password change have the password replaced by ******.

import { ApiError } from '../../core/errors.js';
import { regionOrThrow } from '../catalogue/index.js';
import { newId } from '../ids.js';
import { hashSecret, passwordProblem } from '../password.js';
import { type ActionContext, defineHandlers } from '../simulator.js';
import type { SimState } from '../state.js';
import { instances, loginUser, recordsByIds, regionOf, secondIso, type InstanceRecord } from './instances/model.js';
import { linuxPasswordChanges, mask, windowsPasswordChanges, type PasswordChange } from './cloud-assistant-scripts.js';
import { pageOf } from '../paging.js';
import { own } from '../own.js';
import { indexed, recordsBy } from '../lookup.js';
import { INVOCATION_BY_INSTANCE } from '../indexes.js';

const RUN_SECONDS = 2;
const AGENT_VERSION = '2.2.3.857';

interface InvokeInstanceRec {
  id: string;
  /** start / end (ms) */
  s: number;
  e: number;
  /** Final per-instance status. */
  o: 'Success' | 'Failed' | 'Aborted';
  x?: number;
  out?: string;
  ec?: string;
  ei?: string;
}

interface InvocationRec {
  id: string;
  cmd: string;
  region: string;
  name: string;
  desc?: string;
  type: string;
  /** Base64 command content (secrets masked). */
  content: string;
  params?: string;
  timeout: number;
  user?: string;
  ct: number;
  inst: InvokeInstanceRec[];
}

function invocations(state: SimState): Record<string, InvocationRec> {
  state.invocations ??= {};
  return state.invocations as Record<string, InvocationRec>;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function knownUsers(r: InstanceRecord): Set<string> {
  const users = new Set<string>(Object.keys(r.pw ?? {}));
  users.add(loginUser(r));
  if (r.os === 'linux') users.add('root');
  return users;
}

/** Run the recognised parts of a script on one instance; returns exit code and output. */
function execute(r: InstanceRecord, changes: PasswordChange[]): { exit: number; out: string } {
  const users = knownUsers(r);
  let out = '';
  for (const ch of changes) {
    if (r.os === 'windows') {
      if (![...users].some((u) => u.toLowerCase() === ch.user.toLowerCase())) {
        return { exit: 2, out: out + 'The user name could not be found.\r\n\r\nMore help is available by typing NET HELPMSG 2221.\r\n' };
      }
      if (passwordProblem(ch.password, 'windows')) {
        return {
          exit: 2,
          out: out + 'The password does not meet the password policy requirements. Check the minimum password length, password complexity and password history requirements.\r\n\r\nMore help is available by typing NET HELPMSG 2245.\r\n',
        };
      }
      const user = [...users].find((u) => u.toLowerCase() === ch.user.toLowerCase())!;
      r.pw = { ...(r.pw ?? {}), [user]: hashSecret(ch.password) };
      out += 'The command completed successfully.\r\n\r\n';
    } else {
      if (ch.user === 'root' && r.nonRoot) {
        return { exit: 1, out: out + 'chpasswd: the root password cannot be reset on an instance that logs on as ecs-user (ImageOptions.LoginAsNonRoot)\n' };
      }
      if (!users.has(ch.user)) {
        return { exit: 1, out: out + `chpasswd: (user ${ch.user}) pam_chauthtok() failed, error:\nAuthentication token manipulation error\nchpasswd: (line 1, user ${ch.user}) password not changed\n` };
      }
      r.pw = { ...(r.pw ?? {}), [ch.user]: hashSecret(ch.password) };
    }
  }
  return { exit: 0, out };
}

function runCommand(c: ActionContext): Record<string, unknown> {
  const { params: p, state, now } = c;
  regionOrThrow(c.regionId);
  const type = p.str('Type', { required: true });
  if (!['RunShellScript', 'RunPowerShellScript', 'RunBatScript'].includes(type)) throw new ApiError('InvalidCmdType.NotFound', 'The specified command type does not exist.', 403);
  const raw = p.str('CommandContent', { required: true });
  const encoding = p.str('ContentEncoding') ?? 'PlainText';
  if (encoding !== 'PlainText' && encoding !== 'Base64') throw new ApiError('InvalidParameter', 'The specified parameter "ContentEncoding" is not valid. (PlainText or Base64)', 400);
  if (encoding === 'Base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(raw.replace(/\s/g, ''))) {
    throw new ApiError('InvalidParameter', 'The specified parameter "CommandContent" is not valid Base64.', 400);
  }
  const content = encoding === 'Base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (b64(content).length > 18 * 1024) throw new ApiError('CmdContent.ExceedLimit', 'The maximum length of a command is exceeded.', 403);
  const name = p.str('Name') ?? `command-${now.getTime()}`;
  if (name.length > 128) throw new ApiError('CmdName.ExceedLimit', 'The length of the command name exceeds the upper limit.', 403);
  const desc = p.str('Description');
  if (desc && desc.length > 512) throw new ApiError('CmdDesc.ExceedLimit', 'The length of the command description exceeds the upper limit.', 403);
  const user = p.str('Username');
  if (user && user.length > 255) throw new ApiError('Username.ExceedLimit', 'The length of the username exceeds the upper limit.', 403);
  const timeout = p.int('Timeout', { min: 10, max: 86400, default: 60 })!;
  const repeat = p.str('RepeatMode') ?? 'Once';
  if (repeat !== 'Once') throw new ApiError('InvalidParameter', `The simulator runs commands with RepeatMode Once only (got ${repeat}).`, 400);
  const enableParameter = p.bool('EnableParameter');
  const parameters = p.jsonObject('Parameters');
  if (parameters && !enableParameter) throw new ApiError('Parameter.Disabled', 'Parameters cannot be passed in when the command customization function is disabled.', 404);
  let script = content;
  if (enableParameter) {
    const names = [...new Set([...content.matchAll(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g)].map((m) => m[1]!))];
    const given = parameters ?? {};
    for (const n of names) if (!(n in given)) throw new ApiError('Parameter.NotMatched', 'The passed-in parameters do not match the parameters defined when you created the command.', 403);
    script = content.replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (_, n: string) => String(given[n]));
  }
  const ids = p.repeat('InstanceId');
  if (!ids.length) throw new ApiError('MissingParameter', 'The input parameter "InstanceId.N" that is mandatory for processing this request is not supplied.', 400);
  if (ids.length > 100) throw new ApiError('InstanceIds.ExceedLimit', 'The number of instance IDs exceeds the upper limit.', 403);
  const recs = ids.map((id) => {
    const r = own(instances(state), id);
    if (!r || regionOf(r) !== c.regionId) throw new ApiError('InvalidInstance.NotFound', `The specified instance does not exist. (${id})`, 404);
    const wantsWindows = type !== 'RunShellScript';
    if ((r.os === 'windows') !== wantsWindows) throw new ApiError('InvalidInstance.NotMatch', `The specified instance type does not match the command. (${id} is ${r.os}; ${type})`, 403);
    return r;
  });

  const changes = type === 'RunShellScript' ? linuxPasswordChanges(script) : windowsPasswordChanges(script, type);
  const secrets = changes.map((ch) => ch.password);
  const nowMs = now.getTime();
  const end = nowMs + Math.round(RUN_SECONDS * 1000 * c.scale);
  const inst: InvokeInstanceRec[] = recs.map((r) => {
    if (r.status !== 'Running') return { id: r.id, s: nowMs, e: nowMs, o: 'Aborted', ec: 'InstanceNotRunning', ei: 'the instance is not running when create task' };
    if (r.noCa) return { id: r.id, s: nowMs, e: nowMs, o: 'Aborted', ec: 'ClientNotRunning', ei: 'the aliyun service is not running on the instance' };
    const { exit, out } = execute(r, changes);
    const rec: InvokeInstanceRec = { id: r.id, s: nowMs, e: end, o: exit === 0 ? 'Success' : 'Failed', x: exit };
    if (out) rec.out = mask(out, secrets);
    if (exit !== 0) {
      rec.ec = 'ExitCodeNonzero';
      rec.ei = 'the command execution exit code is not zero';
    }
    return rec;
  });
  const invokeId = newId('t', c.regionId);
  const commandId = newId('c', c.regionId);
  const inv: InvocationRec = { id: invokeId, cmd: commandId, region: c.regionId, name, type, content: b64(mask(content, secrets)), timeout, ct: nowMs, inst };
  if (desc) inv.desc = desc;
  if (user) inv.user = user;
  if (parameters) {
    // With a recognised password change, every parameter value other than a user name is
    // hidden (a value may hold the password in an escaped form).
    const users = new Set(changes.map((ch) => ch.user));
    const shown = changes.length ? Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, users.has(String(v)) ? v : '******'])) : parameters;
    inv.params = mask(JSON.stringify(shown), secrets);
  }
  invocations(state)[invokeId] = inv;
  return { CommandId: commandId, InvokeId: invokeId };
}

// ---- views ----------------------------------------------------------------------------

function instanceStatus(i: InvokeInstanceRec, nowMs: number): string {
  if (i.o !== 'Aborted' && nowMs < i.e) return 'Running';
  return i.o;
}

function overallStatus(inv: InvocationRec, nowMs: number): string {
  const s = inv.inst.map((i) => instanceStatus(i, nowMs));
  if (s.some((x) => x === 'Running')) return 'Running';
  if (s.every((x) => x === 'Success')) return 'Success';
  if (s.every((x) => x !== 'Success')) return 'Failed';
  return 'PartialFailed';
}

/** The legacy InvokeStatus / InstanceInvokeStatus values. */
function legacyStatus(s: string): string {
  return s === 'Success' ? 'Finished' : s === 'PartialFailed' ? 'PartialFinished' : s === 'Aborted' ? 'Failed' : s;
}

function encodeOut(text: string | undefined, encoding: string): string {
  const t = text ?? '';
  return encoding === 'PlainText' ? t : b64(t);
}

function contentOut(inv: InvocationRec, encoding: string): string {
  return encoding === 'PlainText' ? Buffer.from(inv.content, 'base64').toString('utf8') : inv.content;
}

function invokeInstanceView(i: InvokeInstanceRec, nowMs: number, includeOutput: boolean, encoding: string): Record<string, unknown> {
  const s = instanceStatus(i, nowMs);
  const done = s !== 'Running';
  return {
    InstanceId: i.id,
    InvocationStatus: s,
    InstanceInvokeStatus: legacyStatus(s),
    CreationTime: secondIso(i.s),
    StartTime: i.o === 'Aborted' ? '' : secondIso(i.s),
    FinishTime: done ? secondIso(i.e) : '',
    StopTime: '',
    UpdateTime: secondIso(done ? i.e : nowMs),
    ExitCode: done && i.x !== undefined ? i.x : 0,
    ErrorCode: done ? (i.ec ?? '') : '',
    ErrorInfo: done ? (i.ei ?? '') : '',
    Output: includeOutput && done ? encodeOut(i.out, encoding) : '',
    Dropped: 0,
    Repeats: 1,
    Timed: false,
  };
}

function list(c: ActionContext): InvocationRec[] {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const invokeId = p.str('InvokeId');
  const commandId = p.str('CommandId');
  const instanceId = p.str('InstanceId');
  const type = p.str('CommandType');
  const name = p.str('CommandName');
  // By InvokeId: that record; by InstanceId: that instance's invocations (the index).
  const coll = invocations(state);
  const all = invokeId ? [own(coll, invokeId)].filter((inv): inv is InvocationRec => inv !== undefined) : instanceId ? recordsBy<InvocationRec>(state, INVOCATION_BY_INSTANCE, instanceId) : Object.values(coll);
  const out: InvocationRec[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const inv = all[i]!;
    if (inv.region !== c.regionId) continue;
    if (invokeId && inv.id !== invokeId) continue;
    if (commandId && inv.cmd !== commandId) continue;
    if (type && inv.type !== type) continue;
    if (name && inv.name !== name) continue;
    if (instanceId && !inv.inst.some((x) => x.id === instanceId)) continue;
    out.push(inv);
  }
  return out;
}

function describeInvocations(c: ActionContext): Record<string, unknown> {
  const { params: p } = c;
  const nowMs = c.now.getTime();
  const status = p.str('InvokeStatus');
  const encoding = p.str('ContentEncoding') ?? 'Base64';
  const includeOutput = p.bool('IncludeOutput');
  const instanceId = p.str('InstanceId');
  const hits = list(c).filter((inv) => !status || overallStatus(inv, nowMs) === status || legacyStatus(overallStatus(inv, nowMs)) === status);
  const page = pageOf(p, hits.length, { defaultSize: 10, maxSize: 50, maxResultsMax: 50 });
  const items = hits.slice(page.start, page.end).map((inv) => {
    const s = overallStatus(inv, nowMs);
    return {
      InvokeId: inv.id,
      CommandId: inv.cmd,
      CommandName: inv.name,
      CommandDescription: inv.desc ?? '',
      CommandType: inv.type,
      CommandContent: contentOut(inv, encoding),
      Parameters: inv.params ?? '{}',
      CreationTime: secondIso(inv.ct),
      InvocationStatus: s,
      InvokeStatus: legacyStatus(s),
      RepeatMode: 'Once',
      Frequency: '',
      Timed: false,
      Timeout: inv.timeout,
      Username: inv.user ?? '',
      WorkingDir: '',
      Launcher: '',
      ContainerId: '',
      ContainerName: '',
      TerminationMode: 'Process',
      Tags: { Tag: [] },
      InvokeInstances: {
        InvokeInstance: inv.inst.filter((x) => !instanceId || x.id === instanceId).map((x) => invokeInstanceView(x, nowMs, includeOutput, encoding)),
      },
    };
  });
  return { Invocations: { Invocation: items }, TotalCount: hits.length, ...page.fields };
}

function describeInvocationResults(c: ActionContext): Record<string, unknown> {
  const { params: p } = c;
  const nowMs = c.now.getTime();
  const encoding = p.str('ContentEncoding') ?? 'Base64';
  const instanceId = p.str('InstanceId');
  const status = p.str('InvokeRecordStatus');
  const rows: Record<string, unknown>[] = [];
  for (const inv of list(c)) {
    for (const x of inv.inst) {
      if (instanceId && x.id !== instanceId) continue;
      const v = invokeInstanceView(x, nowMs, true, encoding);
      const s = v.InvocationStatus as string;
      const record = s === 'Running' ? 'Running' : s === 'Success' ? 'Finished' : 'Failed';
      if (status && status !== record && status !== s) continue;
      rows.push({
        InvokeId: inv.id,
        CommandId: inv.cmd,
        InstanceId: x.id,
        InvocationStatus: s,
        InvokeRecordStatus: record,
        ExitCode: v.ExitCode,
        ErrorCode: v.ErrorCode,
        ErrorInfo: v.ErrorInfo,
        Output: v.Output,
        StartTime: v.StartTime,
        FinishedTime: v.FinishTime,
        StopTime: '',
        Dropped: 0,
        Repeats: 1,
        Username: inv.user ?? '',
        ContainerId: '',
        ContainerName: '',
        Launcher: '',
        TerminationMode: 'Process',
        Tags: { Tag: [] },
      });
    }
  }
  const page = pageOf(p, rows.length, { defaultSize: 10, maxSize: 50, maxResultsMax: 50 });
  const f = page.fields;
  return {
    Invocation: {
      InvocationResults: { InvocationResult: rows.slice(page.start, page.end) },
      TotalCount: rows.length,
      ...(f.NextToken !== undefined ? { NextToken: f.NextToken } : { PageNumber: f.PageNumber, PageSize: f.PageSize }),
    },
  };
}

function describeCloudAssistantStatus(c: ActionContext): Record<string, unknown> {
  const { params: p, state } = c;
  regionOrThrow(c.regionId);
  const nowMs = c.now.getTime();
  const ids = p.repeat('InstanceId');
  const os = p.str('OSType');
  const idSet = ids.length ? new Set(ids) : undefined;
  const all = idSet ? recordsByIds<InstanceRecord>(state, 'instances', idSet) : Object.values(instances(state));
  const recs: InstanceRecord[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const r = all[i]!;
    if (regionOf(r) !== c.regionId || (idSet && !idSet.has(r.id)) || (os && r.os !== os.toLowerCase())) continue;
    recs.push(r);
  }
  // Invocation counts for the instances shown: from their invocations (the index), or from
  // one pass over the invocations on a plain state.
  type Stats = { count: number; active: number; last: number };
  const add = (stats: Map<string, Stats>, x: InvokeInstanceRec) => {
    const s = stats.get(x.id) ?? { count: 0, active: 0, last: 0 };
    s.count++;
    if (instanceStatus(x, nowMs) === 'Running') s.active++;
    s.last = Math.max(s.last, x.s);
    stats.set(x.id, s);
  };
  let every: Map<string, Stats> | undefined;
  if (!indexed(state, 'invocations')) {
    every = new Map();
    for (const inv of Object.values(invocations(state))) for (const x of inv.inst) add(every, x);
  }
  const statsOf = (id: string): Stats | undefined => {
    if (every) return every.get(id);
    const one = new Map<string, Stats>();
    for (const inv of recordsBy<InvocationRec>(state, INVOCATION_BY_INSTANCE, id)) for (const x of inv.inst) if (x.id === id) add(one, x);
    return one.get(id);
  };
  const page = pageOf(p, recs.length, { defaultSize: 10, maxSize: 50, maxResultsMax: 50 });
  const items = recs.slice(page.start, page.end).map((r) => {
    const s = typeof r.id === 'string' ? statsOf(r.id) : undefined;
    const online = !r.noCa && r.status === 'Running';
    return {
      InstanceId: r.id,
      OSType: r.os === 'windows' ? 'Windows' : 'Linux',
      CloudAssistantStatus: online ? 'true' : 'false',
      CloudAssistantVersion: r.noCa ? '' : AGENT_VERSION,
      InvocationCount: s?.count ?? 0,
      ActiveTaskCount: s?.active ?? 0,
      LastInvokedTime: s ? secondIso(s.last) : '',
      LastHeartbeatTime: online ? secondIso(nowMs) : '',
      SupportSessionManager: !r.noCa,
    };
  });
  return { InstanceCloudAssistantStatusSet: { InstanceCloudAssistantStatus: items }, TotalCount: recs.length, ...page.fields };
}

/** The handlers; their flags are in manifest.ts. */
export const handlers = defineHandlers({
  RunCommand: runCommand,
  DescribeInvocations: describeInvocations,
  DescribeInvocationResults: describeInvocationResults,
  DescribeCloudAssistantStatus: describeCloudAssistantStatus,
});
