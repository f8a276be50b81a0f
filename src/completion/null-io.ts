// An IO that shows nothing: completion must never print to the terminal except candidates.
import { PassThrough, Writable } from 'node:stream';
import type { IO } from '../core/io.js';

export function nullIO(): IO {
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const stdin = new PassThrough();
  stdin.end();
  return { stdin, stdout: sink(), stderr: sink(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 0, color: false };
}
