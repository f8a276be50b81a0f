import { defineCommand } from '../types.js';
import { humanSeconds, isoSeconds, openSimulator, parseDuration } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Move simulated time forward (timers, expiry, auto-release and transitions happen as if that time had passed)')
      .argument('<seconds>', 'seconds (90) or a duration: 90s, 15m, 2h, 15d, 1d12h')
      .addHelpText('after', `
Examples:
  ecs simulator advance 90
  ecs simulator advance 2h
  ecs simulator advance 15d     # a subscription that expired is stopped after 15 days`);
  },
  async run(ctx, [text]) {
    const seconds = parseDuration(text);
    const { MAX_SIM_TIME_MS } = await import('../../simulator/state.js');
    const { UsageError } = await import('../../core/errors.js');
    // The simulated clock must stay a time the API can print (years up to 9999): refused
    // before anything is written, here and again under the lock against the stored offset.
    const tooFar = (offsetMs: number) => !Number.isFinite(seconds) || Date.now() + offsetMs + seconds * 1000 > MAX_SIM_TIME_MS;
    const refuse = () =>
      new UsageError(`cannot advance by "${text}": the simulated clock would pass ${new Date(MAX_SIM_TIME_MS).toISOString().slice(0, 10)} (the latest time the API can show)`);
    if (tooFar(0)) throw refuse();
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would move simulated time forward by ${humanSeconds(seconds)}; nothing changed`);
      return;
    }
    const sim = await openSimulator(ctx);
    const { simNow } = await import('../../simulator/simulator.js');
    const state = await sim.store.mutate((s) => {
      if (tooFar(s.clockOffsetMs ?? 0)) throw refuse();
      s.clockOffsetMs = (s.clockOffsetMs ?? 0) + Math.round(seconds * 1000);
      return s;
    });
    const offset = state.clockOffsetMs / 1000;
    const out = { SimulatedTime: isoSeconds(simNow(state)), ClockOffsetSeconds: offset, AdvancedSeconds: seconds };
    await ctx.renderRecord(out, [
      ['Simulated time', out.SimulatedTime],
      ['Offset', `+${humanSeconds(offset)}`],
    ]);
  },
});
