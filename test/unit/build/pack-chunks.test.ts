// scripts/pack-chunks.js: chunks a host always loads live in the host file; every file that
// requires one (packed or not, loaded before or after the host) gets the same instance; what
// is excluded stays a file of its own; a packed chunk runs only when first required.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script
import { closure, packChunks, staticDeps } from '../../../scripts/pack-chunks.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A little dist: cli.js → chunk-a → chunk-b; verb.js (loaded on demand) → chunk-a, chunk-c; complete.js → chunk-c. */
function dist(): Map<string, string> {
  const log = (name: string) => `(globalThis.__ecsPackLog ??= []).push(${JSON.stringify(name)});`;
  return new Map([
    ['cli.js', `'use strict';\n${log('cli')}\nvar a = require("./chunk-A1.js");\nexports.a = a;\nexports.verb = () => Promise.resolve().then(() => require("./verb-V1.js"));\n`],
    ['chunk-A1.js', `'use strict';\n${log('a')}\nvar b = require("./chunk-B1.js");\nexports.id = {};\nexports.b = b;\n`],
    ['chunk-B1.js', `'use strict';\n${log('b')}\nexports.n = 41 + 1;\nexports.file = __filename;\n`],
    ['chunk-C1.js', `'use strict';\n${log('c')}\nexports.c = true;\n`],
    ['chunk-D1.js', `'use strict';\n${log('d')}\nexports.d = 1;\n`],
    ['verb-V1.js', `'use strict';\n${log('verb')}\nvar a = require("./chunk-A1.js");\nvar c = require("./chunk-C1.js");\nexports.a = a;\nexports.c = c;\n`],
    ['complete.js', `'use strict';\n${log('complete')}\nvar c = require("./chunk-C1.js");\nexports.c = c;\n`],
  ]);
}

function write(files: Map<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'ecs-pack-'));
  dirs.push(d);
  for (const [f, code] of files) writeFileSync(join(d, f), code);
  return d;
}

const log = (): string[] => ((globalThis as { __ecsPackLog?: string[] }).__ecsPackLog ??= []);

describe('packChunks', () => {
  it('static deps and closures ignore dynamic requires', () => {
    const files = dist();
    expect(staticDeps(files.get('cli.js'))).toEqual(['chunk-A1.js']);
    expect([...closure(files, 'cli.js')].sort()).toEqual(['chunk-A1.js', 'chunk-B1.js', 'cli.js']);
    expect([...closure(files, 'cli.js', () => true)].sort()).toEqual(['chunk-A1.js', 'chunk-B1.js', 'chunk-C1.js', 'cli.js', 'verb-V1.js']);
  });

  it("packs the host's closure, keeps one instance for every requirer, runs chunks on first use", async () => {
    const files = dist();
    const packed = packChunks(files, ['cli.js', /^nothing-/], new Set(closure(files, 'complete.js')));
    expect([...packed]).toEqual([['cli.js', ['chunk-A1.js', 'chunk-B1.js']]]);
    const d = write(files);
    // packed chunks are stubs now; the unpacked ones are untouched
    expect(readFileSync(join(d, 'chunk-A1.js'), 'utf8')).toMatch(/^'use strict';\nrequire\("\.\/cli\.js"\);\n/);
    expect(readFileSync(join(d, 'chunk-C1.js'), 'utf8')).toBe(dist().get('chunk-C1.js'));
    expect(readFileSync(join(d, 'verb-V1.js'), 'utf8')).toContain('__packed("cli.js", "./chunk-A1.js")');
    expect(readdirSync(d).sort()).toEqual([...dist().keys()].sort());

    log().length = 0;
    const req = createRequire(join(d, 'x.js'));
    // a stub required before its host: loads the host, same instance
    const aEarly = req('./chunk-A1.js');
    expect(log()).toEqual(['cli', 'a', 'b']);
    const cli = req('./cli.js');
    expect(cli.a).toBe(aEarly);
    expect(cli.a.b.n).toBe(42);
    expect(cli.a.b.file).toBe(join(d, 'chunk-B1.js'));
    const verb = await cli.verb();
    expect(verb.a).toBe(cli.a);
    expect(verb.a.id).toBe(aEarly.id);
    expect(verb.c).toEqual({ c: true });
    expect(log()).toEqual(['cli', 'a', 'b', 'verb', 'c']);
  });

  it('what is excluded is never packed: complete.js loads without the host', () => {
    const files = dist();
    packChunks(files, ['cli.js'], new Set(closure(files, 'complete.js')));
    const d = write(files);
    log().length = 0;
    const complete = createRequire(join(d, 'x.js'))('./complete.js');
    expect(complete.c).toEqual({ c: true });
    expect(log()).toEqual(['complete', 'c']);
  });

  it('a packed chunk that is never required never runs; nothing to pack leaves the files alone', () => {
    const files = dist();
    files.set('cli.js', files.get('cli.js')!.replace('var a = require("./chunk-A1.js");', 'var d = require("./chunk-D1.js");\nvar a = { lazy: () => require("./chunk-A1.js") };'));
    packChunks(files, ['cli.js'], new Set());
    const d = write(files);
    log().length = 0;
    createRequire(join(d, 'x.js'))('./cli.js');
    expect(log()).toEqual(['cli', 'd']);
    const none = dist();
    expect([...packChunks(none, ['missing.js'], new Set())]).toEqual([]);
    expect(none).toEqual(dist());
  });
});
