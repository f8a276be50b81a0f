// sshd_config and passwd/shadow rules: exact findings from in-memory files.
import { describe, expect, it } from 'vitest';
import { auditPasswd } from '../../../src/audit/passwd.js';
import { readSshdConfig } from '../../../src/audit/sshd-config.js';
import { auditHostFiles } from '../../../src/audit/host-files.js';
import type { Finding } from '../../../src/audit/types.js';
import { keys, memSource, type MemFile } from './helpers.js';

const brief = (l: Finding[]) => l.map((f) => `${f.rule} ${f.severity} ${f.file === C ? '' : f.file + ' '}${f.line ?? '-'}`).sort();
const C = '/etc/ssh/sshd_config';
const HARD = 'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n';

async function sshd(text: string, files: Record<string, MemFile> = {}) {
  return readSshdConfig(memSource({ [C]: { data: text, mode: 0o600 }, ...files }), C);
}

describe('sshd_config rules', () => {
  const table: [string, string, string[]][] = [
    ['hardened file: nothing', HARD, []],
    ['absent keywords: OpenSSH defaults', '# empty\n', ['SSHD02 medium -', 'SSHD03 high -', 'SSHD13 low -']],
    ['SSHD01 PermitRootLogin yes', `PermitRootLogin yes\n${HARD}`, ['SSHD01 high 1', 'SSHD12 low 2']],
    ['SSHD02 prohibit-password, case-insensitive keyword and "=" form', `permitrootlogin=without-password\n${HARD.replace('PermitRootLogin no\n', '')}`, ['SSHD02 medium 1']],
    ['first value wins', `PasswordAuthentication yes\n${HARD}`, ['SSHD03 high 1', 'SSHD12 low 3']],
    ['SSHD04 kbd-interactive with PAM', 'PermitRootLogin no\nPasswordAuthentication no\nUsePAM yes\nMaxAuthTries 4\n', ['SSHD04 medium -']],
    ['SSHD05 PubkeyAuthentication no', `${HARD}PubkeyAuthentication no\n`, ['SSHD05 high 5']],
    ['SSHD06 PermitEmptyPasswords yes', `${HARD}PermitEmptyPasswords yes\n`, ['SSHD06 critical 5']],
    ['SSHD07 StrictModes no', `${HARD}StrictModes no\n`, ['SSHD07 high 5']],
    ['SSHD08 PermitUserEnvironment', `${HARD}PermitUserEnvironment LANG,LC_*\n`, ['SSHD08 medium 5']],
    ['SSHD13 MaxAuthTries 6', HARD.replace('MaxAuthTries 3', 'MaxAuthTries 6'), ['SSHD13 low 4']],
    ['SSHD14 ssh-rsa re-enabled', `${HARD}PubkeyAcceptedAlgorithms +ssh-rsa\n`, ['SSHD14 medium 5']],
    ['SSHD15 missing argument / unbalanced quote', `${HARD}Banner\nAllowUsers "bob\n`, ['SSHD15 medium 5', 'SSHD15 medium 6']],
    ['SSHD15 a global-only keyword inside Match', `${HARD}Match User x\n  UsePAM no\n`, ['SSHD11 info 5', 'SSHD15 medium 6']],
    // sshd -t: 'unsupported option "__proto__"', 'MaxAuthTries integer value invalid' (sshd refuses to start)
    ['SSHD15 a value sshd does not accept', `PermitRootLogin __proto__\nPasswordAuthentication maybe\nPubkeyAuthentication 0\nMaxAuthTries abc\n${HARD}`, ['SSHD15 medium 1', 'SSHD15 medium 2', 'SSHD15 medium 3', 'SSHD15 medium 4']],
    ['values are case-insensitive, as in sshd', 'PermitRootLogin No\nPasswordAuthentication NO\nKbdInteractiveAuthentication No\nMaxAuthTries 3\n', []],
    ['SSHD16 AuthorizedKeysFile elsewhere', `${HARD}AuthorizedKeysFile /etc/ssh/keys/%u\n`, ['SSHD16 info 5']],
    ['Match block weakening a global value', `${HARD}Match User deploy\n  PasswordAuthentication yes\n  PermitRootLogin yes\nMatch all\nPasswordAuthentication yes\n`, ['SSHD03 high 6', 'SSHD01 high 7', 'SSHD11 info 5', 'SSHD03 high 9'].sort()],
  ];
  for (const [name, text, expected] of table) {
    it(name, async () => {
      expect(brief((await sshd(text)).findings)).toEqual([...expected].sort());
    });
  }

  it('Include is expanded in place (sorted glob, relative to /etc/ssh); an earlier include wins', async () => {
    const r = await sshd(`Include sshd_config.d/*.conf\n${HARD}`, {
      '/etc/ssh/sshd_config.d/50-cloud.conf': { data: 'PasswordAuthentication yes\n', mode: 0o600 },
      '/etc/ssh/sshd_config.d/10-a.conf': { data: 'MaxAuthTries 2\n', mode: 0o600 },
      '/etc/ssh/sshd_config.d/README': { data: 'PermitRootLogin yes\n', mode: 0o600 },
    });
    expect(brief(r.findings)).toEqual(['SSHD03 high /etc/ssh/sshd_config.d/50-cloud.conf 1', 'SSHD11 info 1', 'SSHD12 low 3', 'SSHD12 low 5'].sort());
    expect(r.effective.passwordAuthentication).toBe('yes');
    expect(r.effective.permitRootLogin).toBe('no');
  });

  it('--root: Include paths are read under the image root', async () => {
    const R = '/img';
    const src = memSource({ [`${R}${C}`]: { data: `Include sshd_config.d/*.conf\nInclude /etc/ssh/extra.conf\n${HARD}`, mode: 0o600 }, [`${R}/etc/ssh/sshd_config.d/a.conf`]: { data: 'PermitRootLogin yes\n', mode: 0o600 }, [`${R}/etc/ssh/extra.conf`]: { data: 'StrictModes no\n', mode: 0o600 }, [C]: { data: 'PermitRootLogin no\n' } });
    const r = await readSshdConfig(src, `${R}${C}`, { root: R });
    expect(r.effective.permitRootLogin).toBe('yes');
    expect(r.effective.strictModes).toBe('no');
  });

  it('a Match block in an included file ends with that file', async () => {
    const r = await sshd(`Include /etc/ssh/m.conf\nPasswordAuthentication no\n${HARD}`, { '/etc/ssh/m.conf': { data: 'Match User x\nPermitRootLogin yes\n', mode: 0o600 } });
    expect(r.effective.passwordAuthentication).toBe('no');
    expect(brief(r.findings)).toContain('SSHD01 high /etc/ssh/m.conf 2');
  });

  it('SSHD09/SSHD10 file mode and owner; FILE01 unreadable; missing Include is fine', async () => {
    expect(brief((await readSshdConfig(memSource({ [C]: { data: HARD, mode: 0o666 } }), C)).findings)).toEqual(['SSHD09 high -']);
    expect(brief((await readSshdConfig(memSource({ [C]: { data: HARD, mode: 0o600, uid: 1000 } }), C)).findings)).toEqual(['SSHD09 high -']);
    expect(brief((await readSshdConfig(memSource({ [C]: { data: HARD, mode: 0o644 } }), C)).findings)).toEqual(['SSHD10 low -']);
    expect(brief((await readSshdConfig(memSource({ [C]: { data: HARD, error: 'EACCES' } }), C)).findings)).toEqual(['FILE01 medium -']);
    expect(brief((await sshd(`Include /etc/ssh/none/*.conf\nInclude /etc/ssh/missing.conf\n${HARD}`)).findings)).toEqual(['SSHD11 info 1']);
  });

  it('hostile keywords do not reach object prototypes', async () => {
    const r = await sshd(`__proto__ yes\nconstructor x\ntoString y\nhasOwnProperty z\nprototype q\n${HARD}`);
    expect(brief(r.findings)).toEqual([]);
    expect(r.effective.permitRootLogin).toBe('no');
  });
});

