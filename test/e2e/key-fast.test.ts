// The `ecs key …` fast path (issue 12 part 2): bin/ecs.js runs key verbs through
// dist/key-VERB.cjs, which loads neither commander nor the command tree. It must answer exactly
// as the full CLI does, and hand every line it does not handle (help, usage errors) to the
// full CLI. The full CLI is reached with ECS_KEY_FAST=0 for the comparison.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(root, 'bin', 'ecs.js');
let dir: string;

function ecs(args: string[], opts: { fast?: boolean; input?: string } = {}) {
  const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', ...(opts.fast === false ? { ECS_KEY_FAST: '0' } : {}) };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, input: opts.input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecs-keyfast-'));
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fast@test', '-f', join(dir, 'id')]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  writeFileSync(join(dir, 'pass'), 'fast path passphrase\n', { mode: 0o600 });
  const enc = spawnSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'fast path passphrase', '-f', join(dir, 'enc.pem')]);
  if (enc.status !== 0) throw new Error(`ssh-keygen failed: ${enc.stderr}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ecs key fast path', () => {
  it('loads neither commander nor the command tree: dist/key-VERB.cjs is one file with that verb alone', () => {
    const verbs = ['generate', 'public', 'fingerprint', 'to-ppk', 'from-ppk'];
    for (const verb of verbs) {
      const text = readFileSync(join(root, 'dist', `key-${verb}.cjs`), 'utf8');
      // one CommonJS file (Node 20's ESM loader costs ~0.8 ms per module, ~4 ms to set up): no dist chunk
      expect([...text.matchAll(/from\s*"\.\/[^"]+"|import\s*"\.\/[^"]+"|import\("\.\/[^"]+"\)|require\("\.\/[^"]+"\)/g)].map((m) => m[0])).toEqual([]);
      expect(verbs.filter((v) => text.includes(`// src/commands/key/${v}.ts`))).toEqual([verb]);
      expect(text).not.toMatch(/class CommanderError|registry|complete-tree|from "commander"/);
    }
  });

  const lines: [string, string[], string?][] = [
    ['public', ['key', 'public', 'id']],
    ['public with a comment and -q', ['key', 'public', 'id', '--comment', 'other', '-q']],
    ['fingerprint, two files, --md5', ['key', 'fingerprint', '--md5', 'id.pub', 'id']],
    ['to-ppk to stdout, v2', ['key', 'to-ppk', 'id', '--out', '-', '--ppk-version', '2']],
    ['to-ppk with --opt=value', ['key', 'to-ppk', 'id', '--out=-', '--comment=c1']],
    ['public of stdin', ['key', 'public', '-'], 'STDIN'],
    ['an operation error (no such file)', ['key', 'public', 'nosuch']],
    ['a usage error of the verb (bad choice)', ['key', 'to-ppk', 'id', '--ppk-version', '4']],
    ['a usage error (bad number)', ['key', 'to-ppk', 'id', '--out', '-', '--argon2-passes', 'x', '--passphrase-file', 'pass']],
    ['a missing argument', ['key', 'to-ppk']],
    ['an unknown option', ['key', 'public', 'id', '--nope']],
    ['verb help', ['key', 'to-ppk', '--help']],
    ['a global option with a value', ['key', 'public', 'id', '--region', 'cn-hangzhou']],
    ['an unknown verb (no dist/key-VERB.cjs)', ['key', 'nosuch', 'id']],
    ['an encrypted key and no terminal to ask on', ['key', 'to-ppk', 'enc.pem', '--out', 'enc.ppk']],
    ['an encrypted key, its passphrase from a file', ['key', 'public', 'enc.pem', '--passphrase-file', 'pass']],
    ['a verb that is a path', ['key', '../dist/cli', 'id']],
  ];
  it.each(lines)('%s: same stdout, stderr and exit code as the full CLI', (_name, args, input) => {
    const stdin = input === 'STDIN' ? readFileSync(join(dir, 'id'), 'utf8') : undefined;
    const fast = ecs(args, { input: stdin });
    const full = ecs(args, { fast: false, input: stdin });
    expect(fast).toEqual(full);
    expect(fast.stdout + fast.stderr).not.toBe('');
  });

  it('writes files as the full CLI does: an encrypted PPK v3 that puttygen-compatible readers open', () => {
    const a = ecs(['key', 'to-ppk', 'id', '--out', 'a.ppk', '--passphrase-file', 'pass', '--argon2-passes', '2']);
    expect(a).toEqual({ code: 0, stdout: '', stderr: 'Wrote a.ppk (PPK v3, encrypted)\n' });
    const back = ecs(['key', 'from-ppk', 'a.ppk', '--passphrase-file', 'pass', '--format', 'openssh', '--out', '-']);
    expect(back.code).toBe(0);
    const pub = ecs(['key', 'public', '-'], { input: back.stdout });
    expect(pub.stdout).toBe(readFileSync(join(dir, 'id.pub'), 'utf8').replace(' fast@test', ' fast@test'));
  });
});

