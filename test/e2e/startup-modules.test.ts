// What a simulator command loads at start-up (issue 12 part 1): the built binary, spawned as
// a user runs it, with stdout and stderr on files (as in cron, or `> out.json`), reports the
// Node built-ins it loaded (process.moduleLoadList, written at exit by a --require preload).
// Node's costly built-ins are loaded on first use (scripts/esm-to-cjs.js), so a read-only
// command that prompts for nothing loads none of them; a command that needs one still works.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/run.js';

const COSTLY = ['child_process', 'crypto', 'net', 'tty', 'readline', 'http'];

let home: ReturnType<typeof tempHome>;
let dir: string;
let preload: string;
beforeAll(() => {
  home = tempHome('ecs-startup-');
  dir = mkdtempSync(join(tmpdir(), 'ecs-startup-out-'));
  preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.ECS_TEST_MODULES, JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)))));\n`,
  );
});
afterAll(() => {
  home?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Run the binary with stdout/stderr on files; its output and the built-ins it loaded. */
function run(args: string[]): { code: number | null; stdout: string; stderr: string; builtins: Set<string> } {
  const out = join(dir, 'out');
  const err = join(dir, 'err');
  const list = join(dir, 'modules.json');
  rmSync(list, { force: true });
  const o = openSync(out, 'w');
  const e = openSync(err, 'w');
  try {
    const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], {
      env: { ...home.env, ECS_TEST_MODULES: list },
      stdio: ['ignore', o, e],
    });
    return { code: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8'), builtins: new Set(JSON.parse(readFileSync(list, 'utf8')) as string[]) };
  } finally {
    closeSync(o);
    closeSync(e);
  }
}

describe('start-up of simulator commands', () => {
  it('instance create, describe, list and stop work and load none of the costly built-ins', () => {
    // The first command makes the store (a snapshot with a random revision: node:crypto).
    const first = run(['instance', 'create', '-q', '-o', 'ids']);
    expect(first.code, first.stderr).toBe(0);
    const created = run(['instance', 'create', '-q', '-o', 'ids']);
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^i-bp[a-z0-9]{18}$/);
    for (const m of COSTLY) expect(created.builtins.has(m), `instance create loaded node:${m}`).toBe(false);

    const d = run(['instance', 'describe', id, '-o', 'json']);
    expect(d.code, d.stderr).toBe(0);
    expect((JSON.parse(d.stdout) as { InstanceId: string }).InstanceId).toBe(id);
    for (const m of COSTLY) expect(d.builtins.has(m), `instance describe loaded node:${m}`).toBe(false);
    // the check itself can fail: the module list is real (fs is always there)
    expect(d.builtins.has('fs')).toBe(true);

    const l = run(['instance', 'list', '-o', 'ids']);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout.split('\n').sort()).toEqual(['', first.stdout.trim(), id].sort());
    for (const m of COSTLY) expect(l.builtins.has(m), `instance list loaded node:${m}`).toBe(false);

    const s = run(['instance', 'stop', id, '--yes', '-o', 'json']);
    expect(s.code, s.stderr).toBe(0);
    for (const m of COSTLY) expect(s.builtins.has(m), `instance stop loaded node:${m}`).toBe(false);
    const after = run(['instance', 'describe', id, '-o', 'json']);
    expect((JSON.parse(after.stdout) as { Status: string }).Status).toBe('Stopped');
  });

  it('a command that needs a costly built-in loads it on first use and works', () => {
    // key generate needs node:crypto (an RSA key) through the full CLI (ECS_KEY_FAST=0)
    const file = join(dir, 'id_rsa');
    const r = spawnSync(process.execPath, ['--require', preload, BIN, 'key', 'generate', '--out', file, '-o', 'json'], {
      env: { ...home.env, ECS_KEY_FAST: '0', ECS_TEST_MODULES: join(dir, 'k.json') },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(new Set(JSON.parse(readFileSync(join(dir, 'k.json'), 'utf8')) as string[]).has('crypto')).toBe(true);
  });
});
