// The contract walker (issue 7 §1): walks the whole command tree (src/commands/registry.ts) and
// holds every verb to the CLI's contract, in-process (test/helpers/cli.ts) against
// testBackend() (embedded simulator, or served with ECS_TEST_BACKEND=remote):
//   - a usage error (unknown option, bad value of a global or of the verb's own option)
//     prints exactly one line on stderr, nothing on stdout, exits 2 and changes nothing;
//   - every data-returning verb accepts -o json|yaml|tsv|ids and --query;
//   - every mutating verb under --dry-run leaves the simulator store, the config directory
//     and the fixture files byte-for-byte unchanged.
// Each verb's valid arguments come from test/contract/verbs.ts; a verb missing there fails.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { search } from '@jmespath-community/jmespath';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/registry.js';
import type { CommandNode } from '../../src/commands/types.js';
import { storeContents } from '../../src/simulator/store.js';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { runCli } from '../helpers/cli.js';
import { VERBS, WALKER_PASSWORD, type Check, type Fixtures, type VerbContract } from './verbs.js';

/** Every verb of the tree, hidden ones included, as "group verb". */
function leaves(nodes: CommandNode[], prefix: string[] = []): string[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children, [...prefix, n.name]) : n.load ? [[...prefix, n.name].join(' ')] : []));
}
const ALL = leaves(registry);

let b: TestBackend;
let f: Fixtures;
let seq = 0;
const ecs = (args: string[], stdin?: string) => runCli(args, { backend: b, stdin });

async function mustRun(args: string[], stdin?: string): Promise<string> {
  const r = await ecs(args, stdin);
  if (r.code !== 0) throw new Error(`fixture: ecs ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
const create = async (extra: string[] = []) => (await mustRun(['instance', 'create', '--name', `walker-${++seq}`, '-o', 'ids', ...extra])).trim();

beforeAll(async () => {
  b = await testBackend();
  const dir = join(b.home, 'walker');
  mkdirSync(dir, { mode: 0o700 });
  await mustRun(['simulator', 'set', 'quota.instances', '100000']);
  await mustRun(['config', 'init', '--profile-name', 'walker']);
  await mustRun(['config', 'init', '--profile-name', 'walker-other']);
  const key = join(dir, 'id_walker');
  await mustRun(['key', 'generate', '--out', key, '--no-passphrase', '--ppk', '--format', 'openssh']);
  const exported = join(dir, 'state-export.json');
  await mustRun(['simulator', 'export', exported]);
  const aliyunConfig = join(dir, 'aliyun.json');
  writeFileSync(
    aliyunConfig,
    JSON.stringify({ current: 'ak', profiles: [{ name: 'ak', mode: 'AK', access_key_id: 'LTAI5tWalkerKey0001', access_key_secret: 'WalkerSecretValue000000000001', region_id: 'cn-hangzhou' }] }),
    { mode: 0o600 },
  );
  f = {
    dir,
    key,
    ppk: `${key}.ppk`,
    exported,
    aliyunConfig,
    running: () => create(),
    stopped: async () => {
      const id = await create();
      await mustRun(['instance', 'stop', id, '--yes', '--wait']);
      return id;
    },
    prepaid: () => create(['--charge-type', 'PrePaid', '--period', '1']),
    fresh: (name) => join(dir, `${++seq}-${name}`),
    keypair: async () => {
      const name = `walkerkey${++seq}`;
      await mustRun(['keypair', 'import', name, '--public-key', `${key}.pub`]);
      return name;
    },
    securityGroup: async () => (await mustRun(['security-group', 'create', '--name', `walker-sg-${++seq}`, '-o', 'ids'])).trim(),
    cli: async (args) => (await mustRun(args)).trim(),
  };
});
afterAll(async () => b?.cleanup());

/** Everything a verb could change: the store's bytes, the config directory, the fixture files. */
function world(): string {
  const files = (d: string): string[] =>
    existsSync(d)
      ? readdirSync(d, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && !e.name.includes('.lock'))
          .map((e) => join(e.parentPath, e.name))
          .sort()
      : [];
  const tree = [join(b.home, '.config'), f.dir].flatMap(files).map((p) => `${p} ${(statSync(p).mode & 0o777).toString(8)}\n${readFileSync(p, 'base64')}`);
  return `${storeContents(b.simulatorDir)}\n${tree.join('\n')}`;
}

function contract(verb: string): VerbContract {
  const c = VERBS[verb];
  if (!c) throw new Error(`verb "${verb}" is not in test/contract/verbs.ts: add its valid arguments and kind there`);
  return c;
}

/** it, or it.fails for a gap the table declares (so fixing the verb forces removing the gap). */
function check(verb: string, kind: Check, name: string, fn: () => Promise<void>): void {
  const gap = VERBS[verb]?.gaps?.[kind];
  if (gap) it.fails(`${name} — KNOWN GAP: ${gap}`, fn);
  else it(name, fn);
}

async function expectOneLineUsageError(args: string[], stdin?: string): Promise<void> {
  const before = world();
  const r = await ecs(args, stdin);
  const what = `ecs ${args.join(' ')} → ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.code, what).toBe(2);
  expect(r.stdout, what).toBe('');
  expect(r.stderr, what).toMatch(/^error: [^\n]+\n$/);
  expect(world(), what).toBe(before);
}