describe('the fast path writes stdout and stderr with write(2) when they are not terminals', () => {
  // 4,000 copies of one key: ~300 KB of fingerprint lines, more than a pipe holds.
  const big = () => {
    const f = join(dir, 'big.pub');
    writeFileSync(f, readFileSync(join(dir, 'id.pub'), 'utf8').repeat(4000));
    return f;
  };

  it('a reader that goes away (| head -c 1): exit 0, nothing on stderr, as the full CLI', () => {
    const f = big();
    for (const fast of ['', '0']) {
      const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" key fingerprint "$2" | head -c 1; echo " rc=$?"', process.execPath, BIN, f], {
        env: { PATH: process.env.PATH, HOME: dir, ECS_KEY_FAST: fast }, encoding: 'utf8',
      });
      expect({ fast, out: r.stdout, err: r.stderr }).toEqual({ fast, out: '2 rc=0\n', err: '' });
    }
  });

  it('stdout and stderr into files: the same bytes as the full CLI', () => {
    const run = (fast: boolean) => {
      const [o, e] = [join(dir, `o-${fast}`), join(dir, `e-${fast}`)];
      const fds = [openSync(o, 'w'), openSync(e, 'w')];
      const env = { PATH: process.env.PATH, HOME: dir, ...(fast ? {} : { ECS_KEY_FAST: '0' }) };
      const r = spawnSync(process.execPath, [BIN, 'key', 'fingerprint', 'id.pub', 'nosuch', 'id'], { cwd: dir, env, stdio: ['ignore', fds[0], fds[1]] });
      fds.forEach(closeSync);
      return { code: r.status, out: readFileSync(o, 'utf8'), err: readFileSync(e, 'utf8') };
    };
    const fast = run(true);
    expect(fast).toEqual(run(false));
    expect(fast.out.split('\n')).toHaveLength(3);
    expect(fast.err).toContain('nosuch');
  });

  it('stdout a TCP socket: every byte arrives, in order', async () => {
    // (A Node parent cannot hand a child a non-blocking stdout: libuv makes fds 0-2 blocking in
    // the child. EAGAIN, from other parents, is in the unit test test/unit/fast/io.test.ts.)
    const f = big();
    const want = spawnSync(process.execPath, [BIN, 'key', 'fingerprint', f], { env: { PATH: process.env.PATH, HOME: dir, ECS_KEY_FAST: '0' }, encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;
    expect(want.length).toBeGreaterThan(200_000);
    const server = createServer();
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const accepted = new Promise<Socket>((res) => server.once('connection', res));
    const client = connect((server.address() as { port: number }).port, '127.0.0.1');
    await new Promise((res) => client.once('connect', res));
    const peer = await accepted;
    const chunks: Buffer[] = [];
    peer.on('data', (b: Buffer) => chunks.push(b));
    const ended = new Promise((res) => peer.once('end', res));
    const child = spawn(process.execPath, [BIN, 'key', 'fingerprint', f], { env: { PATH: process.env.PATH, HOME: dir }, stdio: ['ignore', client, 'pipe'] });
    let err = '';
    child.stderr!.on('data', (b) => (err += b));
    const code = await new Promise((res) => child.once('close', res));
    client.end();
    await ended;
    server.close();
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(want);
  });
});

describe('fastKey() in-process: which lines it takes', () => {
  function bufferIO() {
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => ({ write: (s: string) => (f(String(s)), true) }) as any;
    const io = {
      stdin: process.stdin, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)),
      stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 0, color: false,
    };
    return { io, out: () => out, err: () => err };
  }
  const take = async (args: string[]) => {
    const { fastKey } = await import('../../src/fast/any-verb.js');
    const b = bufferIO();
    const code = await fastKey(args.map((a) => (a === 'ID' ? join(dir, 'id') : a)), { io: b.io as any, env: { HOME: dir } });
    return { code, out: b.out(), err: b.err() };
  };

  it('runs a well-formed line itself', async () => {
    const r = await take(['key', 'public', 'ID']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(dir, 'id.pub'), 'utf8'));
  });
  it.each([
    [['key', 'public', 'ID', '--help']],
    [['key', 'public', 'ID', '--nope']],
    [['key', 'public']],
    [['key', 'public', 'ID', 'extra']],
    [['key', 'to-ppk', 'ID', '--ppk-version', '9']],
    [['key', 'public', 'ID', '-o', 'json']],
    [['key', 'public', 'ID', '-qy']],
    [['key', 'nosuch']],
    [['key', '__proto__']],
    [['key', 'constructor', 'ID']],
  ])('leaves %j to the full CLI', async (args) => {
    const r = await take(args);
    expect(r).toEqual({ code: undefined, out: '', err: '' });
  });
});
