// `ecs config init` on a real terminal (script(1) pseudo-terminal): the prompts and the hidden
// secret. The rest of `ecs config` is tested in-process in test/commands/config.test.ts.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasScript, runInPty } from '../helpers/pty.js';
import { tempHome } from '../helpers/run.js';

const SECRET = 'Sx9fKq2LmN8pR4tV6wY0zA3cE5gH7j';
const KEY_ID = 'LTAI5tTestKeyId0001';

let h: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
let cfgFile: string;
beforeEach(() => {
  h = tempHome('ecs-config-');
  env = h.env;
  cfgFile = join(h.home, '.config', 'ecs', 'config.json');
});
afterEach(() => h.cleanup());

const mode = (p: string) => statSync(p).mode & 0o777;

describe('ecs config on a terminal', () => {
  // A real terminal through script(1) (util-linux): prompts, then the hidden secret prompt.
  if (!hasScript && process.env.CI !== 'true') console.warn('skipping the terminal test of config init: script(1) is not installed (util-linux)');
  it.skipIf(!hasScript && process.env.CI !== 'true')('init on a terminal asks each value and hides the secret', async () => {
    const answers: [RegExp, string][] = [
      [/Profile name \[default\]: /, 'tty1'],
      [/Backend \(simulator\|remote\) \[simulator\]: /, 'remote'],
      [/Region \[cn-hangzhou\]: /, 'cn-shenzhen'],
      [/AccessKey ID: /, KEY_ID],
      [/AccessKey secret:/, SECRET],
    ];
    const { code, out, answered: next } = await runInPty(['config', 'init'], answers.map(([re, a]) => [re, `${a}\r`] as [RegExp, string]), { env, cwd: h.home });
    expect(code, out).toBe(0);
    expect(next).toBe(answers.length);
    expect(out).toContain('profile "tty1" created (current)');
    expect(out).not.toContain(SECRET);
    expect(JSON.parse(readFileSync(cfgFile, 'utf8')).profiles.tty1).toEqual({ backend: 'remote', region: 'cn-shenzhen', accessKeyId: KEY_ID, accessKeySecret: SECRET });
    expect(mode(cfgFile)).toBe(0o600);
  });
});
