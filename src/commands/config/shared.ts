// What the config verbs share: profile-name and value validation, the settable keys,
// secret masking and reading a secret from stdin or a file (never from argv).

import { readFileSync, statSync } from 'node:fs';
import type { Profile } from '../../core/config.js';
import type { Context } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import { readAll } from '../../core/io.js';
import { REGIONS } from '../../simulator/catalogue/regions.js';

export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME_RE.test(name) || name === '__proto__') {
    throw new UsageError(`invalid profile name "${name}" (letters, digits, "-", "_", "."; up to 64 characters)`);
  }
  return name;
}

export function checkBackend(v: string): 'simulator' | 'remote' {
  if (v === 'simulator' || v === 'remote') return v;
  throw new UsageError(`invalid backend "${v}" (choose simulator or remote)`);
}

/** A region ID the catalogue knows (the list `ecs region list` prints): a typo stored in a profile would fail every later command. */
export function checkRegion(v: string): string {
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(v)) throw new UsageError(`invalid region "${v}" (expected an ID like cn-hangzhou)`);
  if (!REGIONS.some((r) => r.RegionId === v)) throw new UsageError(`invalid region "${v}": no such region (see: ecs region list)`);
  return v;
}

export function checkEndpoint(v: string): string {
  const hostPort = v.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(hostPort);
  if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) {
    throw new UsageError(`invalid endpoint "${v}" (expected HOST[:PORT], e.g. ecs.cn-hangzhou.aliyuncs.com or 127.0.0.1:8787)`);
  }
  return v;
}

export function checkAccessKeyId(v: string): string {
  if (!/^[A-Za-z0-9.]{8,128}$/.test(v)) throw new UsageError(`invalid access key ID "${mask(v)}" (letters and digits, as the console shows it)`);
  return v;
}

export function checkSignature(v: string): 'v3' | 'v1' {
  const s = v.toLowerCase();
  if (s === 'v3' || s === 'v1') return s;
  throw new UsageError(`invalid signature version "${v}" (choose v3 or v1)`);
}

export interface KeyDef {
  field: keyof Profile & string;
  secret?: boolean;
  check: (v: string) => string;
  help: string;
}

/** Keys of `ecs config set KEY VALUE`. */
export const KEYS: Record<string, KeyDef> = {
  backend: { field: 'backend', check: checkBackend, help: 'simulator or remote' },
  region: { field: 'region', check: checkRegion, help: 'default region, e.g. cn-hangzhou' },
  endpoint: { field: 'endpoint', check: checkEndpoint, help: 'API endpoint HOST[:PORT]' },
  'access-key-id': { field: 'accessKeyId', check: checkAccessKeyId, help: 'AccessKey ID' },
  'access-key-secret': { field: 'accessKeySecret', secret: true, check: (v) => v, help: 'AccessKey secret (--stdin only)' },
  'security-token': { field: 'securityToken', secret: true, check: (v) => v, help: 'STS token (--stdin only)' },
  signature: { field: 'signature', check: checkSignature, help: 'request signature version: v3 or v1' },
};

export function keyDef(key: string): KeyDef {
  const def = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
  if (!def) throw new UsageError(`unknown config key "${key}" (keys: ${Object.keys(KEYS).join(', ')})`);
  return def;
}

/**
 * A secret for display: stars and at most its last 4 characters (enough to tell two apart,
 * nothing of its start), none of it when it is short.
 */
export function mask(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  return v.length < 16 ? '****' : `****${v.slice(-4)}`;
}

/** An AccessKey ID for display: enough to recognise it, not enough to copy it. */
export function maskId(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  return v.length <= 8 ? `${v.slice(0, 2)}****` : `${v.slice(0, 4)}****${v.slice(-3)}`;
}

/** The credential kind of a profile, in aliyun-cli's words. */
export function modeOf(p: Profile): string {
  if (!p.accessKeyId) return '-';
  return p.securityToken ? 'StsToken' : 'AK';
}

/** Does an argv value look like an AccessKey secret (30 base62 characters)? */
export function looksLikeSecret(v: string): boolean {
  return /^[A-Za-z0-9]{30}$/.test(v) && !/^(LTAI|STS)/.test(v);
}

/** A secret from stdin (--…-stdin) or a file (--…-file F); trailing newline removed. */
export async function readSecretInput(ctx: Context, o: { stdin?: boolean; file?: string; what: string; stdinFlag: string; fileFlag?: string }): Promise<string | undefined> {
  if (o.stdin && o.file) throw new UsageError(`use either ${o.stdinFlag} or ${o.fileFlag}, not both`);
  let text: string;
  if (o.stdin && ctx.io.stdinIsTTY && ctx.canPrompt()) {
    // stdin is the terminal: ask without echo rather than reading visible typing.
    text = await ctx.promptSecret(`Enter the ${o.what}:`, `${o.stdinFlag} with a pipe`);
  } else if (o.stdin) {
    text = await readAll(ctx.io.stdin);
  } else if (o.file) {
    try {
      text = readFileSync(o.file, 'utf8');
      if ((statSync(o.file).mode & 0o077) !== 0) ctx.warn(`${o.file} is readable by other users; consider chmod 600`);
    } catch (e) {
      throw new UsageError(`cannot read ${o.what} file ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    return undefined;
  }
  const v = text.replace(/\r?\n$/, '');
  if (v === '' || /[\r\n]/.test(v)) throw new UsageError(`the ${o.what} must be one non-empty line`);
  return v;
}
