// ecs host push-key | harden | set-password, from the built CLI, against a real sshd.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEcs } from '../helpers/run.js';
import { SSHD, sshdSkip, startSshd, type TestSshd } from '../helpers/sshd.js';
import { homeFor, shadowHash, tryLogin } from './common.js';

describe.skipIf(sshdSkip)('ecs host (real sshd)', () => {
  let s: TestSshd;
  let h: ReturnType<typeof homeFor>;
  let dest: string;
  beforeAll(async () => {
    s = await startSshd();
    h = homeFor(s);
    dest = `root@127.0.0.1:${s.port}`;
  });
  afterAll(async () => {
    await s?.stop();
    h?.cleanup();
  });

  it('push-key creates ~/.ssh 700 and authorized_keys 600 owned by the user, once; the key then logs in', async () => {
    const u = s.addUser();
    const kf = join(s.dir, 'user_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'user key', '-f', kf]);
    expect(await tryLogin(s, u.name, { key: kf })).toMatch(/authentication methods failed/);
    const args = ['host', 'push-key', dest, '--key', `${kf}.pub`, '--user', u.name, '-i', s.clientKey, '-o', 'json'];
    const r1 = await runEcs(args, { env: h.env });
    expect(r1.stderr).toBe(`root@127.0.0.1:${s.port}: key ${JSON.parse(r1.stdout).Fingerprint} added to ${u.home}/.ssh/authorized_keys (user ${u.name}; ~/.ssh 700, file 600)\n`);
    expect(r1.code).toBe(0);
    expect(JSON.parse(r1.stdout)).toMatchObject({ Host: `root@127.0.0.1:${s.port}`, User: u.name, File: `${u.home}/.ssh/authorized_keys`, Added: true, AlreadyPresent: false });
    const fp = execFileSync('ssh-keygen', ['-l', '-f', `${kf}.pub`]).toString().split(' ')[1];
    expect(JSON.parse(r1.stdout).Fingerprint).toBe(fp);
    const d = statSync(join(u.home, '.ssh'));
    const f = statSync(join(u.home, '.ssh', 'authorized_keys'));
    expect([d.mode & 0o7777, d.uid, d.gid]).toEqual([0o700, u.uid, u.gid]);
    expect([f.mode & 0o7777, f.uid, f.gid, f.isFile()]).toEqual([0o600, u.uid, u.gid, true]);
    const pub = readFileSync(`${kf}.pub`, 'utf8');
    expect(readFileSync(join(u.home, '.ssh', 'authorized_keys'), 'utf8')).toBe(pub);

    // twice: still one line
    const r2 = await runEcs(args, { env: h.env });
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout)).toMatchObject({ Added: false, AlreadyPresent: true });
    expect(r2.stderr).toContain(`key ${fp} is already in ${u.home}/.ssh/authorized_keys`);
    expect(readFileSync(join(u.home, '.ssh', 'authorized_keys'), 'utf8')).toBe(pub);
    // sshd (StrictModes yes) accepts it
    expect(await tryLogin(s, u.name, { key: kf })).toBe('ok');
  });

  it('push-key fixes loose modes, appends after a last line without a line break, and refuses a symlinked ~/.ssh', async () => {
    const u = s.addUser();
    const ssh = join(u.home, '.ssh');
    mkdirSync(ssh, { mode: 0o777 });
    execFileSync('chmod', ['777', ssh]);
    const other = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl other';
    writeFileSync(join(ssh, 'authorized_keys'), other, { mode: 0o666 });
    execFileSync('chmod', ['666', join(ssh, 'authorized_keys')]);
    chownSync(ssh, u.uid, u.gid);
    const r = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '--user', u.name, '-i', s.clientKey], { env: h.env });
    expect(r.code).toBe(0);
    expect(statSync(ssh).mode & 0o777).toBe(0o700);
    expect(statSync(join(ssh, 'authorized_keys')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(ssh, 'authorized_keys'), 'utf8')).toBe(`${other}\n${s.clientPub}\n`);

    const v = s.addUser();
    symlinkSync('/root', join(v.home, '.ssh'));
    const r2 = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '--user', v.name, '-i', s.clientKey], { env: h.env });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toBe(`error: root@127.0.0.1:${s.port}: cannot prepare ${v.home}/.ssh/authorized_keys: ${v.home}/.ssh is a symbolic link; refusing to follow it (Host.PushKeyFailed)\n`);
  });

  it('push-key: a file that is not one public key, and a user that does not exist, are one-line errors', async () => {
    const bad = join(h.home, 'bad.pub');
    writeFileSync(bad, Buffer.from([0, 1, 2, 0xff, 10]));
    const r = await runEcs(['host', 'push-key', dest, '--key', bad, '-i', s.clientKey], { env: h.env });
    expect(r).toMatchObject({ code: 2, stderr: `error: --key ${bad}: expected one public key line, found 0 (and 1 unparsable line(s))\n` });
    const r2 = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '--user', 'ecstest-nobody', '-i', s.clientKey], { env: h.env });
    expect(r2).toMatchObject({ code: 1, stderr: `error: root@127.0.0.1:${s.port}: no user ecstest-nobody on the host (Host.NoSuchUser)\n` });
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      const r3 = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '--user', name, '-i', s.clientKey, '--dry-run'], { env: h.env });
      expect(r3).toMatchObject({ code: 1, stdout: '', stderr: `error: root@127.0.0.1:${s.port}: no user ${name} on the host (Host.NoSuchUser)\n` });
    }
  });

  it('set-password changes the password (a password login then works) with it only on chpasswd\'s stdin', async () => {
    const u = s.addUser();
    const before = shadowHash(u.name);
    const pw = 'N3w-pass:word with spaces';
    const r = await runEcs(['host', 'set-password', dest, '--user', u.name, '--password-stdin', '-i', s.clientKey, '--debug'], { env: h.env, input: `${pw}\n` });
    expect(r.stderr).toContain(`debug: ${dest}: trying publickey (${s.clientKey})\n`);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('debug: ')).join('\n')).toBe(`root@127.0.0.1:${s.port}: set the password of ${u.name}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('N3w-pass');
    expect(shadowHash(u.name)).not.toBe(before);
    expect(shadowHash(u.name)).toMatch(/^\$/);
    expect(await tryLogin(s, u.name, { password: pw })).toBe('ok');
    expect(await tryLogin(s, u.name, { password: 'wrong' })).toMatch(/authentication methods failed/);
    // sshd logged no password
    expect(s.log()).not.toContain('N3w-pass');

    // --dry-run changes nothing; a bad user name is a usage error before connecting
    const pwf = join(h.home, 'pw.txt');
    writeFileSync(pwf, 'Other-Pass-1\n', { mode: 0o600 });
    const hash = shadowHash(u.name);
    const d = await runEcs(['host', 'set-password', dest, '--user', u.name, '--password-file', pwf, '-i', s.clientKey, '--dry-run'], { env: h.env });
    expect(d).toMatchObject({ code: 0, stderr: `root@127.0.0.1:${s.port}: dry run: the password of ${u.name} would be set; nothing changed\n` });
    expect(shadowHash(u.name)).toBe(hash);
    const bad = await runEcs(['host', 'set-password', dest, '--user', 'x:y', '--password-file', pwf, '-i', s.clientKey], { env: h.env });
    expect(bad).toMatchObject({ code: 2, stderr: 'error: --user: invalid user name "x:y"\n' });
    const argv = await runEcs(['host', 'set-password', dest, '--user', u.name, '--login-password', 'secret', '-i', s.clientKey], { env: h.env, input: 'x\n' });
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/^error: a password is never taken on the command line/);
  });

  it('unknown host refused without --accept-new, added with it; a changed key always refused', async () => {
    const fresh = homeFor(s, false);
    try {
      const kh = join(fresh.home, '.ssh', 'known_hosts');
      const args = ['host', 'set-password', dest, '--user', 'root', '--password-stdin', '-i', s.clientKey, '--dry-run'];
      const r = await runEcs(args, { env: fresh.env, input: 'Xx-123456\n' });
      const fp = execFileSync('ssh-keygen', ['-l', '-f', join(s.dir, 'ssh_host_ed25519_key.pub')]).toString().split(' ')[1];
      expect(r).toMatchObject({
        code: 1,
        stderr: `error: root@127.0.0.1:${s.port}: unknown host key ssh-ed25519 ${fp} (not in ${kh}); check it and run again with --accept-new to add it (Ssh.HostKeyUnknown)\n`,
      });
      expect(existsSync(kh)).toBe(false);
      const a = await runEcs([...args, '--accept-new'], { env: fresh.env, input: 'Xx-123456\n' });
      expect(a.code).toBe(0);
      expect(a.stderr).toContain(`warning: root@127.0.0.1:${s.port}: added the host key ssh-ed25519 ${fp} to ${kh} (--accept-new)\n`);
      expect(readFileSync(kh, 'utf8')).toBe(`${s.knownHostsLine}\n`);
      expect(statSync(kh).mode & 0o777).toBe(0o600);
      // ssh-keygen finds it
      expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${s.port}`, '-f', kh]).toString()).toContain(s.hostKey);
      const again = await runEcs(args, { env: fresh.env, input: 'Xx-123456\n' });
      expect(again.code).toBe(0);
      // hashed by ssh-keygen -H (HashKnownHosts): still known
      execFileSync('ssh-keygen', ['-q', '-H', '-f', kh], { stdio: 'pipe' });
      expect(readFileSync(kh, 'utf8')).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
      const hashed = await runEcs(args, { env: fresh.env, input: 'Xx-123456\n' });
      expect(hashed.code, hashed.stderr).toBe(0);
      expect(hashed.stderr).not.toContain('added the host key');

      // another key for the same host: refused even with --accept-new, file untouched
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(fresh.home, 'other')]);
      const otherPub = readFileSync(join(fresh.home, 'other.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      writeFileSync(kh, `[127.0.0.1]:${s.port} ${otherPub}\n`);
      const otherFp = execFileSync('ssh-keygen', ['-l', '-f', join(fresh.home, 'other.pub')]).toString().split(' ')[1];
      const c = await runEcs([...args, '--accept-new'], { env: fresh.env, input: 'Xx-123456\n' });
      expect(c).toMatchObject({
        code: 1,
        stderr: `error: root@127.0.0.1:${s.port}: HOST KEY CHANGED: ${kh} line 1 has ${otherFp}, the host offers ssh-ed25519 ${fp} (possible man-in-the-middle); if the change is expected, remove the old key with: ssh-keygen -R '[127.0.0.1]:${s.port}' (Ssh.HostKeyChanged)\n`,
      });
      expect(readFileSync(kh, 'utf8')).toBe(`[127.0.0.1]:${s.port} ${otherPub}\n`);
    } finally {
      fresh.cleanup();
    }
  });

  it('a PPK v3 identity (converted by src/keys; ssh2 cannot read it) logs in', async () => {
    const ppk = join(h.home, 'client.ppk');
    const conv = await runEcs(['key', 'to-ppk', s.clientKey, '--out', ppk], { env: h.env });
    expect(conv.code, conv.stderr).toBe(0);
    expect(readFileSync(ppk, 'utf8')).toMatch(/^PuTTY-User-Key-File-3: ssh-ed25519/);
    const r = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '-i', ppk, '--authorized-keys', s.rootKeys, '-o', 'json'], { env: h.env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ User: 'root', AlreadyPresent: true });

    // PPK v2, encrypted: the passphrase from a file
    const pf = join(h.home, 'pass');
    writeFileSync(pf, 'ppk passphrase\n', { mode: 0o600 });
    const ppk2 = join(h.home, 'client2.ppk');
    expect((await runEcs(['key', 'to-ppk', s.clientKey, '--ppk-version', '2', '--passphrase-file', pf, '--out', ppk2], { env: h.env })).code).toBe(0);
    expect(readFileSync(ppk2, 'utf8')).toMatch(/^PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: aes256-cbc/);
    const r2 = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '-i', ppk2, '--passphrase-file', pf, '--authorized-keys', s.rootKeys], { env: h.env });
    expect(r2.code, r2.stderr).toBe(0);
    const wrong = join(h.home, 'wrong');
    writeFileSync(wrong, 'nope\n', { mode: 0o600 });
    const r3 = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '-i', ppk2, '--passphrase-file', wrong, '--authorized-keys', s.rootKeys], { env: h.env });
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(new RegExp(`^error: --identity ${ppk2}: .*(passphrase|MAC).*\n$`, 'i'));

    // RSA keys as PEM (PKCS#1) and PKCS#8: pushed to root's file, then they log in
    for (const m of ['PEM', 'PKCS8']) {
      const k = join(h.home, `rsa-${m}`);
      execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', m, '-N', '', '-C', `rsa ${m}`, '-f', k]);
      expect(readFileSync(k, 'utf8')).toMatch(m === 'PEM' ? /^-----BEGIN RSA PRIVATE KEY-----/ : /^-----BEGIN PRIVATE KEY-----/);
      const add = await runEcs(['host', 'push-key', dest, '--key', `${k}.pub`, '-i', s.clientKey, '--authorized-keys', s.rootKeys, '-o', 'json'], { env: h.env });
      expect(JSON.parse(add.stdout)).toMatchObject({ Added: true });
      const use = await runEcs(['host', 'push-key', dest, '--key', `${k}.pub`, '-i', k, '--authorized-keys', s.rootKeys, '-o', 'json'], { env: h.env });
      expect(use.code, use.stderr).toBe(0);
      expect(JSON.parse(use.stdout)).toMatchObject({ AlreadyPresent: true });
    }
  });

  it('push-key --dry-run connects and tells, creating nothing', async () => {
    const u = s.addUser();
    const r = await runEcs(['host', 'push-key', dest, '--key', `${s.clientKey}.pub`, '--user', u.name, '-i', s.clientKey, '--dry-run', '-o', 'json'], { env: h.env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Added: false, AlreadyPresent: false });
    expect(r.stderr).toContain(`would be added to ${u.home}/.ssh/authorized_keys (user ${u.name}; dry run, nothing changed)`);
    expect(existsSync(join(u.home, '.ssh'))).toBe(false);
  });
});

