// The one duration parser: "90" (seconds), "90s", "15m", "2h", "1d12h", "1.5h", "2w".
// Used by relative times (--at +2h), `simulator advance` and --wait-timeout.

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
  ['w', 604_800_000],
]);

/**
 * Milliseconds, or undefined when the text is not a duration. `bareSeconds`: a plain number
 * counts as seconds (otherwise a unit is required, as after "+" in a relative time).
 */
export function durationMs(text: string, o: { bareSeconds?: boolean } = {}): number | undefined {
  const t = text.trim().toLowerCase();
  if (o.bareSeconds !== false && /^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const parts = t.match(/\d+(?:\.\d+)?[smhdw]/g);
  if (!parts || parts.join('') !== t) return undefined;
  const ms = parts.reduce((sum, p) => sum + Number(p.slice(0, -1)) * UNIT_MS.get(p.slice(-1))!, 0);
  return Number.isFinite(ms) ? ms : undefined;
}
