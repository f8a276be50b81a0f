// Editing sshd_config for `ecs host harden`, as sshd reads it: keywords are
// case-insensitive, the FIRST value obtained wins, `Include` is expanded in place (so a
// value in an included file read before ours would win), and `Match` blocks override the
// global section for the connections they match.
//
// For each wanted keyword: the first global occurrence is set when no Include comes
// before it; otherwise (absent, or after an Include) a new line is inserted before the
// first Include/Match so it is read first. Later global occurrences and occurrences inside
// Match blocks with another value are set too, so no block re-enables what was disabled.

export interface Edit {
  /** 1-based line in the old file (inserted lines: the line they go before) */
  line: number;
  old: string | null;
  new: string;
}

interface Entry {
  old: string | null;
  text: string;
}

const LINE_RE = /^(\s*)([A-Za-z][A-Za-z0-9]*)(\s*=\s*|\s+)(\S.*?)?\s*$/;

function parse(line: string): { indent: string; keyword: string; value: string } | undefined {
  const body = line.replace(/\r$/, '');
  if (/^\s*(#|$)/.test(body)) return undefined;
  const m = LINE_RE.exec(body);
  if (!m) return undefined;
  return { indent: m[1]!, keyword: m[2]!, value: (m[4] ?? '').split(/\s+/)[0]!.replace(/^"(.*)"$/, '$1') };
}

export interface EditResult {
  text: string;
  edits: Edit[];
  entries: Entry[];
  oldLines: string[];
  /** the file ends with a line break (kept as it was) */
  eol: boolean;
}

// keywords sshd reads as the same setting (servconf.c): the first of them obtained wins
const ALIASES = new Map<string, string[]>([
  ['kbdinteractiveauthentication', ['kbdinteractiveauthentication', 'challengeresponseauthentication']],
  ['challengeresponseauthentication', ['kbdinteractiveauthentication', 'challengeresponseauthentication']],
  ['pubkeyauthentication', ['pubkeyauthentication', 'dsaauthentication']],
]);

export function editSshdConfig(text: string, want: [keyword: string, value: string][]): EditResult {
  const oldLines = text === '' ? [] : text.split('\n');
  const trailingNewline = text === '' || text.endsWith('\n');
  if (text.endsWith('\n')) oldLines.pop();
  const entries: Entry[] = oldLines.map((l) => ({ old: l, text: l }));
  const inserts = new Map<number, string[]>(); // before old index
  const edits: Edit[] = [];
  const parsed = oldLines.map(parse);
  const firstMatch = parsed.findIndex((p) => p?.keyword.toLowerCase() === 'match');
  const globalEnd = firstMatch < 0 ? oldLines.length : firstMatch;
  const firstInclude = parsed.slice(0, globalEnd).findIndex((p) => p?.keyword.toLowerCase() === 'include');
  const cr = oldLines.some((l) => l.endsWith('\r')) ? '\r' : '';

  for (const [keyword, value] of want) {
    const names = ALIASES.get(keyword.toLowerCase()) ?? [keyword.toLowerCase()];
    const set = (i: number) => {
      const p = parsed[i]!;
      if (p.value.toLowerCase() === value.toLowerCase()) return;
      const line = `${p.indent}${p.keyword} ${value}${oldLines[i]!.endsWith('\r') ? '\r' : ''}`;
      entries[i]!.text = line;
      edits.push({ line: i + 1, old: oldLines[i]!, new: line });
    };
    const globalHits: number[] = [];
    const matchHits: number[] = [];
    parsed.forEach((p, i) => {
      if (!p || !names.includes(p.keyword.toLowerCase())) return;
      (i < globalEnd ? globalHits : matchHits).push(i);
    });
    const first = globalHits[0];
    if (first === undefined || (firstInclude >= 0 && firstInclude < first)) {
      // ours must be read first: before the first Include, else before the first Match
      const at = firstInclude >= 0 ? firstInclude : globalEnd;
      const line = `${keyword} ${value}${cr}`;
      const list = inserts.get(at) ?? [];
      list.push(line);
      inserts.set(at, list);
      edits.push({ line: at + 1, old: null, new: line });
    }
    for (const i of globalHits) set(i);
    for (const i of matchHits) set(i);
  }

  const out: Entry[] = [];
  for (let i = 0; i <= entries.length; i++) {
    for (const l of inserts.get(i) ?? []) out.push({ old: null, text: l });
    if (i < entries.length) out.push(entries[i]!);
  }
  edits.sort((a, b) => a.line - b.line);
  return { text: out.map((e) => e.text).join('\n') + (trailingNewline && out.length ? '\n' : ''), edits, entries: out, oldLines, eol: trailingNewline };
}

/** A unified diff (3 lines of context) of an edit, for --dry-run. */
export function unifiedDiff(r: EditResult, oldName: string, newName: string): string {
  // rows: ' ' unchanged, '-'/'+' replaced, '+' inserted; with old/new line numbers
  type Row = { tag: ' ' | '-' | '+'; text: string; o: number; n: number };
  const rows: Row[] = [];
  let o = 0;
  let n = 0;
  const ents = r.entries;
  for (let i = 0; i < ents.length; ) {
    const e = ents[i]!;
    if (e.old !== null && e.old === e.text) {
      rows.push({ tag: ' ', text: e.text, o: o++, n: n++ });
      i++;
      continue;
    }
    // a run of changed lines: the old ones, then the new ones (as diff -u prints them)
    let j = i;
    while (j < ents.length && !(ents[j]!.old !== null && ents[j]!.old === ents[j]!.text)) j++;
    const run = ents.slice(i, j);
    for (const x of run) if (x.old !== null) rows.push({ tag: '-', text: x.old, o: o++, n });
    for (const x of run) rows.push({ tag: '+', text: x.text, o, n: n++ });
    i = j;
  }
  const oldTotal = o;
  const newTotal = n;
  const changed = rows.map((row, i) => (row.tag !== ' ' ? i : -1)).filter((i) => i >= 0);
  if (!changed.length) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i]! - 3);
    let end = Math.min(rows.length - 1, changed[i]! + 3);
    while (i + 1 < changed.length && changed[i + 1]! - 3 <= end + 1) {
      i++;
      end = Math.min(rows.length - 1, changed[i]! + 3);
    }
    i++;
    const hunk = rows.slice(start, end + 1);
    const oldCount = hunk.filter((h) => h.tag !== '+').length;
    const newCount = hunk.filter((h) => h.tag !== '-').length;
    const first = hunk[0]!;
    const oStart = oldCount ? first.o + 1 : first.o;
    const nStart = newCount ? first.n + 1 : first.n;
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
    out.push(`@@ -${range(oStart, oldCount)} +${range(nStart, newCount)} @@`);
    for (const h of hunk) {
      out.push(`${h.tag}${h.text.replace(/\r$/, '')}`);
      // diff -u marks a last line without a line break
      if (!r.eol && ((h.tag !== '+' && h.o === oldTotal - 1) || (h.tag !== '-' && h.n === newTotal - 1))) out.push('\\ No newline at end of file');
    }
    start = end;
  }
  return `${out.join('\n')}\n`;
}