const PW = '/etc/passwd';
const SH = '/etc/shadow';
const passwdOk = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n';
const pw = (text: string, shadow?: string, profile?: 'image') =>
  auditPasswd(memSource({ [PW]: { data: text }, ...(shadow !== undefined ? { [SH]: { data: shadow } } : {}) }), { passwd: PW, shadow: SH }, { profile }).then((l) => l.map((f) => `${f.rule} ${f.severity} ${f.file === PW ? '' : 'shadow '}${f.line ?? '-'}`).sort());

describe('passwd / shadow rules', () => {
  it('a clean file: nothing (unreadable shadow is skipped)', async () => {
    expect(await pw(passwdOk)).toEqual([]);
  });
  it('PW01 UID 0 other than root (critical)', async () => {
    expect(await pw(`${passwdOk}toor:x:0:0::/root:/bin/sh\n`)).toEqual(['PW01 critical 4']);
  });
  it('PW02 system account with a login shell', async () => {
    expect(await pw(`${passwdOk}postgres:x:110:110::/var/lib/postgresql:/bin/bash\n`)).toEqual(['PW02 medium 4']);
    expect(await pw(`${passwdOk}nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n`)).toEqual([]);
  });
  it('PW03 duplicate UID, PW04 duplicate name', async () => {
    expect(await pw(`${passwdOk}bob:x:1000:1000::/home/bob:/bin/bash\n`)).toEqual(['PW03 high 4']);
    expect(await pw(`${passwdOk}alice:x:1001:1001::/home/alice2:/bin/bash\n`)).toEqual(['PW04 high 4']);
  });
  it('PW05 empty password field; PW06 malformed line', async () => {
    expect(await pw(`${passwdOk}eve::1002:1002::/home/eve:/bin/bash\n`)).toEqual(['PW05 high 4']);
    expect(await pw(`${passwdOk}broken:x:abc:1::/:/bin/sh\nshort:x:1\n`)).toEqual(['PW06 medium 4', 'PW06 medium 5']);
  });
  it('SH01 empty shadow password on a login account', async () => {
    expect(await pw(passwdOk, 'root:!:19000::::::\nalice::19000:0:99999:7:::\ndaemon::19000::::::\n')).toEqual(['SH01 high shadow 2']);
  });
  it('IMG02 image profile: passwords set', async () => {
    expect(await pw(passwdOk, 'root:$6$abc$def:19000::::::\nalice:!:19000::::::\n', 'image')).toEqual(['IMG02 high shadow 1']);
    expect(await pw(passwdOk, 'root:*:19000::::::\nalice::19000::::::\n', 'image')).toEqual([]);
  });
  it('hostile names do not reach prototypes', async () => {
    expect(await pw(`${passwdOk}__proto__:x:1003:1003::/home/p:/bin/bash\nconstructor:x:1004:1004::/home/c:/bin/bash\n__proto__:x:1005:1005::/home/q:/bin/bash\n`)).toEqual(['PW04 high 6']);
  });
});

