import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendHostKey, checkHostKey, fingerprint, patternsMatch } from '../../../src/ssh/known-hosts.js';
import { parseTarget } from '../../../src/ssh/target.js';

const tmp = mkdtempSync(join(tmpdir(), 'kh-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function newKey(name: string): { line: string; blob: Buffer } {
  const f = join(tmp, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', f]);
  const line = readFileSync(`${f}.pub`, 'utf8').trim();
  return { line, blob: Buffer.from(line.split(' ')[1]!, 'base64') };
}
const A = newKey('a');
const B = newKey('b');

describe('known_hosts', () => {
  it('plain, [host]:port and pattern entries', () => {
    const f = join(tmp, 'plain');
    writeFileSync(f, `# c\n10.0.0.5 ${A.line}\n[10.0.0.5]:2222 ${B.line}\n*.example.com,!bad.example.com ${A.line}\n`);
    expect(checkHostKey(f, '10.0.0.5', 22, A.blob)).toMatchObject({ status: 'known', line: 2 });
    expect(checkHostKey(f, '10.0.0.5', 22, B.blob)).toMatchObject({ status: 'changed', line: 2, knownFingerprint: fingerprint(A.blob) });
    expect(checkHostKey(f, '10.0.0.5', 2222, B.blob)).toMatchObject({ status: 'known', line: 3 });
    expect(checkHostKey(f, '10.0.0.5', 2223, A.blob).status).toBe('unknown');
    expect(checkHostKey(f, 'web.example.com', 22, A.blob).status).toBe('known');
    expect(checkHostKey(f, 'bad.example.com', 22, A.blob).status).toBe('unknown');
    expect(checkHostKey(join(tmp, 'absent'), 'x', 22, A.blob).status).toBe('unknown');
  });

  it('hashed entries written by ssh-keygen -H (the oracle) are matched, with and without a port', () => {
    const f = join(tmp, 'hashed');
    writeFileSync(f, `web1 ${A.line}\n[127.0.0.1]:2200 ${B.line}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', f], { stdio: 'pipe' });
    const text = readFileSync(f, 'utf8');
    expect(text).not.toContain('web1');
    expect(text.split('\n')[0]).toMatch(/^\|1\|/);
    expect(checkHostKey(f, 'web1', 22, A.blob).status).toBe('known');
    expect(checkHostKey(f, 'web1', 22, B.blob).status).toBe('changed');
    expect(checkHostKey(f, '127.0.0.1', 2200, B.blob).status).toBe('known');
    expect(checkHostKey(f, '127.0.0.1', 22, B.blob).status).toBe('unknown');
    expect(patternsMatch('|1|garbage', 'web1')).toBe(false);
  });

  it('@revoked refuses the key for every host; @cert-authority lines are not host keys', () => {
    const f = join(tmp, 'markers');
    writeFileSync(f, `@cert-authority * ${B.line}\n@revoked * ${A.line}\nh ${A.line}\n`);
    expect(checkHostKey(f, 'h', 22, A.blob).status).toBe('revoked');
    expect(checkHostKey(f, 'h', 22, B.blob).status).toBe('changed');
  });

  it('--accept-new appends a line that ssh-keygen -F finds, file 0600', () => {
    const f = join(tmp, 'new', '.ssh', 'known_hosts');
    appendHostKey(f, '127.0.0.1', 2201, A.blob);
    appendHostKey(f, 'host.example', 22, B.blob);
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(join(tmp, 'new', '.ssh')).mode & 0o777).toBe(0o700);
    expect(readFileSync(f, 'utf8')).toBe(`[127.0.0.1]:2201 ${A.line}\nhost.example ${B.line}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2201', '-f', f]).toString();
    expect(found).toContain(A.line);
    expect(checkHostKey(f, '127.0.0.1', 2201, A.blob).status).toBe('known');
  });
});

describe('parseTarget', () => {
  it('USER@HOST:PORT forms', () => {
    expect(parseTarget('root@10.0.0.5:2222', { user: 'me' })).toEqual({ user: 'root', host: '10.0.0.5', port: 2222, label: 'root@10.0.0.5:2222' });
    expect(parseTarget('web1', { user: 'me' })).toEqual({ user: 'me', host: 'web1', port: 22, label: 'me@web1:22' });
    expect(parseTarget('a@[::1]:22', { user: 'me' })).toMatchObject({ host: '::1', port: 22, label: 'a@[::1]:22' });
    expect(parseTarget('deploy@build_box.internal:2200', { user: 'me' })).toMatchObject({ user: 'deploy', host: 'build_box.internal', port: 2200 });
  });
  it.each(['root@', 'h:0', 'h:70000', 'h:x', '::1', 'bad host', '-oProxyCommand=x', 'h\u001b[2J', 'r;m@h', '[zz]:2'])('refuses %j with a usage error', (s) => {
    expect(() => parseTarget(s, { user: 'me' })).toThrow(/bad host .*expected \[USER@\]HOST\[:PORT\]/);
  });
});
