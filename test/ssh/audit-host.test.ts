// ecs audit host from the built CLI against a real sshd: planted problems are found over
// SFTP exactly as the local audit finds them in the same files; unknown and unreachable
// hosts are one-line errors while the other hosts are audited.

import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHostFiles, localSource, type Finding } from '../../src/audit/index.js';
import { BIN, runEcs } from '../helpers/run.js';
import { sshdSkip, startSshd, type TestSshd, type TestUser } from '../helpers/sshd.js';
import { homeFor } from './common.js';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

describe.skipIf(sshdSkip)('ecs audit host (real sshd)', () => {
  let s: TestSshd;
  let h: ReturnType<typeof homeFor>;
  let u: TestUser;
  let dest: string;
  let files: { passwd: string; shadow: string; ak: string; toorAk: string };
  beforeAll(async () => {
    s = await startSshd();
    h = homeFor(s);
    dest = `root@127.0.0.1:${s.port}`;
    u = s.addUser();
    const etc = join(s.dir, 'etc');
    mkdirSync(etc);
    const root = join(s.dir, 'roothome');
    const toor = join(s.dir, 'toorhome');
    mkdirSync(join(root, '.ssh'), { recursive: true, mode: 0o700 });
    mkdirSync(join(toor, '.ssh'), { recursive: true, mode: 0o700 });
    files = {
      passwd: join(etc, 'passwd'),
      shadow: join(etc, 'shadow'),
      ak: join(u.home, '.ssh', 'authorized_keys'),
      toorAk: join(toor, '.ssh', 'authorized_keys'),
    };
    writeFileSync(files.passwd, `root:x:0:0:root:${root}:/bin/bash\ntoor:x:0:0::${toor}:/bin/sh\n${u.name}:x:${u.uid}:${u.gid}::${u.home}:/bin/sh\n`, { mode: 0o644 });
    writeFileSync(files.shadow, `root:*:19000:0:99999:7:::\ntoor::19000:0:99999:7:::\n${u.name}:*:19000:0:99999:7:::\n`, { mode: 0o640 });
    const rsa = join(s.dir, 'rsa1024');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '1024', '-N', '', '-C', 'old', '-f', rsa]);
    mkdirSync(join(u.home, '.ssh'), { mode: 0o700 });
    writeFileSync(
      files.ak,
      [
        s.clientPub,
        readFileSync(`${rsa}.pub`, 'utf8').trim(),
        `${s.clientPub.split(' ').slice(0, 2).join(' ')} copy \u001b[2J\u001b]0;pwned\u0007`,
        'ssh-ed25519 AAAA!!!notbase64 broken',
        `ssh-ed25519 ${'A'.repeat(10000)} huge`,
        '',
      ].join('\n'),
    );
    chmodSync(files.ak, 0o664);
    chownSync(join(u.home, '.ssh'), u.uid, u.gid);
    chownSync(files.ak, u.uid, u.gid);
    writeFileSync(files.toorAk, Buffer.from([0x73, 0x73, 0x68, 0, 1, 2, 0xff, 10]), { mode: 0o600 });
  });
  afterAll(async () => {
    await s?.stop();
    h?.cleanup();
  });

  const opts = () => ['--sshd-config', s.config, '--passwd', files.passwd, '--shadow', files.shadow];

  it('finds the planted problems over SFTP, the same findings as the local audit of the same files, each with host', async () => {
    const r = await runEcs(['audit', 'host', dest, '-i', s.clientKey, ...opts(), '-o', 'json'], { env: h.env });
    expect(r.stderr).toBe(`Auditing 1 host ...\n${dest}: ${summaryOf(JSON.parse(r.stdout))}\n1 host: 1 audited, 0 failed\n`);
    expect(r.code).toBe(0);
    const remote: Finding[] = JSON.parse(r.stdout);
    expect(remote.every((f) => f.host === dest)).toBe(true);
    const local = await auditHostFiles(localSource(), { sshdConfig: s.config, passwd: files.passwd, shadow: files.shadow });
    const strip = (l: Finding[]) => l.map(({ host: _h, ...f }) => JSON.stringify(f)).sort();
    expect(strip(remote)).toEqual(strip(local));
    // exactly what was planted, file by file (sorted: line, then catalogue order)
    const of = (file: string) => remote.filter((f) => f.file === file).map((f) => `${f.rule} ${f.severity} ${f.line}`);
    expect(of(files.ak)).toEqual(['AK050 high null', 'AK012 high 2', 'AK020 medium 3', 'AK001 high 4', 'AK003 high 5', 'AK006 low 5']);
    expect(of(s.config)).toEqual(['SSHD13 low null', 'SSHD02 medium 6', 'SSHD03 high 7', 'SSHD11 info 17']);
    expect(of(files.toorAk)).toEqual(['FILE02 medium null']);
    const has = (rule: string, file: string, line: number | null) => remote.some((f) => f.rule === rule && f.file === file && f.line === line);
    expect(has('PW01', files.passwd, 2)).toBe(true); // UID 0 toor
    expect(has('SH01', files.shadow, 2)).toBe(true); // empty password
    expect(has('SSHD03', s.config, null) || remote.some((f) => f.rule === 'SSHD03' && f.file === s.config)).toBe(true);
    expect(has('AK012', files.ak, 2)).toBe(true); // RSA 1024
    expect(has('AK020', files.ak, 3)).toBe(true); // duplicate
    expect(has('AK001', files.ak, 4)).toBe(true); // bad base64
    expect(remote.some((f) => f.rule === 'AK050' && f.file === files.ak)).toBe(true); // 0664
    expect(remote.some((f) => f.rule === 'FILE02' && f.file === files.toorAk)).toBe(true); // binary
    // nothing the host supplied reaches the output with its control characters
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);

    // the image profile (S001) over SSH: preset keys are findings too
    const img = await runEcs(['audit', 'host', dest, '-i', s.clientKey, ...opts(), '--image', '-o', 'json'], { env: h.env });
    expect(img.code, img.stderr).toBe(0);
    const imgList: Finding[] = JSON.parse(img.stdout);
    expect(imgList.some((f) => f.rule === 'IMG01' && f.file === files.ak)).toBe(true);
    expect(remote.some((f) => f.rule.startsWith('IMG'))).toBe(false);

    // --allow (a local file): the keys not in it are findings (the RSA key on line 2)
    const allow = join(h.home, 'approved.pub');
    writeFileSync(allow, `${s.clientPub}\n`);
    const al = await runEcs(['audit', 'host', dest, '-i', s.clientKey, ...opts(), '--allow', allow, '-o', 'json'], { env: h.env });
    expect(al.code, al.stderr).toBe(0);
    expect((JSON.parse(al.stdout) as Finding[]).filter((f) => f.rule === 'AK023').map((f) => `${f.file}:${f.line}`)).toEqual([`${files.ak}:2`]);
    const noAllow = await runEcs(['audit', 'host', dest, '-i', s.clientKey, '--allow', join(h.home, 'missing.pub')], { env: h.env });
    expect(noAllow).toMatchObject({ code: 2, stdout: '', stderr: `error: --allow ${join(h.home, 'missing.pub')}: no such file\n` });

    // SARIF: one result per finding, located on the host
    const sarif = await runEcs(['audit', 'host', dest, '-i', s.clientKey, ...opts(), '-o', 'sarif'], { env: h.env });
    expect(sarif.code, sarif.stderr).toBe(0);
    const results = JSON.parse(sarif.stdout).runs[0].results;
    expect(results).toHaveLength(remote.length);
    expect(results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri)).toContain(`ssh://root@127.0.0.1:${s.port}${files.ak}`);
  });

  it('table output, --fail-on exits 3; an unknown host and an unreachable one are reported in one line each while the others are audited', async () => {
    const closed = await closedPort();
    const fresh = homeFor(s, false);
    try {
      // unknown host: fresh HOME with no known_hosts
      const unk = await runEcs(['audit', 'host', dest, '-i', s.clientKey, ...opts()], { env: fresh.env });
      expect(unk.code).toBe(1);
      expect(unk.stderr).toMatch(new RegExp(`^Auditing 1 host \\.\\.\\.\\nerror: ${dest.replace(/\./g, '\\.')}: unknown host key ssh-ed25519 SHA256:\\S+ \\(not in ${fresh.home}/\\.ssh/known_hosts\\); check it and run again with --accept-new to add it\\n1 host: 0 audited, 1 failed\\n$`));
      expect(unk.stdout).toBe('');
    } finally {
      fresh.cleanup();
    }
    const v = s.addUser(); // no authorized_keys at all
    const hosts = [dest, `root@127.0.0.1:${closed}`, `${v.name}@127.0.0.1:${s.port}`, dest];
    const r = await runEcs(['audit', 'host', ...hosts, '-i', s.clientKey, ...opts(), '--concurrency', '2'], { env: h.env });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('Auditing 4 hosts ...');
    expect(lines).toContain(`error: root@127.0.0.1:${closed}: connection refused`);
    // a user without keys: authentication fails, reported, counted
    expect(lines, r.stderr).toContain(`error: ${v.name}@127.0.0.1:${s.port}: authentication failed (tried publickey)`);
    expect(lines.filter((l) => l.startsWith(`${dest}: `))).toHaveLength(2);
    expect(lines.at(-1)).toBe('4 hosts: 2 audited, 2 failed');
    // the table groups by host:file
    expect(r.stdout).toContain(`${dest}:${files.ak}\n`);
    expect(r.stdout).toContain(`${dest}:${files.passwd}\n`);

    const f = await runEcs(['audit', 'host', ...hosts, '-i', s.clientKey, ...opts(), '--fail-on', 'critical', '-o', 'json'], { env: h.env });
    expect(f.code).toBe(3);
    expect(JSON.parse(f.stdout).filter((x: Finding) => x.severity === 'critical').length).toBeGreaterThan(0);
  });

  it('reads capped: an over-long file is one FILE01 finding and the rest of the host is audited', async () => {
    const big = join(s.dir, 'etc', 'big_config');
    writeFileSync(big, `# ${'x'.repeat(5 * 1024 * 1024)}\n`, { mode: 0o600 });
    const r = await runEcs(['audit', 'host', dest, '-i', s.clientKey, '--sshd-config', big, '--passwd', files.passwd, '--shadow', files.shadow, '-o', 'json'], { env: h.env });
    expect(r.code, r.stderr).toBe(0);
    const list: Finding[] = JSON.parse(r.stdout);
    const f1 = list.filter((f) => f.rule === 'FILE01');
    expect(f1.map((f) => f.file)).toEqual([big]);
    expect(f1[0]!.message).toMatch(/larger than \d+ bytes/);
    expect(list.some((f) => f.rule === 'PW01')).toBe(true);
  });

  it('logs in through a real ssh-agent (SSH_AUTH_SOCK) or with a password from a file', async () => {
    const sock = join(h.home, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      // -D prints the socket line once it listens
      await new Promise<void>((resolve) => agent.stdout!.once('data', () => resolve()));
      execFileSync('ssh-add', ['-q', s.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'pipe' });
      const r = await runEcs(['audit', 'host', dest, ...opts(), '-o', 'json', '--debug'], { env: { ...h.env, SSH_AUTH_SOCK: sock } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`debug: ${dest}: trying agent`);
      expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
      // --no-agent: nothing left to log in with
      const none = await runEcs(['audit', 'host', dest, ...opts(), '--no-agent'], { env: { ...h.env, SSH_AUTH_SOCK: sock } });
      expect(none.code).toBe(4);
      expect(none.stderr).toContain(`error: ${dest}: no way to log in: give --identity FILE, run an ssh-agent (SSH_AUTH_SOCK) or give a password (--password-file F, --password-stdin)\n`);
    } finally {
      agent.kill('SIGTERM');
    }
    const w = s.addUser();
    execFileSync('chpasswd', { input: `${w.name}:Audit-pw-42\n` });
    const pwf = join(h.home, 'login-pw');
    writeFileSync(pwf, 'Audit-pw-42\n', { mode: 0o600 });
    const r = await runEcs(['audit', 'host', `${w.name}@127.0.0.1:${s.port}`, '--password-file', pwf, ...opts(), '-o', 'json'], { env: h.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('Audit-pw-42');
    const bad = await runEcs(['audit', 'host', `${w.name}@127.0.0.1:${s.port}`, '--password', 'Audit-pw-42'], { env: h.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: a password is never taken on the command line/);
  });

  it('a host that never answers times out (--timeout), one that talks garbage is one clean line; the others are audited', async () => {
    const socks: import('node:net').Socket[] = [];
    const silent = createServer((c) => socks.push(c)); // accepts, never sends a banner
    const noisy = createServer((c) => {
      socks.push(c);
      c.end('SSH-2.0-evil\r\n\u001b[2J\u001b]0;owned\u0007garbage that is not a packet\r\n'.repeat(4));
    });
    const listen = (srv: ReturnType<typeof createServer>) => new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as { port: number }).port)));
    const [sp, np] = [await listen(silent), await listen(noisy)];
    try {
      const r = await runEcs(['audit', 'host', `root@127.0.0.1:${sp}`, dest, `root@127.0.0.1:${np}`, '-i', s.clientKey, ...opts(), '--timeout', '10', '--accept-new'], { env: h.env });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      // 10 s: the silent host must time out, while the real sshd (key exchange and SFTP reads,
      // slow on a loaded 2-core machine under Node 24) must finish well within the same limit.
      expect(lines).toContain(`error: root@127.0.0.1:${sp}: timed out after 10s`);
      expect(lines.filter((l) => l.startsWith(`error: root@127.0.0.1:${np}: `))).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith(`${dest}: `))).toHaveLength(1);
      expect(lines.at(-1)).toBe('3 hosts: 1 audited, 2 failed');
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    } finally {
      for (const c of socks) c.destroy();
      silent.close();
      noisy.close();
    }
  });

  it('--concurrency bounds the connections in flight', async () => {
    // The server holds every connection it accepts and lets one go (it closes it) only when
    // it holds as many as may be in flight, so no timing is involved: with the bound kept it
    // never holds more than 3; a 4th connection while 3 are held would break the bound.
    const total = 7;
    const limit = 3;
    const held: import('node:net').Socket[] = [];
    let released = 0;
    let most = 0;
    const release = () => {
      while (held.length && held.length === Math.min(limit, total - released)) {
        released++;
        held.shift()!.destroy();
      }
    };
    const srv = createServer((c) => {
      c.on('error', () => {});
      held.push(c);
      most = Math.max(most, held.length);
      setImmediate(release);
    });
    const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as { port: number }).port)));
    try {
      const hosts = Array.from({ length: total }, () => `root@127.0.0.1:${port}`);
      const r = await runEcs(['audit', 'host', ...hosts, '-i', s.clientKey, '--concurrency', String(limit), '--accept-new'], { env: h.env });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith(`error: root@127.0.0.1:${port}: `))).toHaveLength(total);
      expect(released).toBe(total);
      expect(most).toBe(limit);
    } finally {
      for (const c of held) c.destroy();
      srv.close();
    }
  });

  it('Ctrl-C (SIGINT) while hosts hang stops at once with exit 130', async () => {
    let accepted!: () => void;
    const seen = new Promise<void>((r) => (accepted = r));
    const socks: import('node:net').Socket[] = [];
    const srv = createServer((c) => {
      socks.push(c);
      c.on('error', () => {});
      accepted();
    });
    const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as { port: number }).port)));
    try {
      const child = spawn(process.execPath, [BIN, 'audit', 'host', `root@127.0.0.1:${port}`, `root@127.0.0.1:${port}`, '-i', s.clientKey, '--timeout', '300', '--concurrency', '1', '--accept-new'], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      await seen; // connected, waiting for a banner that never comes
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(err).toContain('interrupted (press Ctrl-C again to exit at once)');
      expect(err).toContain(`error: root@127.0.0.1:${port}: interrupted`);
      expect(err).toContain('2 hosts: 0 audited, 2 failed');
    } finally {
      for (const c of socks) c.destroy();
      srv.close();
    }
  });

  it('bad host arguments are usage errors before anything connects', async () => {
    const r = await runEcs(['audit', 'host', dest, 'bad host;rm', '-i', s.clientKey], { env: h.env });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'error: bad host "bad host;rm": invalid host name (expected [USER@]HOST[:PORT])\n' });
    // an identity that is a device, a directory or garbage: one line, read capped
    const junk = join(h.home, 'junk');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3]));
    for (const [f, why] of [['/dev/zero', 'is not a regular file'], [h.home, 'is not a regular file'], [junk, 'not a key file (expected a PEM, OpenSSH or PuTTY private key)']]) {
      const b = await runEcs(['audit', 'host', dest, '-i', f!], { env: h.env });
      expect(b).toMatchObject({ code: 1, stdout: '', stderr: `error: --identity ${f}: ${why}\n` });
    }
  });
});

function summaryOf(list: Finding[]): string {
  const sev = ['critical', 'high', 'medium', 'low', 'info'];
  const parts = sev.map((x) => [x, list.filter((f) => f.severity === x).length] as const).filter(([, n]) => n).map(([x, n]) => `${n} ${x}`);
  return `${list.length} finding${list.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