describe('auditHostFiles: everything on a host', () => {
  it('sshd_config, passwd, each account authorized_keys (+2), duplicates across files, image histories', async () => {
    const k = keys.ed25519();
    const src = memSource({
      [C]: { data: 'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n', mode: 0o600 },
      [PW]: { data: passwdOk },
      [SH]: { error: 'EACCES' },
      '/root': { type: 'dir', mode: 0o700 },
      '/root/.ssh': { type: 'dir', mode: 0o700 },
      '/root/.ssh/authorized_keys': { data: `${k} root\n` },
      '/root/.bash_history': { data: 'ls\n' },
      '/home/alice': { type: 'dir', uid: 1000, mode: 0o755 },
      '/home/alice/.ssh': { type: 'dir', uid: 1000, mode: 0o700 },
      '/home/alice/.ssh/authorized_keys': { data: `${keys.ed25519()} a\n`, uid: 1000, mode: 0o644 },
      '/home/alice/.ssh/authorized_keys2': { data: `${k} copy\n`, uid: 1000 },
    });
    const all = await auditHostFiles(src, { profile: 'image' });
    expect(all.map((f) => `${f.rule} ${f.file} ${f.line ?? '-'}`).sort()).toEqual(
      [
        'AK042 /root/.ssh/authorized_keys 1',
        'IMG01 /root/.ssh/authorized_keys -',
        'IMG03 /root/.bash_history -',
        'AK052 /home/alice/.ssh/authorized_keys -',
        'IMG01 /home/alice/.ssh/authorized_keys -',
        'AK022 /home/alice/.ssh/authorized_keys2 1',
        'IMG01 /home/alice/.ssh/authorized_keys2 -',
        'AK055 /home/alice/.ssh/authorized_keys2 -',
      ].sort(),
    );
  });
});
