// -o table|json|tsv|yaml|ids and --query (JMESPath) for every command that returns data.
// JSON keeps the API's field names; tables are aligned on a terminal and tab-separated
// (no header) otherwise.

import { tableCellPainter, type CellPainter } from './colour.js';
import { UsageError } from './errors.js';
import type { IO } from './io.js';
import { sanitize } from './sanitize.js';

export type OutputFormat = 'table' | 'json' | 'tsv' | 'yaml' | 'ids' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'tsv', 'yaml', 'ids'];
/** Only verbs that declare it (CommandModule.sarif: the audits) accept -o sarif. */
export const SARIF_FORMAT = 'sarif';

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
  if ((OUTPUT_FORMATS as readonly string[]).includes(v) || v === SARIF_FORMAT) return v as OutputFormat;
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
  // Server-supplied text: no escape sequences or control characters reach the terminal.
  return s === '' ? '-' : sanitize(s, { max: Infinity }).replace(/\t/g, ' ');
}

function columnValue<T>(item: T, c: Column<T>): string {
  return cell(typeof c.get === 'function' ? c.get(item) : getPath(item, c.get));
}

const COLUMN_GAP = 3;

/**
 * Column widths that fit `maxWidth` (the terminal's width), as gh does: the widest columns
 * give way first, none below its header (nor below 4 characters); natural widths otherwise.
 */
export function fitWidths(natural: number[], headers: string[], maxWidth?: number): number[] {
  const w = [...natural];
  if (!maxWidth || maxWidth <= 0) return w;
  let total = w.reduce((a, b) => a + b, 0) + COLUMN_GAP * Math.max(0, w.length - 1);
  const floor = headers.map((h, i) => Math.min(natural[i]!, Math.max(h.length, 4)));
  while (total > maxWidth) {
    let widest = -1;
    for (let i = 0; i < w.length; i++) if (w[i]! > floor[i]! && (widest < 0 || w[i]! > w[widest]!)) widest = i;
    if (widest < 0) break; // cannot shrink further: the terminal wraps
    w[widest]!--;
    total--;
  }
  return w;
}

function truncate(v: string, width: number): string {
  return v.length <= width ? v : width <= 1 ? v.slice(0, width) : `${v.slice(0, width - 1)}…`;
}

/**
 * `paint` (core/colour.ts, only for an aligned table on a coloured terminal) colours a cell
 * after its width is measured, so escape codes never shift the columns. `maxWidth` (the
 * terminal's columns) shrinks the widest columns and cuts their cells with "…".
 */
export function renderTable<T>(items: T[], spec: RenderSpec<T>, aligned: boolean, paint?: CellPainter, maxWidth?: number): string {
  const rows = items.map((it) => spec.columns.map((c) => columnValue(it, c)));
  if (!aligned) return rows.map((r) => r.join('\t') + '\n').join('');
  const header = spec.columns.map((c) => c.header.toUpperCase());
  const widths = fitWidths(
    header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length))),
    header,
    maxWidth,
  );
  const line = (r: string[], body: boolean) =>
    r
      .map((raw, i) => {
        const v = truncate(raw, widths[i]!);
        const padded = i === r.length - 1 ? v : v.padEnd(widths[i]!);
        return body && paint ? paint(spec.columns[i]!.header, v) + padded.slice(v.length) : padded;
      })
      .join(' '.repeat(COLUMN_GAP))
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
  // One JSON.stringify per slice, written without its brackets: no string per item to join,
  // no copy to add the separators (10,000 instances: ~55 ms instead of ~90).
  writeArrayText(io, (function* slices() {
    for (let i = 0; i < value.length; i += 200) yield JSON.stringify(value.slice(i, i + 200)).slice(1, -1);
  })());
}

/** A JSON array on stdout from the texts of its parts (each the items' JSON without brackets), compact. */
function writeArrayText(io: IO, parts: Iterable<string>): void {
  io.stdout.write('[');
  let first = true;
  for (const p of parts) {
    if (!first) io.stdout.write(',');
    first = false;
    writeText(io, p);
  }
  io.stdout.write(']\n');
}

const utf8 = new TextEncoder();

