// Endpoint resolution for the ECS OpenAPI, as the official SDK does it
// (ecs-openapi-protocol.md §1.1): an explicit endpoint wins; else the documented special
// cases; else ecs.<regionId>.aliyuncs.com.

import { UsageError } from '../core/errors.js';

/** Regions whose endpoint is not ecs.<region>.aliyuncs.com (SDK endpoint map, public ones). */
const SPECIAL: Record<string, string> = {
  'cn-hangzhou': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-shanghai-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-shenzhen-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-north-2-gov-1': 'ecs.aliyuncs.com',
  'cn-hangzhou-finance': 'ecs.aliyuncs.com',
  'cn-beijing-finance-pop': 'ecs.aliyuncs.com',
  'cn-beijing-gov-1': 'ecs.aliyuncs.com',
  'cn-hongkong-finance-pop': 'ecs.aliyuncs.com',
  'cn-fujian': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-wuhan': 'ecs.aliyuncs.com',
  'cn-zhangbei': 'ecs.aliyuncs.com',
  'cn-edge-1': 'ecs.cn-qingdao-nebula.aliyuncs.com',
  'ap-northeast-2-pop': 'ecs.aliyuncs.com',
  'rus-west-1-pop': 'ecs.aliyuncs.com',
};

export interface Endpoint {
  protocol: 'https:' | 'http:';
  host: string;
  port: number;
  /** host[:port] as sent in the Host header and signed. */
  hostHeader: string;
  loopback: boolean;
}

const REGION_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function regionEndpoint(regionId: string): string {
  if (!REGION_RE.test(regionId)) throw new UsageError(`invalid region "${regionId}" (e.g. cn-hangzhou)`);
  return SPECIAL[regionId] ?? `ecs.${regionId}.aliyuncs.com`;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Resolve where requests go. `override` is --endpoint / ECS_ENDPOINT / profile endpoint:
 * "host", "host:port", or a URL "http(s)://host[:port]". Plain HTTP is allowed only for
 * loopback hosts (the served simulator); a loopback endpoint without a scheme uses HTTP.
 */
export function resolveEndpoint(regionId: string, override?: string): Endpoint {
  let raw = override?.trim() || regionEndpoint(regionId);
  let protocol: 'https:' | 'http:' | undefined;
  const scheme = /^([a-z]+):\/\//i.exec(raw);
  if (scheme) {
    const s = scheme[1]!.toLowerCase();
    if (s !== 'http' && s !== 'https') throw new UsageError(`endpoint "${raw}": scheme must be https:// (or http:// for a loopback address)`);
    protocol = `${s}:` as 'https:' | 'http:';
    raw = raw.slice(scheme[0].length);
  }
  raw = raw.replace(/\/+$/, '');
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(raw);
  if (!m) throw new UsageError(`invalid endpoint "${override}" (expected host[:port], e.g. ecs.cn-hangzhou.aliyuncs.com or 127.0.0.1:8787)`);
  const host = m[1]!;
  const loopback = isLoopbackHost(host);
  protocol ??= loopback ? 'http:' : 'https:';
  if (protocol === 'http:' && !loopback) {
    throw new UsageError(`refusing plain HTTP to ${host}: credentials and passwords would travel unencrypted; use https:// (HTTP is allowed only for loopback endpoints such as 127.0.0.1)`);
  }
  const port = m[2] ? Number(m[2]) : protocol === 'https:' ? 443 : 80;
  if (!(port > 0 && port < 65536)) throw new UsageError(`invalid port in endpoint "${override}"`);
  const defaultPort = protocol === 'https:' ? 443 : 80;
  return { protocol, host: host.replace(/^\[|\]$/g, ''), port, hostHeader: port === defaultPort && !m[2] ? host : `${host}:${port}`, loopback };
}
