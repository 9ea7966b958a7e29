import { median, round, spread } from './stats';
import type { ScenarioRow } from './report';

/**
 * Platform and baseline measured in alternating rounds of the same run, so that noise from
 * the rest of the machine hits both; each side's value is the median of its round values.
 */
export async function interleaved<T>(
  rounds: number,
  platform: () => Promise<T>,
  baseline: () => Promise<T>,
): Promise<{ platform: T[]; baseline: T[] }> {
  const out = { platform: [] as T[], baseline: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which side goes first, so neither always runs on a warmer machine.
    if (i % 2 === 0) {
      out.platform.push(await platform());
      out.baseline.push(await baseline());
    } else {
      out.baseline.push(await baseline());
      out.platform.push(await platform());
    }
  }
  return out;
}

/**
 * A row from per-round values. `higherIsBetter` metrics (throughput) meet `at least` when
 * ratio ≥ target; time metrics meet `at most` when ratio ≤ target.
 */
export function ratioRow(
  metric: string,
  unit: string,
  platformRounds: number[],
  baselineRounds: number[],
  target: { atLeast?: number; atMost?: number } | null,
): ScenarioRow {
  const platform = median(platformRounds);
  const baseline = median(baselineRounds);
  const ratio = platform / baseline;
  let met: boolean | null = null;
  let targetText = 'none (reported)';
  if (target?.atLeast !== undefined) {
    met = ratio >= target.atLeast;
    targetText = `≥ ${target.atLeast}`;
  } else if (target?.atMost !== undefined) {
    met = ratio <= target.atMost;
    targetText = `≤ ${target.atMost}`;
  }
  return {
    metric,
    unit,
    platform: round(platform),
    baseline: round(baseline),
    ratio: round(ratio),
    spread: spread(platformRounds, baselineRounds),
    target: targetText,
    met,
  };
}
