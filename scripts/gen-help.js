// Build step: render the root and group help texts once, so `ecs --help` is a file read.
import { writeFileSync } from 'node:fs';
const { renderAllHelp } = await import('../dist/cli.js');
const help = await renderAllHelp();
writeFileSync(new URL('../dist/help.json', import.meta.url), JSON.stringify(help));
