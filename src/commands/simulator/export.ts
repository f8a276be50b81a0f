import { existsSync, writeFileSync } from 'node:fs';
import { defineCommand } from '../types.js';
import { openSimulator } from './shared.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Write the whole simulator state to a file (0600; it holds password hashes) or to stdout with -')
      .argument('<file>', 'destination file, or - for standard output')
      .option('--force', 'overwrite an existing file')
      .option('--salvage', 'a damaged store: write what can be read (the snapshot and every journal line that applies), naming the lines left out')
      .addHelpText('after', `
Examples:
  ecs simulator export backup.json
  ecs simulator export --salvage saved.json && ecs simulator import --yes saved.json   # recover a damaged store
  ecs simulator export - | jq '.instances | length'`);
  },
  async run(ctx, [file], o) {
    const { UsageError } = await import('../../core/errors.js');
    const sim = await openSimulator(ctx);
    if (file !== '-' && existsSync(file) && !o.force) throw new UsageError(`${file} exists; use --force to overwrite it`);
    let read;
    if (o.salvage) {
      const saved = sim.store.salvage();
      if (saved.snapshotMissing) ctx.warn(`${sim.store.file} is missing: only the records changed since it (in ${saved.journal}) can be saved`);
      if (saved.skipped.length) ctx.warn(`left out damaged line(s) ${saved.skipped.join(', ')} of ${saved.journal}`);
      read = saved.state;
    } else {
      read = sim.store.read();
    }
    // Without the store's revision marker (an import gets a fresh one).
    const { rev: _rev, ...state } = read;
    const text = JSON.stringify(state) + '\n';
    if (file === '-') {
      ctx.io.stdout.write(text);
      return;
    }
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would export the simulator state to ${file} (${text.length} bytes); nothing changed`);
      return;
    }
    writeFileSync(file, text, { mode: 0o600 });
    ctx.note(`exported the simulator state to ${file} (${text.length} bytes)`);
  },
});
