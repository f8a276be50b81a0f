// `[USER@]HOST[:PORT]` as the commands take it; IPv6 literals in brackets: `[::1]:2222`.

import { UsageError } from '../core/errors.js';

export interface Target {
  user: string;
  host: string;
  port: number;
  /** "user@host:port" as reported (Finding.host, summaries). */
  label: string;
}

// labels as resolvers accept them (underscores appear in internal names); no leading '-'
const HOST_RE = /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?)*\.?$/;
const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;

export function parseTarget(spec: string, defaults: { user: string; port?: number }): Target {
  const bad = (why: string) => new UsageError(`bad host ${JSON.stringify(spec.slice(0, 100))}: ${why} (expected [USER@]HOST[:PORT])`);
  let rest = spec;
  let user = defaults.user;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER_RE.test(user)) throw bad('invalid user name');
  }
  let host: string;
  let port = defaults.port ?? 22;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw bad('unclosed [');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after) {
      if (!after.startsWith(':')) throw bad('unexpected text after ]');
      portText = after.slice(1);
    }
    if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':')) throw bad('not an IPv6 address in brackets');
  } else {
    const colon = rest.indexOf(':');
    if (colon >= 0) {
      if (rest.indexOf(':', colon + 1) >= 0) throw bad('put an IPv6 address in brackets: [::1]:22');
      portText = rest.slice(colon + 1);
      host = rest.slice(0, colon);
    } else host = rest;
    if (!host || !HOST_RE.test(host)) throw bad('invalid host name');
  }
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) throw bad('port must be 1-65535');
    port = Number(portText);
  }
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return { user, host, port, label: `${user}@${hostPart}:${port}` };
}
