// Storage verbs on a terminal (a pseudo-terminal from `script`): a long task shows its
// percentage while --wait-ing, and destructive verbs ask first (Enter = No).

import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContents } from '../../src/simulator/store.js';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runInPty } from '../helpers/pty.js';
import { BIN, runInProcess } from '../helpers/run.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript && process.env.CI === 'true') throw new Error('the `script` command (util-linux/bsdutils) is needed for the TTY tests');

let b: TestBackend;
let disk = '';
beforeAll(async () => {
  // 40 GiB full snapshot: 2,400 s at time scale 1, ≈ 4.8 s here.
  b = await testBackend({ timeScale: '0.002' });
  const run = async (...args: string[]) => {
    const r = await runInProcess(args, { env: b.env });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const inst = await run('instance', 'create', '--zone', 'cn-hangzhou-h', '--wait', '-q', '-o', 'ids');
  disk = await run('disk', 'list', '--instance', inst, '--type', 'system', '-o', 'ids');
});
afterAll(async () => {
  await b?.cleanup();
});

/** Run ecs in a pty that has a size (stty cols 120), as a terminal window has: ora draws there. */
function inSizedPty(args: string[]): Promise<{ code: number; out: string }> {
  const shq = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
  const cmd = `stty cols 120 rows 40; ${[process.execPath, BIN, ...args].map(shq).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', cmd, '/dev/null'], { env: b.env, cwd: b.home, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${out}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code: code ?? 1, out });
    });
  });
}

const inPty = (args: string[], steps: [RegExp, string][] = []) => runInPty(args, steps, { env: { ...b.env, COLUMNS: '120' }, timeoutMs: 60_000 });

describe.skipIf(!hasScript)('storage verbs on a terminal (needs `script`)', () => {
  it('snapshot create --wait shows the percentage, then 100% done', async () => {
    const r = await inSizedPty(['snapshot', 'create', disk, '--wait', '-o', 'ids']);
    expect(r.code, r.out).toBe(0);
    const plain = r.out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    const pcts = [...plain.matchAll(/Creating snapshot s-\w+ of d-\w+ (\d+)%/g)].map((m) => Number(m[1]));
    expect(pcts.some((p) => p > 0 && p < 100), plain).toBe(true);
    expect(plain).toMatch(/100% done/);
  });

  it('disk delete asks first: Enter keeps the disk; y deletes it', async () => {
    const created = await runInProcess(['disk', 'create', '--zone', 'cn-hangzhou-h', '--size', '20', '--wait', '-q', '-o', 'ids'], { env: b.env });
    const id = created.stdout.trim();
    const before = storeContents(b.simulatorDir);
    let r = await inPty(['disk', 'delete', id], [[/\(y\/N/, '\r']]);
    expect(r.out).toMatch(new RegExp(`Delete disk ${id}\\? Their data cannot be recovered`));
    expect(r.code).toBe(1);
    expect(storeContents(b.simulatorDir)).toBe(before);
    r = await inPty(['disk', 'delete', id], [[/\(y\/N/, 'y\r']]);
    expect(r.code, r.out).toBe(0);
    const gone = await runInProcess(['disk', 'describe', id], { env: b.env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('InvalidDiskId.NotFound');
  });
});
