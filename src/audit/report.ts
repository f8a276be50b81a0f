// Audit output: a table grouped by file with coloured severities (terminal), -o json (the
// findings array, COMMANDS.md contract), -o sarif (SARIF 2.1.0), the other formats through
// the common renderer; --fail-on decides exit code 3.

import { pathToFileURL } from 'node:url';
import type { Context } from '../core/context.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { RULES } from './rules.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from './types.js';

export function parseSeverity(v: string, flag = '--fail-on'): Severity {
  const s = v.toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(s)) return s as Severity;
  throw new UsageError(`${flag} must be one of ${SEVERITIES.join(', ')}, got "${v}"`);
}

/** Text from files and hosts, made safe for a terminal: control characters become "?". */
export function stripControl(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) {
      out += s.slice(last, i) + '?';
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

const ORDER = new Map<string, number>(RULES.map((r, i) => [r.id, i]));

/** Stable order: host, file, line, rule. */
export function sortFindings(list: Finding[]): Finding[] {
  // code-unit order (not localeCompare: 100,000 findings sort in milliseconds)
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...list].sort((a, b) => cmp(a.host ?? '', b.host ?? '') || cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (ORDER.get(a.rule) ?? 0) - (ORDER.get(b.rule) ?? 0));
}

export function summary(list: Finding[]): string {
  if (!list.length) return 'no findings';
  const counts = SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n)
    .reverse()
    .map(([s, n]) => `${n} ${s}`);
  return `${list.length} finding${list.length === 1 ? '' : 's'}: ${counts.join(', ')}`;
}

export interface ReportOptions {
  failOn?: Severity;
  /** findings already sorted */
  sorted?: boolean;
}

/** Print the findings in the chosen format; returns the exit code (3 with --fail-on hits). */
export async function reportFindings(ctx: Context, findings: Finding[], opts: ReportOptions = {}): Promise<number> {
  const list = opts.sorted ? findings : sortFindings(findings);
  const format = ctx.outputFormat as string;
  if (format === 'sarif') {
    ctx.io.stdout.write(JSON.stringify(toSarif(list), null, ctx.io.stdoutIsTTY ? 2 : undefined) + '\n');
  } else if (format === 'table' && !ctx.globals.query) {
    ctx.io.stdout.write(await renderText(list, ctx));
    if (list.length || !ctx.quiet) ctx.io.stderr.write(`${summary(list)}\n`);
  } else {
    await ctx.render(list, {
      columns: [
        { header: 'Severity', get: 'severity' },
        { header: 'Rule', get: 'rule' },
        { header: 'File', get: (f: Finding) => stripControl(f.host ? `${f.host}:${f.file}` : f.file) },
        { header: 'Line', get: 'line' },
        { header: 'Message', get: (f: Finding) => stripControl(f.message) },
        { header: 'Fix', get: (f: Finding) => stripControl(f.fix) },
      ],
      id: 'rule',
    });
  }
  if (opts.failOn) {
    const min = severityRank(opts.failOn);
    if (list.some((f) => severityRank(f.severity) >= min)) return ExitCode.AUDIT;
  }
  return 0;
}

type Paint = (s: Severity, text: string) => string;

async function painter(ctx: Context): Promise<{ sev: Paint; dim: (s: string) => string; bold: (s: string) => string }> {
  // chalk ignores NO_COLOR on a terminal: the decision is ctx.io.color (NO_COLOR, --no-color, TTY)
  if (!(ctx.io.color && ctx.io.stdoutIsTTY)) return { sev: (_s, t) => t, dim: (t) => t, bold: (t) => t };
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  const map: Record<Severity, (t: string) => string> = {
    critical: (t) => c.bgRed.white.bold(t),
    high: (t) => c.red.bold(t),
    medium: (t) => c.yellow(t),
    low: (t) => c.cyan(t),
    info: (t) => c.gray(t),
  };
  return { sev: (s, t) => map[s](t), dim: (t) => c.dim(t), bold: (t) => c.bold(t) };
}

/** The table grouped by (host and) file: severity, rule, line, message, then the fix. */
async function renderText(list: Finding[], ctx: Context): Promise<string> {
  const p = await painter(ctx);
  let out = '';
  let group: string | undefined;
  for (const f of list) {
    const g = stripControl(f.host ? `${f.host}:${f.file}` : f.file);
    if (g !== group) {
      out += `${group === undefined ? '' : '\n'}${p.bold(g)}\n`;
      group = g;
    }
    const sev = f.severity.toUpperCase().padEnd(8);
    const line = f.line === null ? '-' : String(f.line);
    out += `  ${p.sev(f.severity, sev)} ${f.rule.padEnd(6)} ${line.padStart(6)}  ${stripControl(f.message)}\n`;
    out += `  ${' '.repeat(8 + 1 + 6 + 1 + 6)}  ${p.dim(`fix: ${stripControl(f.fix)}`)}\n`;
  }
  return out;
}

// ---- SARIF 2.1.0 ----------------------------------------------------------------------------
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning's numeric severity (CVSS-like bands) */
const SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

function uriOf(file: string, host?: string): string {
  if (host) return `ssh://${encodeURI(host)}${file.startsWith('/') ? encodeURI(file) : `/${encodeURI(file)}`}`;
  if (file.startsWith('/')) return pathToFileURL(file).href;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return encodeURI(file);
  return encodeURI(file);
}

export function toSarif(list: Finding[], version = '0.1.0'): unknown {
  const used = [...new Set(list.map((f) => f.rule))];
  const index = new Map(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const r = RULES.find((x) => x.id === id)!;
    return {
      id: r.id,
      name: r.id,
      shortDescription: { text: r.title },
      fullDescription: { text: r.title },
      help: { text: r.fix },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { severity: r.severity, 'security-severity': SCORE[r.severity], tags: ['security', r.kind], ...(r.ref ? { reference: r.ref } : {}) },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ecs audit', version, semanticVersion: version, rules } },
        results: list.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule)!,
          level: LEVEL[f.severity],
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.file, f.host) },
                ...(f.line !== null ? { region: { startLine: f.line } } : {}),
              },
            },
          ],
          properties: { severity: f.severity, fix: f.fix, ...(f.host ? { host: f.host } : {}) },
        })),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}
