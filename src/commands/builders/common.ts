// Pieces every builder uses: the one concurrency default, --columns, help examples, and
// the completion declarations a verb carries (which resource an argument or option names).

import type { Command } from 'commander';
import { positiveInt } from '../shared/parse.js';
import { UsageError } from '../../core/errors.js';
import { getPath, type Column } from '../../core/output.js';
import type { CompletionDecl } from '../types.js';

export { positiveInt };

/** API calls in flight at once for a bulk verb (`--concurrency` default). */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

export function addConcurrencyOption(cmd: Command, what = 'API calls in flight at once'): void {
  cmd.option('--concurrency <n>', `${what} (default ${DEFAULT_CONCURRENCY})`, positiveInt('--concurrency', 1, MAX_CONCURRENCY), DEFAULT_CONCURRENCY);
}

/** "Examples:" (and an optional paragraph before them) after the verb's help. */
export function addExamples(cmd: Command, examples: string[], text?: string): void {
  const parts: string[] = [];
  if (text) parts.push(text.trim());
  if (examples.length) parts.push(`Examples:\n${examples.map((e) => `  ${e}`).join('\n')}`);
  if (parts.length) cmd.addHelpText('after', `\n${parts.join('\n\n')}`);
}

/** The key --columns knows a column by: its header, lower case, spaces as dashes ("private-ip"). */
export function columnKey(c: Column): string {
  return c.header.toLowerCase().replace(/\s+/g, '-');
}

export function addColumnsOption(cmd: Command, columns: Column[]): void {
  cmd.option('--columns <list>', `table/tsv columns, comma-separated: ${columns.map(columnKey).join(',')} or any API field (VpcAttributes.VpcId)`);
}

/**
 * The columns --columns asks for, in its order: known keys by name, API field paths
 * (a capital letter first: "InstanceType", "VpcAttributes.VpcId") as new columns.
 */
export function selectColumns<T>(all: Column<T>[], list: string | undefined): Column<T>[] {
  if (list === undefined) return all;
  const byKey = new Map(all.map((c) => [columnKey(c), c]));
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new UsageError('--columns needs at least one column name');
  return names.map((n) => {
    const known = byKey.get(n.toLowerCase());
    if (known) return known;
    if (/^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(n)) return { header: n, get: (item: T) => getPath(item, n) };
    throw new UsageError(`--columns: unknown column "${n}" (choose from ${all.map(columnKey).join(', ')}, or an API field such as InstanceType)`);
  });
}

/** Merge completion declarations (builders add theirs to the verb's own). */
export function mergeCompletion(a?: CompletionDecl, b?: CompletionDecl): CompletionDecl | undefined {
  if (!a) return b;
  if (!b) return a;
  return { args: b.args ?? a.args, options: { ...(a.options ?? {}), ...(b.options ?? {}) } };
}
