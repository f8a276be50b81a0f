import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editSshdConfig, unifiedDiff } from '../../../src/ssh/sshd-edit.js';

const tmp = mkdtempSync(join(tmpdir(), 'sshd-edit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BOTH: [string, string][] = [
  ['PermitRootLogin', 'no'],
  ['PasswordAuthentication', 'no'],
  ['PubkeyAuthentication', 'yes'],
];

/** `diff -u` (GNU diffutils) as the oracle for the hunks (headers carry dates: dropped). */
function diffU(a: string, b: string): string {
  writeFileSync(join(tmp, 'a'), a);
  writeFileSync(join(tmp, 'b'), b);
  try {
    execFileSync('diff', ['-u', join(tmp, 'a'), join(tmp, 'b')]);
    return '';
  } catch (e) {
    return String((e as { stdout: Buffer }).stdout).split('\n').slice(2).join('\n');
  }
}

function check(text: string, want = BOTH) {
  const r = editSshdConfig(text, want);
  const ours = unifiedDiff(r, 'a', 'b');
  expect(ours.split('\n').slice(2).join('\n')).toBe(diffU(text, r.text));
  return r;
}

describe('editSshdConfig', () => {
  it('sets the first global value in place and leaves the rest of the file byte for byte', () => {
    const text = '# comment\nPort 22\npermitrootlogin yes\nPasswordAuthentication=yes\nX11Forwarding yes\n';
    const r = check(text);
    expect(r.text).toBe('# comment\nPort 22\npermitrootlogin no\nPasswordAuthentication no\nX11Forwarding yes\nPubkeyAuthentication yes\n');
    expect(r.edits.map((e) => [e.line, e.old, e.new])).toEqual([
      [3, 'permitrootlogin yes', 'permitrootlogin no'],
      [4, 'PasswordAuthentication=yes', 'PasswordAuthentication no'],
      [6, null, 'PubkeyAuthentication yes'],
    ]);
  });

  it('puts new lines before the first Include, since an included value read earlier would win', () => {
    const text = 'Include /etc/ssh/sshd_config.d/*.conf\n\nKbdInteractiveAuthentication no\nPermitRootLogin no\nUsePAM yes\n';
    const r = check(text);
    expect(r.text).toBe(
      'PermitRootLogin no\nPasswordAuthentication no\nPubkeyAuthentication yes\nInclude /etc/ssh/sshd_config.d/*.conf\n\nKbdInteractiveAuthentication no\nPermitRootLogin no\nUsePAM yes\n',
    );
  });

  it('changes Match blocks that re-enable what is disabled, and later global duplicates', () => {
    const text = 'PasswordAuthentication no\nPasswordAuthentication yes\nMatch Address 10.0.0.0/8\n  PasswordAuthentication yes\n  PermitRootLogin yes\nMatch User git\n  ForceCommand /bin/git-shell\n';
    const r = check(text);
    expect(r.text).toBe(
      'PasswordAuthentication no\nPasswordAuthentication no\nPermitRootLogin no\nPubkeyAuthentication yes\nMatch Address 10.0.0.0/8\n  PasswordAuthentication no\n  PermitRootLogin no\nMatch User git\n  ForceCommand /bin/git-shell\n',
    );
  });

  it('is idempotent: an already hardened file gives no edit and no diff', () => {
    const text = 'PermitRootLogin no\nPasswordAuthentication no\nPubkeyAuthentication yes\n';
    const r = editSshdConfig(text, BOTH);
    expect(r.edits).toEqual([]);
    expect(r.text).toBe(text);
    expect(unifiedDiff(r, 'a', 'b')).toBe('');
    const again = editSshdConfig(check('Port 22\n').text, BOTH);
    expect(again.edits).toEqual([]);
  });

  it('treats ChallengeResponseAuthentication as KbdInteractiveAuthentication (one setting in sshd)', () => {
    const r = check('ChallengeResponseAuthentication yes\nUsePAM yes\n', [['KbdInteractiveAuthentication', 'no']]);
    expect(r.text).toBe('ChallengeResponseAuthentication no\nUsePAM yes\n');
    const r2 = check('UsePAM yes\nMatch User a\n  KbdInteractiveAuthentication yes\n', [['KbdInteractiveAuthentication', 'no']]);
    expect(r2.text).toBe('UsePAM yes\nKbdInteractiveAuthentication no\nMatch User a\n  KbdInteractiveAuthentication no\n');
  });

  it('keeps CRLF line endings and a missing final newline as they were', () => {
    const r = editSshdConfig('PermitRootLogin yes\r\nPort 22\r\n', [['PermitRootLogin', 'no']]);
    expect(r.text).toBe('PermitRootLogin no\r\nPort 22\r\n');
    const r2 = check('Port 22\nPermitRootLogin yes', [['PermitRootLogin', 'no']]);
    expect(r2.text).toBe('Port 22\nPermitRootLogin no');
  });

  it('ignores commented-out settings (sed in the guide rewrites them; sshd does not read them)', () => {
    const r = check('#PermitRootLogin yes\n# PasswordAuthentication no\nPort 22\n');
    expect(r.text).toBe('#PermitRootLogin yes\n# PasswordAuthentication no\nPort 22\nPermitRootLogin no\nPasswordAuthentication no\nPubkeyAuthentication yes\n');
  });

  it('diff hunks match diff -u on a long file with edits far apart', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `# line ${i + 1}`);
    lines[5] = 'PermitRootLogin yes';
    lines[30] = 'Match User x';
    lines[33] = '\tPermitRootLogin yes';
    check(`${lines.join('\n')}\n`, [['PermitRootLogin', 'no']]);
  });
});
