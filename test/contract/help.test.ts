// Help texts and the README (issue 7 §3.7): no example puts a secret on the command line or in
// shell history (`--password-stdin <<< 'literal'`, `echo secret |`); every verb's --help is
// one exit-0 page on stdout. Walks the whole command tree, in-process.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/registry.js';
import type { CommandNode } from '../../src/commands/types.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempHome } from '../helpers/run.js';

function leaves(nodes: CommandNode[], prefix: string[] = []): string[][] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children, [...prefix, n.name]) : n.load && !n.hidden ? [[...prefix, n.name]] : []));
}

/** A literal secret in an example: a here-string, or echo/printf piped into a verb. */
const SECRET_IN_HISTORY = /<<<|\b(echo|printf)\b[^\n|]*\|\s*(npx )?ecs\b/;

describe('no secret literals in examples', () => {
  it.each(leaves(registry).map((p) => [p.join(' ')]))('ecs %s --help', async (verb) => {
    const h = tempHome();
    try {
      const r = await runCli([...verb.split(' '), '--help'], { env: h.env });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Usage: ecs ');
      expect(r.stdout).not.toMatch(SECRET_IN_HISTORY);
    } finally {
      h.cleanup();
    }
  });

  it('README.md', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const hits = readme.split('\n').filter((l) => SECRET_IN_HISTORY.test(l));
    expect(hits).toEqual([]);
  });
});
