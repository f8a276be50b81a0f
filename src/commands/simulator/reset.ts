import { defineCommand } from '../types.js';
import { openSimulator } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Delete everything the embedded simulator holds (a fresh account); asks first, or needs --yes')
      .option('--keep-settings', 'keep settings (time-scale, quotas, faults)')
      .addHelpText('after', `
Examples:
  ecs simulator reset
  ecs simulator reset --yes --keep-settings`);
  },
  async run(ctx, _args, o) {
    const sim = await openSimulator(ctx);
    const { emptyState } = await import('../../simulator/state.js');
    const { collectionCounts } = await import('../../simulator/validate.js');
    const counts = collectionCounts(sim.store.read());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await ctx.confirm(`Reset the simulator in ${sim.store.dir}, deleting ${total} record(s)${o.keepSettings ? '' : ' and all settings'}?`, 'reset the simulator');
    await sim.store.mutate((s) => {
      const keep = o.keepSettings ? s.settings : {};
      for (const k of Object.keys(s)) delete (s as any)[k];
      Object.assign(s, emptyState(new Date()), { settings: keep });
    });
    ctx.note(`simulator reset (${sim.store.dir})`);
  },
});
