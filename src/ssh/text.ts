// Text that a remote host or file supplies (command output, error messages, file names)
// passes through clean() before it reaches a terminal or a one-line error: control
// characters (C0, DEL, C1, and the bidi/zero-width format characters) become "?" so an
// escape sequence cannot repaint the screen, and lines are joined.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line: controls replaced, CR/LF/TAB runs turned into single spaces, trimmed, capped. */
export function clean(s: string, max = 300): string {
  const one = s.replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '?').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** Several lines (e.g. a diff): controls replaced on each line, line breaks kept. */
export function cleanLines(s: string): string {
  return s.replace(/\r/g, '').split('\n').map((l) => l.replace(/\t/g, '    ').replace(CONTROL, '?')).join('\n');
}

/** POSIX shell single-quoting for arguments of remote commands. */
export function shq(s: string): string {
  if (s.includes('\0')) throw new Error('a NUL byte cannot be passed to a remote command');
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
