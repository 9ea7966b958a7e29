import type { ComplaintView } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from './complaint-rows';

/** How often the complainant came before this complaint: ComplaintView's repeat counts. */
export interface ComplainantHistory {
  /** Other complaints in the 30 days up to this one. */
  recent: number;
  /** Other complaints in the 24 hours up to this one. */
  sameDay: number;
}

/** For decisions that do not depend on the complainant's history (clocks, approval chains). */
export const NO_HISTORY: ComplainantHistory = { recent: 0, sameDay: 0 };

/**
 * What the plugin sees of a complaint: no names, no contact details. `executedAt` is when its
 * current resolution was carried out (a resolution row's), for the rules that measure to it.
 */
export function toComplaintView(
  row: ComplaintRow,
  history: ComplainantHistory = NO_HISTORY,
  executedAt: Date | null = null,
): ComplaintView {
  return {
    channel: row.channel,
    status: row.status,
    demands: row.demands,
    description: row.description,
    categoryCode: row.categoryCode,
    priority: row.priority,
    major: row.major,
    receivedAt: row.receivedAt,
    executedAt,
    closedAt: row.closedAt ?? null,
    fields: row.fields,
    recentComplaintsOfComplainant: history.recent,
    sameDayComplaintsOfComplainant: history.sameDay,
  };
}

/**
 * The complainant history as SQL columns `recent` and `same_day`: complaints of `customer`
 * other than `self` up to `at` (each argument an SQL expression or parameter).
 */
export function complainantHistorySql(customer: string, self: string, at: string): string {
  return `SELECT count(*)::int AS recent,
                 count(*) FILTER (WHERE o.received_at > ${at} - interval '24 hours')::int AS same_day
            FROM complaints o
           WHERE o.customer_id = ${customer} AND o.id IS DISTINCT FROM ${self}
             AND o.received_at > ${at} - interval '30 days' AND o.received_at <= ${at}`;
}

export async function complainantHistory(
  tx: TenantTransaction,
  customerId: string,
  at: Date,
  excludeComplaintId: string | null,
): Promise<ComplainantHistory> {
  const [row] = await tx.query<{ recent: number; same_day: number }>(complainantHistorySql('$1', '$2::uuid', '$3::timestamptz'), [
    customerId,
    excludeComplaintId,
    at,
  ]);
  return { recent: row.recent, sameDay: row.same_day };
}
