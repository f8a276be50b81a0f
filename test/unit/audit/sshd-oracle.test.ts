// The effective sshd_config values the audit computes (first value wins, "=" and case
// variants, Include globs expanded in place, Match blocks not applying globally, defaults)
// against OpenSSH's own `sshd -T -f FILE` on random configs (fast-check).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSshdConfig } from '../../../src/audit/sshd-config.js';
import { localSource } from '../../../src/audit/source.js';

const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((p) => spawnSync(p, ['-V']).error === undefined);
if (!SSHD && process.env.CI === 'true') throw new Error('sshd missing (install openssh-server)');
if (!SSHD) console.warn('skipping sshd-oracle: no sshd (install openssh-server)');

const KEYS: Record<string, string[]> = {
  PermitRootLogin: ['yes', 'no', 'prohibit-password', 'forced-commands-only'],
  PasswordAuthentication: ['yes', 'no'],
  PubkeyAuthentication: ['yes', 'no'],
  StrictModes: ['yes', 'no'],
  PermitEmptyPasswords: ['yes', 'no'],
  KbdInteractiveAuthentication: ['yes', 'no'],
  UsePAM: ['yes', 'no'],
  MaxAuthTries: ['2', '4', '6', '10'],
  PermitUserEnvironment: ['yes', 'no'],
};
const NAMES = Object.keys(KEYS);
// the ones sshd allows inside a Match block
const MATCH_NAMES = ['PermitRootLogin', 'PasswordAuthentication', 'PubkeyAuthentication', 'PermitEmptyPasswords', 'KbdInteractiveAuthentication', 'MaxAuthTries'];
const settingOf = (names: string[]) => fc
  .tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom('space', 'equals', 'lower', 'tab'))
  .map(([k, i, form]) => {
    const v = KEYS[k]![i % KEYS[k]!.length]!;
    return form === 'equals' ? `${k}=${v}` : form === 'lower' ? `${k.toLowerCase()} ${v}` : form === 'tab' ? `\t${k}\t${v}` : `${k} ${v}`;
  });
const setting = settingOf(NAMES);
const matchSetting = settingOf(MATCH_NAMES);

describe.skipIf(!SSHD)('effective sshd_config values = sshd -T', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecs-sshd-oracle-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hk')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('random configs with Include and Match', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(setting, { maxLength: 8 }), fc.array(fc.array(setting, { maxLength: 3 }), { maxLength: 3 }), fc.array(matchSetting, { maxLength: 3 }), fc.array(setting, { maxLength: 4 }), async (head, incs, match, tail) => {
        const d = join(dir, `c${n++}`);
        mkdirSync(join(d, 'inc'), { recursive: true });
        incs.forEach((lines, i) => writeFileSync(join(d, 'inc', `${i}0-x.conf`), lines.join('\n') + '\n'));
        writeFileSync(join(d, 'inc', 'README'), 'PermitRootLogin yes\n'); // not matched by *.conf
        const cfg = join(d, 'sshd_config');
        writeFileSync(cfg, [`HostKey ${join(dir, 'hk')}`, ...head, `Include ${join(d, 'inc')}/*.conf`, ...tail, 'Match User bob', ...match].join('\n') + '\n');
        const out = execFileSync(SSHD!, ['-T', '-f', cfg], { encoding: 'utf8' });
        const t = new Map(out.split('\n').map((l) => [l.split(' ')[0]!, l.slice(l.indexOf(' ') + 1)]));
        const { effective: e } = await readSshdConfig(localSource(), cfg, { noStat: true });
        const norm = (v: string) => (v === 'without-password' ? 'prohibit-password' : v);
        expect({
          permitrootlogin: norm(e.permitRootLogin),
          passwordauthentication: e.passwordAuthentication,
          pubkeyauthentication: e.pubkeyAuthentication,
          strictmodes: e.strictModes,
          permitemptypasswords: e.permitEmptyPasswords,
          kbdinteractiveauthentication: e.kbdInteractiveAuthentication,
          usepam: e.usePam,
          maxauthtries: e.maxAuthTries,
          permituserenvironment: e.permitUserEnvironment,
        }).toEqual({
          permitrootlogin: norm(t.get('permitrootlogin')!), // sshd 9.2 -T prints without-password
          passwordauthentication: t.get('passwordauthentication'),
          pubkeyauthentication: t.get('pubkeyauthentication'),
          strictmodes: t.get('strictmodes'),
          permitemptypasswords: t.get('permitemptypasswords'),
          kbdinteractiveauthentication: t.get('kbdinteractiveauthentication'),
          usepam: t.get('usepam'),
          maxauthtries: t.get('maxauthtries'),
          permituserenvironment: t.get('permituserenvironment'),
        });
      }),
      { numRuns: 40 },
    );
  });
});