describe('the contract table covers the command tree', () => {
  it('every verb of the tree has an entry in test/contract/verbs.ts, and every entry is a verb', () => {
    expect(ALL.filter((v) => !VERBS[v]), 'verbs missing from test/contract/verbs.ts').toEqual([]);
    expect(Object.keys(VERBS).filter((v) => !ALL.includes(v)), 'entries in test/contract/verbs.ts that are not verbs').toEqual([]);
    expect(ALL.length).toBeGreaterThanOrEqual(40);
  });
});

describe.each(ALL)('ecs %s', (verb) => {
  const path = verb.split(' ');
  const c = VERBS[verb];

  if (c?.noUsage === undefined) {
    check(verb, 'usage', 'usage errors: one line on stderr, exit 2, nothing changed', async () => {
      const k = contract(verb);
      const valid = await k.args(f);
      await expectOneLineUsageError([...path, ...valid, '--no-such-option'], k.stdin);
      await expectOneLineUsageError([...path, ...valid, '--wait-timeout', 'abc'], k.stdin);
      await expectOneLineUsageError([...path, ...valid, '--wait-timeout', '-3'], k.stdin);
      await expectOneLineUsageError([...path, ...valid, '--wait-timeout', '0'], k.stdin);
      await expectOneLineUsageError([...path, ...valid, '-o', 'xml'], k.stdin);
      for (const bad of k.bad ?? []) await expectOneLineUsageError([...path, ...(await k.args(f)), ...bad], k.stdin);
    });
  }

  if (c?.data) {
    check(verb, 'data', '-o json|yaml|tsv|ids and --query', async () => {
      const k = contract(verb);
      const run = async (extra: string[]) => {
        const args = [...path, ...(await k.args(f)), ...extra];
        const r = await ecs(args, k.stdin);
        expect(r.code, `ecs ${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r;
      };
      const json = JSON.parse((await run(['-o', 'json'])).stdout);
      expect(json).not.toBeUndefined();
      const yaml = parseYaml((await run(['-o', 'yaml'])).stdout);
      expect(typeof yaml, 'yaml: the same kind of value as json').toBe(typeof json);
      expect(Array.isArray(yaml)).toBe(Array.isArray(json));
      const tsv = (await run(['-o', 'tsv'])).stdout;
      expect(tsv, 'tsv is not JSON').not.toMatch(/^\s*[[{]/);
      const ids = (await run(['-o', 'ids'])).stdout;
      for (const line of ids.split('\n').filter(Boolean)) expect(line, 'ids: one ID per line').toMatch(/^[^\s]+$/);
      // --query: JMESPath over the JSON result (the verb's own JSON, whatever it is).
      const q = JSON.parse((await run(['-o', 'json', '--query', 'length(@)'])).stdout);
      expect(q).toBe(search(json, 'length(@)'));
    });

    // --query first, then the format asked (issue 7 §1.5): TSV of what the query selected, not JSON.
    check(verb, 'query', '--query then -o tsv|ids: the selection in that format', async () => {
      const k = contract(verb);
      const run = async (extra: string[]) => {
        const args = [...path, ...(await k.args(f)), ...extra];
        const r = await ecs(args, k.stdin);
        expect(r.code, `ecs ${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r.stdout;
      };
      const json = JSON.parse(await run(['-o', 'json']));
      // Select whole items (a list stays a list of objects, an object stays an object).
      const expr = Array.isArray(json) ? '[0:2]' : '@';
      const tsv = await run(['-o', 'tsv', '--query', expr]);
      expect(tsv, `-o tsv --query '${expr}' printed JSON`).not.toMatch(/^\s*[[{]/);
      const ids = await run(['-o', 'ids', '--query', expr]);
      for (const line of ids.split('\n').filter(Boolean)) expect(line, `-o ids --query '${expr}': one ID per line`).toMatch(/^[^\s]+$/);
    });
  }

  if (c?.mutates && !c.noRun) {
    check(verb, 'dryRun', '--dry-run changes nothing (store, config, files)', async () => {
      const k = contract(verb);
      const args = [...path, ...(await k.args(f)), '--dry-run'];
      const before = world();
      const r = await ecs(args, k.stdin);
      const what = `ecs ${args.join(' ')} → ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
      expect(world(), what).toBe(before);
      expect(r.code, what).toBe(0);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
    });
  }
});

// Keep the password constant referenced (fixtures that need one take it from the table).
void WALKER_PASSWORD;
void execFileSync;
