// Writing profiles. Only the `ecs config` verbs that change the file import this module,
// because `conf` pulls in ajv (~80 ms); reading stays in ./config.ts (plain readFileSync).
//
// The file is $XDG_CONFIG_HOME/ecs/config.json, mode 0600, in a directory with mode 0700,
// written atomically by conf (temp file + rename).

import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { configDir, configPath, readConfigFile, type ConfigFile } from './config.js';
import { UsageError } from './errors.js';

/** Create the config directory with mode 0700 (and tighten it if it is looser). */
export function ensureConfigDir(env: NodeJS.ProcessEnv): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/** Replace the whole config file with `file` (profiles + current). */
export async function writeConfigFile(env: NodeJS.ProcessEnv, file: ConfigFile): Promise<void> {
  const dir = ensureConfigDir(env);
  const { default: Conf } = await import('conf');
  let conf: InstanceType<typeof Conf<Record<string, unknown>>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      projectName: 'ecs',
      projectSuffix: '',
      configName: 'config',
      cwd: dir,
      configFileMode: 0o600,
    });
  } catch (e) {
    throw new UsageError(`cannot open config file ${configPath(env)}: ${(e as Error).message}`);
  }
  const data: Record<string, unknown> = {};
  if (file.current !== undefined) data.current = file.current;
  data.profiles = file.profiles ?? {};
  // Keep keys we do not manage (written by a newer version, say).
  for (const [k, v] of Object.entries(file)) if (!(k in data) && v !== undefined) data[k] = v;
  conf.store = data;
  // conf creates the file with 0600 but leaves an existing file's mode alone on some paths.
  const p = configPath(env);
  if ((statSync(p).mode & 0o777) !== 0o600) chmodSync(p, 0o600);
}

/**
 * Read, change, write. `change` validates and throws before anything is written, so a bad
 * request leaves the file byte for byte as it was.
 */
export async function updateConfigFile(env: NodeJS.ProcessEnv, change: (file: ConfigFile) => ConfigFile | void): Promise<ConfigFile> {
  const file = readConfigFile(env);
  const copy: ConfigFile = JSON.parse(JSON.stringify(file));
  copy.profiles ??= {};
  const next = change(copy) ?? copy;
  await writeConfigFile(env, next);
  return next;
}
