import { existsSync, writeFileSync } from 'node:fs';
import { defineCommand } from '../types.js';
import { openSimulator } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Write the whole simulator state to a file (0600; it holds password hashes) or to stdout with -')
      .argument('<file>', 'destination file, or - for standard output')
      .option('--force', 'overwrite an existing file')
      .addHelpText('after', `
Examples:
  ecs simulator export backup.json
  ecs simulator export - | jq '.instances | length'`);
  },
  async run(ctx, [file], o) {
    const { UsageError } = await import('../../core/errors.js');
    const sim = await openSimulator(ctx);
    // Without the store's revision marker (an import gets a fresh one).
    const { rev: _rev, ...state } = sim.store.read();
    const text = JSON.stringify(state) + '\n';
    if (file === '-') {
      ctx.io.stdout.write(text);
      return;
    }
    if (existsSync(file) && !o.force) throw new UsageError(`${file} exists; use --force to overwrite it`);
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would export the simulator state to ${file} (${text.length} bytes); nothing changed`);
      return;
    }
    writeFileSync(file, text, { mode: 0o600 });
    ctx.note(`exported the simulator state to ${file} (${text.length} bytes)`);
  },
});
