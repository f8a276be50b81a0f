import { defineCommand } from '../types.js';
import { openSimulator } from './shared.js';

interface SettingRow {
  Key: string;
  Value: string;
  Default: string;
  IsDefault: boolean;
  Source: string;
  Description: string;
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Show simulator settings (all, or one); values left at their default are marked')
      .argument('[key]', 'one setting')
      .addHelpText('after', `
Examples:
  ecs simulator get
  ecs simulator get quota.instances
  ecs simulator get -o json --query "[?!IsDefault]"`);
  },
  async run(ctx, [key]) {
    await import('../../simulator/simulator.js'); // the simulator core, with the resource settings and record checks (actions/index.ts)
    const { SETTINGS, settingDef, settingValue } = await import('../../simulator/settings.js');
    const { UsageError } = await import('../../core/errors.js');
    if (key !== undefined && !settingDef(key)) throw new UsageError(`unknown simulator setting "${key}" (see: ecs simulator get)`);
    const sim = await openSimulator(ctx);
    const state = sim.store.read();
    const envScale = ctx.env.ECS_SIMULATOR_TIME_SCALE;
    const rows: SettingRow[] = Object.keys(SETTINGS)
      .filter((k) => key === undefined || k === key)
      .sort()
      .map((k) => {
        const def = SETTINGS[k]!;
        let value = settingValue(state, k);
        let source = Object.prototype.hasOwnProperty.call(state.settings ?? {}, k) ? 'setting' : 'default';
        if (k === 'time-scale' && envScale !== undefined && envScale !== '') {
          value = envScale;
          source = 'env ECS_SIMULATOR_TIME_SCALE';
        }
        return { Key: k, Value: value, Default: def.default, IsDefault: source === 'default', Source: source, Description: def.description };
      });
    if (key !== undefined) {
      const r = rows[0]!;
      await ctx.renderRecord(r as unknown as Record<string, unknown>, [
        ['Key', r.Key],
        ['Value', r.IsDefault ? `${r.Value} (default)` : r.Value],
        ['Default', r.Default],
        ['Source', r.Source],
        ['Description', r.Description],
      ], r.Key);
      return;
    }
    await ctx.render(rows, {
      id: 'Key',
      columns: [
        { header: 'key', get: 'Key' },
        { header: 'value', get: (r) => (r.IsDefault ? `${r.Value} (default)` : r.Value) },
        { header: 'source', get: 'Source' },
        { header: 'description', get: 'Description' },
      ],
    });
  },
});
