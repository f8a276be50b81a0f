// The Management Terminal (guide §8): DescribeInstanceVncUrl, and what a connection to the
// URL it answers would accept.
//
// - The URL is for a Running instance (Pending/Starting: InstanceNotReady; otherwise
//   IncorrectInstanceStatus). A new URL is issued on every call and is valid for 15 s
//   (API doc, 2021) for the first connection; the newest URL replaces the previous one.
// - The first connection shows the initial VNC password exactly once (L198, L1194: "一度しか
//   表示されません"; example 821561, 6 digits). The real console shows it in a dialog; the API
//   has no field for it, so the simulator answers it once in the simulator-only extension
//   `SimulatorExtensions.InitialVncPassword` (absent on the real service), and from then on
//   keeps only its salted hash.
// - A password changed with ModifyInstanceVncPasswd is pending until a reboot through the
//   API (model.ts applyPending): until then the URL keeps accepting the old password.

import { randomBytes, randomInt } from 'node:crypto';
import { ApiError } from '../../../core/errors.js';
import { regionOrThrow } from '../../catalogue/index.js';
import { hashSecret, verifySecret } from '../../password.js';
import { type ActionContext, defineHandlers } from '../../simulator.js';
import type { SimState } from '../../state.js';
import { instances, notFound, regionOf, type InstanceRecord } from './model.js';

/** How long a fresh VNC URL can be used for the first connection. */
export const VNC_URL_VALID_MS = 15_000;
const URL_PREFIX = 'wss://vnc.ecs-simulator.invalid/?s=';

export function describeInstanceVncUrl(c: ActionContext): Record<string, unknown> {
  regionOrThrow(c.regionId);
  const id = c.params.str('InstanceId', { required: true })!;
  const r = Object.hasOwn(c.state.instances, id) ? instances(c.state)[id] : undefined;
  if (!r || regionOf(r) !== c.regionId) throw notFound(id);
  if (r.status === 'Pending' || r.status === 'Starting') {
    throw new ApiError('InstanceNotReady', `The specified instance is not ready for use. (${id} is ${r.status})`, 403);
  }
  if (r.status !== 'Running' || r.lock) {
    throw new ApiError('IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${id} is ${r.status}; the Management Terminal needs a Running instance)`, 403);
  }
  const token = randomBytes(18).toString('base64url');
  r.vncTok = `${token}.${c.now.getTime()}`;
  const answer: Record<string, unknown> = { VncUrl: `${URL_PREFIX}${token}&instanceId=${r.id}` };
  if (r.vnc === undefined) {
    const initial = String(randomInt(0, 1_000_000)).padStart(6, '0');
    r.vnc = hashSecret(initial);
    answer.SimulatorExtensions = { InitialVncPassword: initial };
  }
  return answer;
}

/**
 * A first connection to a VNC URL with a password, as the Management Terminal would check
 * it: the URL must be the instance's newest and at most 15 s old, the instance Running, and
 * the password the one in effect (a pending change does not count until an API reboot).
 */
export function vncLogin(state: SimState, url: string, password: string, nowMs: number): { ok: true; instanceId: string } | { ok: false; reason: string } {
  const m = /^wss:\/\/vnc\.ecs-simulator\.invalid\/\?s=([A-Za-z0-9_-]{24})&instanceId=([A-Za-z0-9-]{1,64})$/.exec(url);
  if (!m) return { ok: false, reason: 'not a VNC URL of this simulator' };
  const [, token, id] = m as unknown as [string, string, string];
  const r: InstanceRecord | undefined = Object.hasOwn(state.instances, id) ? instances(state)[id] : undefined;
  if (!r || !r.vncTok) return { ok: false, reason: 'unknown URL' };
  const [tok, at] = r.vncTok.split('.');
  if (tok !== token) return { ok: false, reason: 'the URL was replaced by a newer one' };
  if (nowMs - Number(at) > VNC_URL_VALID_MS) return { ok: false, reason: 'the URL has expired (15 s)' };
  if (r.status !== 'Running') return { ok: false, reason: `the instance is ${r.status}` };
  if (!r.vnc || !verifySecret(password, r.vnc)) return { ok: false, reason: 'wrong VNC password' };
  return { ok: true, instanceId: r.id };
}

/** The handlers; their flags are in ../manifest.ts. */
export const handlers = defineHandlers({
  DescribeInstanceVncUrl: describeInstanceVncUrl,
});
