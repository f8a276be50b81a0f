import { defineCommand } from '../types.js';
import { openSimulator } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Change a simulator setting (see: ecs simulator get)')
      .argument('<key>', 'setting: time-scale, quota.instances, throttle, latency, fail-rate, …')
      .argument('<value>', 'new value')
      .addHelpText('after', `
Examples:
  ecs simulator set time-scale 0          # every transition is instant
  ecs simulator set quota.instances 1000
  ecs simulator set fail-rate 0.1         # served simulator: 10% of requests fail`);
  },
  async run(ctx, [key, value]) {
    await import('../../simulator/simulator.js'); // the simulator core, with the resource settings and record checks (actions/index.ts)
    const { SETTINGS, settingDef, settingValue } = await import('../../simulator/settings.js');
    const { UsageError } = await import('../../core/errors.js');
    const def = settingDef(key);
    if (!def) throw new UsageError(`unknown simulator setting "${key}" (known: ${Object.keys(SETTINGS).sort().join(', ')})`);
    const normalised = def.parse(value);
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would set ${key} = ${normalised}; nothing changed`);
      return;
    }
    const sim = await openSimulator(ctx);
    await sim.store.mutate((s) => {
      s.settings ??= {};
      if (normalised === def.default) delete s.settings[key];
      else s.settings[key] = normalised;
    });
    if (key === 'time-scale' && ctx.env.ECS_SIMULATOR_TIME_SCALE) {
      ctx.warn(`ECS_SIMULATOR_TIME_SCALE=${ctx.env.ECS_SIMULATOR_TIME_SCALE} is set and wins over this setting`);
    }
    ctx.note(`${key} = ${settingValue(sim.store.read(), key)}`);
  },
});