/**
 * Write a long text to stdout as UTF-8 in one pass (TextEncoder.encodeInto into a buffer of
 * the largest size it can need): a stream given a string measures its UTF-8 length first and
 * then encodes it, two passes over text that is mostly UTF-16 inside (one non-Latin-1
 * character, such as an OS name's 位, makes the whole JSON text two-byte): ~6 ms less for the
 * 12.5 MB of 10,000 instances. A fresh buffer each time: the stream may keep it queued.
 */
function writeText(io: IO, s: string): void {
  if (s.length < 65_536) {
    io.stdout.write(s);
    return;
  }
  const buf = Buffer.allocUnsafe(s.length * 3);
  const { written } = utf8.encodeInto(s, buf);
  io.stdout.write(buf.subarray(0, written));
}

/**
 * A JSON array built page by page (`ecs <noun> list -o json`): each page becomes its JSON text
 * when it arrives, so the page's objects die young instead of living until the whole list is
 * in (10,000 instances: scavenges ~30 → ~20 ms). Nothing is written before the last
 * page is in, so a list that fails half-way prints nothing on stdout. The text is exactly
 * JSON.stringify of all the items.
 */
export class JsonListText {
  private readonly parts: string[] = [];

  add(items: readonly unknown[]): void {
    if (items.length) this.parts.push(JSON.stringify(items).slice(1, -1));
  }

  /** The compact form (stdout is not a terminal: a terminal gets writeJson's indented form). */
  write(io: IO): void {
    writeArrayText(io, this.parts);
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
    // The query first, then the format asked (issue 7 §1.5). Without -o, JSON (as gh --jq).
    if (opts.format === undefined || format === 'json') {
      writeJson(io, value);
      return;
    }
    if (format === 'yaml') {
      io.stdout.write(await toYaml(value));
      return;
    }
    const rows = Array.isArray(value) ? value : [value];
    const records = rows.length > 0 && rows.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r));
    if (records) {
      // Objects the query selected: their fields are the columns (in first-seen order).
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
      const qspec: RenderSpec<Record<string, unknown>> = { columns: keys.map((k) => ({ header: k, get: (x) => (Object.hasOwn(x, k) ? x[k] : undefined) })) };
      const idField = typeof spec.id === 'string' && keys.includes(spec.id) ? spec.id : undefined;
      if (format === 'ids') {
        // The verb's ID field when selected, else the first field named …Id or …Name, else the first field.
        const idOfRecord = (r: Record<string, unknown>) => {
          const k = idField ?? Object.keys(r).find((key) => /Id$|Name$/.test(key)) ?? Object.keys(r)[0];
          return k === undefined ? '' : cell(r[k]);
        };
        io.stdout.write(rows.map((r) => idOfRecord(r as Record<string, unknown>) + '\n').join(''));
      }
      else io.stdout.write(renderTable(rows as Record<string, unknown>[], qspec, format === 'table' && io.stdoutIsTTY, format === 'table' && io.stdoutIsTTY ? await tableCellPainter(io) : undefined, io.columns));
      return;
    }
    if (rows.length > 0 && rows.every((r) => Array.isArray(r))) {
      // A multi-select list ([].[a, b]): one row per item, its cells tab-separated (-o ids: the first).
      io.stdout.write(rows.map((r) => (format === 'ids' ? cell((r as unknown[])[0]) : (r as unknown[]).map(cell).join('\t')) + '\n').join(''));
      return;
    }
    io.stdout.write(plainLines(value));
    return;
  }
  const items: T[] = Array.isArray(data) && !single ? data : [data as T];
  switch (format) {
    case 'json':
    case 'sarif': // verbs that accept sarif render it themselves; never reached otherwise
      writeJson(io, value);
      return;
    case 'yaml':
      io.stdout.write(await toYaml(value));
      return;
    case 'ids':
      io.stdout.write(items.map((i) => sanitize(idOf(i, spec), { max: Infinity }) + '\n').join(''));
      return;
    case 'tsv':
      io.stdout.write(renderTable(items, spec, false));
      return;
    case 'table':
      io.stdout.write(renderTable(items, spec, io.stdoutIsTTY, io.stdoutIsTTY ? await tableCellPainter(io) : undefined, io.columns));
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
