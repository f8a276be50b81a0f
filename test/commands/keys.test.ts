// `ecs key ...` in-process (test/helpers/cli.ts, in a work directory as a user's cwd): files,
// modes, refusals, bad input (one line, exit code, nothing left behind), with ssh-keygen and
// puttygen as oracles. Prompts on a terminal: test/e2e/keys-tty.test.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/run.js';
import { writePem } from '../../src/keys/pem.js';
import { generateRsa } from '../../src/keys/rsagen.js';
import { requireTools } from '../unit/keys/oracle.js';

const ok = requireTools('ssh-keygen', 'puttygen');

describe.runIf(ok)('ecs key', () => {
  let h: ReturnType<typeof tempHome>;
  let dir: string;
  const p = (n: string) => join(dir, n);
  const ecs = (args: string[], input?: string) => runCli(['key', ...args], { env: h.env, cwd: dir, stdin: input });
  const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, env: h.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const mode = (f: string) => statSync(p(f)).mode & 0o777;
  const listing = () => readdirSync(dir).sort();
  // The whole of stderr is one "error:" line: nothing filtered out before counting.
  const oneLineError = (r: { stderr: string }, re: RegExp) => {
    expect(r.stderr).toMatch(/^error: [^\n]*\n$/);
    expect(r.stderr.trimEnd()).toMatch(re);
  };

  beforeAll(() => {
    h = tempHome('ecs-keys-e2e-');
    dir = join(h.home, 'work');
    mkdirSync(dir);
    writeFileSync(p('pass'), 's3cret pässphrase\n', { mode: 0o600 });
    writeFileSync(p('wrong'), 'nope\n', { mode: 0o600 });
    writeFileSync(p('empty'), '', { mode: 0o600 });
    sh('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', '', '-f', p('ref.pem')]);
  });
  afterAll(() => h?.cleanup());

  it('generate: ./id_rsa by default, 0600/0644, ssh-keygen agrees, never overwrites without --force', async () => {
    const r = await ecs(['generate', '--no-passphrase', '--comment', 'admin@example.com']);
    expect(r.code).toBe(0);
    expect(readFileSync(p('id_rsa'), 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(mode('id_rsa')).toBe(0o600);
    expect(mode('id_rsa.pub')).toBe(0o644);
    const pub = readFileSync(p('id_rsa.pub'), 'utf8');
    expect(pub).toMatch(/^ssh-rsa AAAA\S+ admin@example\.com\n$/);
    expect(sh('ssh-keygen', ['-y', '-f', p('id_rsa')]).trim()).toBe(pub.split(' ').slice(0, 2).join(' '));
    expect(r.stdout).toBe(sh('ssh-keygen', ['-l', '-f', p('id_rsa.pub')]));
    expect(r.stdout).toMatch(/^2048 SHA256:\S+ admin@example\.com \(RSA\)\n$/);
    // puttygen reads it too (PKCS#1)
    expect(sh('puttygen', [p('id_rsa'), '-l'])).toContain(r.stdout.split(' ')[1]);

    const before = readFileSync(p('id_rsa'), 'utf8');
    const again = await ecs(['generate', '--no-passphrase']);
    expect(again.code).toBe(2);
    oneLineError(again, /id_rsa already exists; pass --force/);
    expect(readFileSync(p('id_rsa'), 'utf8')).toBe(before);
    const forced = await ecs(['generate', '--no-passphrase', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(p('id_rsa'), 'utf8')).not.toBe(before);
    expect(mode('id_rsa')).toBe(0o600);
  });

  it('generate: passphrase from a file, encrypted PEM + PPK that ssh-keygen and puttygen open', async () => {
    const r = await ecs(['generate', '--out', 'enc', '--passphrase-file', 'pass', '--ppk', '--comment', 'c d', '--bits', '3072']);
    expect(r.code).toBe(0);
    const pem = readFileSync(p('enc'), 'utf8');
    expect(pem).toMatch(/Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,/);
    expect(mode('enc.ppk')).toBe(0o600);
    expect(sh('ssh-keygen', ['-y', '-P', 's3cret pässphrase', '-f', p('enc')]).trim()).toBe(readFileSync(p('enc.pub'), 'utf8').split(' ').slice(0, 2).join(' '));
    expect(r.stdout).toMatch(/^3072 SHA256:/);
    const ppk = readFileSync(p('enc.ppk'), 'utf8');
    expect(ppk).toMatch(/^PuTTY-User-Key-File-3: ssh-rsa\nEncryption: aes256-cbc\nComment: c d\n/);
    // puttygen decrypts our PPK to the same key as the PEM
    const a = sh('puttygen', [p('enc.ppk'), '--old-passphrase', p('pass'), '-O', 'text']);
    const b = sh('puttygen', [p('enc'), '--old-passphrase', p('pass'), '-O', 'text']);
    expect(a).toBe(b);
  });

  it('generate: OpenSSH format with the passphrase on stdin; json record', async () => {
    const r = await ecs(['generate', '--out', 'os', '--format', 'openssh', '--passphrase-stdin', '-o', 'json'], 'from stdin\n');
    expect(r.code).toBe(0);
    expect(readFileSync(p('os'), 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    const rec = JSON.parse(r.stdout);
    expect(rec).toMatchObject({ PrivateKeyFile: 'os', PublicKeyFile: 'os.pub', Type: 'RSA', Bits: 2048, Encrypted: true, Format: 'openssh' });
    // OpenSSH format keeps the comment: ssh-keygen -y prints the whole .pub line
    expect(sh('ssh-keygen', ['-y', '-P', 'from stdin', '-f', p('os')])).toBe(readFileSync(p('os.pub'), 'utf8'));
    expect(sh('ssh-keygen', ['-l', '-f', p('os.pub')])).toContain(rec.Fingerprint);
  });

  it('generate: bad sizes, argv passphrases, unwritable and directory outputs leave nothing behind', async () => {
    const before = listing();
    for (const bits of ['1024', '16385', 'abc']) {
      const r = await ecs(['generate', '--out', 'x', '--bits', bits, '--no-passphrase']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--bits must be a whole number from 2048 to 16384/);
    }
    const argv = await ecs(['generate', '--out', 'x', '--passphrase', 'hunter2']);
    expect(argv.code).toBe(2);
    writeFileSync(p('afile'), 'x');
    const notDir = await ecs(['generate', '--out', 'afile/key', '--no-passphrase']);
    expect(notDir.code).toBe(1);
    oneLineError(notDir, /cannot write afile\/key/);
    const noDir = await ecs(['generate', '--out', 'missing/key', '--no-passphrase']);
    expect(noDir.code).toBe(1);
    oneLineError(noDir, /cannot write missing\/key: no such directory/);
    mkdirSync(p('adir'));
    const isDir = await ecs(['generate', '--out', 'adir', '--no-passphrase', '--force']);
    expect(isDir.code).toBe(1);
    oneLineError(isDir, /adir is a directory/);
    // .pub exists but the private key does not: refused before anything is written
    writeFileSync(p('half.pub'), 'keep me\n');
    const half = await ecs(['generate', '--out', 'half', '--no-passphrase']);
    expect(half.code).toBe(2);
    expect(existsSync(p('half'))).toBe(false);
    expect(readFileSync(p('half.pub'), 'utf8')).toBe('keep me\n');
    expect(listing()).toEqual([...before, 'adir', 'afile', 'half.pub'].sort());
    expect(readdirSync(p('adir'))).toEqual([]);
  });

  it('to-ppk: byte-identical to puttygen, default name, refuses to overwrite, stdout with --out -', async () => {
    const r = await ecs(['to-ppk', 'ref.pem']);
    expect(r.code).toBe(0);
    sh('puttygen', [p('ref.pem'), '-O', 'private', '-o', p('puttygen.ppk')]);
    expect(readFileSync(p('ref.ppk'), 'utf8')).toBe(readFileSync(p('puttygen.ppk'), 'utf8'));
    expect(mode('ref.ppk')).toBe(0o600);
    const again = await ecs(['to-ppk', 'ref.pem']);
    expect(again.code).toBe(2);
    const v2 = await ecs(['to-ppk', 'ref.pem', '--ppk-version', '2', '--out', '-']);
    sh('puttygen', [p('ref.pem'), '-O', 'private', '--ppk-param', 'version=2', '-o', p('puttygen2.ppk')]);
    expect(v2.stdout).toBe(readFileSync(p('puttygen2.ppk'), 'utf8'));
  });

  it('to-ppk encrypted (Argon2 parameters) → puttygen → original PEM; from-ppk of puttygen files → original PEM', async () => {
    const r = await ecs(['to-ppk', 'ref.pem', '--out', 'e3.ppk', '--passphrase-file', 'pass', '--kdf', 'argon2d', '--argon2-memory', '16384', '--argon2-passes', '3', '--argon2-parallelism', '2', '--comment', 'my key']);
    expect(r.code).toBe(0);
    expect(readFileSync(p('e3.ppk'), 'utf8')).toMatch(/Key-Derivation: Argon2d\nArgon2-Memory: 16384\nArgon2-Passes: 3\nArgon2-Parallelism: 2\nArgon2-Salt: [0-9a-f]{32}\n/);
    sh('puttygen', [p('e3.ppk'), '--old-passphrase', p('pass'), '--new-passphrase', p('empty'), '-O', 'private-openssh', '-o', p('back-by-puttygen.pem')]);
    expect(readFileSync(p('back-by-puttygen.pem'), 'utf8')).toBe(readFileSync(p('ref.pem'), 'utf8'));

    for (const param of ['version=3,passes=2', 'version=2']) {
      sh('puttygen', [p('ref.pem'), '--new-passphrase', p('pass'), '--ppk-param', param, '-o', p('pg.ppk')]);
      const back = await ecs(['from-ppk', 'pg.ppk', '--passphrase-file', 'pass', '--out', 'back.pem', '--force']);
      expect(back.code).toBe(0);
      expect(readFileSync(p('back.pem'), 'utf8')).toBe(readFileSync(p('ref.pem'), 'utf8'));
      expect(mode('back.pem')).toBe(0o600);
    }
    // public and fingerprint read an encrypted PPK without its passphrase
    const pub = await ecs(['public', 'e3.ppk']);
    expect(pub.stdout).toBe(sh('ssh-keygen', ['-y', '-f', p('ref.pem')]).trim() + ' my key\n');
    const fp = await ecs(['fingerprint', 'e3.ppk']);
    const [bits, hash, ...rest] = sh('ssh-keygen', ['-l', '-f', p('ref.pem')]).trim().split(' ');
    expect(fp.stdout).toBe(`${bits} ${hash} my key ${rest[rest.length - 1]}\n`);
    // a private key whose FILE.pub has no comment: ssh-keygen shows the .pub path
    expect((await ecs(['fingerprint', 'ref.pem'])).stdout).toBe(sh('ssh-keygen', ['-l', '-f', 'ref.pem']));
  });

  it('from-ppk: wrong passphrase vs corrupted vs truncated, nothing written', async () => {
    sh('puttygen', [p('ref.pem'), '--new-passphrase', p('pass'), '--ppk-param', 'passes=1', '-o', p('w.ppk')]);
    const before = listing();
    const wrong = await ecs(['from-ppk', 'w.ppk', '--passphrase-file', 'wrong', '--out', 'o.pem']);
    expect(wrong.code).toBe(1);
    oneLineError(wrong, /^error: w\.ppk: wrong passphrase$/);
    writeFileSync(p('t.ppk'), readFileSync(p('w.ppk'), 'utf8').replace('Comment: imported-openssh-key', 'Comment: changed'));
    const tampered = await ecs(['from-ppk', 't.ppk', '--passphrase-file', 'pass', '--out', 'o.pem']);
    expect(tampered.code).toBe(1);
    oneLineError(tampered, /t\.ppk: PPK file is corrupted: MAC check failed/);
    writeFileSync(p('tr.ppk'), readFileSync(p('ref.ppk'), 'utf8').slice(0, 700));
    const trunc = await ecs(['from-ppk', 'tr.ppk', '--out', 'o.pem']);
    expect(trunc.code).toBe(1);
    oneLineError(trunc, /tr\.ppk: PPK file is corrupted: /);
    const noTty = await ecs(['from-ppk', 'w.ppk', '--out', 'o.pem']);
    expect(noTty.code).toBe(2);
    oneLineError(noTty, /no terminal to prompt for passphrase.*--passphrase-file FILE or --passphrase-stdin/);
    const pem = await ecs(['from-ppk', 'ref.pem', '--out', 'o.pem']);
    expect(pem.code).toBe(1);
    oneLineError(pem, /not a PuTTY key file.*ecs key to-ppk/);
    expect(listing()).toEqual([...before, 't.ppk', 'tr.ppk'].sort());
  });

  it('to-ppk / public / fingerprint: bad input gives one line, exit 1, no output file', async () => {
    const pem = readFileSync(p('ref.pem'), 'utf8');
    writeFileSync(p('trunc.pem'), pem.slice(0, 400));
    writeFileSync(p('corrupt.pem'), pem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\nQUJD' + 'x'.repeat(60) + '\n'));
    writeFileSync(p('garbage'), 'hello world\n');
    sh('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 's3cret pässphrase', '-f', p('encpem')]);
    const dsa = `PuTTY-User-Key-File-3: ssh-dss\nEncryption: none\nComment: x\nPublic-Lines: 1\nAAAAB3NzaC1kc3M=\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: ${'0'.repeat(64)}\n`;
    writeFileSync(p('dsa.ppk'), dsa);
    mkdirSync(p('somedir'));
    writeFileSync(p('small.pem'), writePem(await generateRsa(512)));
    const before = listing();
    const cases: [string[], number, RegExp][] = [
      [['to-ppk', 'trunc.pem', '--out', 'o.ppk'], 1, /trunc\.pem: PEM key is truncated/],
      [['to-ppk', 'corrupt.pem', '--out', 'o.ppk'], 1, /corrupt\.pem: PEM key is corrupted/],
      [['to-ppk', 'garbage', '--out', 'o.ppk'], 1, /garbage: not a key file/],
      [['to-ppk', 'somedir', '--out', 'o.ppk'], 1, /somedir is a directory/],
      [['to-ppk', 'nonexistent', '--out', 'o.ppk'], 1, /nonexistent: no such file/],
      [['to-ppk', 'encpem', '--out', 'o.ppk', '--in-passphrase-file', 'wrong'], 1, /encpem: wrong passphrase/],
      [['to-ppk', 'encpem', '--out', 'o.ppk'], 2, /no terminal to prompt/],
      [['to-ppk', 'dsa.ppk', '--out', 'o.ppk'], 1, /unsupported key type ssh-dss/],
      [['to-ppk', 'small.pem', '--out', 'o.ppk'], 1, /unsupported RSA key size 512 bits/],
      [['to-ppk', 'ref.pem', '--out', 'o.ppk', '--argon2-passes', '3'], 2, /apply to encrypted PPK v3 files only/],
      [['to-ppk', 'ref.pem', '--out', 'o.ppk', '--ppk-version', '4'], 2, /Allowed choices are 2, 3/],
      [['to-ppk', 'ref.pem', '--out', 'o.ppk', '--passphrase-file', 'pass', '--argon2-memory', '4'], 2, /--argon2-memory must be a whole number from 8/],
      [['to-ppk', 'ref.pem', '--out', 'somedir'], 1, /somedir is a directory/],
      [['public', 'garbage'], 1, /garbage: no public key found/],
      [['fingerprint', 'garbage'], 1, /garbage is not a public key file/],
      [['fingerprint', 'somedir'], 1, /somedir is a directory/],
    ];
    for (const [args, code, re] of cases) {
      const r = await ecs(args);
      expect(r.code, args.join(' ')).toBe(code);
      oneLineError(r, re);
      expect(r.stdout).toBe('');
    }
    expect(listing()).toEqual(before);
    // encrypted PEM with the right passphrase works, and the PPK is not encrypted unless asked
    const good = await ecs(['to-ppk', 'encpem', '--out', 'o.ppk', '--in-passphrase-file', 'pass']);
    expect(good.code).toBe(0);
    expect(readFileSync(p('o.ppk'), 'utf8')).toMatch(/Encryption: none/);
    expect(good.stderr).toMatch(/was encrypted; the PPK is not/);
  });

  it('Ed25519 and ECDSA keys convert both ways', async () => {
    sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ed user', '-f', p('ed')]);
    sh('ssh-keygen', ['-q', '-t', 'ecdsa', '-b', '384', '-m', 'PEM', '-N', '', '-f', p('ec.pem')]);
    for (const [src, ppk] of [['ed', 'ed.ppk'], ['ec.pem', 'ec.ppk']]) {
      expect((await ecs(['to-ppk', src!, '--out', ppk!])).code).toBe(0);
      sh('puttygen', [p(src!), '-O', 'private', '-o', p(`pg-${ppk}`)]);
      expect(readFileSync(p(ppk!), 'utf8')).toBe(readFileSync(p(`pg-${ppk}`), 'utf8'));
    }
    expect((await ecs(['from-ppk', 'ec.ppk', '--out', 'ec-back.pem'])).code).toBe(0);
    expect(readFileSync(p('ec-back.pem'), 'utf8')).toBe(readFileSync(p('ec.pem'), 'utf8'));
    const ed = await ecs(['from-ppk', 'ed.ppk', '--out', 'ed-back']);
    expect(ed.code).toBe(0);
    expect(ed.stderr).toMatch(/OpenSSH format/);
    expect(sh('ssh-keygen', ['-y', '-f', p('ed-back')])).toBe(readFileSync(p('ed.pub'), 'utf8'));
    chmodSync(p('ed-back'), 0o600);
  });
});
