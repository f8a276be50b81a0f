// Colour, decided here and nowhere else (chalk ignores NO_COLOR on a terminal, ora's symbols
// and inquirer's styles read the environment but not --no-color):
//   - per stream: off when the stream is not a terminal, with NO_COLOR (non-empty), with
//     --no-color, or with TERM=dumb; FORCE_COLOR (not "0") turns it back on
//     (reference/cli-conventions.md §5: "check stdout and stderr separately");
//   - statuses in tables are coloured on a terminal: Running/Available green, Stopped and
//     failed red, the transitional ones yellow, gone ones grey;
//   - spinners and prompts get plain symbols and styles when stderr has no colour.

import type { IO } from './io.js';

/** May this stream be coloured? (`isTTY`: that stream is a terminal.) */
export function colourAllowed(env: NodeJS.ProcessEnv, isTTY: boolean, noColorFlag?: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export type StatusStyle = 'green' | 'red' | 'yellow' | 'gray';

/** Lower-cased status or result word → its colour. A Map: values come from a server. */
const STATUS_STYLES = new Map<string, StatusStyle>([
  ['running', 'green'],
  ['available', 'green'],
  ['ok', 'green'],
  ['stopped', 'red'],
  ['failed', 'red'],
  ['unavailable', 'red'],
  ['pending', 'yellow'],
  ['starting', 'yellow'],
  ['stopping', 'yellow'],
  ['creating', 'yellow'],
  ['rebooting', 'yellow'],
  ['deleting', 'yellow'],
  ['deleted', 'gray'],
  ['released', 'gray'],
]);

export function statusStyle(value: string): StatusStyle | undefined {
  return STATUS_STYLES.get(value.toLowerCase());
}

/** Table columns whose cells are statuses. */
const STATUS_COLUMNS = new Set(['status', 'result']);

/** Colours one table cell: (column header as declared, cell text) → text to print. */
export type CellPainter = (header: string, value: string) => string;

/**
 * The painter for tables on stdout, or undefined when stdout is not coloured. chalk is
 * loaded only then, with its level forced: the decision is ours, not chalk's.
 */
export async function tableCellPainter(io: IO): Promise<CellPainter | undefined> {
  if (!(io.colorOut ?? false)) return undefined;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return (header, value) => {
    if (!STATUS_COLUMNS.has(header.toLowerCase())) return value;
    const style = statusStyle(value);
    return style ? chalk[style](value) : value;
  };
}

/** Does stderr (progress, prompts, messages) get colour? */
export function stderrColour(io: IO): boolean {
  return io.colorErr ?? io.color;
}

const plain = (t: string) => t;

/**
 * Theme for @inquirer prompts: undefined (their own colours) when stderr is coloured,
 * otherwise plain symbols and styles, so --no-color is honoured as NO_COLOR is.
 */
export function promptTheme(io: IO): Record<string, unknown> | undefined {
  if (stderrColour(io)) return undefined;
  // inquirer's default theme (@inquirer/core lib/theme.js) without its styleText calls.
  return {
    prefix: { idle: '?', done: '✔' },
    spinner: { interval: 80, frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] },
    style: {
      answer: plain,
      message: plain,
      error: (t: string) => `> ${t}`,
      defaultAnswer: (t: string) => `(${t})`,
      help: plain,
      highlight: plain,
      key: (t: string) => `<${t}>`,
      keysHelpTip: (keys: [string, string][]) => keys.map(([k, a]) => `${k} ${a}`).join(' • '),
    },
  };
}
