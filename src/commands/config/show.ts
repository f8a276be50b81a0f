import { resolveConfig, configPath } from '../../core/config.js';
import { defineCommand } from '../types.js';
import { mask, maskId } from './shared.js';

interface Row {
  Key: string;
  Value: string | null;
  Source: string;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Show the effective configuration and where each value comes from (secrets masked)')
      .argument('[profile]', 'profile to show (default: --profile, ECS_PROFILE, or the current profile)')
      .addHelpText(
        'after',
        `
Sources: flag > env > profile > default. The profile itself comes from the
argument, --profile (flag), ECS_PROFILE (env), the current profile (current),
or is "default".

Examples:
  ecs config show
  ecs config show prod -o json
  ALIBABA_CLOUD_REGION_ID=cn-beijing ecs config show --query Region`,
      );
  },
  async run(ctx, [profile]: [string | undefined]) {
    const g = ctx.globals;
    const cfg = resolveConfig(
      { profile: profile ?? g.profile, region: g.region, backend: g.backend, endpoint: g.endpoint, signature: g.signature },
      ctx.env,
    );
    const s = cfg.sources;
    const creds = s.credentials ?? 'default';
    const data = {
      Profile: cfg.profileName,
      ProfileExists: cfg.profileExists,
      ConfigFile: configPath(ctx.env),
      Backend: cfg.backend,
      Region: cfg.region,
      Endpoint: cfg.endpoint ?? null,
      Signature: cfg.signature,
      AccessKeyId: maskId(cfg.accessKeyId) ?? null,
      AccessKeySecret: mask(cfg.accessKeySecret) ?? null,
      SecurityToken: mask(cfg.securityToken) ?? null,
      Sources: {
        // "current": the config file's current profile (ecs config use)
        Profile: profile ? 'argument' : s.profile === 'profile' ? 'current' : (s.profile ?? 'default'),
        Backend: s.backend!,
        Region: s.region!,
        Endpoint: s.endpoint!,
        Signature: s.signature!,
        Credentials: creds,
      },
    };
    if (ctx.globals.query || ctx.outputFormat === 'json' || ctx.outputFormat === 'yaml') {
      await ctx.render(data, { columns: [] }, true);
      return;
    }
    const rows: Row[] = [
      { Key: 'profile', Value: data.Profile + (data.ProfileExists ? '' : ' (not in config file)'), Source: data.Sources.Profile },
      { Key: 'backend', Value: data.Backend, Source: s.backend! },
      { Key: 'region', Value: data.Region, Source: s.region! },
      { Key: 'endpoint', Value: data.Endpoint, Source: s.endpoint! },
      { Key: 'signature', Value: data.Signature, Source: s.signature! },
      { Key: 'access-key-id', Value: data.AccessKeyId, Source: creds },
      { Key: 'access-key-secret', Value: data.AccessKeySecret, Source: creds },
      { Key: 'security-token', Value: data.SecurityToken, Source: creds },
      { Key: 'config-file', Value: data.ConfigFile, Source: '-' },
    ];
    await ctx.render(rows, {
      id: 'Key',
      columns: [
        { header: 'key', get: 'Key' },
        { header: 'value', get: 'Value' },
        { header: 'source', get: 'Source' },
      ],
    });
  },
});
