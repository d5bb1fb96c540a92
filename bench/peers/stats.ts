// Pure helpers of the peer benchmark: percentiles, ratios and how figures are printed. Unit-tested in
// test/unit/bench/stats.test.ts; nothing here measures time.

/** The `p`-th percentile (0-100) of `values` by the nearest-rank method; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** `ours / theirs`, or NaN when either is missing or theirs is 0. */
export function ratio(ours: number | undefined, theirs: number | undefined): number {
  if (ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return Number.NaN;
  return ours / theirs;
}

/** Operations per second of `ops` done in `ms`. */
export function perSecond(ops: number, ms: number): number {
  return ms > 0 ? (ops * 1000) / ms : Number.NaN;
}

/** A figure with about three significant digits, thousands separated; "–" when missing. */
export function formatFigure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** Whether `value` meets a target `{ op, bound }` (`≤` or `≥`); undefined when the value is missing. */
export function meets(value: number, target: { op: '<=' | '>='; bound: number }): boolean | undefined {
  if (!Number.isFinite(value)) return undefined;
  return target.op === '<=' ? value <= target.bound : value >= target.bound;
}
