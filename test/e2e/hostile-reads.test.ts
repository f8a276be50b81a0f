// Issue 7 §3.2: reads are capped while reading. The built CLI against a local HTTP server
// that sends an endless body, a huge declared body or a gzip bomb, and against /dev/zero as a
// file and as stdin. Memory is bounded: the child reports its peak RSS on exit (a preload
// hook), and must refuse with one line, without retrying.
import { spawn } from 'node:child_process';
import { openSync, closeSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/run.js';

const MiB = 1024 * 1024;
/** Node's own footprint and buffers in flight, on top of the cap being tested. */
const OVERHEAD_KB = 128 * 1024;

let home: ReturnType<typeof tempHome>;
let preload: string;
beforeAll(() => {
  home = tempHome();
  preload = join(home.home, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('MAXRSS=' + process.resourceUsage().maxRSS + '\\n'));\n");
});
afterAll(() => home.cleanup());

interface Run {
  code: number;
  stdout: string;
  /** Our lines only (the MAXRSS line removed). */
  stderr: string;
  maxRssKb: number;
}

function run(args: string[], env: NodeJS.ProcessEnv, stdinFd?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', preload, BIN, ...args], { env, cwd: home.home, stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ecs ${args.join(' ')} did not finish within 30 s (unbounded read?)\n${err.slice(0, 500)}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(t);
      const m = /MAXRSS=(\d+)\n/.exec(err);
      resolve({ code: code ?? -1, stdout: out, stderr: err.replace(/MAXRSS=\d+\n/, ''), maxRssKb: m ? Number(m[1]) : -1 });
    });
  });
}

function oneLine(r: Run, re: RegExp, capMiB: number): void {
  expect(r.stderr.split('\n').filter(Boolean), r.stderr.slice(0, 300)).toHaveLength(1);
  expect(r.stderr).toMatch(re);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.maxRssKb).toBeGreaterThan(0);
  expect(r.maxRssKb).toBeLessThan(capMiB * 1024 + OVERHEAD_KB);
}

describe('answers from a hostile endpoint', () => {
  let server: Server;
  let mode: 'endless' | 'declared' | 'bomb' = 'endless';
  let requests = 0;
  let bomb: Buffer;

  beforeAll(async () => {
    // 256 MiB of zeros gzip to ~256 KiB: four times the cap once inflated.
    const gz = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gz.on('data', (d: Buffer) => parts.push(d));
    const zero = Buffer.alloc(MiB);
    for (let i = 0; i < 256; i++) if (!gz.write(zero)) await new Promise((r) => gz.once('drain', r));
    await new Promise((r) => gz.end(r));
    bomb = Buffer.concat(parts);
    expect(bomb.length).toBeLessThan(MiB);

    server = createServer((req, res) => {
      requests++;
      req.resume();
      if (mode === 'bomb') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
        res.end(bomb);
        return;
      }
      if (mode === 'declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 700 * MiB });
        res.write('{"Regions":{"Region":[');
        return; // never finishes: the client must not wait for 700 MB
      }
      // endless: chunked JSON-ish text as fast as the client reads it
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(MiB, 0x20);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const env = () => ({
    ...home.env,
    ECS_BACKEND: 'remote',
    ECS_ENDPOINT: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexample',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
  });

  it.each(['endless', 'declared', 'bomb'] as const)('%s answer: one line naming the action, exit 1, one request (no retry), bounded memory', async (m) => {
    mode = m;
    requests = 0;
    const r = await run(['region', 'list'], env());
    expect(r.code).toBe(1);
    oneLine(r, /^error: DescribeRegions: the answer from 127\.0\.0\.1:\d+ is larger than 64 MiB: refused/, 64);
    expect(requests).toBe(1);
    expect(r.stdout).toBe('');
  });
});

describe('/dev/zero as a file and as stdin', () => {
  it.each([
    [['key', 'fingerprint', '/dev/zero'], /^error: \/dev\/zero is larger than 256 MiB: refusing to read it/, 256, 1],
    [['key', 'public', '/dev/zero'], /^error: \/dev\/zero is larger than 256 MiB: refusing to read it/, 256, 1],
    [['simulator', 'import', '--yes', '/dev/zero'], /^error: \/dev\/zero is larger than 256 MiB: refusing to read it/, 256, 1],
    [['config', 'import-aliyun', '/dev/zero'], /^error: \/dev\/zero is larger than 16 MiB: refusing to read it/, 16, 1],
    // Secret files must be regular files (checked before reading): a usage error.
    [['key', 'generate', '--out', 'k1', '--passphrase-file', '/dev/zero'], /^error: --passphrase-file \/dev\/zero: not a regular file\n$/, 1, 2],
    [['instance', 'create', '--password-file', '/dev/zero', '--dry-run'], /^error: --password-file \/dev\/zero: not a regular file\n$/, 1, 2],
  ] as [string[], RegExp, number, number][])('ecs %j: refused while reading', async (args, re, cap, code) => {
    const r = await run([...args], home.env);
    expect(r.code).toBe(code);
    oneLine(r, re, cap);
  });

  it.each([
    [['key', 'fingerprint', '-'], /^error: the key on standard input is larger than 256 MiB: refusing to read it/, 256],
    [['simulator', 'import', '--yes', '-'], /^error: the state on standard input is larger than 256 MiB: refusing to read it/, 256],
    [['instance', 'create', '--password-stdin', '--dry-run'], /^error: the .* on standard input is larger than 64 KiB: refusing to read it/, 1],
    [['config', 'set', 'access-key-secret', '--stdin'], /^error: the access-key-secret on standard input is larger than 64 KiB: refusing to read it/, 1],
  ] as const)('ecs %j < /dev/zero: refused while reading', async (args, re, cap) => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const r = await run([...args], home.env, fd);
      expect(r.code).toBe(1);
      oneLine(r, re, cap);
    } finally {
      closeSync(fd);
    }
  });
});

describe('a config file that is a device', () => {
  it('is refused while reading, one line, exit 1', async () => {
    const h2 = tempHome();
    try {
      mkdirSync(join(h2.home, '.config', 'ecs'), { recursive: true });
      symlinkSync('/dev/zero', join(h2.home, '.config', 'ecs', 'config.json'));
      const r = await run(['instance', 'list'], h2.env);
      expect(r.code).toBe(1);
      oneLine(r, /^error: config file .*config\.json is larger than 16 MiB: refusing to read it/, 16);
    } finally {
      h2.cleanup();
    }
  });
});
