import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../types.js';
import { humanSeconds, isoSeconds, openSimulator } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd.description('Show where the embedded simulator keeps its state, what it holds, and its clock').addHelpText('after', `
Examples:
  ecs simulator status
  ecs simulator status -o json --query Counts.instances`);
  },
  async run(ctx) {
    const sim = await openSimulator(ctx);
    const { simNow } = await import('../../simulator/simulator.js');
    const { timeScale } = await import('../../simulator/settings.js');
    const { collectionCounts } = await import('../../simulator/validate.js');
    const state = sim.store.read();
    // The state file and any journal beside it (src/simulator/store.ts).
    let size: number | null = null;
    try {
      size = statSync(sim.store.file).size;
      for (const f of readdirSync(sim.store.dir)) if (/^journal-.*\.jsonl$/.test(f)) size += statSync(join(sim.store.dir, f)).size;
    } catch {
      /* no state yet */
    }
    const envScale = ctx.env.ECS_SIMULATOR_TIME_SCALE;
    const scaleSource = envScale !== undefined && envScale !== '' ? 'env ECS_SIMULATOR_TIME_SCALE' : state.settings?.['time-scale'] !== undefined ? 'setting' : 'default';
    const offsetS = (state.clockOffsetMs ?? 0) / 1000;
    const counts = collectionCounts(state);
    const status = {
      StateDir: sim.store.dir,
      StateFile: sim.store.file,
      FileSize: size,
      CreatedAt: size === null ? null : state.createdAt,
      SimulatedTime: isoSeconds(simNow(state)),
      ClockOffsetSeconds: offsetS,
      TimeScale: timeScale(state, ctx.env),
      TimeScaleSource: scaleSource,
      Counts: counts,
    };
    await ctx.renderRecord(status, [
      ['State dir', status.StateDir],
      ['State file', size === null ? `${status.StateFile} (not created yet)` : `${status.StateFile} (${size} bytes)`],
      ['Created', status.CreatedAt],
      ['Simulated time', `${status.SimulatedTime}${offsetS ? ` (wall clock +${humanSeconds(offsetS)})` : ' (wall clock)'}`],
      ['Time scale', `${status.TimeScale} (${scaleSource})`],
      ...Object.entries(counts).map(([k, n]): [string, unknown] => [k, n]),
    ], status.StateDir);
  },
});
