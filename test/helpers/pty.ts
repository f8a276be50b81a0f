// Run the built CLI on a real terminal: a pseudo-terminal from `script` (util-linux/bsdutils),
// so stdin, stdout and stderr are TTYs as for a user at a shell. Each time the output (since
// the last answer, escape sequences removed) matches steps[i][0], steps[i][1] is typed.

import { spawn, spawnSync } from 'node:child_process';
import { BIN } from './run.js';

export const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtyResult {
  code: number;
  out: string;
  /** How many steps were answered. */
  answered: number;
}

export function runInPty(args: string[], steps: [RegExp, string][], o: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    const cmd = [process.execPath, BIN, ...args].map(shq).join(' ');
    const child = spawn('script', ['-qefc', cmd, '/dev/null'], { env: o.env, cwd: o.cwd ?? o.env.HOME, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let step = 0;
    let seen = 0; // output before this index was answered already
    const onData = (d: Buffer) => {
      out += d.toString();
      while (step < steps.length && steps[step]![0].test(out.slice(seen).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''))) {
        seen = out.length;
        child.stdin.write(steps[step]![1]);
        step++;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pty run timed out; output so far:\n${out}`));
    }, o.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code: code ?? 1, out, answered: step });
    });
  });
}
