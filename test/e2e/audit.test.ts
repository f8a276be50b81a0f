// ecs audit through the built binary: ssh-keygen as the oracle for key parsing and
// fingerprints, colours on a real terminal (and none with NO_COLOR / --no-color / a pipe),
// exit codes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasScript, runInPty } from '../helpers/pty.js';
import { runEcs, tempHome } from '../helpers/run.js';
import { requireTools } from '../unit/keys/oracle.js';
import { keys } from '../unit/audit/helpers.js';

const haveKeygen = requireTools('ssh-keygen');

let home: ReturnType<typeof tempHome>;
let dir: string;
beforeAll(() => {
  home = tempHome('ecs-audit-e2e-');
  dir = mkdtempSync(join(tmpdir(), 'ecs-audit-keys-'));
});
afterAll(() => {
  home?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const keygen = (name: string, type: string, bits?: number) => {
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', `${name}@oracle`, '-f', join(dir, name)]);
  return readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
};

describe.runIf(haveKeygen)('audit authorized-keys vs ssh-keygen -l (built binary)', () => {
  it('the lines ssh-keygen -l cannot read are the parse findings; fingerprints are ssh-keygen\'s', async () => {
    const good = [keygen('r1024', 'rsa', 1024), keygen('r2048', 'rsa', 2048), keygen('ed', 'ed25519'), keygen('e256', 'ecdsa', 256), keygen('e384', 'ecdsa', 384), keygen('e521', 'ecdsa', 521)];
    const bad = ['ssh-ed25519 AAAA@@@@ broken', `ssh-rsa ${good[2]!.split(' ')[1]} mismatched`, `ssh-ed448 ${Buffer.from('ssh-ed448').toString('base64')} unknown`, `ssh-ed25519 ${good[2]!.split(' ')[1]!.slice(0, 40)} truncated`];
    const lines = [...good, ...bad].sort(() => Math.random() - 0.5);
    const file = join(dir, 'ak');
    writeFileSync(file, lines.join('\n') + '\n');
    const oracle = execFileSync('ssh-keygen', ['-l', '-f', file], { encoding: 'utf8' }).trim().split('\n');
    expect(oracle).toHaveLength(good.length);
    const r = await runEcs(['audit', 'authorized-keys', file, '--no-stat', '-o', 'json'], { env: home.env });
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as { rule: string; line: number; message: string }[];
    const parseLines = findings.filter((f) => ['AK001', 'AK002', 'AK003'].includes(f.rule)).map((f) => f.line).sort((a, b) => a - b);
    const badLines = lines.map((l, i) => (bad.includes(l) ? i + 1 : 0)).filter(Boolean);
    expect(parseLines).toEqual(badLines);
    // the weak keys' fingerprints in the messages are ssh-keygen's
    const fp = (comment: string) => oracle.find((l) => l.includes(comment))!.split(' ')[1];
    expect(findings.find((f) => f.rule === 'AK012')!.message).toContain(fp('r1024@oracle')!);
    expect(findings.find((f) => f.rule === 'AK013')!.message).toContain(fp('r2048@oracle')!);
    // and ecs key fingerprint agrees with ssh-keygen on the same file
    const kf = await runEcs(['key', 'fingerprint', file], { env: home.env });
    expect(kf.stdout).toBe(oracle.join('\n') + '\n');
  });
});

describe('audit exit codes and colour (built binary)', () => {
  let ak: string;
  beforeAll(() => {
    ak = join(dir, 'weak_ak');
    writeFileSync(ak, `${keys.rsa(1024)} weak\n`, { mode: 0o600 });
  });
  it('--fail-on high exits 3; the summary goes to stderr, findings to stdout', async () => {
    const r = await runEcs(['audit', 'authorized-keys', ak, '--no-stat', '--fail-on', 'high'], { env: home.env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^.*weak_ak\n {2}HIGH {5}AK012 {7}1 {2}line 1: RSA key of 1024 bits/);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stderr).toBe('1 finding: 1 high\n');
  });
  it.skipIf(!hasScript)('colour on a terminal; none with NO_COLOR or --no-color', async () => {
    const tty = await runInPty(['audit', 'authorized-keys', ak, '--no-stat'], [], { env: home.env });
    expect(tty.out).toContain('\x1b[31m\x1b[1mHIGH');
    const noColor = await runInPty(['audit', 'authorized-keys', ak, '--no-stat'], [], { env: { ...home.env, NO_COLOR: '1' } });
    expect(noColor.out).toContain('HIGH');
    expect(noColor.out).not.toContain('\x1b[');
    const flag = await runInPty(['audit', 'authorized-keys', ak, '--no-stat', '--no-color'], [], { env: home.env });
    expect(flag.out).not.toContain('\x1b[');
  });
  it('devices and FIFOs: capped or not read at all, one finding or one error line', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await runEcs(['audit', 'authorized-keys', fifo, '/dev/zero', '-o', 'json'], { env: home.env, timeoutMs: 20_000 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual(['AK054 /dev/zero', `AK054 ${fifo}`]);
    const k = await runEcs(['key', 'fingerprint', '/dev/zero'], { env: home.env, timeoutMs: 20_000 });
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/^error: \/dev\/zero is larger than 256 MiB: refusing to read it[^\n]*\n$/);
  });
  it('usage errors: one line, exit 2', async () => {
    const r = await runEcs(['audit', 'authorized-keys'], { env: home.env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
