// `ecs key fingerprint` / `ecs key public` against ssh-keygen -l / -y, including random
// authorized_keys files built from a pool of real, odd and broken lines (fast-check).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../../helpers/run.js';
import { randomP256Point, requireTools, scratch, sshKeygen, tool, toolResult, type Scratch } from './oracle.js';

const ok = requireTools('ssh-keygen');

describe.runIf(ok)('fingerprints against ssh-keygen -l', () => {
  let s: Scratch;
  let home: ReturnType<typeof tempHome>;
  const pubs: string[] = [];
  beforeAll(() => {
    s = scratch();
    home = tempHome();
    const mk = (name: string, type: 'rsa' | 'ed25519' | 'ecdsa', bits?: number, comment = `${name}@host`) => {
      sshKeygen(s, name, type, { bits, comment });
      return readFileSync(s.path(`${name}.pub`), 'utf8').trim();
    };
    pubs.push(mk('rsa1024', 'rsa', 1024), mk('rsa2048', 'rsa', 2048), mk('rsa4096', 'rsa', 4096, ''), mk('ed', 'ed25519'), mk('ec256', 'ecdsa', 256), mk('ec384', 'ecdsa', 384), mk('ec521', 'ecdsa', 521, 'a  b\tc'));
    const dsa = toolResult(s, 'ssh-keygen', ['-q', '-t', 'dsa', '-N', '', '-C', 'old dsa', '-f', s.path('dsa')]);
    if (dsa.status === 0) pubs.push(readFileSync(s.path('dsa.pub'), 'utf8').trim());
    // FIDO keys (no hardware here: well-formed blobs around real Ed25519 / P-256 points)
    const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 255, b.length & 255]), b]);
    const edX = randomBytes(32); // ssh-keygen checks the length of an Ed25519 point only
    pubs.push(`sk-ssh-ed25519@openssh.com ${Buffer.concat([str(Buffer.from('sk-ssh-ed25519@openssh.com')), str(edX), str(Buffer.from('ssh:'))]).toString('base64')} fido ed`);
    const q = randomP256Point();
    pubs.push(`sk-ecdsa-sha2-nistp256@openssh.com ${Buffer.concat([str(Buffer.from('sk-ecdsa-sha2-nistp256@openssh.com')), str(Buffer.from('nistp256')), str(q), str(Buffer.from('ssh:'))]).toString('base64')} fido ec`);
    tool(s, 'ssh-keygen', ['-q', '-s', s.path('rsa1024'), '-I', 'ident', '-n', 'root', s.path('ed.pub')]);
    pubs.push(readFileSync(s.path('ed-cert.pub'), 'utf8').trim());
  });
  afterAll(() => {
    s?.cleanup();
    home?.cleanup();
  });

  const ours = async (args: string[]) => runInProcess(['key', 'fingerprint', ...args], { env: home.env });
  const keygenL = (file: string, md5 = false) => toolResult(s, 'ssh-keygen', ['-l', ...(md5 ? ['-E', 'md5'] : []), '-f', file]).stdout;

  it('every key type, SHA256 and MD5, text identical', async () => {
    const file = s.write('ak', pubs.join('\n') + '\n');
    for (const md5 of [false, true]) {
      const r = await ours(md5 ? [file, '--md5'] : [file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(keygenL(file, md5));
      expect(r.stdout.split('\n').length).toBe(pubs.length + 1);
    }
  });

  it('private keys (PEM, OpenSSH) with and without FILE.pub, as ssh-keygen', async () => {
    sshKeygen(s, 'pem1', 'rsa', { bits: 2048, pem: true, comment: 'from pub' });
    for (const f of ['pem1', 'ed', 'ec521']) expect((await ours([s.path(f)])).stdout).toBe(keygenL(s.path(f)));
    tool(s, 'mv', [s.path('pem1.pub'), s.path('pem1.pub.away')]);
    expect((await ours([s.path('pem1')])).stdout).toBe(keygenL(s.path('pem1')));
    expect((await ours([s.path('pem1')])).stdout).toMatch(/ no comment \(RSA\)\n$/);
  });

  it('-o json gives objects', async () => {
    const file = s.write('ak2', `${pubs[1]}\nfrom="10.0.0.1" ${pubs[3]}\n`);
    const r = await runInProcess(['key', 'fingerprint', file, '-o', 'json'], { env: home.env });
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ File: file, Line: 1, Bits: 2048, Comment: 'rsa2048@host', Type: 'RSA', KeyType: 'ssh-rsa' });
    expect(rows[1]).toMatchObject({ Line: 2, Bits: 256, Comment: 'ed@host', Type: 'ED25519' });
    expect(`${rows[0].Bits} ${rows[0].Fingerprint} ${rows[0].Comment} (${rows[0].Type})\n${rows[1].Bits} ${rows[1].Fingerprint} ${rows[1].Comment} (${rows[1].Type})\n`).toBe(keygenL(file));
  });

  it('random authorized_keys files (options, comments, blank, # and broken lines, CRLF) match ssh-keygen -l', async () => {
    const bare = pubs.map((p) => p.split(' ').slice(0, 2).join(' '));
    const line = fc.oneof(
      fc.constantFrom(...pubs),
      fc.constantFrom(...bare),
      fc.tuple(fc.constantFrom(...bare), fc.stringMatching(/^[a-z@. #-]{0,12}$/)).map(([k, c]) => `${k} ${c}`),
      fc.tuple(fc.constantFrom('restrict', 'no-pty,from="1.2.3.4"', 'command="echo \\"a b\\"",no-agent-forwarding', 'host.example.com,10.0.0.1'), fc.constantFrom(...pubs, ...bare)).map(([o, k]) => `${o} ${k}`),
      fc.constantFrom('', '   ', '# a comment line', 'garbage', 'ssh-rsa AAAA', 'ssh-rsa !!!! x', '1024 35 12345 old-rsa1', 'ssh-ed25519 ' + 'A'.repeat(40), '\tfrom="unterminated ssh-rsa AAAA'),
      fc.constantFrom(...bare).map((k) => `   ${k}\tindented`),
    );
    const eol = fc.constantFrom('\n', '\n', '\n', '\r\n');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 25 }), async (ls) => {
        // A long first line makes ssh-keygen's getline() buffer big enough for the whole
        // file: whether glibc's realloc() later moves it (which decides what a stale comment
        // pointer shows for a comment-less line) depends on its heap layout, not on the input.
        const text = `#${'x'.repeat(1500)}\n` + ls.map(([l, e]) => l + e).join('');
        const file = s.write('prop', text);
        const expected = keygenL(file);
        const r = await ours([file]);
        expect(r.stdout).toBe(expected);
        expect(r.code).toBe(expected === '' ? 1 : 0);
      }),
      { numRuns: 60 },
    );
  });

  it('ecs key public equals ssh-keygen -y for PEM and OpenSSH keys', async () => {
    for (const f of ['rsa2048', 'ed', 'ec384', 'pem1']) {
      const r = await runInProcess(['key', 'public', s.path(f)], { env: home.env });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(tool(s, 'ssh-keygen', ['-y', '-f', s.path(f)]));
    }
  });
});
