import { readConfigFile } from '../../core/config.js';
import { defineCommand } from '../types.js';
import { maskId, modeOf } from './shared.js';

export interface ProfileRow {
  Name: string;
  Current: boolean;
  Backend: string;
  Region: string | null;
  Endpoint: string | null;
  Mode: string;
  AccessKeyId: string | null;
  Source: string | null;
}

export default defineCommand({
  configure(cmd) {
    cmd.description('List config profiles; the current one is marked with *').addHelpText(
      'after',
      `
Examples:
  ecs config list
  ecs config list -o json`,
    );
  },
  async run(ctx) {
    const file = readConfigFile(ctx.env);
    const rows: ProfileRow[] = Object.entries(file.profiles ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, p]) => ({
        Name: name,
        Current: name === file.current,
        Backend: p.backend ?? 'simulator',
        Region: p.region ?? null,
        Endpoint: p.endpoint ?? null,
        Mode: modeOf(p),
        AccessKeyId: maskId(p.accessKeyId) ?? null,
        Source: typeof p.source === 'string' ? p.source : null,
      }));
    if (rows.length === 0 && ctx.outputFormat === 'table') ctx.note('no profiles yet: run `ecs config init` or `ecs config import-aliyun`');
    await ctx.render(rows, {
      id: 'Name',
      columns: [
        { header: ' ', get: (r) => (r.Current ? '*' : ' ') },
        { header: 'name', get: 'Name' },
        { header: 'backend', get: 'Backend' },
        { header: 'region', get: 'Region' },
        { header: 'mode', get: 'Mode' },
        { header: 'access key id', get: 'AccessKeyId' },
        { header: 'source', get: 'Source' },
      ],
    });
  },
});
