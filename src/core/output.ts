// -o table|json|tsv|yaml|ids and --query (JMESPath) for every command that returns data.
// JSON keeps the API's field names; tables are aligned on a terminal and tab-separated
// (no header) otherwise.

import { tableCellPainter, type CellPainter } from './colour.js';
import { UsageError } from './errors.js';
import type { IO } from './io.js';

export type OutputFormat = 'table' | 'json' | 'tsv' | 'yaml' | 'ids';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'tsv', 'yaml', 'ids'];

export interface Column<T = any> {
  /** Header (upper-cased on display). */
  header: string;
  /** Field path ("ZoneId", "VpcAttributes.VpcId") or a function. */
  get: string | ((item: T) => unknown);
}

export interface RenderSpec<T = any> {
  columns: Column<T>[];
  /** Field used by -o ids (e.g. "InstanceId", "KeyPairName"). */
  id?: string | ((item: T) => string);
}

export interface OutputOptions {
  format?: OutputFormat;
  query?: string;
}

export function parseOutputFormat(v: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(v)) return v as OutputFormat;
  throw new UsageError(`invalid output format "${v}" (choose from ${OUTPUT_FORMATS.join(', ')})`);
}

export function getPath(item: unknown, path: string): unknown {
  let cur: any = item;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part];
  }
  return cur;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '-';
  if (Array.isArray(v)) return v.length ? v.map(cell).join(',') : '-';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s === '' ? '-' : s.replace(/[\t\n]/g, ' ');
}

function columnValue<T>(item: T, c: Column<T>): string {
  return cell(typeof c.get === 'function' ? c.get(item) : getPath(item, c.get));
}

/**
 * `paint` (core/colour.ts, only for an aligned table on a coloured terminal) colours a cell
 * after its width is measured, so escape codes never shift the columns.
 */
export function renderTable<T>(items: T[], spec: RenderSpec<T>, aligned: boolean, paint?: CellPainter): string {
  const rows = items.map((it) => spec.columns.map((c) => columnValue(it, c)));
  if (!aligned) return rows.map((r) => r.join('\t') + '\n').join('');
  const header = spec.columns.map((c) => c.header.toUpperCase());
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[], body: boolean) =>
    r
      .map((v, i) => {
        const padded = i === r.length - 1 ? v : v.padEnd(widths[i]!);
        return body && paint ? paint(spec.columns[i]!.header, v) + padded.slice(v.length) : padded;
      })
      .join('   ')
      .trimEnd() + '\n';
  return line(header, false) + rows.map((r) => line(r, true)).join('');
}

async function applyQuery(data: unknown, expr: string): Promise<unknown> {
  const { search } = await import('@jmespath-community/jmespath');
  try {
    return search(data as any, expr);
  } catch (e) {
    throw new UsageError(`invalid --query expression: ${(e as Error).message}`);
  }
}

function idOf<T>(item: T, spec?: RenderSpec<T>): string {
  if (item === null || typeof item !== 'object') return String(item);
  if (spec?.id) return typeof spec.id === 'function' ? spec.id(item) : String(getPath(item, spec.id) ?? '');
  const rec = item as Record<string, unknown>;
  const k = Object.keys(rec).find((key) => /Id$|Name$/.test(key));
  return k ? String(rec[k]) : JSON.stringify(item);
}

async function toYaml(v: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(v);
}

/**
 * JSON on stdout: indented on a terminal, compact when piped (as gh does; `jq .` indents).
 * A long array is written in slices, so 10,000 instances never become one 16 MB string.
 */
export function writeJson(io: IO, value: unknown): void {
  if (io.stdoutIsTTY || !Array.isArray(value) || value.length <= 200) {
    io.stdout.write((io.stdoutIsTTY ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n');
    return;
  }
  const SLICE = 200;
  for (let i = 0; i < value.length; i += SLICE) {
    const part = value.slice(i, i + SLICE).map((x) => (x === undefined ? 'null' : JSON.stringify(x))).join(',');
    io.stdout.write((i === 0 ? '[' : ',') + part + (i + SLICE >= value.length ? ']\n' : ''));
  }
}

/** Scalars and lists of scalars from --query print one per line in text formats. */
function plainLines(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : cell(x))).join('\n') + (v.length ? '\n' : '');
  if (v !== null && typeof v === 'object') return JSON.stringify(v, null, 2) + '\n';
  return v === undefined || v === null ? '' : `${v}\n`;
}

/**
 * Render a list (array of API items) or a single item.
 * `single` means the verb returns one resource: json prints the object, not an array.
 */
export async function renderData<T>(
  io: IO,
  data: T[] | T,
  spec: RenderSpec<T>,
  opts: OutputOptions,
  single = false,
): Promise<void> {
  const format = opts.format ?? 'table';
  let value: unknown = data;
  if (opts.query) {
    value = await applyQuery(data, opts.query);
    if (format === 'json' || format === 'table') {
      writeJson(io, value);
      return;
    }
    if (format === 'yaml') {
      io.stdout.write(await toYaml(value));
      return;
    }
    io.stdout.write(plainLines(value));
    return;
  }
  const items: T[] = Array.isArray(data) && !single ? data : [data as T];
  switch (format) {
    case 'json':
      writeJson(io, value);
      return;
    case 'yaml':
      io.stdout.write(await toYaml(value));
      return;
    case 'ids':
      io.stdout.write(items.map((i) => idOf(i, spec) + '\n').join(''));
      return;
    case 'tsv':
      io.stdout.write(renderTable(items, spec, false));
      return;
    case 'table':
      io.stdout.write(renderTable(items, spec, io.stdoutIsTTY, io.stdoutIsTTY ? await tableCellPainter(io) : undefined));
      return;
  }
}

/** Render a describe-style record as "Key: value" lines (table) or the object (json/yaml). */
export async function renderRecord(
  io: IO,
  data: object,
  fields: [label: string, value: unknown][],
  opts: OutputOptions,
  id?: string,
): Promise<void> {
  const format = opts.format ?? 'table';
  if (opts.query || format === 'json' || format === 'yaml') return renderData(io, data, { columns: [] }, opts, true);
  if (format === 'ids') {
    io.stdout.write(`${id ?? idOf(data)}\n`);
    return;
  }
  const width = Math.max(...fields.map(([l]) => l.length)) + 1;
  const sep = format === 'tsv' || !io.stdoutIsTTY ? '\t' : '';
  io.stdout.write(
    fields.map(([l, v]) => (sep ? `${l}\t${cell(v)}\n` : `${(l + ':').padEnd(width + 1)}${cell(v)}\n`)).join(''),
  );
}
