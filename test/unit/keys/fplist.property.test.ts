// The fast fingerprint path (fplist.ts) gives exactly the text of the general path
// (listKeys + fingerprintOf, itself checked against ssh-keygen -l in fingerprint-oracle):
// random files from real, odd and broken lines, SHA256 and MD5.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintList } from '../../../src/keys/fplist.js';
import { fingerprintOf, listKeys } from '../../../src/keys/pubkey.js';
import { keys } from '../audit/helpers.js';

function general(text: Buffer, hash: 'sha256' | 'md5'): string {
  return listKeys(text)
    .keys.map((k) => `${k.info.bits} ${fingerprintOf(k.info.plain, hash)} ${k.shown} (${k.info.label})\n`)
    .join('');
}

const ed = keys.ed25519();
const b64 = ed.split(' ')[1]!;
const pool = [
  `${ed} plain comment`,
  ed,
  `${keys.rsa(2048)} rsa`,
  `${keys.rsa(1024)}`,
  `${keys.rsa(768)} too small`,
  `${keys.p256()} ec`,
  `${keys.dsa()} dsa`,
  `${keys.skEd25519()} sk`,
  `${keys.edCert()} cert`,
  `from="10.0.0.1",no-pty ${ed} with options`,
  `command="echo \\"hi\\" there" ${ed}`,
  `"unterminated ${ed}`,
  `ssh-ed25519 ${b64.replace(/=+$/, '')} unpadded`,
  `ssh-ed25519 ${b64.slice(0, 20)}!!${b64.slice(22)} bad char`,
  `ssh-ed25519 ${b64}\r`,
  `ssh-ed25519\t${b64}\tx\ty`,
  `ssh-rsa ${b64} mismatch`,
  '2048 35 12345 old rsa1',
  '# comment',
  '',
  '   ',
  'garbage line here',
  `  \t${ed} indented`,
  `${ed} ${'long comment '.repeat(30)}`,
  `${ed} #hash comment`,
  `ssh-ed25519 ${b64} ünïcödé`,
];

describe('fingerprintList = listKeys text', () => {
  it('random files (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 40 }), fc.boolean(), fc.constantFrom<'sha256' | 'md5'>('sha256', 'md5'), (lines, trailingNl, hash) => {
        const text = Buffer.from(lines.join('\n') + (trailingNl ? '\n' : ''), 'utf8');
        const fast = fingerprintList(text, hash);
        expect(fast.out.toString('utf8')).toBe(general(text, hash));
        expect(fast.skipped).toEqual(listKeys(text).skipped);
      }),
      { numRuns: 300 },
    );
  });
});
