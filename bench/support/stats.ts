/** Order statistics over a sample; every benchmark reports medians and a spread. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds to a few significant digits for tables. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** "min–max" of each side's round medians, as text for the summary. */
export function spread(platform: readonly number[], baseline: readonly number[], unit = ''): string {
  const range = (v: readonly number[]) => `${round(Math.min(...v))}–${round(Math.max(...v))}${unit}`;
  return `platform ${range(platform)}, baseline ${range(baseline)} (min–max of ${platform.length} rounds)`;
}
