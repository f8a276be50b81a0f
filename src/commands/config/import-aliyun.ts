import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile, type Profile } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { PROFILE_NAME_RE, checkProfileName } from './shared.js';

/** The modes aliyun-cli knows (config/profile.go); only AK and StsToken are imported. */
const SUPPORTED = new Set(['AK', 'StsToken']);

interface AliyunProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  region_id?: string;
  ram_role_arn?: string;
  ram_role_name?: string;
  process_command?: string;
  credentials_uri?: string;
  source_profile?: string;
  [k: string]: unknown;
}

interface Result {
  Name: string;
  Mode: string;
  Result: 'imported' | 'skipped';
  Reason: string | null;
}

/** aliyun-cli's AutoModeRecognition for profiles written without a mode. */
function modeOf(p: AliyunProfile): string {
  if (typeof p.mode === 'string' && p.mode !== '') return p.mode;
  if (p.access_key_id && p.access_key_secret) return p.sts_token ? 'StsToken' : p.ram_role_arn ? 'RamRoleArn' : 'AK';
  if (p.ram_role_name) return 'EcsRamRole';
  if (p.process_command) return 'External';
  if (p.credentials_uri) return 'CredentialsURI';
  return 'unknown';
}

function toProfile(name: string, p: AliyunProfile, mode: string): Profile {
  const out: Profile = { backend: 'remote', accessKeyId: p.access_key_id, accessKeySecret: p.access_key_secret, source: `aliyun:${name}` };
  if (mode === 'StsToken') out.securityToken = p.sts_token;
  if (typeof p.region_id === 'string' && /^[a-z]{2,}(-[a-z0-9]+)+$/.test(p.region_id)) out.region = p.region_id;
  return out;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description("Import AK and StsToken profiles from aliyun-cli's config.json")
      .argument('[file]', 'aliyun-cli config file (default: ~/.aliyun/config.json)')
      .option('--as <name>', 'with --profile: the name of the ecs profile to write')
      .option('--force', 'replace ecs profiles that already exist')
      .addHelpText(
        'after',
        `
With the global --profile NAME, only the aliyun-cli profile NAME is imported.
Imported profiles use the remote backend. Other aliyun-cli modes (RamRoleArn,
EcsRamRole, ChainableRamRoleArn, External, CredentialsURI, OIDC, CloudSSO ...)
are listed by name and skipped.

Examples:
  ecs config import-aliyun
  ecs config import-aliyun --profile prod --as aliyun-prod
  ecs config import-aliyun ./config.json -o json`,
      );
  },
  async run(ctx, [fileArg]: [string | undefined], o: { as?: string; force?: boolean }) {
    const path = fileArg ?? join(ctx.env.HOME || homedir(), '.aliyun', 'config.json');
    let doc: { current?: string; profiles?: AliyunProfile[] };
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new UsageError(err.code ? `cannot read ${path}: ${err.code}` : `${path} is not valid JSON: ${err.message}`);
    }
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.profiles)) throw new UsageError(`${path} has no "profiles" list (is it aliyun-cli's config.json?)`);
    const wanted = ctx.globals.profile;
    if (o.as !== undefined && !wanted) throw new UsageError('--as needs --profile NAME (one profile at a time)');
    if (o.as !== undefined) checkProfileName(o.as);
    const source = doc.profiles.filter((p): p is AliyunProfile => Boolean(p && typeof p === 'object' && typeof p.name === 'string'));
    const selected = wanted ? source.filter((p) => p.name === wanted) : source;
    if (wanted && selected.length === 0) {
      throw new UsageError(`no profile "${wanted}" in ${path} (it has: ${source.map((p) => p.name).join(', ') || 'none'})`);
    }

    const existing = readConfigFile(ctx.env).profiles ?? {};
    const results: Result[] = [];
    const toWrite: Record<string, Profile> = {};
    for (const p of selected) {
      const mode = modeOf(p);
      const name = o.as ?? p.name!;
      const skip = (reason: string) => results.push({ Name: name, Mode: mode, Result: 'skipped', Reason: reason });
      if (!SUPPORTED.has(mode)) skip(`mode ${mode} not supported yet`);
      else if (!p.access_key_id || !p.access_key_secret || (mode === 'StsToken' && !p.sts_token)) skip('incomplete credentials');
      else if (!PROFILE_NAME_RE.test(name)) skip('name not usable as an ecs profile name (use --profile NAME --as OTHER)');
      else if (Object.hasOwn(existing, name) && !o.force) skip('an ecs profile with this name exists (use --force to replace it)');
      else {
        toWrite[name] = toProfile(p.name!, p, mode);
        results.push({ Name: name, Mode: mode, Result: 'imported', Reason: null });
      }
    }
    if (wanted && results[0]?.Result === 'skipped') {
      throw new UsageError(`aliyun-cli profile "${wanted}": ${results[0].Reason}; nothing was imported`);
    }
    if (Object.keys(toWrite).length > 0 && !ctx.globals.dryRun) {
      const { updateConfigFile } = await import('../../core/config-store.js');
      await updateConfigFile(ctx.env, (f) => {
        Object.assign(f.profiles!, toWrite);
        if (!f.current || !Object.hasOwn(f.profiles!, f.current)) {
          const cur = doc.current && toWrite[doc.current] ? doc.current : Object.keys(toWrite)[0]!;
          f.current = cur;
        }
      });
    }
    const unsupported = results.filter((r) => r.Reason?.startsWith('mode '));
    if (unsupported.length) ctx.note(`not supported yet (skipped): ${unsupported.map((r) => `${r.Name} (${r.Mode})`).join(', ')}`);
    if (ctx.globals.dryRun) ctx.note(`dry run: would import ${Object.keys(toWrite).length} of ${selected.length} profile(s) from ${path}; nothing changed`);
    else ctx.note(`imported ${Object.keys(toWrite).length} of ${selected.length} profile(s) from ${path}`);
    await ctx.render(results, {
      id: 'Name',
      columns: [
        { header: 'name', get: 'Name' },
        { header: 'mode', get: 'Mode' },
        { header: 'result', get: 'Result' },
        { header: 'reason', get: 'Reason' },
      ],
    });
  },
});
