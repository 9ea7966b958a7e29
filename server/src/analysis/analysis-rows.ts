/** Rows of the analysis statements (statistics.service.ts, hotspots.service.ts). */

/** The group keys of a statistics row: `k0`, `k1`, … one per grouping dimension. */
export type GroupKeyColumns = { [column: `k${number}`]: string | null };

/** Per group: how many complaints, how often reopened, and the percentiles of each stage (hours). */
export type StatisticsTotalsRow = GroupKeyColumns & {
  count: number;
  reopen_rate: number | null;
  ack_median: number | null;
  ack_p90: number | null;
  resolve_median: number | null;
  resolve_p90: number | null;
  close_median: number | null;
  close_p90: number | null;
};

/** Per group and stage: deadlines met and missed. */
export type StatisticsStageRow = GroupKeyColumns & { stage: string; met: number; missed: number };

/** Per group and survey dimension: the average score (on today's scale) and how many answered. */
export type StatisticsScoreRow = GroupKeyColumns & { dimension: string; average: number | null; responses: number };

export interface AssetHotspotRow {
  id: string;
  name: string;
  serial_number: string | null;
  model: string | null;
  count: number;
}

export interface ProductHotspotRow {
  model: string;
  count: number;
}

export interface CustomerHotspotRow {
  id: string;
  name: string;
  phone: string;
  count: number;
}

/** Penalties of one subject (a user or a department) in one currency; an amount has its currency. */
export type PenaltyTotalRow = {
  subject_user_id: string | null;
  subject_department_id: string | null;
  count: number;
  points: number;
} & ({ currency: string; amount: number } | { currency: null; amount: null });
