// Text that a server or a file supplies (error messages, names, descriptions, comments) is
// made safe before it reaches a terminal: escape sequences (CSI, OSC, DCS …) are removed
// whole, other control characters (C0 but tab, DEL, C1) and bidi overrides are dropped, and
// the result is cut to a sane length. An error Message holding "\e[2J\e]0;pwned\a" must not
// clear the screen or retitle the window; a 1 MiB message must not fill the scrollback.

/** ESC-introduced sequences and their 8-bit (C1) forms, with their parameters/payloads. */
const ESCAPES = new RegExp(
  [
    '\\x1b\\[[0-?]*[ -/]*[@-~]?', // CSI … final
    '\\x9b[0-?]*[ -/]*[@-~]?', // 8-bit CSI
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?', // OSC/DCS/SOS/PM/APC … ST or BEL
    '\\x1b[ -/]*[0-~]?', // other ESC sequences (charset selection, RIS "ESC c" …)
  ].join('|'),
  'g',
);
/** Remaining controls: C0 but \t and \n, DEL, C1; bidi embeddings/overrides/isolates. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_NEWLINES = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Anything sanitize() may remove or change (tab and newline included: they may be rewritten). */
const ANY_CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export const SANITIZE_MAX = 500;

export interface SanitizeOptions {
  /** Longest result in characters (the ellipsis included); Infinity for no cut. Default 500. */
  max?: number;
  /** Keep "\n" (multi-line text); otherwise newlines become spaces. Default false. */
  newlines?: boolean;
}

/** `s` without control characters or escape sequences, cut to `max` characters with "…". */
export function sanitize(s: unknown, o: SanitizeOptions = {}): string {
  const max = o.max ?? SANITIZE_MAX;
  const src = typeof s === 'string' ? s : String(s ?? '');
  // Cut first (leaving room for sequences that will be removed) so a huge input costs little.
  const limit = Number.isFinite(max) ? max * 4 + 1024 : Infinity;
  let t = src.length > limit ? src.slice(0, limit) : src;
  const precut = t.length < src.length;
  // Fast path (the usual case: names, IDs, messages): nothing to remove and short enough.
  if (!precut && t.length <= max && !ANY_CONTROL.test(t)) return t;
  t = t.replace(ESCAPES, '');
  t = o.newlines ? t.replace(/\r\n?/g, '\n').replace(CONTROLS, '') : t.replace(/\r\n?|\n/g, ' ').replace(CONTROLS_AND_NEWLINES, '');
  if (t.length > max || precut) {
    // never leave half of a surrogate pair before the ellipsis
    return `${t.slice(0, Math.max(0, max - 1)).replace(/[\uD800-\uDBFF]$/, '')}…`;
  }
  return t;
}