describe.skipIf(sshdSkip)('ecs host harden (real sshd, reloaded)', () => {
  let s: TestSshd;
  let h: ReturnType<typeof homeFor>;
  beforeAll(async () => {
    s = await startSshd();
    h = homeFor(s);
  });
  afterAll(async () => {
    await s?.stop();
    h?.cleanup();
  });

  it('with an Include that sets weaker values and a Match block: sshd -T (the oracle) shows the hardened values after, not before', async () => {
    const dropins = join(s.dir, 'conf.d');
    mkdirSync(dropins);
    writeFileSync(join(dropins, '50-cloud-init.conf'), 'PasswordAuthentication yes\nPermitRootLogin yes\n');
    const cfg = join(s.dir, 'sshd_config.include');
    const base = readFileSync(s.config, 'utf8').replace(/^PermitRootLogin.*\n|^PasswordAuthentication.*\n|^KbdInteractiveAuthentication.*\n/gm, '');
    writeFileSync(cfg, `Include ${dropins}/*.conf\n${base}Match Address 10.0.0.0/8\n\tPasswordAuthentication yes\n`, { mode: 0o600 });
    const effective = (extra: string[] = []) => {
      const out = execFileSync(SSHD, ['-T', '-f', cfg, ...extra]).toString();
      return Object.fromEntries(['permitrootlogin', 'passwordauthentication', 'kbdinteractiveauthentication', 'pubkeyauthentication'].map((k) => [k, new RegExp(`^${k} (\\S+)$`, 'm').exec(out)![1]]));
    };
    const match = ['-C', 'user=someone,host=h.example,addr=10.1.2.3'];
    expect(effective()).toEqual({ permitrootlogin: 'yes', passwordauthentication: 'yes', kbdinteractiveauthentication: 'yes', pubkeyauthentication: 'yes' });
    const r = await runEcs(['host', 'harden', `root@127.0.0.1:${s.port}`, '-i', s.clientKey, '--disable-root-login', '--disable-password-auth', '--sshd-config', cfg, '--sshd-binary', SSHD, '--reload-command', 'true'], { env: h.env });
    expect(r.code, r.stderr).toBe(0);
    const want = { permitrootlogin: 'no', passwordauthentication: 'no', kbdinteractiveauthentication: 'no', pubkeyauthentication: 'yes' };
    expect(effective()).toEqual(want);
    expect(effective(match)).toEqual(want);
    // our lines went before the Include; the drop-in itself is untouched
    // (PubkeyAuthentication too: the one in the file comes after the Include, where a drop-in could say no)
    expect(readFileSync(cfg, 'utf8').split('\n').slice(0, 5)).toEqual(['PermitRootLogin no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', `Include ${dropins}/*.conf`]);
    expect(readFileSync(join(dropins, '50-cloud-init.conf'), 'utf8')).toBe('PasswordAuthentication yes\nPermitRootLogin yes\n');
    // a second run has nothing to do
    const again = await runEcs(['host', 'harden', `root@127.0.0.1:${s.port}`, '-i', s.clientKey, '--disable-root-login', '--disable-password-auth', '--sshd-config', cfg, '--sshd-binary', SSHD, '--reload-command', 'false'], { env: h.env });
    expect(again).toMatchObject({ code: 0, stderr: `root@127.0.0.1:${s.port}: ${cfg} already has PermitRootLogin no, PasswordAuthentication no, KbdInteractiveAuthentication no, PubkeyAuthentication yes; nothing changed\n` });
  });

  it('dry run prints the diff and changes nothing; a password login may not disable passwords; a bad edit is caught by sshd -t; then the real run edits, backs up, validates and reloads', async () => {
    const dest = `root@127.0.0.1:${s.port}`;
    const original = readFileSync(s.config, 'utf8');
    const common = ['--sshd-config', s.config, '--sshd-binary', SSHD, '--reload-command', `kill -HUP $(cat ${s.pidFile})`];

    const dry = await runEcs(['host', 'harden', dest, '-i', s.clientKey, '--disable-root-login', '--disable-password-auth', '--dry-run', ...common], { env: h.env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      [
        `--- ${s.config}`,
        `+++ ${s.config} (edited)`,
        '@@ -3,8 +3,8 @@',
        ` HostKey ${s.dir}/ssh_host_ed25519_key`,
        ` PidFile ${s.dir}/sshd.pid`,
        ' UsePAM no',
        '-PermitRootLogin prohibit-password',
        '-PasswordAuthentication yes',
        '+PermitRootLogin no',
        '+PasswordAuthentication no',
        ' PubkeyAuthentication yes',
        ' KbdInteractiveAuthentication no',
        ' StrictModes yes',
        '',
      ].join('\n'),
    );
    expect(dry.stderr).toBe(`root@127.0.0.1:${s.port}: dry run: 2 line(s) would change; nothing changed\n`);
    expect(readFileSync(s.config, 'utf8')).toBe(original);

    // logged in with a password: refused before anything is read or written
    const u = s.addUser();
    execFileSync('chpasswd', { input: `${u.name}:Pw-for-harden-1\n` });
    const pwf = join(h.home, 'pw');
    writeFileSync(pwf, 'Pw-for-harden-1\n', { mode: 0o600 });
    const refused = await runEcs(['host', 'harden', `${u.name}@127.0.0.1:${s.port}`, '--password-file', pwf, '--disable-password-auth', ...common], { env: h.env });
    expect(refused).toMatchObject({
      code: 1,
      stderr: `error: ${u.name}@127.0.0.1:${s.port}: refusing to disable password logins: this run logged in with a password, not a key; log in with a key (--identity FILE, ~/.ssh/id_* or the ssh-agent) first, so the host keeps a way in (Host.NoKeyLogin)\n`,
    });
    expect(readFileSync(s.config, 'utf8')).toBe(original);

    // a config sshd -t rejects: nothing changes, no backup, no temp file left
    const broken = join(s.dir, 'broken_config');
    writeFileSync(broken, `${original}\nNoSuchKeyword yes\n`, { mode: 0o600 });
    const inv = await runEcs(['host', 'harden', dest, '-i', s.clientKey, '--disable-root-login', ...common.slice(2), '--sshd-config', broken], { env: h.env });
    expect(inv.code).toBe(1);
    expect(inv.stderr).toMatch(new RegExp(`^error: root@127\\.0\\.0\\.1:${s.port}: sshd -t rejected the edited config, nothing changed: .*Bad configuration option: NoSuchKeyword.*\\(Host\\.ConfigInvalid\\)\\n$`));
    expect(readdirSync(s.dir).filter((f) => f.startsWith('broken_config'))).toEqual(['broken_config']);

    // the real run
    const before = await tryLogin(s, u.name, { password: 'Pw-for-harden-1' });
    expect(before).toBe('ok');
    const run = await runEcs(['host', 'harden', dest, '-i', s.clientKey, '--disable-root-login', '--disable-password-auth', '-o', 'json', ...common], { env: h.env });
    expect(run.code, run.stderr).toBe(0);
    await s.listening(2); // sshd re-executed itself on SIGHUP
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ Host: dest, File: s.config, Changed: 2, Reloaded: true });
    expect(out.Backup).toMatch(new RegExp(`^${s.config.replace(/[.]/g, '\\.')}\\.bak_\\d{4}-\\d{2}-\\d{2}T\\d{6}Z$`));
    expect(readFileSync(out.Backup, 'utf8')).toBe(original);
    expect(statSync(out.Backup).mode & 0o777).toBe(0o600);
    expect(readFileSync(s.config, 'utf8')).toBe(original.replace('PermitRootLogin prohibit-password', 'PermitRootLogin no').replace('PasswordAuthentication yes', 'PasswordAuthentication no'));
    expect(statSync(s.config).mode & 0o777).toBe(0o600);
    execFileSync(SSHD, ['-t', '-f', s.config]);
    expect(run.stderr).toContain(`warning: ${dest}: logged in as root; from now on root logins over SSH are refused`);
    expect(run.stderr).toContain(`${dest}: ${s.config}:6: PermitRootLogin prohibit-password → PermitRootLogin no\n`);
    // the reloaded sshd: no password logins, no root logins
    expect(await tryLogin(s, u.name, { password: 'Pw-for-harden-1' })).toMatch(/authentication methods failed/);
    expect(await tryLogin(s, 'root', { key: s.clientKey })).toMatch(/authentication methods failed/);
    expect(s.log()).toMatch(/ROOT LOGIN REFUSED|not allowed because|Failed publickey for root/);
  });
});
