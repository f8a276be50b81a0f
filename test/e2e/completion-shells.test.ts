// The completion scripts in real shells: bash (COMP_WORDS as bash builds them), zsh (an
// interactive zsh in a zpty, TAB pressed, the matches compadd receives), fish (complete -C).
// `ecs` on PATH is the built binary; the backend is a simulator with two instances.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend.js';
import { BIN, ROOT, runEcs } from '../helpers/run.js';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
/** A missing shell fails in CI (CI installs it) and skips with a reason elsewhere. */
function shellIt(shell: string) {
  return it.skipIf(!has(shell) && process.env.CI !== 'true');
}
for (const s of ['bash', 'zsh', 'fish']) {
  if (!has(s) && process.env.CI !== 'true') console.warn(`skipping ${s} completion tests: ${s} is not installed (apt-get install -y ${s})`);
}

let b: TestBackend;
let env: NodeJS.ProcessEnv;
let ids: string[];
let regions: string[];

beforeAll(async () => {
  b = await testBackend();
  const bin = join(b.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'ecs'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'ecs'), 0o755);
  env = { ...b.env, PATH: `${bin}:${b.env.PATH}`, TERM: 'dumb' };
  ids = [];
  for (const name of ['web-1', 'web-2']) {
    const r = await runEcs(['instance', 'create', '--name', name, '--password-stdin', '-o', 'ids'], { env: b.env, input: 'Str0ng#Passw0rd\n' });
    expect(r.code, r.stderr).toBe(0);
    ids.push(r.stdout.trim());
  }
  const r = await runEcs(['region', 'list', '-o', 'ids'], { env: b.env });
  regions = r.stdout.trim().split('\n');
  expect(regions).toContain('cn-hangzhou');
});
afterAll(async () => b.cleanup());

const sorted = (a: string[]) => [...a].sort();

// ---- bash ------------------------------------------------------------------------------
// COMP_WORDS split the way bash does (COMP_WORDBREAKS includes "=" and ":").
const BASH_DRIVER = `
source "$1"
line="$2"
COMP_LINE="$line"; COMP_POINT=\${#line}
COMP_WORDS=(); for w in $(printf '%s' "$line" | sed 's/=/ = /g'); do COMP_WORDS+=("$w"); done
[[ "$line" == *" " || "$line" == *"=" ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
[[ "\${COMP_WORDS[COMP_CWORD]}" == "" && "\${COMP_WORDS[COMP_CWORD-1]}" == "=" && "$line" == *"=" ]] && unset 'COMP_WORDS[COMP_CWORD]' && COMP_CWORD=$((COMP_CWORD-1))
_ecs_completions ecs "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
function bash(line: string): string[] {
  const out = execFileSync('bash', ['--norc', '-c', BASH_DRIVER, 'driver', join(ROOT, 'completions', 'ecs.bash'), line], { env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

// ---- zsh -------------------------------------------------------------------------------
const ZSH_DRIVER = `
zmodload zsh/zpty
local dir=$1 out=$2 line=$3
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=($dir \\$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd() { local -a __m; if (( \${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; builtin compadd -O __m "$@"; print -rl -- "\${__m[@]}" >> $__OUT.tmp; builtin compadd "$@"; }'
zpty -w z "__OUT=$out; _cap() { : > \\$__OUT.tmp; zle complete-word; mv \\$__OUT.tmp \\$__OUT; }; zle -N _cap; bindkey '^I' _cap"
zpty -w -n z "$line"$'\\t'
for i in {1..200}; do [[ -e $out ]] && break; sleep 0.05; done
zpty -d z
[[ -e $out ]] && cat $out
`;
let zn = 0;
function zsh(line: string): string[] {
  const out = join(b.home, `zsh-out-${zn++}`);
  const res = execFileSync('zsh', ['-f', '-c', ZSH_DRIVER, 'driver', join(ROOT, 'completions'), out, line], { env, encoding: 'utf8', timeout: 20_000 });
  return res.split('\n').filter(Boolean);
}

// ---- fish ------------------------------------------------------------------------------
function fish(line: string): string[] {
  const out = execFileSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', join(ROOT, 'completions', 'ecs.fish'), line], { env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
}

const cases: [string, (line: string) => string[]][] = [
  ['bash', bash],
  ['zsh', zsh],
  ['fish', fish],
];

describe.each(cases)('%s', (shell, run) => {
  shellIt(shell)('ecs inst<TAB> → instance, instance-type', () => {
    expect(sorted(run('ecs inst'))).toEqual(['instance', 'instance-type']);
  });

  shellIt(shell)('ecs instance <TAB> → its verbs', () => {
    const verbs = run('ecs instance ');
    expect(verbs).toEqual(expect.arrayContaining(['create', 'list', 'describe', 'start', 'stop', 'reboot', 'delete', 'reset-password', 'wait']));
    expect(verbs).not.toContain('instance');
  });

  shellIt(shell)('ecs --region <TAB> → the backend\'s regions; --region cn-b<TAB> → cn-beijing', () => {
    expect(sorted(run('ecs --region '))).toEqual(sorted(regions));
    expect(run('ecs --region cn-b')).toEqual(['cn-beijing']);
  });

  shellIt(shell)('ecs instance stop <TAB> → the two instance IDs', () => {
    expect(sorted(run('ecs instance stop '))).toEqual(sorted(ids));
    expect(run(`ecs instance stop ${ids[0]} `)).toEqual([ids[1]]);
  });

  shellIt(shell)('option values: -o <TAB>, --status R<TAB>, --output=<TAB>', () => {
    expect(sorted(run('ecs instance list -o '))).toEqual(['ids', 'json', 'table', 'tsv', 'yaml']);
    expect(run('ecs instance list --status R')).toEqual(['Running']);
    if (shell !== 'bash') expect(run('ecs instance list --output=ya')).toEqual(['--output=yaml']);
    else expect(run('ecs instance list --output=ya')).toEqual(['yaml']); // bash replaces only the part after "="
  });
});
