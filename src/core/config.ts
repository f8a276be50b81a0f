// Config: profiles in $XDG_CONFIG_HOME/ecs/config.json (mode 0600, written by `ecs config`
// through `conf`). Reading happens on every command, so it is a plain readFileSync here;
// `conf` (and its ajv) is only loaded by the config commands that write.
//
// Precedence: flags > environment > profile > defaults.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import { InputTooLargeError, READ_LIMITS, readCappedSync } from './read.js';

export type BackendKind = 'simulator' | 'remote';
export type SignatureVersion = 'v3' | 'v1';

export interface Profile {
  backend?: BackendKind;
  region?: string;
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  signature?: SignatureVersion;
  /** Where this profile came from, e.g. "aliyun:default". */
  source?: string;
  [key: string]: unknown;
}

export interface ConfigFile {
  current?: string;
  profiles?: Record<string, Profile>;
}

export interface ResolvedConfig {
  profileName: string;
  profileExists: boolean;
  backend: BackendKind;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  signature: SignatureVersion;
  /** For each resolved field, where its value came from (flag/env/profile/default). */
  sources: Record<string, 'flag' | 'env' | 'profile' | 'default'>;
}

export interface ConfigFlags {
  profile?: string;
  region?: string;
  backend?: string;
  endpoint?: string;
  signature?: string;
}

export const DEFAULT_REGION = 'cn-hangzhou';

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

export function configDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(home(env), '.config'), 'ecs');
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'config.json');
}

export function dataDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(home(env), '.local', 'share'), 'ecs');
}

export function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(home(env), '.cache'), 'ecs');
}

export function simulatorDir(env: NodeJS.ProcessEnv): string {
  return env.ECS_SIMULATOR_DIR || join(dataDir(env), 'simulator');
}

export function readConfigFile(env: NodeJS.ProcessEnv): ConfigFile {
  let text: string;
  try {
    // Capped while reading: a config path pointing at a device must not fill the memory.
    text = readCappedSync(configPath(env), READ_LIMITS.config, `config file ${configPath(env)}`).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    if (e instanceof InputTooLargeError) throw e;
    throw new UsageError(`cannot read config file ${configPath(env)}: ${(e as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as ConfigFile;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    throw new UsageError(`config file ${configPath(env)} is not valid JSON; fix or remove it`);
  }
}

function parseBackend(v: string, where: string): BackendKind {
  if (v === 'simulator' || v === 'remote') return v;
  throw new UsageError(`invalid backend "${v}" from ${where} (choose simulator or remote)`);
}

function parseSignature(v: string, where: string): SignatureVersion {
  const s = v.toLowerCase();
  if (s === 'v3' || s === 'v1') return s;
  throw new UsageError(`invalid signature version "${v}" from ${where} (choose v3 or v1)`);
}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv, file: ConfigFile = readConfigFile(env)): ResolvedConfig {
  // `--region ''` (an unset shell variable) must not quietly mean the default.
  for (const name of ['profile', 'region', 'backend', 'endpoint', 'signature'] as const) {
    if (flags[name] !== undefined && flags[name]!.trim() === '') throw new UsageError(`--${name} needs a value, got an empty string`);
  }
  const profileName = flags.profile || env.ECS_PROFILE || file.current || 'default';
  const profiles = file.profiles ?? {};
  const explicitProfile = Boolean(flags.profile || env.ECS_PROFILE);
  if (explicitProfile && !Object.hasOwn(profiles, profileName)) {
    throw new UsageError(`profile "${profileName}" does not exist (see: ecs config list)`);
  }
  const p: Profile = (Object.hasOwn(profiles, profileName) ? profiles[profileName] : undefined) ?? {};
  const sources: ResolvedConfig['sources'] = {};
  // Where the profile name came from ("profile" = the config file's current profile).
  sources.profile = flags.profile ? 'flag' : env.ECS_PROFILE ? 'env' : file.current ? 'profile' : 'default';

  function pick<T>(field: string, flag: T | undefined, envVal: T | undefined, prof: T | undefined, dflt: T): T {
    if (flag !== undefined && flag !== '') return (sources[field] = 'flag'), flag;
    if (envVal !== undefined && envVal !== '') return (sources[field] = 'env'), envVal;
    if (prof !== undefined && prof !== '') return (sources[field] = 'profile'), prof;
    sources[field] = 'default';
    return dflt;
  }

  const backendRaw = pick<string>('backend', flags.backend, env.ECS_BACKEND, p.backend, 'simulator');
  const signatureRaw = pick<string>('signature', flags.signature, env.ECS_SIGNATURE, p.signature, 'v3');
  const region = pick<string>('region', flags.region, env.ALIBABA_CLOUD_REGION_ID, p.region, DEFAULT_REGION);
  const endpoint = pick<string | undefined>('endpoint', flags.endpoint, env.ECS_ENDPOINT, p.endpoint, undefined);
  // Credentials come as a set: an env key id without its secret would mix two identities.
  let accessKeyId: string | undefined;
  let accessKeySecret: string | undefined;
  let securityToken: string | undefined;
  if (env.ALIBABA_CLOUD_ACCESS_KEY_ID) {
    accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    securityToken = env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined;
    sources.credentials = 'env';
  } else if (p.accessKeyId) {
    accessKeyId = p.accessKeyId;
    accessKeySecret = p.accessKeySecret;
    securityToken = p.securityToken || undefined;
    sources.credentials = 'profile';
  } else {
    sources.credentials = 'default';
  }
  return {
    profileName,
    profileExists: Object.hasOwn(profiles, profileName),
    backend: parseBackend(backendRaw, sources.backend!),
    region,
    endpoint,
    accessKeyId,
    accessKeySecret,
    securityToken,
    signature: parseSignature(signatureRaw, sources.signature!),
    sources,
  };
}
