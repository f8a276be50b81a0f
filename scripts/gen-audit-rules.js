// Writes the audit rule table into README.md from src/audit/rules.ts (bundled on the fly
// with esbuild, which the build already uses). Run: node scripts/gen-audit-rules.js [--check]
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const res = await build({ entryPoints: [join(root, 'src/audit/rules-table.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
const mod = await import(`data:text/javascript;base64,${Buffer.from(res.outputFiles[0].text).toString('base64')}`);
const file = join(root, 'README.md');
const before = readFileSync(file, 'utf8');
const after = mod.withRulesTable(before);
if (process.argv.includes('--check')) {
  if (before !== after) {
    console.error('README.md: the audit rule table is out of date; run node scripts/gen-audit-rules.js');
    process.exit(1);
  }
} else if (before !== after) {
  writeFileSync(file, after);
  console.log('README.md: audit rule table updated');
}
