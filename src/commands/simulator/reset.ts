import { defineCommand } from '../types.js';
import { openSimulator, noteKeptAside, readOrWarn } from './shared.js';

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
    // An unreadable state file is exactly when a reset is needed.
    const current = readOrWarn(ctx, sim.store);
    const what = current ? `${Object.values(collectionCounts(current)).reduce((a, b) => a + b, 0)} record(s)` : 'an unreadable state';
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would reset the simulator in ${sim.store.dir}, deleting ${what}; nothing changed`);
      return;
    }
    await ctx.confirm(`Reset the simulator in ${sim.store.dir}, deleting ${what}${o.keepSettings ? '' : ' and all settings'}?`, 'reset the simulator');
    const fresh = emptyState(new Date());
    if (o.keepSettings && current) fresh.settings = { ...current.settings };
    noteKeptAside(ctx, await sim.store.replace(fresh));
    ctx.note(`simulator reset (${sim.store.dir})`);
  },
});
