
import { defineCommand } from '../types.js';
import { openSimulator, noteKeptAside, readOrWarn } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Replace the whole simulator state with an exported one (checked first); asks first, or needs --yes')
      .argument('<file>', 'a file written by `ecs simulator export`, or - for standard input')
      .addHelpText('after', `
Examples:
  ecs simulator import backup.json
  ecs simulator import --yes backup.json`);
  },
  async run(ctx, [file]) {
    const { UsageError } = await import('../../core/errors.js');
    await import('../../simulator/simulator.js'); // the simulator core, with the resource settings and record checks (actions/index.ts)
    const { validateState, collectionCounts } = await import('../../simulator/validate.js');
    let text: string;
    try {
      const { READ_LIMITS, readCapped } = await import('../../core/read.js');
      const what = file === '-' ? 'the state on standard input' : file;
      text = (await readCapped(file === '-' ? ctx.io.stdin : file, READ_LIMITS.state, what)).toString('utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'InputTooLarge') throw e;
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const next = validateState(text, file === '-' ? 'standard input' : file);
    const sim = await openSimulator(ctx);
    const current = readOrWarn(ctx, sim.store);
    const what = current ? `${Object.values(collectionCounts(current)).reduce((a, b) => a + b, 0)} record(s)` : 'unreadable';
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: ${file} is a valid simulator state; would replace ${what}; nothing changed`);
      return;
    }
    await ctx.confirm(`Replace the simulator state in ${sim.store.dir} (${what}) with ${file}?`, 'replace the simulator state');
    noteKeptAside(ctx, await sim.store.replace(next));
    const counts = collectionCounts(next);
    ctx.note(`imported ${Object.values(counts).reduce((a, b) => a + b, 0)} record(s) from ${file}`);
  },
});
